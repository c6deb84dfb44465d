"""H5P core's 2024 rules (h5p-php-library H5PValidator): each crafted bad package is refused
with its own message and leaves nothing in storage; what core allows still imports."""

import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage

from courses.h5p.services import h5p_package_import

from .factories import make_zip, minimal_package_files
from .test_h5p_packages import refused

pytestmark = pytest.mark.django_db

LIBRARY = "H5P.Tiny-1.0/library.json"


def library(**changes) -> str:
    data = json.loads(minimal_package_files()[LIBRARY])
    data.update(changes)
    return json.dumps({k: v for k, v in data.items() if v is not None})


def h5p_json(**changes) -> str:
    data = json.loads(minimal_package_files()["h5p.json"])
    data.update(changes)
    return json.dumps({k: v for k, v in data.items() if v is not None})


def package(**files):
    return make_zip(minimal_package_files(**files))


def stored(package, path) -> bytes:
    with default_storage.open(f"{package.storage_prefix}/{path}", "rb") as handle:
        return handle.read()


# --- content/ uses the content whitelist ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("content/evil.js", ".js"),
        ("content/evil.css", ".css"),
        ("content/data.xml", ".xml"),
        ("content/images/EVIL.JS", ".js"),
        ("content/page.html", ".html"),
        ("content/shell.php", ".php"),
    ],
)
def test_content_folder_refuses_active_files(name, kind):
    error = refused(package(**{name: "alert(1)"}), "disallowed_content_file")
    assert error.messages == [f"H5P does not accept {kind} files in the content folder: {name}"]


def test_content_svg_with_script_is_stored_sanitized():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" viewBox="0 0 4 4">'
        b"<script>alert(2)</script><foreignObject><p>x</p></foreignObject>"
        b'<a href="javascript:alert(3)"><rect width="4" height="4" onclick="alert(4)"/></a>'
        b'<image href="https://tracker.example/p.png"/><circle r="1" fill="red"/></svg>'
    )
    imported, _created = h5p_package_import(package(**{"content/images/shape.svg": svg}))
    clean = stored(imported, "content/images/shape.svg").decode()
    for bad in ("script", "onload", "onclick", "foreignObject", "javascript:", "tracker"):
        assert bad not in clean
    assert '<circle r="1" fill="red"' in clean and "<rect" in clean


def test_content_svg_is_refused_when_sanitizing_is_off(settings):
    settings.COURSES_H5P_SANITIZE_CONTENT_SVG = False
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>'
    refused(package(**{"content/shape.svg": svg}), "disallowed_content_file")


@pytest.mark.parametrize(
    "svg",
    [
        b"not xml at all",
        b'<!DOCTYPE svg [<!ENTITY lol "lol">]><svg xmlns="http://www.w3.org/2000/svg">&lol;</svg>',
        b"<html><script>alert(1)</script></html>",
    ],
)
def test_unreadable_content_svg_is_refused(svg):
    error = refused(package(**{"content/shape.svg": svg}), "invalid_svg")
    assert "content/shape.svg" in error.messages[0]


def test_library_folders_may_add_js_css_svg_and_xml():
    imported, created = h5p_package_import(
        package(
            **{
                "H5P.Tiny-1.0/styles/tiny.css": "a{}",
                "H5P.Tiny-1.0/icon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
                "H5P.Tiny-1.0/data/words.xml": "<words/>",
            }
        )
    )
    assert created
    assert stored(imported, "H5P.Tiny-1.0/data/words.xml") == b"<words/>"


def test_files_at_the_root_are_not_stored():
    imported, _created = h5p_package_import(package(**{"evil.js": "alert(1)"}))
    assert not default_storage.exists(f"{imported.storage_prefix}/evil.js")


# --- library folders ---------------------------------------------------------------------------


def test_library_folder_must_match_its_library_json():
    error = refused(package(**{LIBRARY: library(minorVersion=2)}), "library_folder_mismatch")
    assert "H5P.Tiny-1.0" in error.messages[0] and "H5P.Tiny-1.2" in error.messages[0]


def test_a_stray_library_folder_must_match_too():
    other = library(machineName="H5P.Other", majorVersion=2, minorVersion=0)
    files = {"H5P.Wrong-2.0/library.json": other, "H5P.Wrong-2.0/tiny.js": "x"}
    refused(package(**files), "library_folder_mismatch")


