"""Each role sees exactly its scope, on every staff page."""

import pytest
from django.urls import reverse

from lms.people.selectors import participants_visible_to

pytestmark = pytest.mark.django_db

PARTICIPANT_PAGES = [
    "staff:participant_detail",
    "staff:participant_edit",
    "staff:participant_invitation",
]


def test_program_admin_sees_every_partner(program_admin, participant, other_participant):
    assert set(participants_visible_to(program_admin)) == {participant, other_participant}


def test_partner_staff_see_only_their_organization(
    case_manager, facilitator, participant, other_participant
):
    assert list(participants_visible_to(case_manager)) == [participant]
    assert list(participants_visible_to(facilitator)) == [participant]


def test_participant_sees_only_themself(participant, other_participant):
    assert list(participants_visible_to(participant.user)) == [participant]


@pytest.mark.parametrize("name", PARTICIPANT_PAGES)
def test_partner_staff_cannot_open_other_partners_participant(
    client_for, other_case_manager, participant, name
):
    response = client_for(other_case_manager).get(reverse(name, args=[participant.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", PARTICIPANT_PAGES)
def test_participant_cannot_open_staff_pages(client_for, participant, other_participant, name):
    response = client_for(participant.user).get(reverse(name, args=[other_participant.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name", ["staff:home", "staff:participants", "staff:hours_pending", "staff:participant_export"]
)
def test_participant_is_refused_staff_lists(client_for, participant, name):
    assert client_for(participant.user).get(reverse(name)).status_code == 403


def test_staff_list_shows_only_own_organization(
    client_for, case_manager, participant, other_participant
):
    response = client_for(case_manager).get(reverse("staff:participants"))
    assert participant.preferred_name in response.text
    assert other_participant.preferred_name not in response.text


def test_export_is_scoped(client_for, case_manager, participant, other_participant):
    response = client_for(case_manager).get(reverse("staff:participant_export"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert participant.preferred_name in body
    assert other_participant.preferred_name not in body
    assert participant.legal_name not in body


def test_facilitator_cannot_enroll(client_for, facilitator):
    assert client_for(facilitator).get(reverse("staff:participant_enroll")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, participant):
    response = client.get(reverse("staff:participant_detail", args=[participant.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_program_admin_filters_by_organization(
    client_for, program_admin, participant, other_participant, org
):
    response = client_for(program_admin).get(
        reverse("staff:participants"), {"organization": org.pk}
    )
    assert participant.preferred_name in response.text
    assert other_participant.preferred_name not in response.text


def test_participant_list_query_count_is_constant(
    client_for, program_admin, org, django_assert_max_num_queries
):
    from tests.factories import ParticipantFactory

    ParticipantFactory.create_batch(30, organization=org)
    client = client_for(program_admin)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("staff:participants")).status_code == 200
