"""A facilitator runs a CBI session on a tablet, including a mark made while offline."""

import pytest
from django.utils import timezone

from cbi_curriculum.models import Attendance, GroupSession
from lms.hours.models import HoursEntry, HoursStatus
from lms.people.roles import Role
from tests.cbi_curriculum.factories import (
    GroupFactory,
    GroupMemberFactory,
    GroupSessionFactory,
    build_curriculum,
)
from tests.e2e.conftest import TABLET, sign_in
from tests.factories import TEST_TOTP_SECRET, ParticipantFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def row(page, participant):
    return page.locator(f'form.cbi-mark[data-participant="{participant.pk}"]')


def test_facilitator_marks_roster_offline_and_closes_session_once(live_server, new_page, org):
    facilitator = UserFactory(username="robin.facilitator", role=Role.FACILITATOR, organization=org)
    curriculum = build_curriculum(lessons=2)
    lesson = curriculum.lessons().first()
    group = GroupFactory(organization=org, curriculum=curriculum, facilitators=[facilitator])
    present, late, absent = (
        ParticipantFactory(organization=org, preferred_name=name) for name in ("Ana", "Ben", "Cy")
    )
    for person in (present, late, absent):
        GroupMemberFactory(group=group, participant=person)
    session = GroupSessionFactory(
        group=group, lesson=lesson, sequence=1, scheduled_start=timezone.now()
    )

    page = new_page(viewport=TABLET, timezone_id="America/Los_Angeles")
    sign_in(page, live_server, facilitator.username, totp_secret=TEST_TOTP_SECRET)
    page.goto(f"{live_server.url}/staff/cbi/")
    # Today's session is listed first; opening it shows the run-sheet and roster.
    page.get_by_role("link", name=f"{group.name} · Lesson 1").click()
    page.get_by_role("heading", name="Run-sheet").wait_for()
    assert page.url.endswith(f"/staff/cbi/sessions/{session.pk}/")
    page.get_by_role("button", name="Start session").click()
    page.locator("[data-clock]").wait_for()

    row(page, present).locator("label.cbi-status", has_text="Present").click()
    row(page, present).locator("[data-state]").filter(has_text="Saved").wait_for()
    row(page, late).locator("label.cbi-status", has_text="Late").click()
    row(page, late).locator("[data-state]").filter(has_text="Saved").wait_for()
    assert row(page, late).locator("input[name=arrived_at]").input_value() != ""

    page.context.set_offline(True)
    row(page, absent).locator("label.cbi-status", has_text="Absent").click()
    row(page, absent).locator("[data-state]").filter(has_text="Waiting to save").wait_for()
    assert "1 marks waiting to save" in page.locator("[data-sync]").inner_text()
    assert not Attendance.objects.filter(participant=absent).exists()
    page.context.set_offline(False)
    row(page, absent).locator("[data-state]").filter(has_text="Saved").wait_for(timeout=20000)
    assert Attendance.objects.get(participant=absent).status == "absent"

    page.locator("[data-step-done]").first.check()
    page.get_by_role("button", name="Close session and credit hours").click()
    page.get_by_text("The session is closed").wait_for()

    session.refresh_from_db()
    assert session.status == GroupSession.Status.CLOSED
    entries = HoursEntry.objects.filter(kind="cbi_session")
    assert sorted(entries.values_list("participant_id", flat=True)) == sorted([present.pk, late.pk])
    assert all(
        e.status == HoursStatus.APPROVED and e.decided_by_id == facilitator.pk for e in entries
    )
    assert entries.get(participant=present).minutes == lesson.planned_minutes
    assert 0 < entries.get(participant=late).minutes <= lesson.planned_minutes

    # Going back and submitting again credits nothing more.
    page.go_back()
    page.reload()
    assert page.get_by_role("button", name="Close session and credit hours").count() == 0
    assert HoursEntry.objects.filter(kind="cbi_session").count() == 2
