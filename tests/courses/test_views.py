"""Pages: module page access, dashboard and staff panels, the roster (scoped), H5P serving."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Enrollment
from courses.services import enrollment_create, knowledge_check_answer
from tests.factories import ParticipantFactory

from .factories import (
    check_block,
    course_page,
    h5p_block,
    make_zip,
    minimal_package_files,
    module_page,
    sector_page,
)

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def grow(participants, courses=3, modules=3):
    """More courses, modules, enrollments and answers for the given participants."""
    import uuid

    sector = sector_page(slug=f"s-{uuid.uuid4().hex[:6]}", title="More")
    for c in range(courses):
        course = course_page(sector, slug=f"c{c}", title=f"Course {c}")
        pages = [
            module_page(course, slug=f"m{m}", blocks=[check_block("kc")]) for m in range(modules)
        ]
        for participant in participants:
            enrollment_create(participant=participant, course=course)
            for page in pages:
                knowledge_check_answer(
                    participant=participant,
                    module=page,
                    activity_key="kc",
                    attempt_id=uuid.uuid4(),
                    answers={"0": 0, "1": 1},
                )


def test_anonymous_is_sent_to_sign_in(client, module):
    response = client.get(module.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_participant_not_enrolled_is_sent_to_the_course(client_for, participant, module, course):
    response = client_for(participant.user).get(module.url)
    assert response.status_code == 302
    assert response.url == course.url


def test_starting_a_course_opens_its_first_module(client_for, participant, course, module):
    client = client_for(participant.user)
    response = client.post(reverse("courses:course_start", args=[course.pk]))
    assert response.status_code == 302 and response.url == module.url
    assert Enrollment.objects.filter(participant=participant, course=course).exists()
    page = client.get(module.url).content.decode()
    assert 'data-tracking="true"' in page
    assert "Check my answers" in page


def test_staff_preview_is_not_tracked(client_for, case_manager, module):
    page = client_for(case_manager).get(module.url).content.decode()
    assert 'data-tracking="false"' in page


def test_h5p_frame_is_sandboxed_without_same_origin(client_for, participant, course):
    from courses.h5p.services import h5p_package_import

    package = h5p_package_import(make_zip(minimal_package_files()))[0]
    module = module_page(course, slug="h5p", blocks=[h5p_block(package, "a1")])
    enrollment_create(participant=participant, course=course)
    page = client_for(participant.user).get(module.url).content.decode()
    assert 'sandbox="allow-scripts"' in page
    assert "allow-same-origin" not in page


def test_player_and_files_are_served_sandboxed(client):
    from courses.h5p.services import h5p_package_import

    package = h5p_package_import(make_zip(minimal_package_files()))[0]
    player = client.get(reverse("courses:h5p_player", args=[package.pk]))
    assert player["Content-Security-Policy"] == "sandbox allow-scripts"
    url = reverse("courses:h5p_file", args=[package.content_hash, "H5P.Tiny-1.0/tiny.js"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox allow-scripts"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert b"".join(response.streaming_content) == b"window.tiny = true;"


@pytest.mark.parametrize(
    "path", ["../h5p.json", "content/../../x.json", ".hidden.json", "missing.js"]
)
def test_file_view_refuses_other_paths(client, path):
    from courses.h5p.services import h5p_package_import

    package = h5p_package_import(make_zip(minimal_package_files()))[0]
    url = f"/courses/h5p/files/{package.content_hash}/{path}"
    assert client.get(url).status_code == 404


def test_site_pages_send_no_cors_header(client_for, participant, enrolled, module):
    response = client_for(participant.user).get(module.url)
    assert "Access-Control-Allow-Origin" not in response


def test_dashboard_shows_progress_and_resume(client_for, participant, enrolled, module, course):
    second = module_page(course, slug="second", title="Second module", blocks=[check_block("kc")])
    page = client_for(participant.user).get(reverse("participant:dashboard")).content.decode()
    assert course.title in page
    assert "0 of 2 modules done" in page
    assert module.url in page
    assert second.title not in page


def test_dashboard_queries_do_not_grow(
    client_for, participant, enrolled, module, django_assert_max_num_queries
):
    client = client_for(participant.user)
    url = reverse("participant:dashboard")
    before = count_queries(client, url)
    grow([participant], courses=3, modules=4)
    with django_assert_max_num_queries(before):
        assert client.get(url).status_code == 200


def test_roster_lists_only_the_staff_members_organization(
    client_for, case_manager, participant, other_participant, course, module
):
    enrollment_create(participant=participant, course=course)
    enrollment_create(participant=other_participant, course=course)
    page = client_for(case_manager).get(reverse("courses:staff_roster", args=[course.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert participant.preferred_name in html
    assert other_participant.preferred_name not in html


def test_other_partner_sees_none_of_our_participants(
    client_for, other_case_manager, participant, course, module
):
    enrollment_create(participant=participant, course=course)
    html = (
        client_for(other_case_manager)
        .get(reverse("courses:staff_roster", args=[course.pk]))
        .content.decode()
    )
    assert participant.preferred_name not in html
    listing = client_for(other_case_manager).get(reverse("courses:staff_courses")).content.decode()
    assert ">0</td>" in listing


def test_other_partner_cannot_enroll_our_participant(
    client_for, other_partner_admin, participant, course, module
):
    client = client_for(other_partner_admin)
    client.post(reverse("courses:staff_roster", args=[course.pk]), {"participant": participant.pk})
    assert not Enrollment.objects.exists()


def test_case_manager_enrolls_from_the_roster(
    client_for, case_manager, participant, course, module
):
    client = client_for(case_manager)
    client.post(reverse("courses:staff_roster", args=[course.pk]), {"participant": participant.pk})
    enrollment = Enrollment.objects.get()
    assert enrollment.participant == participant and enrollment.enrolled_by == case_manager
    from lms.audit.models import AuditEvent

    event = AuditEvent.objects.get(action="courses.enrolled")
    assert event.actor == case_manager and event.object_id == str(enrollment.pk)
    assert participant.preferred_name not in event.message


@pytest.mark.parametrize("name", ["staff_courses", "staff_roster"])
def test_participants_are_refused_staff_pages(client_for, participant, course, name):
    args = [course.pk] if name == "staff_roster" else []
    assert (
        client_for(participant.user).get(reverse(f"courses:{name}", args=args)).status_code == 403
    )


def test_participant_cannot_post_to_the_roster(client_for, participant, course):
    response = client_for(participant.user).post(
        reverse("courses:staff_roster", args=[course.pk]), {"participant": participant.pk}
    )
    assert response.status_code == 403
    assert not Enrollment.objects.exists()


def test_roster_queries_do_not_grow(
    client_for, case_manager, org, course, module, django_assert_max_num_queries
):
    client = client_for(case_manager)
    people = [ParticipantFactory(organization=org) for _ in range(2)]
    for person in people:
        enrollment_create(participant=person, course=course)
    url = reverse("courses:staff_roster", args=[course.pk])
    before = count_queries(client, url)
    more = [ParticipantFactory(organization=org) for _ in range(6)]
    for person in more:
        enrollment_create(participant=person, course=course)
    for page in [module_page(course, slug=f"x{i}", blocks=[check_block("kc")]) for i in range(3)]:
        for person in people + more:
            import uuid

            knowledge_check_answer(
                participant=person,
                module=page,
                activity_key="kc",
                attempt_id=uuid.uuid4(),
                answers={"0": 0, "1": 1},
            )
    with django_assert_max_num_queries(before):
        assert client.get(url).status_code == 200


def test_staff_participant_panel_shows_courses(
    client_for, case_manager, participant, enrolled, course
):
    html = (
        client_for(case_manager)
        .get(reverse("staff:participant_detail", args=[participant.pk]))
        .content.decode()
    )
    assert course.title in html


def test_staff_participant_panel_queries_do_not_grow(
    client_for, case_manager, participant, enrolled, module, django_assert_max_num_queries
):
    client = client_for(case_manager)
    url = reverse("staff:participant_detail", args=[participant.pk])
    before = count_queries(client, url)
    grow([participant], courses=2, modules=3)
    with django_assert_max_num_queries(before):
        assert client.get(url).status_code == 200


def test_courses_list_queries_do_not_grow(
    client_for, case_manager, participant, enrolled, module, django_assert_max_num_queries
):
    client = client_for(case_manager)
    url = reverse("courses:staff_courses")
    before = count_queries(client, url)
    grow([participant], courses=3, modules=2)
    with django_assert_max_num_queries(before):
        assert client.get(url).status_code == 200


def test_staff_nav_links_the_courses(client_for, case_manager):
    html = client_for(case_manager).get(reverse("staff:home")).content.decode()
    assert reverse("courses:staff_courses") in html


def test_module_with_a_deleted_package_still_opens(client_for, participant, course):
    from courses.h5p.services import h5p_package_import

    package = h5p_package_import(make_zip(minimal_package_files()))[0]
    module = module_page(course, slug="gone", blocks=[h5p_block(package, "a1")])
    enrollment_create(participant=participant, course=course)
    package.delete()
    response = client_for(participant.user).get(module.url)
    assert response.status_code == 200
    assert "This activity is not available right now." in response.content.decode()


def test_other_partner_cannot_see_the_course_panel(
    client_for, other_case_manager, participant, enrolled
):
    url = reverse("staff:participant_detail", args=[participant.pk])
    assert client_for(other_case_manager).get(url).status_code == 404
