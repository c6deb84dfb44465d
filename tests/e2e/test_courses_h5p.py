"""On a phone, a participant answers a real H5P question; the server records it all."""

import pytest
from django.db import OperationalError

from courses.h5p.services import h5p_package_import
from courses.models import ActivityProgress, ModuleCompletion, Statement
from courses.services import enrollment_create
from lms.hours.models import HoursEntry, HoursKind, HoursStatus
from tests.courses.factories import course_page, h5p_block, module_page, samples_dir
from tests.e2e.conftest import PHONE, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def truefalse_module(participant):
    path = samples_dir() / "truefalse.h5p"
    if not path.is_file():
        pytest.skip(f"H5P samples folder absent ({path.parent}); set H5P_SAMPLES_DIR.")
    with path.open("rb") as upload:
        package, _created = h5p_package_import(upload)
    course = course_page()
    module = module_page(course, slug="true-or-false", blocks=[h5p_block(package, "tf")])
    enrollment_create(participant=participant, course=course)
    return module


def wait_for(page, check, timeout_ms=15000):
    """Poll the database (the live server writes meanwhile; SQLite may be briefly locked)."""
    for _ in range(timeout_ms // 250):
        try:
            result = check()
        except OperationalError:
            result = None
        if result:
            return result
        page.wait_for_timeout(250)
    return check()


def test_participant_answers_an_h5p_true_false_question(
    settings, live_server, new_page, participant, truefalse_module
):
    settings.COURSES_HEARTBEAT_SECONDS = 1
    settings.COURSES_TIME_BLOCK_MINUTES = 1
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, participant.user.username)
    page.wait_for_url("**/me/")
    page.goto(f"{live_server.url}{truefalse_module.url}")
    player = page.frame_locator("iframe.h5p-frame")
    player.get_by_role("radio", name="False").click()
    player.get_by_role("button", name="Check").click()
    page.get_by_text("Your answer was saved.").wait_for()
    statement = wait_for(
        page,
        lambda: Statement.objects.filter(
            participant=participant, activity_key="tf", verb="answered"
        ).first(),
    )
    assert statement is not None
    assert (statement.score_raw, statement.score_max) == (1, 1)
    assert statement.payload["actor"]["account"]["name"] == f"participant-{participant.pk}"
    progress = wait_for(
        page, lambda: ActivityProgress.objects.get(participant=participant, activity_key="tf")
    )
    assert progress.completed and progress.best_scaled == 1
    assert wait_for(
        page,
        lambda: ModuleCompletion.objects.filter(
            participant=participant, module=truefalse_module
        ).exists(),
    )
    assert wait_for(
        page,
        lambda: HoursEntry.objects.filter(
            participant=participant, kind=HoursKind.MODULE, status=HoursStatus.PENDING
        ).exists(),
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
