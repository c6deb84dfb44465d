"""Organizations, participants and hours in the Wagtail admin, scoped and read-only."""

import pytest

from tests.factories import HoursEntryFactory

pytestmark = pytest.mark.django_db


def assert_refused(response):
    """Wagtail refuses with a redirect to the admin home (plus a message), or 403/404."""
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert response["Location"] in ("/cms/", "/cms")


def test_staff_list_only_their_participants(
    client_for, case_manager, participant, other_participant
):
    response = client_for(case_manager).get("/cms/participants/")
    assert response.status_code == 200
    assert participant.preferred_name in response.text
    assert other_participant.preferred_name not in response.text


def test_program_admin_lists_everyone(client_for, program_admin, participant, other_participant):
    response = client_for(program_admin).get("/cms/participants/")
    assert participant.preferred_name in response.text
    assert other_participant.preferred_name in response.text


def test_other_partner_cannot_inspect_participant(client_for, other_case_manager, participant):
    response = client_for(other_case_manager).get(f"/cms/participants/inspect/{participant.pk}/")
    assert response.status_code == 404


def test_staff_inspects_own_participant(client_for, case_manager, participant):
    response = client_for(case_manager).get(f"/cms/participants/inspect/{participant.pk}/")
    assert response.status_code == 200
    assert participant.legal_name in response.text


def test_hours_ledger_is_scoped_and_read_only(
    client_for, case_manager, other_case_manager, participant
):
    entry = HoursEntryFactory(participant=participant, source="admin:1")
    assert client_for(case_manager).get("/cms/hours_ledger/").status_code == 200
    assert client_for(case_manager).get(f"/cms/hours_ledger/inspect/{entry.pk}/").status_code == 200
    assert_refused(client_for(case_manager).get(f"/cms/hours_ledger/edit/{entry.pk}/"))
    assert_refused(client_for(case_manager).get(f"/cms/hours_ledger/delete/{entry.pk}/"))
    other = client_for(other_case_manager).get(f"/cms/hours_ledger/inspect/{entry.pk}/")
    assert other.status_code == 404


def test_organizations_scoped(client_for, case_manager, org, other_org):
    response = client_for(case_manager).get("/cms/organizations/")
    assert org.name in response.text
    assert other_org.name not in response.text


def test_participant_cannot_enter_admin(client_for, participant):
    response = client_for(participant.user).get("/cms/participants/")
    assert response.status_code in (302, 403)
    assert participant.preferred_name not in response.text
