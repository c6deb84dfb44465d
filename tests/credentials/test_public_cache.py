"""The public credential answers are cached, and never outlive a change of status or date."""

from datetime import timedelta

import pytest
from django.utils import timezone

from credentials import public_cache, verification
from credentials.services import credential_revoke, credential_set_private, issuer_key_rotate
from tests.credentials.test_views import status_of


@pytest.fixture
def page_url(credential):
    return f"/credentials/c/{credential.public_id}"


def test_a_second_visit_is_answered_without_the_database(
    client, page_url, django_assert_num_queries
):
    first = client.get(page_url)
    assert status_of(first) == "verified"
    with django_assert_num_queries(0):
        again = client.get(page_url)
    assert again.content == first.content
    for url in (page_url + ".json", page_url + ".png"):
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200


def test_shared_answers_carry_no_cookie_or_form_token_and_can_be_kept_by_a_cdn(client, page_url):
    response = client.get(page_url)
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert response["Cache-Control"].startswith("public, max-age=")
    assert response["ETag"]
    for header in ("Accept", "Accept-Language", "Cookie"):
        assert header in response["Vary"]


def test_a_visitor_who_has_the_answer_gets_304(client, page_url):
    etag = client.get(page_url)["ETag"]
    response = client.get(page_url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert client.get(page_url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_revocation_shows_on_the_next_visit(
    client, page_url, credential, partner_admin, django_capture_on_commit_callbacks
):
    assert status_of(client.get(page_url)) == "verified"
    before = client.get(page_url)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        credential_revoke(actor=partner_admin, credential=credential, reason="Issued in error")
    response = client.get(page_url)
    assert status_of(response) == "revoked"
    assert client.get(page_url, HTTP_IF_NONE_MATCH=before).status_code == 200


def test_hiding_a_credential_shows_on_the_next_visit(
    client, page_url, credential, participant, django_capture_on_commit_callbacks
):
    client.get(page_url)
    client.get(page_url + ".json")
    with django_capture_on_commit_callbacks(execute=True):
        credential_set_private(participant=participant, credential=credential, private=True)
    assert "data-status" not in client.get(page_url).content.decode()
    assert client.get(page_url + ".json").status_code == 404
    assert client.get(page_url + ".png").status_code == 404


def test_a_key_rotation_makes_every_answer_fresh(
    client, page_url, credential, partner_admin, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    client.get(page_url)
    version = cache.get(public_cache._VERSION)
    with django_capture_on_commit_callbacks(execute=True):
        issuer_key_rotate(actor=partner_admin, issuer=credential.issuer)
    assert cache.get(public_cache._VERSION) != version
    assert status_of(client.get(page_url)) == "verified"  # old keys still verify


def test_an_answer_is_not_kept_past_the_credentials_expiry():
    now = timezone.now()
    assert public_cache._lifetime([None, now + timedelta(seconds=42)], now) == 42
    assert public_cache._lifetime([now - timedelta(days=1), None], now) == 300
    assert public_cache._lifetime([now + timedelta(days=9)], now) == 300


def test_an_expired_credential_is_shown_expired_once_its_date_passes(
    client, participant, issue, time_machine
):
    from tests.credentials.factories import AchievementFactory

    credential = issue(participant, AchievementFactory(validity_days=1))
    url = f"/credentials/c/{credential.public_id}"
    assert status_of(client.get(url)) == "verified"
    time_machine.move_to(timezone.now() + timedelta(days=1, minutes=1))
    assert status_of(client.get(url)) == "expired"


def test_signed_in_visitors_get_their_own_page_never_stored(client_for, page_url, participant, rf):
    from django.core.cache import cache

    client = client_for(participant.user)
    response = client.get(page_url)
    assert response["Cache-Control"] == "private, no-cache"
    assert status_of(response) == "verified"
    assert cache.get(public_cache._entry_key(rf.get(page_url))) is None


def test_each_language_has_its_own_answer_and_a_link_to_switch(client, page_url):
    english = client.get(page_url).content.decode()
    assert "Verified" in english
    switched = client.get(f"/language/es/?next={page_url}")
    assert switched.status_code == 302
    assert switched["Location"] == page_url
    spanish = client.get(page_url).content.decode()
    assert 'lang="es"' in spanish
    assert "Verificad" in spanish


def test_the_language_link_refuses_other_sites_and_unknown_languages(client, db):
    assert client.get("/language/es/?next=https://evil.example/")["Location"] == "/"
    assert client.get("/language/xx/").status_code == 404
    assert client.post("/language/es/").status_code == 405


def test_a_signature_is_checked_once_per_content_and_key(credential, monkeypatch):
    import json

    calls = []
    real = verification.verify
    monkeypatch.setattr(verification, "verify", lambda *a: calls.append(1) or real(*a))
    verification._verified_here.clear()
    document = json.loads(credential.signed_json)
    assert verification.verify_credential(document).is_verified
    first = len(calls)  # the credential's and (once per process) its status list's
    assert verification.verify_credential(json.loads(credential.signed_json)).is_verified
    assert len(calls) == first
    document["credentialSubject"]["achievement"]["name"] = "Crane Operator"
    result = verification.verify_credential(document)
    assert result.status == verification.INVALID
    assert len(calls) == first + 1


def test_status_list_can_be_revalidated(client, credential):
    url = f"/credentials/status/{credential.status_list.public_id}"
    response = client.get(url)
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=60"
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_new_status_list_is_served_once_published(
    client, credential, partner_admin, django_capture_on_commit_callbacks
):
    url = f"/credentials/status/{credential.status_list.public_id}"
    before = client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        credential_revoke(actor=partner_admin, credential=credential, reason="Issued in error")
    assert client.get(url).content != before


def test_the_shared_answer_is_the_same_from_the_cache_as_built(client, page_url):
    built = client.get(page_url)
    stored = client.get(page_url)
    for header in ("Content-Type", "Content-Language", "X-Frame-Options", "ETag", "Vary"):
        assert stored.get(header) == built.get(header), header
    assert stored.content == built.content


def test_unknown_credentials_are_not_stored(client, db, rf):
    from django.core.cache import cache

    assert client.get("/credentials/c/nope").status_code == 404
    assert cache.get(public_cache._entry_key(rf.get("/credentials/c/nope"))) is None


def test_another_server_shows_a_revocation_within_a_second(
    client, page_url, credential, partner_admin, django_capture_on_commit_callbacks, monkeypatch
):
    client.get(page_url)
    assert status_of(client.get(page_url)) == "verified"  # now remembered by this server
    other_server_memory = dict(public_cache._recent)
    with django_capture_on_commit_callbacks(execute=True):
        credential_revoke(actor=partner_admin, credential=credential, reason="Issued in error")
    assert status_of(client.get(page_url)) == "revoked"  # the server that changed it
    public_cache._recent.clear()
    public_cache._recent.update(other_server_memory)  # a server that still remembers
    assert status_of(client.get(page_url)) == "verified"
    later = public_cache.time.monotonic() + public_cache.LOCAL_SECONDS + 0.01
    monkeypatch.setattr(public_cache.time, "monotonic", lambda: later)
    assert status_of(client.get(page_url)) == "revoked"


def test_a_credential_page_has_the_site_policy_built_or_from_the_cache(client, page_url):
    from tests.lms.test_csp import HEADER, assert_strict

    first, again = client.get(page_url), client.get(page_url)
    assert_strict(first)
    assert first[HEADER] == again[HEADER]
    assert "nonce-" not in first[HEADER]  # a shared page must not carry one visitor's nonce
