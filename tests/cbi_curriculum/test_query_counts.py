"""Every CBI page runs a number of queries that does not grow with the data."""

import pytest

from .factories import GroupMemberFactory


def pages(group, member, session):
    return {
        "home": ("staff", "/staff/cbi/"),
        "group": ("staff", f"/staff/cbi/groups/{group.pk}/"),
        "record": ("staff", f"/staff/cbi/participants/{member.pk}/"),
        "attendance": ("staff", "/staff/cbi/reports/attendance/"),
        "fidelity": ("admin", "/staff/cbi/reports/fidelity/"),
        "runner": ("staff", f"/staff/cbi/sessions/{session.pk}/"),
        "my_group": ("participant", "/me/group/"),
        "dashboard": ("participant", "/me/"),
    }


@pytest.mark.parametrize(
    "name",
    ["home", "group", "record", "attendance", "fidelity", "runner", "my_group", "dashboard"],
)
def test_page_queries_do_not_grow(
    name,
    client_for,
    partner_admin,
    group,
    member,
    open_session,
    lessons,
    run_lesson,
    add_members,
    other_group,
    other_participant,
    django_assert_max_num_queries,
):
    role, url = pages(group, member, open_session)[name]
    user = {"staff": partner_admin, "admin": partner_admin, "participant": member.user}[role]
    client = client_for(user)
    run_lesson(group, lessons[1], [member])
    client.get(url)
    with django_assert_max_num_queries(60) as small:
        assert client.get(url).status_code == 200
    people = add_members(15)
    GroupMemberFactory(group=other_group, participant=other_participant)
    for lesson in lessons:
        run_lesson(group, lesson, [member, *people[:10]])
    run_lesson(other_group, lessons[0], [other_participant])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
