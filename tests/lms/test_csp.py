"""Every page carries a Content-Security-Policy: strict for the site, wider for the CMS."""

import json
import re

import pytest
from django.test import override_settings

from lms.settings.origins import storage_origins

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"


def directives(response, header=HEADER) -> dict[str, list[str]]:
    policy = response[header]
    found = {}
    for part in policy.split(";"):
        name, *values = part.split()
        found[name] = values
    return found


def assert_strict(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]


def test_participant_pages_are_strict(client_for, participant):
    client = client_for(participant.user)
    for url in ("/me/", "/credentials/wallet/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_staff_pages_are_strict(client_for, case_manager, participant):
    client = client_for(case_manager)
    for url in ("/staff/", "/staff/participants/", f"/staff/participants/{participant.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_public_pages_are_strict(client, db):
    for url in ("/accounts/login/", "/credentials/verify/", "/accounts/password/reset/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_the_cms_gets_its_own_wider_policy(client_for, program_admin):
    response = client_for(program_admin).get("/cms/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_a_page_without_inline_script_has_no_nonce_and_scripts_are_files(client, db):
    response = client.get("/accounts/login/")
    assert "nonce-" not in response[HEADER]
    for script in re.findall(r"<script[^>]*>", response.text):
        assert "src=" in script or "application/json" in script
    assert not re.search(r"\son[a-z]+=", response.text)


def test_a_nonce_asked_for_is_in_the_header_and_new_on_each_request(rf):
    from lms.csp import SiteCSPMiddleware

    def view(request):
        from django.http import HttpResponse

        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    middleware = SiteCSPMiddleware(view)
    nonces = set()
    for _ in range(2):
        request = rf.get("/somewhere/")
        response = middleware(request)
        nonce = re.search(r"nonce='([^']+)'", response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in directives(response)["script-src"]
        nonces.add(nonce)
    assert len(nonces) == 2


def test_sandboxed_player_and_private_files_keep_their_own_policy(rf):
    from django.http import HttpResponse

    from courses.views import SANDBOX_CSP
    from lms.csp import SiteCSPMiddleware

    def view(request):
        response = HttpResponse("")
        response[HEADER] = SANDBOX_CSP
        return response

    assert SiteCSPMiddleware(view)(rf.get("/courses/h5p/player/1/"))[HEADER] == SANDBOX_CSP


@override_settings(LMS_CSP_REPORT_ONLY=True)
def test_report_only_switch_sends_the_policy_without_enforcing_it(client, db):
    response = client.get("/accounts/login/")
    assert HEADER not in response
    assert "default-src 'self'" in response["Content-Security-Policy-Report-Only"]


def test_violation_reports_are_logged_and_bounded(client, db, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://site.example/me/",
            "effective-directive": "script-src-elem",
            "blocked-uri": "https://evil.example/x.js",
        }
    }
    with caplog.at_level("WARNING", logger="lms.csp"):
        response = client.post("/csp-report/", json.dumps(report), "application/csp-report")
    assert response.status_code == 204
    assert "evil.example/x.js" in caplog.text
    assert client.post("/csp-report/", "not json", "application/csp-report").status_code == 400
    huge = json.dumps({"csp-report": {"blocked-uri": "x" * 20000}})
    assert client.post("/csp-report/", huge, "application/csp-report").status_code == 413
    assert client.get("/csp-report/").status_code == 405


def test_media_in_a_bucket_is_allowed_as_images():
    assert storage_origins("media", "", "us-west-2", "") == [
        "https://media.s3.amazonaws.com",
        "https://media.s3.us-west-2.amazonaws.com",
        "https://s3.us-west-2.amazonaws.com",
    ]
    assert storage_origins("m", "https://minio.example:9000", "", "") == [
        "https://minio.example:9000",
        "https://m.minio.example:9000",
    ]
    assert storage_origins("m", "", "", "cdn.example") == ["https://cdn.example"]


@override_settings(
    MEDIA_URL="https://cdn.example/media/", LMS_CSP_MEDIA_ORIGINS=["https://b.example"]
)
def test_media_origins_reach_the_policy():
    from lms.csp import site_directives

    policy = site_directives()
    assert "https://cdn.example" in policy["img-src"]
    assert "https://b.example" in policy["media-src"]
    assert "https://cdn.example" not in policy["script-src"]


def test_the_policy_built_once_is_the_policy_django_csp_would_build(client, db):
    from csp.utils import build_policy

    from lms.csp import site_directives

    assert client.get("/accounts/login/")[HEADER] == build_policy(config=site_directives())
