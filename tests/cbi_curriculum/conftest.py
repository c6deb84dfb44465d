import uuid

import pytest

from cbi_curriculum.selectors import session_roster
from cbi_curriculum.services import attendance_mark, session_open
from lms.people.roles import Role
from tests.factories import ParticipantFactory, UserFactory

from .factories import GroupFactory, GroupMemberFactory, GroupSessionFactory, build_curriculum


@pytest.fixture
def curriculum(db):
    return build_curriculum(lessons=3)


@pytest.fixture
def lessons(curriculum):
    return list(curriculum.lessons())


@pytest.fixture
def other_facilitator(other_org):
    return UserFactory(username="south.facilitator", role=Role.FACILITATOR, organization=other_org)


@pytest.fixture
def group(org, curriculum, facilitator):
    return GroupFactory(organization=org, curriculum=curriculum, facilitators=[facilitator])


@pytest.fixture
def other_group(other_org, curriculum, other_facilitator):
    return GroupFactory(
        organization=other_org, curriculum=curriculum, facilitators=[other_facilitator]
    )


@pytest.fixture
def member(group, participant):
    GroupMemberFactory(group=group, participant=participant)
    return participant


@pytest.fixture
def add_members(group, org, case_manager):
    def make(count):
        people = ParticipantFactory.create_batch(count, organization=org, case_manager=case_manager)
        for person in people:
            GroupMemberFactory(group=group, participant=person)
        return people

    return make


@pytest.fixture
def session(group, lessons):
    return GroupSessionFactory(group=group, lesson=lessons[0], sequence=1)


@pytest.fixture
def open_session(session, facilitator):
    return session_open(actor=facilitator, session=session)


@pytest.fixture
def mark():
    """Mark a participant in a session with a fresh mark id."""

    def make(session, participant, status="present", actor=None, **kwargs):
        actor = actor or session.group.facilitators.first()
        attendance, _changed = attendance_mark(
            actor=actor,
            session=session,
            participant_id=getattr(participant, "pk", participant),
            status=status,
            mark_id=kwargs.pop("mark_id", uuid.uuid4()),
            **kwargs,
        )
        return attendance

    return make


def close(session, actor, length=90):
    from cbi_curriculum.services import session_close

    return session_close(
        actor=actor,
        session=session,
        length_minutes=length,
        steps_delivered=[],
        fidelity_checked=[],
    )


@pytest.fixture
def run_lesson(facilitator, mark):
    """Open, mark and close a new session of ``group`` for ``lesson`` with given attendees."""

    def make(group, lesson, attendees, *, actor=None, status="present"):
        actor = actor or group.facilitators.first() or facilitator
        seq = group.sessions.order_by("-sequence").values_list("sequence", flat=True).first() or 0
        session = GroupSessionFactory(group=group, lesson=lesson, sequence=seq + 1)
        session = session_open(actor=actor, session=session)
        chosen = {person.pk for person in attendees}
        for entry in session_roster(session):
            if entry.participant_id not in chosen:
                mark(session, entry.participant_id, status="absent", actor=actor)
        for person in attendees:
            mark(session, person, status=status, actor=actor)
        return close(session, actor)

    return make
