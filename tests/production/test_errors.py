"""Backing-service faults answer 503 with Retry-After: JSON to JSON clients, a page to people.

The end-to-end version (a real database made unreachable under gunicorn) is in
test_faults.py; here the handler itself, with real exceptions.
"""

import json

import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory, override_settings

from lms.errors import server_error, wants_json

factory = RequestFactory()


def handled(request, error):
    """Call handler500 as Django does: while the exception is being handled."""
    try:
        raise error
    except Exception:
        return server_error(request)


@pytest.mark.parametrize(
    ("path", "headers", "expected"),
    [
        ("/courses/api/statements/", {"content_type": "application/json"}, True),
        ("/staff/cbi/sessions/4/attendance/", {"HTTP_ACCEPT": "application/json"}, True),
        ("/credentials/c/abc", {"HTTP_ACCEPT": "application/ld+json"}, True),
        ("/credentials/c/abc.json", {}, True),
        ("/me/", {"HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8"}, False),
        ("/me/", {"HTTP_ACCEPT": "*/*"}, False),
        ("/me/", {}, False),
    ],
)
def test_json_clients_are_recognised(path, headers, expected):
    content_type = headers.pop("content_type", None)
    if content_type:
        request = factory.post(path, data="{}", content_type=content_type, **headers)
    else:
        request = factory.get(path, **headers)
    assert wants_json(request) is expected


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection to server at 10.0.0.5 failed: timeout expired"),
        InterfaceError("connection already closed"),
    ],
)
def test_database_fault_gives_json_503_to_the_retry_queues(error):
    request = factory.post("/courses/api/heartbeat/", data="{}", content_type="application/json")
    response = handled(request, error)
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["error"] == "unavailable"
    assert "try again" in body["message"]
    assert "10.0.0.5" not in response.content.decode()  # no internals leak


def test_storage_fault_is_a_503_too():
    from botocore.exceptions import EndpointConnectionError

    request = factory.get("/courses/h5p/files/abc/content/image.png")
    response = handled(request, EndpointConnectionError(endpoint_url="https://s3.internal"))
    assert response.status_code == 503
    assert "s3.internal" not in response.content.decode()


def test_pages_get_a_plain_503_page_in_the_visitors_language():
    request = factory.get("/me/", HTTP_ACCEPT="text/html")
    response = handled(request, OperationalError("server closed the connection unexpectedly"))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<h1>" in html and "try again" in html
    assert "unexpectedly" not in html
    from django.utils import translation

    with translation.override("es"):
        spanish = handled(request, OperationalError("x")).content.decode()
    assert 'lang="es"' in spanish
    assert "Inténtelo de nuevo" in spanish


def test_other_errors_stay_500_and_json_clients_still_get_json():
    request = factory.post("/courses/api/statements/", data="{}", content_type="application/json")
    response = handled(request, ValueError("a bug"))
    assert response.status_code == 500
    assert json.loads(response.content)["error"] == "server_error"
    page = handled(factory.get("/me/"), ValueError("a bug"))
    assert page.status_code == 500 and "Retry-After" not in page
    assert "a bug" not in page.content.decode()


@pytest.mark.django_db
def test_health_check_answers_by_ip_over_plain_http(client):
    with override_settings(ALLOWED_HOSTS=["learn.example.org"], SECURE_SSL_REDIRECT=True):
        response = client.get("/healthz", HTTP_HOST="10.0.0.12")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
        assert response["Cache-Control"] == "no-store"
        assert client.get("/", HTTP_HOST="10.0.0.12").status_code == 400  # others still checked