def test_folder_without_library_json_is_refused():
    error = refused(package(**{"H5P.Extra-1.0/extra.js": "x"}), "missing_library_json")
    assert "H5P.Extra-1.0/library.json" in error.messages[0]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": None}, "is missing the required property title."),
        ({"patchVersion": None}, "is missing the required property patchVersion."),
        ({"runnable": None}, "is missing the required property runnable."),
        ({"majorVersion": "1.0"}, "majorVersion is not valid."),
        ({"minorVersion": -1}, "minorVersion is not valid."),
        ({"patchVersion": 123456}, "patchVersion is not valid."),
        ({"patchVersion": True}, "patchVersion is not valid."),
        ({"machineName": "H5P Tiny!"}, "machineName is not valid."),
        ({"runnable": 2}, "runnable is not valid."),
        ({"license": "WTFPL"}, "license is not valid."),
        ({"preloadedJs": [{"path": "tiny.php"}]}, "preloadedJs[0].path is not valid."),
        ({"preloadedJs": [{"file": "tiny.js"}]}, "required property preloadedJs[0].path"),
        ({"preloadedCss": "tiny.css"}, "preloadedCss is not valid."),
        ({"embedTypes": ["script"]}, "script is not an allowed value of embedTypes."),
        ({"preloadedDependencies": [{"machineName": "H5P.X"}]}, "preloadedDependencies[0]"),
        ({"metadataSettings": {"disable": 0}}, "metadataSettings.disableExtraTitleField"),
        ({"coreApi": {"majorVersion": "one", "minorVersion": 0}}, "coreApi.majorVersion"),
    ],
)
def test_library_json_follows_core_rules(changes, message):
    error = refused(package(**{LIBRARY: library(**changes)}), "invalid_library")
    assert error.messages[0].startswith("H5P.Tiny-1.0/library.json")
    assert message in error.messages[0]


def test_missing_preloaded_file_is_refused():
    error = refused(
        package(**{LIBRARY: library(preloadedCss=[{"path": "styles/gone.css"}])}),
        "missing_library_file",
    )
    assert "H5P.Tiny-1.0/styles/gone.css" in error.messages[0]


def test_library_needing_a_newer_core_is_refused():
    newer = library(coreApi={"majorVersion": 2, "minorVersion": 0})
    refused(package(**{LIBRARY: newer}), "unsupported_core_api")


def test_invalid_semantics_json_is_refused():
    refused(package(**{"H5P.Tiny-1.0/semantics.json": "{oops"}), "invalid_semantics")


@pytest.mark.parametrize(
    ("name", "data"),
    [("H5P.Tiny-1.0/language/../../x.json", "{}"), ("H5P.Tiny-1.0/language/e$s.json", "{}")],
)
def test_invalid_language_file_is_refused(name, data):
    with pytest.raises(Exception) as caught:
        h5p_package_import(package(**{name: data}))
    assert caught.value.code in ("unsafe_path", "invalid_language_file")


def test_unparseable_language_file_is_refused():
    refused(package(**{"H5P.Tiny-1.0/language/es.json": "{"}), "invalid_language_file")


# --- h5p.json ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": None}, "h5p.json is missing the required property title."),
        ({"title": "x" * 256}, "h5p.json: title is not valid."),
        ({"language": None}, "h5p.json is missing the required property language."),
        ({"language": "english please"}, "h5p.json: language is not valid."),
        ({"embedTypes": None}, "h5p.json is missing the required property embedTypes."),
        ({"embedTypes": "iframe"}, "h5p.json: embedTypes is not valid."),
        ({"mainLibrary": "1Tiny"}, "h5p.json: mainLibrary is not valid."),
        ({"preloadedDependencies": []}, "h5p.json: preloadedDependencies is not valid."),
        (
            {
                "preloadedDependencies": [
                    {"machineName": "H5P.Tiny", "majorVersion": "x", "minorVersion": 0}
                ]
            },
            "h5p.json: preloadedDependencies[0].majorVersion is not valid.",
        ),
        ({"license": "MIT"}, "h5p.json: license is not valid."),
        ({"authors": [{"name": "A"}]}, "missing the required property authors[0].role."),
        ({"source": "javascript:alert(1)"}, "h5p.json: source is not valid."),
    ],
)
def test_h5p_json_follows_core_rules(changes, message):
    error = refused(package(**{"h5p.json": h5p_json(**changes)}), "invalid_h5p_json")
    assert error.messages == [message] or message in error.messages[0]


def test_h5p_json_must_be_an_object():
    refused(package(**{"h5p.json": "[1, 2]"}), "invalid_json")


def test_main_library_must_be_a_dependency():
    refused(package(**{"h5p.json": h5p_json(mainLibrary="H5P.Other")}), "missing_library")


# --- names as packages write them ---------------------------------------------------------------


def test_utf8_names_without_the_zip_utf8_flag_are_read_as_utf8():
    """PHP's ZipArchive writes UTF-8 names without the flag; Python would read them as CP437."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in minimal_package_files().items():
            archive.writestr(name, data)
        info = zipfile.ZipInfo("content/images/caf\u00e9 ni\u00f1o.png")
        archive.writestr(info, b"png")
    raw = bytearray(buffer.getvalue())
    # Clear the UTF-8 flag (bit 11) in both headers, leaving the UTF-8 bytes of the name.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := raw.find(signature, start)) != -1:
            flags = int.from_bytes(raw[start + offset : start + offset + 2], "little")
            raw[start + offset : start + offset + 2] = (flags & ~0x800).to_bytes(2, "little")
            start += 4
    imported, _created = h5p_package_import(io.BytesIO(bytes(raw)))
    assert stored(imported, "content/images/caf\u00e9 ni\u00f1o.png") == b"png"
