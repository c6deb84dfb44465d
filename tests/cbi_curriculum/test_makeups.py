import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cbi_curriculum.models import Attendance
from cbi_curriculum.selectors import curriculum_records, session_roster
from cbi_curriculum.services import attendance_mark, makeup_book, session_open
from lms.hours.selectors import hours_visible_to
from lms.people.selectors import participants_visible_to

from .conftest import close
from .factories import GroupSessionFactory


@pytest.fixture
def owed_session(other_group, lessons):
    """Another partner's session of lesson 2, which ``member`` has not attended."""
    return GroupSessionFactory(group=other_group, lesson=lessons[1], sequence=7)


@pytest.fixture
def made_up(owed_session, member, case_manager, other_facilitator):
    """``member`` books, attends and the host facilitator closes the make-up session."""
    makeup_book(actor=case_manager, participant=member, session=owed_session)
    session = session_open(actor=other_facilitator, session=owed_session)
    attendance_mark(
        actor=other_facilitator,
        session=session,
        participant_id=member.pk,
        status="present",
        mark_id=uuid.uuid4(),
    )
    return close(session, other_facilitator)


def test_host_facilitator_sees_the_make_up_on_that_sessions_roster_by_name_only(
    owed_session, member, case_manager
):
    makeup_book(actor=case_manager, participant=member, session=owed_session)
    roster = session_roster(owed_session)
    assert [(e.participant_id, e.name, e.is_makeup) for e in roster] == [
        (member.pk, member.preferred_name, True)
    ]


def test_make_up_is_on_the_participants_record_for_their_own_case_manager(
    made_up, member, case_manager, client_for, other_org
):
    (record,) = curriculum_records(member)
    lesson_two = record.lessons[1]
    assert lesson_two.done
    assert lesson_two.attendance.is_makeup
    assert lesson_two.attendance.session.group.organization == other_org
    assert [r.lesson.number for r in record.owed] == [1, 3]
    response = client_for(case_manager).get(f"/staff/cbi/participants/{member.pk}/")
    assert response.status_code == 200
    assert other_org.display_name in response.content.decode()
    assert "make-up" in response.content.decode()
    assert hours_visible_to(case_manager).filter(kind="cbi_session", participant=member).exists()


def test_host_partner_gains_no_access_to_the_participants_other_records(
    made_up, member, other_facilitator, other_partner_admin, other_case_manager, client_for
):
    for user in (other_facilitator, other_partner_admin, other_case_manager):
        assert not participants_visible_to(user).filter(pk=member.pk).exists()
        assert not hours_visible_to(user).filter(participant=member).exists()
        client = client_for(user)
        assert client.get(f"/staff/participants/{member.pk}/").status_code == 404
        assert client.get(f"/staff/cbi/participants/{member.pk}/").status_code in (403, 404)
        client.logout()


def test_only_the_participants_own_staff_book_make_ups(
    owed_session, member, other_case_manager, facilitator
):
    with pytest.raises(PermissionDenied):
        makeup_book(actor=other_case_manager, participant=member, session=owed_session)
    with pytest.raises(PermissionDenied):
        makeup_book(actor=facilitator, participant=member, session=owed_session)


def test_make_up_only_for_an_owed_lesson(
    group, member, lessons, run_lesson, other_group, case_manager
):
    run_lesson(group, lessons[1], [member])
    session = GroupSessionFactory(group=other_group, lesson=lessons[1], sequence=8)
    with pytest.raises(ValidationError, match="does not owe"):
        makeup_book(actor=case_manager, participant=member, session=session)


def test_case_manager_books_from_the_record_page(client_for, case_manager, member, owed_session):
    client = client_for(case_manager)
    page = client.get(f"/staff/cbi/participants/{member.pk}/").content.decode()
    assert owed_session.group.name in page
    response = client.post(
        f"/staff/cbi/participants/{member.pk}/makeups/", {"session": owed_session.pk}
    )
    assert response.status_code == 302
    assert member.cbi_makeups.filter(session=owed_session).exists()


def test_host_facilitator_cannot_mark_people_who_are_not_booked(
    owed_session, member, other_facilitator
):
    session = session_open(actor=other_facilitator, session=owed_session)
    with pytest.raises(ValidationError, match="roster"):
        attendance_mark(
            actor=other_facilitator,
            session=session,
            participant_id=member.pk,
            status="present",
            mark_id=uuid.uuid4(),
        )
    assert not Attendance.objects.exists()
