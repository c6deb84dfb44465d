from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cbi_curriculum.models import Group
from cbi_curriculum.services import group_member_add, session_open, sessions_schedule
from tests.factories import ParticipantFactory

from .factories import GroupFactory


def lesson_numbers(sessions):
    return [s.lesson.number for s in sessions]


@pytest.fixture
def wednesday_group(org, curriculum):
    return GroupFactory(
        organization=org,
        curriculum=curriculum,
        weekday=2,
        start_time=time(18, 30),
        starts_on=date(2026, 3, 2),  # a Monday
        enrollment=Group.Enrollment.ROLLING,
    )


def test_sessions_follow_the_lessons_in_order_on_the_groups_weekday(wednesday_group):
    sessions = sessions_schedule(group=wednesday_group, count=3)
    assert lesson_numbers(sessions) == [1, 2, 3]
    days = [timezone.localtime(s.scheduled_start) for s in sessions]
    assert days[0].date() == date(2026, 3, 4)
    assert all(d.weekday() == 2 and d.time() == time(18, 30) for d in days)
    assert [d.date() - days[0].date() for d in days] == [timedelta(0), timedelta(7), timedelta(14)]
    assert [s.sequence for s in sessions] == [1, 2, 3]


def test_rolling_group_restarts_at_lesson_one_without_a_break(wednesday_group):
    first = sessions_schedule(group=wednesday_group, count=2)
    more = sessions_schedule(group=wednesday_group, count=4)
    sessions = first + more
    assert lesson_numbers(sessions) == [1, 2, 3, 1, 2, 3]
    starts = [timezone.localtime(s.scheduled_start).date() for s in sessions]
    assert all(b - a == timedelta(days=7) for a, b in zip(starts, starts[1:], strict=False))
    assert [s.sequence for s in sessions] == [1, 2, 3, 4, 5, 6]


def test_closed_group_stops_after_its_last_lesson(wednesday_group):
    wednesday_group.enrollment = Group.Enrollment.CLOSED
    wednesday_group.save()
    sessions = sessions_schedule(group=wednesday_group, count=10)
    assert lesson_numbers(sessions) == [1, 2, 3]
    assert sessions_schedule(group=wednesday_group, count=2) == []


def test_schedule_refuses_silly_counts(wednesday_group):
    with pytest.raises(ValidationError):
        sessions_schedule(group=wednesday_group, count=0)
    with pytest.raises(ValidationError):
        sessions_schedule(group=wednesday_group, count=100)


def test_partner_admin_schedules_from_the_group_page(client_for, partner_admin, wednesday_group):
    response = client_for(partner_admin).post(
        f"/staff/cbi/groups/{wednesday_group.pk}/schedule/", {"count": 2}
    )
    assert response.status_code == 302
    assert wednesday_group.sessions.count() == 2


def test_other_partner_cannot_schedule_or_see_the_group(
    client_for, other_partner_admin, wednesday_group
):
    client = client_for(other_partner_admin)
    assert (
        client.post(f"/staff/cbi/groups/{wednesday_group.pk}/schedule/", {"count": 2}).status_code
        == 404
    )
    assert client.get(f"/staff/cbi/groups/{wednesday_group.pk}/").status_code == 404
    assert wednesday_group.sessions.count() == 0


def test_facilitator_cannot_manage_groups(client_for, facilitator, wednesday_group):
    client = client_for(facilitator)
    assert (
        client.post(f"/staff/cbi/groups/{wednesday_group.pk}/schedule/", {"count": 2}).status_code
        == 403
    )
    assert client.get("/staff/cbi/groups/new/").status_code == 403


def test_closed_group_takes_no_members_once_started(
    wednesday_group, partner_admin, participant, org, facilitator
):
    wednesday_group.enrollment = Group.Enrollment.CLOSED
    wednesday_group.save()
    wednesday_group.facilitators.add(facilitator)
    group_member_add(actor=partner_admin, group=wednesday_group, participant=participant)
    (first,) = sessions_schedule(group=wednesday_group, count=1)
    session_open(actor=facilitator, session=first)
    with pytest.raises(ValidationError, match="has started"):
        group_member_add(
            actor=partner_admin,
            group=wednesday_group,
            participant=ParticipantFactory(organization=org),
        )


