import pytest
from django.core.exceptions import ValidationError

from cbi_curriculum.models import CurriculumCompletion, GroupSession
from lms import events
from lms.append_only import AppendOnlyError
from lms.hours.models import HoursEntry, HoursStatus
from lms.hours.services import hours_correct

from .conftest import close
from .factories import GroupMemberFactory


@pytest.fixture
def heard(event_log):
    """Collect the cross-app events delivered during a test."""
    return event_log(
        events.lesson_attended, events.orientation_completed, events.curriculum_completed
    )


def test_closing_credits_each_attendees_minutes_once_as_approved_cbi_hours(
    open_session, member, add_members, facilitator, mark, django_capture_on_commit_callbacks
):
    late, absent = add_members(2)
    mark(open_session, member, "present")
    mark(open_session, late, "late", minutes=60)
    mark(open_session, absent, "absent")
    with django_capture_on_commit_callbacks(execute=True):
        close(open_session, facilitator, length=90)
    rows = {row.participant_id: row for row in HoursEntry.objects.filter(kind="cbi_session")}
    assert set(rows) == {member.pk, late.pk}
    assert rows[member.pk].minutes == 90 and rows[late.pk].minutes == 60
    assert all(
        r.status == HoursStatus.APPROVED and r.decided_by == facilitator for r in rows.values()
    )
    assert all(r.source.startswith("cbi-attendance:") for r in rows.values())
    with pytest.raises(ValidationError, match="already closed"):
        close(open_session, facilitator)
    assert HoursEntry.objects.filter(kind="cbi_session").count() == 2


def test_later_changes_are_correction_rows_only(
    open_session, member, facilitator, case_manager, mark
):
    mark(open_session, member, "present")
    close(open_session, facilitator, length=90)
    entry = HoursEntry.objects.get(kind="cbi_session")
    with pytest.raises(AppendOnlyError):
        entry.save()
    correction = hours_correct(actor=case_manager, entry=entry, minutes=-30, note="Left at break")
    assert correction.corrects == entry
    assert HoursEntry.objects.filter(kind="cbi_session").count() == 2


def test_close_refuses_when_someone_has_no_mark(
    open_session, member, add_members, facilitator, mark
):
    add_members(1)
    mark(open_session, member, "present")
    with pytest.raises(ValidationError, match="1 people have no mark"):
        close(open_session, facilitator)
    open_session.refresh_from_db()
    assert open_session.status == GroupSession.Status.OPEN
    assert not HoursEntry.objects.exists()


def test_close_records_fidelity_and_notes(open_session, member, facilitator, mark, lessons):
    from cbi_curriculum.services import session_close

    mark(open_session, member, "present")
    lesson = lessons[0]
    steps = [step.id for step in lesson.script]
    session_close(
        actor=facilitator,
        session=open_session,
        length_minutes=80,
        steps_delivered=steps[:2] + ["not-a-step"],
        fidelity_checked=[lesson.fidelity_items[0].id],
        notes="  Good group.  ",
    )
    open_session.refresh_from_db()
    assert open_session.steps_delivered == steps[:2]
    assert open_session.steps_planned == 3
    assert open_session.fidelity_checked == [lesson.fidelity_items[0].id]
    assert open_session.notes == "Good group."
    assert open_session.closed_by == facilitator


def test_closing_announces_lessons_orientation_and_completion(
    group, member, lessons, run_lesson, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_lesson(group, lessons[0], [member])
        run_lesson(group, lessons[1], [member])
    names = [name for name, _kw in heard]
    assert names.count("lesson_attended") == 2
    assert names.count("orientation_completed") == 1
    assert "curriculum_completed" not in names
    with django_capture_on_commit_callbacks(execute=True):
        run_lesson(group, lessons[2], [member])
    completed = [kw for name, kw in heard if name == "curriculum_completed"]
    assert len(completed) == 1
    assert completed[0]["participant"] == member
    assert completed[0]["curriculum"].pk == group.curriculum_id
    assert CurriculumCompletion.objects.filter(participant=member).count() == 1
    # A rolling group goes round again: attending lesson 1 again is not a second orientation
    # and completion is announced only once.
    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_lesson(group, lessons[0], [member])
        run_lesson(group, lessons[2], [member])
    names = [name for name, _kw in heard]
    assert names == ["lesson_attended", "lesson_attended"]


def test_absent_lessons_are_owed_and_block_completion(
    group, member, lessons, run_lesson, heard, django_capture_on_commit_callbacks, add_members
):
    (friend,) = add_members(1)
    with django_capture_on_commit_callbacks(execute=True):
        run_lesson(group, lessons[0], [member, friend])
        run_lesson(group, lessons[1], [friend])  # member absent
        run_lesson(group, lessons[2], [member, friend])
    completed = {kw["participant"].pk for name, kw in heard if name == "curriculum_completed"}
    assert completed == {friend.pk}


def test_make_up_in_another_group_completes_the_curriculum(
    group,
    other_group,
    member,
    lessons,
    run_lesson,
    heard,
    case_manager,
    django_capture_on_commit_callbacks,
    other_participant,
):
    from cbi_curriculum.services import makeup_book

    from .factories import GroupSessionFactory

    GroupMemberFactory(group=other_group, participant=other_participant)
    with django_capture_on_commit_callbacks(execute=True):
        run_lesson(group, lessons[0], [member])
        run_lesson(group, lessons[2], [member])
    session = GroupSessionFactory(group=other_group, lesson=lessons[1], sequence=99)
    makeup_book(actor=case_manager, participant=member, session=session)
    with django_capture_on_commit_callbacks(execute=True):
        import uuid

        from cbi_curriculum.services import attendance_mark, session_open

        host = other_group.facilitators.get()
        session = session_open(actor=host, session=session)
        for person in (member, other_participant):
            attendance_mark(
                actor=host,
                session=session,
                participant_id=person.pk,
                status="present",
                mark_id=uuid.uuid4(),
            )
        close(session, host)
    completed = [kw["participant"] for name, kw in heard if name == "curriculum_completed"]
    assert completed == [member]
