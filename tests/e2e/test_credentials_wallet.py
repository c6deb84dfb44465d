"""A participant shares a credential from a phone; an employer checks it without an account."""

import json

import pytest

from credentials.services import credential_issue, credential_revoke
from tests.credentials.factories import AchievementFactory
from tests.e2e.conftest import LAPTOP, PHONE
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_share_link_verifies_then_shows_revoked_and_edited_file_fails(
    live_server, new_page, settings, participant, partner_admin, tmp_path
):
    settings.PUBLIC_BASE_URL = live_server.url
    credential, _ = credential_issue(
        participant=participant, achievement=AchievementFactory(name="Forklift Safety")
    )

    phone = new_page(
        viewport=PHONE, locale="en-US", permissions=["clipboard-read", "clipboard-write"]
    )
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.fill("input[name=login]", participant.user.username)
    phone.fill("input[name=password]", TEST_PASSWORD)
    phone.press("input[name=password]", "Enter")  # the login form's own submit
    phone.wait_for_url("**/me/")
    phone.click("text=My credentials")
    phone.wait_for_url("**/credentials/wallet/")
    phone.click("button[data-copy]")
    phone.wait_for_selector("text=Link copied")
    link = phone.evaluate("navigator.clipboard.readText()")
    assert link == f"{live_server.url}/credentials/c/{credential.public_id}"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    employer = new_page(viewport=LAPTOP, locale="en-US")  # a fresh context: no account, no cookies
    employer.goto(link)
    assert employer.locator("#verdict-heading").inner_text().strip().endswith("Verified")
    assert "Forklift Safety" in employer.content()

    credential_revoke(actor=partner_admin, credential=credential, reason="Issued in error")
    employer.reload()
    assert employer.locator("#verdict-heading").inner_text().strip().endswith("Revoked")

    document = json.loads(credential.signed_json)
    document["credentialSubject"]["achievement"]["name"] = "Crane Operator"
    edited = tmp_path / "credential.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    employer.goto(f"{live_server.url}/credentials/verify/")
    employer.set_input_files("input[type=file]", str(edited))
    employer.click("form[data-drop-zone] button[type=submit]")
    employer.wait_for_selector("#verdict-heading")
    assert "Cannot be verified" in employer.locator("#verdict-heading").inner_text()