def test_group_capacity_and_organization_are_enforced(
    wednesday_group, partner_admin, org, other_participant
):
    wednesday_group.capacity = 1
    wednesday_group.save()
    group_member_add(
        actor=partner_admin, group=wednesday_group, participant=ParticipantFactory(organization=org)
    )
    with pytest.raises(ValidationError, match="full"):
        group_member_add(
            actor=partner_admin,
            group=wednesday_group,
            participant=ParticipantFactory(organization=org),
        )
    with pytest.raises(PermissionDenied):
        group_member_add(actor=partner_admin, group=wednesday_group, participant=other_participant)


def test_partner_admin_adds_a_member_from_the_group_page(
    client_for, partner_admin, wednesday_group, participant
):
    response = client_for(partner_admin).post(
        f"/staff/cbi/groups/{wednesday_group.pk}/members/", {"participant": participant.pk}
    )
    assert response.status_code == 302
    assert wednesday_group.members.filter(participant=participant).exists()


def test_partner_admin_creates_a_group_with_own_facilitators_only(
    client_for, partner_admin, org, curriculum, facilitator, other_org
):
    from lms.people.roles import Role
    from tests.factories import UserFactory

    outsider = UserFactory(role=Role.FACILITATOR, organization=other_org)
    client = client_for(partner_admin)
    data = {
        "organization": org.pk,
        "name": "Tuesday evening",
        "curriculum": curriculum.pk,
        "facilitators": [facilitator.pk],
        "weekday": 1,
        "start_time": "18:00",
        "room": "B",
        "enrollment": "rolling",
        "capacity": 12,
        "starts_on": "2026-03-02",
        "is_active": "on",
    }
    assert client.post("/staff/cbi/groups/new/", data).status_code == 302
    group = Group.objects.get(name="Tuesday evening")
    assert list(group.facilitators.all()) == [facilitator]
    refused = client.post(
        "/staff/cbi/groups/new/",
        {**data, "name": "Other", "facilitators": [outsider.pk]},
    )
    assert refused.status_code == 200
    assert not Group.objects.filter(name="Other").exists()
    refused = client.post(
        "/staff/cbi/groups/new/", {**data, "name": "X", "organization": other_org.pk}
    )
    assert refused.status_code == 200 and not Group.objects.filter(name="X").exists()


def test_a_member_who_leaves_drops_off_later_rosters(
    client_for, partner_admin, other_partner_admin, group, member, lessons
):
    from cbi_curriculum.selectors import session_roster

    from .factories import GroupSessionFactory

    membership = group.members.get(participant=member)
    url = f"/staff/cbi/groups/{group.pk}/members/{membership.pk}/leave/"
    assert client_for(other_partner_admin).post(url).status_code == 404
    assert client_for(partner_admin).post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.left_on is not None
    later = GroupSessionFactory(
        group=group,
        lesson=lessons[0],
        sequence=40,
        scheduled_start=timezone.now() + timedelta(days=7),
    )
    assert session_roster(later) == []


def test_curriculum_cannot_change_once_the_group_has_sessions(
    client_for, partner_admin, wednesday_group, org
):
    from .factories import build_curriculum

    sessions_schedule(group=wednesday_group, count=1)
    other = build_curriculum(lessons=2, title="Another")
    response = client_for(partner_admin).post(
        f"/staff/cbi/groups/{wednesday_group.pk}/edit/",
        {
            "organization": org.pk,
            "name": wednesday_group.name,
            "curriculum": other.pk,
            "weekday": 2,
            "start_time": "18:30",
            "enrollment": "rolling",
            "capacity": 12,
            "starts_on": "2026-03-02",
        },
    )
    assert response.status_code == 200
    assert "start a new group" in response.content.decode()
    wednesday_group.refresh_from_db()
    assert wednesday_group.curriculum_id != other.pk
