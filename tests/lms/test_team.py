"""Admins add staff and change roles within their organization; everything is audited."""

import pytest
from django.urls import reverse

from lms.audit.models import AuditEvent
from lms.people.models import User

pytestmark = pytest.mark.django_db


def test_partner_admin_adds_staff_and_a_reset_link_is_emailed(
    client_for, partner_admin, org, mailoutbox
):
    response = client_for(partner_admin).post(
        reverse("staff:team_add"),
        {
            "username": "new.coach",
            "first_name": "Nia",
            "email": "nia@example.org",
            "role": "case_manager",
            "organization": org.pk,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="new.coach")
    assert user.role == "case_manager" and user.organization == org
    assert user.groups.filter(name="Case managers").exists()
    assert len(mailoutbox) == 1
    assert AuditEvent.objects.filter(action="role.assigned", object_id=str(user.pk)).exists()


def test_partner_admin_cannot_make_program_admins(client_for, partner_admin, org):
    response = client_for(partner_admin).post(
        reverse("staff:team_add"),
        {
            "username": "sneaky",
            "first_name": "S",
            "email": "s@example.org",
            "role": "program_admin",
            "organization": org.pk,
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="sneaky").exists()


def test_partner_admin_cannot_add_staff_to_another_partner(client_for, partner_admin, other_org):
    client_for(partner_admin).post(
        reverse("staff:team_add"),
        {
            "username": "elsewhere",
            "first_name": "E",
            "email": "e@example.org",
            "role": "facilitator",
            "organization": other_org.pk,
        },
    )
    assert not User.objects.filter(username="elsewhere").exists()


def test_role_change_is_audited(client_for, partner_admin, facilitator):
    client_for(partner_admin).post(
        reverse("staff:team_role", args=[facilitator.pk]), {"role": "case_manager"}
    )
    facilitator.refresh_from_db()
    assert facilitator.role == "case_manager"
    event = AuditEvent.objects.get(action="role.assigned", object_id=str(facilitator.pk))
    assert event.changes["before"][0] == "facilitator"


def test_other_partner_admin_cannot_change_role(client_for, other_partner_admin, facilitator):
    response = client_for(other_partner_admin).post(
        reverse("staff:team_role", args=[facilitator.pk]), {"role": "partner_admin"}
    )
    assert response.status_code == 404
    facilitator.refresh_from_db()
    assert facilitator.role == "facilitator"


@pytest.mark.parametrize("fixture", ["case_manager", "facilitator"])
def test_non_admin_staff_cannot_open_team(client_for, request, fixture):
    user = request.getfixturevalue(fixture)
    assert client_for(user).get(reverse("staff:team")).status_code == 403


def test_participant_cannot_open_team(client_for, participant):
    assert client_for(participant.user).get(reverse("staff:team")).status_code == 403


def test_team_lists_only_own_organization(
    client_for, partner_admin, case_manager, other_case_manager
):
    text = client_for(partner_admin).get(reverse("staff:team")).text
    assert case_manager.username in text and other_case_manager.username not in text
