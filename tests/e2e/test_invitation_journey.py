"""A case manager enrolls someone without e-mail; on a phone they set a password and are in."""

import pytest

from lms.people.models import Participant
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import TEST_TOTP_SECRET

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "sunny bench by the river"  # noqa: S105


def test_enrolled_participant_opens_the_link_on_a_phone_and_lands_on_their_dashboard(
    live_server, new_page, settings, org, case_manager
):
    settings.PUBLIC_BASE_URL = live_server.url

    # The case manager, on their phone: enroll (no e-mail, a phone number), get the link.
    staff = new_page(
        viewport=PHONE, locale="en-US", permissions=["clipboard-read", "clipboard-write"]
    )
    sign_in(staff, live_server, case_manager.username, totp_secret=TEST_TOTP_SECRET)
    staff.goto(f"{live_server.url}/staff/participants/new/")
    staff.fill("input[name=preferred_name]", "Dana")
    staff.fill("input[name=legal_name]", "Dana Q. Public")
    staff.fill("input[name=phone]", "(213) 555-0142")
    staff.select_option("select[name=case_manager]", str(case_manager.pk))
    staff.fill("input[name=enrollment_date]", "2026-11-02")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url("**/invitation/")
    link = staff.input_value("#invite-url")
    assert link.startswith(f"{live_server.url}/invite/")
    sms = staff.get_by_role("link", name="Text the link").get_attribute("href")
    assert sms.startswith("sms:2135550142?&body=Hi%20Dana")
    staff.get_by_role("button", name="Copy the link").click()
    staff.get_by_text("Link copied.").wait_for()
    assert staff.evaluate("navigator.clipboard.readText()") == link
    staff.evaluate("window.print = () => { window.printed = true; }")
    staff.get_by_role("button", name="Print").click()
    assert staff.evaluate("window.printed") is True
    assert staff.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    participant = Participant.objects.get(preferred_name="Dana")
    assert participant.email == ""

    # The participant, on their own phone (a fresh browser): open the link.
    phone = new_page(viewport=PHONE, locale="en-US")
    response = phone.goto(link)
    assert response.status == 200
    assert participant.user.username in phone.locator("main").inner_text()
    # Switch to Spanish on the set-password page (a POST from this page: CSRF must pass).
    phone.click("button[name=language][value=es]")
    phone.wait_for_function("document.documentElement.lang === 'es'")
    assert phone.url == link
    assert "contraseña" in phone.locator("h1").inner_text().lower()
    phone.fill("input[name=password1]", NEW_PASSWORD)
    phone.fill("input[name=password2]", NEW_PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/me/")
    assert phone.locator("html").get_attribute("lang") == "es"
    assert participant.user.username in phone.locator(".messages").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    participant.user.refresh_from_db()
    assert participant.user.check_password(NEW_PASSWORD)
    # The token stays off other sites' logs (checked last: what matters is that it works).
    assert response.headers["referrer-policy"] == "same-origin"

    # The link worked once.
    again = new_page(viewport=PHONE, locale="en-US").goto(link)
    assert again.status == 410
