import uuid

import pytest
from django.utils import timezone

from cbi_curriculum.metrics import cbi_metrics
from lms.people.models import Participant


def runner(session):
    return f"/staff/cbi/sessions/{session.pk}/"


def test_facilitator_runs_their_session(client_for, facilitator, session, member):
    client = client_for(facilitator)
    page = client.get(runner(session))
    assert page.status_code == 200
    assert member.preferred_name in page.content.decode()
    assert client.post(runner(session) + "start/").status_code == 302
    session.refresh_from_db()
    assert session.status == "open" and session.opened_at


@pytest.mark.parametrize("who", ["other_facilitator", "other_partner_admin", "other_case_manager"])
def test_another_partners_staff_cannot_open_or_run_the_session(
    request, client_for, who, session, member
):
    client = client_for(request.getfixturevalue(who))
    assert client.get(runner(session)).status_code == 404
    assert client.post(runner(session) + "start/").status_code == 404
    assert (
        client.post(
            runner(session) + "attendance/",
            data={"participant": member.pk, "status": "present", "mark_id": str(uuid.uuid4())},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert client.post(runner(session) + "close/", {"length_minutes": 90}).status_code == 404
    session.refresh_from_db()
    assert session.status == "scheduled"


def test_a_facilitator_of_the_same_partner_who_does_not_facilitate_the_group_gets_404(
    client_for, org, session
):
    from lms.people.roles import Role
    from tests.factories import UserFactory

    colleague = UserFactory(role=Role.FACILITATOR, organization=org)
    assert client_for(colleague).get(runner(session)).status_code == 404


def test_participant_is_refused_staff_views(client_for, participant, session, group):
    client = client_for(participant.user)
    for url in (
        "/staff/cbi/",
        runner(session),
        f"/staff/cbi/groups/{group.pk}/",
        f"/staff/cbi/participants/{participant.pk}/",
        "/staff/cbi/reports/attendance/",
        "/staff/cbi/reports/fidelity/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(runner(session) + "start/").status_code == 403


def test_anonymous_is_sent_to_sign_in(client, session):
    response = client.get(runner(session))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_partner_and_program_admins_can_run_sessions_case_managers_cannot(
    client_for, partner_admin, program_admin, case_manager, session
):
    assert client_for(partner_admin).get(runner(session)).status_code == 200
    assert client_for(program_admin).get(runner(session)).status_code == 200
    assert client_for(case_manager).get(runner(session)).status_code == 404


def test_runner_queries_do_not_grow_with_roster_or_history(
    client_for,
    facilitator,
    open_session,
    member,
    add_members,
    mark,
    group,
    lessons,
    run_lesson,
    django_assert_max_num_queries,
):
    client = client_for(facilitator)
    client.get(runner(open_session))
    with django_assert_max_num_queries(20) as small:
        assert client.get(runner(open_session)).status_code == 200
    people = add_members(25)
    for person in people[:10]:
        mark(open_session, person, "late", arrived_at="10:10")
    for lesson in lessons:
        run_lesson(group, lesson, people[:5])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(runner(open_session))
    assert response.content.decode().count('class="card cbi-mark"') == 26


def test_close_through_the_form(client_for, facilitator, open_session, member, mark, lessons):
    mark(open_session, member, "present")
    step_id = lessons[0].script[0].id
    response = client_for(facilitator).post(
        runner(open_session) + "close/",
        {"length_minutes": 75, "steps_delivered": [step_id], "notes": "ok"},
    )
    assert response.status_code == 302
    open_session.refresh_from_db()
    assert open_session.status == "closed" and open_session.length_minutes == 75
    assert open_session.steps_delivered == [step_id]


def test_close_form_errors_are_specific_and_lose_nothing(
    client_for, facilitator, open_session, member, mark
):
    mark(open_session, member, "present")
    client = client_for(facilitator)
    response = client.post(runner(open_session) + "close/", {"length_minutes": 0}, follow=True)
    assert "Check the closing form" in response.content.decode()
    open_session.refresh_from_db()
    assert open_session.status == "open"
    assert open_session.attendance.count() == 1


def test_lesson_guide_is_for_staff_and_handouts_for_participants_too(
    client_for, facilitator, participant, lessons, client
):
    lesson = lessons[0]
    guide = f"/cbi/lessons/{lesson.pk}/print/guide/"
    handouts = f"/cbi/lessons/{lesson.pk}/print/handouts/"
    assert client.get(guide).status_code == 302
    staff = client_for(facilitator)
    assert "Fidelity checklist" in staff.get(guide).content.decode()
    staff.logout()
    person = client_for(participant.user)
    assert person.get(guide).status_code == 403
    english = person.get(handouts).content.decode()
    spanish = person.get(handouts + "?lang=es").content.decode()
    assert "Practise at home." in english
    assert "Practica en casa." in spanish and 'lang="es"' in spanish


def test_wagtail_serves_lessons_only_to_signed_in_people(client, client_for, facilitator, lessons):
    url = lessons[0].url
    assert client.get(url).status_code == 302
    assert client_for(facilitator).get(url).status_code == 200


def test_participant_sees_group_next_session_lessons_and_homework(
    client_for, group, member, lessons, run_lesson
):
    run_lesson(group, lessons[0], [member])
    from .factories import GroupSessionFactory

    GroupSessionFactory(
        group=group,
        lesson=lessons[1],
        sequence=50,
        scheduled_start=timezone.now() + timezone.timedelta(days=2),
    )
    client = client_for(member.user)
    dashboard = client.get("/me/").content.decode()
    assert group.name in dashboard
    assert "1 of 3 lessons done" in dashboard
    assert "Practise at home." in dashboard
    page = client.get("/me/group/").content.decode()
    assert "Lesson 2" in page


def test_case_manager_sees_attendance_rates_and_owed_lessons_of_their_org(
    client_for, case_manager, group, member, other_group, other_participant, lessons, run_lesson
):
    from .factories import GroupMemberFactory

    GroupMemberFactory(group=other_group, participant=other_participant)
    run_lesson(group, lessons[0], [member])
    run_lesson(other_group, lessons[0], [other_participant])
    page = client_for(case_manager).get("/staff/cbi/reports/attendance/").content.decode()
    assert member.preferred_name in page
    assert other_participant.preferred_name not in page
    assert "100%" in page and "2, 3" in page


def test_program_admin_sees_fidelity_per_group_and_facilitator(
    client_for,
    program_admin,
    partner_admin,
    facilitator,
    group,
    member,
    lessons,
    run_lesson,
    other_group,
    other_participant,
):
    from .factories import GroupMemberFactory

    GroupMemberFactory(group=other_group, participant=other_participant)
    run_lesson(group, lessons[0], [member])
    run_lesson(other_group, lessons[0], [other_participant])
    page = client_for(program_admin).get("/staff/cbi/reports/fidelity/").content.decode()
    assert group.name in page and other_group.name in page
    assert "0%" in page  # no steps marked delivered by run_lesson
    own = client_for(partner_admin).get("/staff/cbi/reports/fidelity/").content.decode()
    assert other_group.name not in own


def test_facilitator_cannot_see_reports(client_for, facilitator):
    client = client_for(facilitator)
    assert client.get("/staff/cbi/reports/fidelity/").status_code == 403
    assert client.get("/staff/cbi/reports/attendance/").status_code == 403


def test_metrics_count_in_range_with_constant_queries(
    group, member, lessons, run_lesson, add_members, django_assert_max_num_queries
):
    (friend,) = add_members(1)
    for lesson in lessons:
        run_lesson(group, lesson, [member])
    today = timezone.localdate()
    with django_assert_max_num_queries(2):
        metrics = {m.key: m for m in cbi_metrics(Participant.objects.all(), today, today)}
    assert metrics["cbi.sessions_attended"].value == 3
    assert metrics["cbi.lessons_completed"].value == 3
    assert metrics["cbi.curriculum_completed"].participant_ids == frozenset({member.pk})
    assert metrics["cbi.attendance_rate"].value == 50  # 3 of 6 marks (friend absent)
    past = today - timezone.timedelta(days=30)
    empty = {m.key: m.value for m in cbi_metrics(Participant.objects.all(), past, past)}
    assert empty["cbi.sessions_attended"] == 0 and empty["cbi.curriculum_completed"] == 0


def test_admin_listings_are_read_only_and_scoped(
    client_for, partner_admin, other_partner_admin, facilitator, group, other_group, session
):
    client = client_for(partner_admin)
    listing = client.get("/cms/cbi_groups/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert group.name in page and other_group.name not in page
    assert client.get(f"/cms/cbi_groups/inspect/{group.pk}/").status_code == 200
    assert client.get(f"/cms/cbi_groups/inspect/{other_group.pk}/").status_code == 404
    assert client.get(f"/cms/cbi_groups/edit/{group.pk}/").status_code in (302, 403)
    assert client.get("/cms/cbi_sessions/").status_code == 200
    client.logout()
    assert client_for(facilitator).get("/cms/cbi_groups/").status_code in (302, 403)


def test_case_manager_sees_the_curriculum_record_on_the_participant_page(
    client_for, case_manager, group, member, lessons, run_lesson
):
    run_lesson(group, lessons[0], [member])
    page = client_for(case_manager).get(f"/staff/participants/{member.pk}/").content.decode()
    assert "Group curriculum" in page
    assert "1 of 3 lessons done" in page
    assert f"/staff/cbi/participants/{member.pk}/" in page


def test_staff_pages_render_in_spanish(client_for, facilitator, open_session, member):
    client = client_for(facilitator)
    client.cookies["django_language"] = "es"
    page = client.get(runner(open_session), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Cerrar la sesión y acreditar las horas" in page


def test_lessons_are_edited_in_the_wagtail_admin(client_for, program_admin, lessons, curriculum):
    program_admin.is_superuser = True
    program_admin.save()
    client = client_for(program_admin)
    assert client.get(f"/cms/pages/{lessons[0].pk}/edit/").status_code == 200
    assert client.get(f"/cms/pages/{curriculum.pk}/edit/").status_code == 200
    add = f"/cms/pages/add/cbi_curriculum/lessonpage/{curriculum.pk}/"
    assert client.get(add).status_code == 200
