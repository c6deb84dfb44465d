"""A participant on a phone signs in, switches to Spanish and sees their hours."""

import pytest

from lms.hours.models import HoursKind
from lms.hours.services import hours_credit
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_participant_switches_to_spanish_and_sees_hours(
    live_server, new_page, participant, case_manager
):
    from django.utils import timezone

    hours_credit(
        participant=participant,
        kind=HoursKind.COACHING,
        minutes=90,
        date=timezone.localdate(),
        source="e2e:1",
        approved_by=case_manager,
    )
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, participant.user.username, TEST_PASSWORD)
    page.wait_for_url("**/me/")
    page.click("button[name=language][value=es]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    page.click("text=Mis horas")
    page.wait_for_url("**/me/hours/")
    assert page.locator("h1").inner_text() == "Mis horas"
    assert "90 minutos aprobados" in page.content()
    # Nothing overflows a phone screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
