"""The player's file route: CORS preflight, real-world file names, long caching, sandboxing."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from courses.h5p.services import h5p_package_import

from .factories import make_zip, minimal_package_files

pytestmark = pytest.mark.django_db

NAMES = [
    "content/images/photo (1)+copy.jpg",
    "content/images/100%.png",
    "content/images/caf\u00e9 ni\u00f1o.jpg",
    "content/audio/\u00dcbung 2 \u2013 l\u00f6sung.mp3",
]


@pytest.fixture
def package():
    files = {name: f"bytes of {name}".encode() for name in NAMES}
    return h5p_package_import(make_zip(minimal_package_files(**files)))[0]


def file_url(package, path):
    return f"/courses/h5p/files/{package.content_hash}/{quote(path)}"


@pytest.mark.parametrize("name", NAMES)
def test_names_with_spaces_plus_parentheses_percent_and_accents_are_served(client, package, name):
    response = client.get(file_url(package, name))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == f"bytes of {name}".encode()


def test_files_are_cached_for_a_year_and_stay_sandboxed(client, package):
    response = client.get(file_url(package, NAMES[0]))
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox allow-scripts"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight_is_answered_for_the_sound_library(client, package):
    """SoundJS adds X-Requested-With, so the opaque-origin frame sends OPTIONS first."""
    path = "H5P.Tiny-1.0/tiny.js"
    response = client.options(
        reverse("courses:h5p_file", args=[package.content_hash, path]),
        HTTP_ORIGIN="null",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-requested-with",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "X-Requested-With" in response["Access-Control-Allow-Headers"]
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in response


def test_head_is_answered(client, package):
    response = client.head(file_url(package, "H5P.Tiny-1.0/tiny.js"))
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_writes_are_refused(client, package, method):
    response = getattr(client, method)(file_url(package, "H5P.Tiny-1.0/tiny.js"))
    assert response.status_code == 405


@pytest.mark.parametrize(
    "raw",
    [
        "content%2F..%2F..%2Fh5p.json",
        "content/%2e%2e/h5p.json",
        "content%5C..%5Ch5p.json",
        "content/images/a%00.jpg",
        "content/images/a%0A.jpg",
        ".git/config",
        "content//content.json",
    ],
)
def test_crafted_paths_are_refused(client, package, raw):
    response = client.get(f"/courses/h5p/files/{package.content_hash}/{raw}")
    assert response.status_code == (400 if "%00" in raw else 404)  # NUL: refused site-wide


def test_unknown_package_is_not_found(client):
    assert client.get(f"/courses/h5p/files/{'0' * 64}/h5p.json").status_code == 404
