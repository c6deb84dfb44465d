"""On a phone, a participant starts a course and answers a knowledge check (no H5P)."""

import pytest

from courses.models import ModuleCompletion, Statement
from lms.hours.models import HoursEntry, HoursKind, HoursStatus
from tests.courses.factories import check_block, course_page, module_page
from tests.e2e.conftest import PHONE, sign_in
from tests.e2e.test_courses_h5p import wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_participant_answers_a_knowledge_check(settings, live_server, new_page, participant):
    settings.COURSES_HEARTBEAT_SECONDS = 1
    settings.COURSES_TIME_BLOCK_MINUTES = 1
    course = course_page()
    module = module_page(course, slug="safety", blocks=[check_block("kc")])
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, participant.user.username)
    page.wait_for_url("**/me/")
    page.goto(f"{live_server.url}{course.url}")
    page.get_by_role("button", name="Start this course").click()
    page.wait_for_url(f"**{module.url}")

    page.get_by_label("A cap").check()
    page.get_by_label("Falls").check()
    page.get_by_role("button", name="Check my answers").click()
    page.get_by_text("You got 1 of 2 right.").wait_for()
    assert page.get_by_text("A cap does not protect you.").is_visible()
    assert not wait_for(page, lambda: ModuleCompletion.objects.exists(), timeout_ms=500)

    page.get_by_label("A hard hat").check()
    page.get_by_label("Falls").check()
    page.get_by_role("button", name="Check my answers again").click()
    page.get_by_text("You got 2 of 2 right.").wait_for()

    assert wait_for(page, lambda: Statement.objects.filter(participant=participant).count() == 2)
    best = wait_for(page, lambda: Statement.objects.filter(score_scaled=1).first())
    assert (best.score_raw, best.score_max) == (2, 2)
    assert wait_for(
        page,
        lambda: ModuleCompletion.objects.filter(participant=participant, module=module).exists(),
    )
    page.mouse.wheel(0, 200)  # activity keeps the time running
    assert wait_for(
        page,
        lambda: HoursEntry.objects.filter(
            participant=participant, kind=HoursKind.MODULE, status=HoursStatus.PENDING
        ).exists(),
    )
    page.goto(f"{live_server.url}/me/")
    assert page.get_by_text("1 of 1 modules done").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
