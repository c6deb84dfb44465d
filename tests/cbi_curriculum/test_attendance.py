import json
import uuid
from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cbi_curriculum.models import Attendance
from cbi_curriculum.services import attendance_mark, attendance_minutes
from tests.factories import ParticipantFactory

from .conftest import close


def save(client, session, **mark):
    return client.post(
        f"/staff/cbi/sessions/{session.pk}/attendance/",
        data=json.dumps(mark),
        content_type="application/json",
    )


def test_the_same_mark_saved_twice_changes_nothing(open_session, member, facilitator):
    mark_id = uuid.uuid4()
    first, changed = attendance_mark(
        actor=facilitator,
        session=open_session,
        participant_id=member.pk,
        status="late",
        arrived_at="10:20",
        mark_id=mark_id,
    )
    assert changed
    stamp = first.updated_at
    again, changed_again = attendance_mark(
        actor=facilitator,
        session=open_session,
        participant_id=member.pk,
        status="late",
        arrived_at="10:20",
        mark_id=mark_id,
    )
    assert not changed_again
    assert again.pk == first.pk
    assert Attendance.objects.get().updated_at == stamp
    assert Attendance.objects.count() == 1


def test_a_newer_mark_replaces_an_older_one_but_a_stale_retry_does_not(
    open_session, member, facilitator
):
    now = timezone.now()
    attendance_mark(
        actor=facilitator,
        session=open_session,
        participant_id=member.pk,
        status="present",
        mark_id=uuid.uuid4(),
        marked_at=now,
    )
    attendance_mark(
        actor=facilitator,
        session=open_session,
        participant_id=member.pk,
        status="left_early",
        left_at="11:00",
        mark_id=uuid.uuid4(),
        marked_at=now + timedelta(seconds=5),
    )
    _row, changed = attendance_mark(
        actor=facilitator,
        session=open_session,
        participant_id=member.pk,
        status="absent",
        mark_id=uuid.uuid4(),
        marked_at=now - timedelta(seconds=5),
    )
    assert not changed
    row = Attendance.objects.get()
    assert row.status == "left_early"
    assert row.left_at == time(11, 0)


def test_only_people_on_the_roster_can_be_marked(open_session, other_participant, facilitator):
    with pytest.raises(ValidationError, match="roster"):
        attendance_mark(
            actor=facilitator,
            session=open_session,
            participant_id=other_participant.pk,
            status="present",
            mark_id=uuid.uuid4(),
        )
    assert not Attendance.objects.exists()


def test_bad_input_gets_a_specific_error_and_keeps_the_saved_mark(
    client_for, open_session, member, facilitator, mark
):
    mark(open_session, member, "present")
    client = client_for(facilitator)
    response = save(
        client, open_session, participant=member.pk, status="asleep", mark_id=str(uuid.uuid4())
    )
    assert response.status_code == 422
    assert "present, late" in response.json()["error"]
    response = save(
        client,
        open_session,
        participant=member.pk,
        status="present",
        minutes="lots",
        mark_id=str(uuid.uuid4()),
    )
    assert response.status_code == 422
    assert Attendance.objects.get().status == "present"


def test_marks_on_a_closed_session_are_refused(open_session, member, facilitator, mark):
    mark(open_session, member, "present")
    close(open_session, facilitator)
    with pytest.raises(ValidationError, match="closed"):
        mark(open_session, member, "absent")


def test_the_save_endpoint_is_idempotent(client_for, open_session, member, facilitator):
    client = client_for(facilitator)
    body = {
        "participant": member.pk,
        "status": "present",
        "mark_id": str(uuid.uuid4()),
        "marked_at": timezone.now().isoformat(),
        "homework_done": True,
    }
    first = save(client, open_session, **body)
    second = save(client, open_session, **body)
    assert first.status_code == second.status_code == 200
    assert first.json()["changed"] is True
    assert second.json()["changed"] is False
    row = Attendance.objects.get()
    assert row.homework_done and row.status == "present"


def test_the_save_also_works_as_a_plain_form_post(client_for, open_session, member, facilitator):
    response = client_for(facilitator).post(
        f"/staff/cbi/sessions/{open_session.pk}/attendance/",
        {"participant": member.pk, "status": "excused"},
    )
    assert response.status_code == 302
    assert Attendance.objects.get().status == "excused"


def test_attendance_save_queries_do_not_grow_with_roster_or_history(
    client_for, open_session, member, facilitator, add_members, mark, django_assert_max_num_queries
):
    client = client_for(facilitator)
    save(client, open_session, participant=member.pk, status="present", mark_id=str(uuid.uuid4()))
    with django_assert_max_num_queries(14) as small:
        save(client, open_session, participant=member.pk, status="late", mark_id=str(uuid.uuid4()))
    for person in add_members(25):
        mark(open_session, person, "present")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = save(
            client, open_session, participant=member.pk, status="present", mark_id=str(uuid.uuid4())
        )
    assert response.status_code == 200


def _at(hour, minute):
    return timezone.make_aware(datetime(2026, 3, 4, hour, minute))


@pytest.mark.parametrize(
    ("status", "arrived", "left", "minutes", "expected"),
    [
        ("present", None, None, None, 90),
        ("late", time(10, 20), None, None, 70),
        ("left_early", None, time(11, 0), None, 60),
        ("late", time(12, 0), None, None, 0),
        ("present", None, None, 45, 45),
        ("absent", None, None, None, 0),
        ("excused", None, None, None, 0),
    ],
)
def test_minutes_default_from_length_and_arrival_or_leaving(
    status, arrived, left, minutes, expected
):
    row = Attendance(status=status, arrived_at=arrived, left_at=left, minutes=minutes)
    assert attendance_minutes(row, started=_at(10, 0), length=90) == expected


def test_another_partners_participant_cannot_be_slipped_onto_the_roster(
    client_for, open_session, facilitator, other_org
):
    outsider = ParticipantFactory(organization=other_org)
    response = save(
        client_for(facilitator),
        open_session,
        participant=outsider.pk,
        status="present",
        mark_id=str(uuid.uuid4()),
    )
    assert response.status_code == 422
    assert not Attendance.objects.exists()


def test_attendance_waits_for_the_session_to_start(session, member, facilitator):
    with pytest.raises(ValidationError, match="Start the session"):
        attendance_mark(
            actor=facilitator,
            session=session,
            participant_id=member.pk,
            status="present",
            mark_id=uuid.uuid4(),
        )
