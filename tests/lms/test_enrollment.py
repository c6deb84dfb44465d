"""Enrollment, invitation links and the audit trail."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lms.audit.models import AuditEvent
from lms.people.models import Participant
from lms.people.services import invitation_create

pytestmark = pytest.mark.django_db


def enroll(client, org, case_manager, **extra):
    data = {
        "preferred_name": "Dana",
        "legal_name": "Dana Q. Public",
        "phone": "",
        "email": "",
        "organization": org.pk,
        "case_manager": case_manager.pk,
        "enrollment_date": "2026-11-02",
        "status": "active",
        "preferred_language": "es",
    }
    data.update(extra)
    return client.post(reverse("staff:participant_enroll"), data)


def test_case_manager_enrolls_and_gets_a_one_time_link(client_for, org, case_manager):
    client = client_for(case_manager)
    response = enroll(client, org, case_manager)
    participant = Participant.objects.get(preferred_name="Dana")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "/invite/" in page.text and "<svg" in page.text
    assert participant.user.role == "participant"
    assert not participant.user.has_usable_password()
    assert AuditEvent.objects.filter(action="participant.enrolled").count() == 1
    # The link is shown only once.
    assert "/invite/" not in client.get(response["Location"]).text


def test_enrollment_keeps_input_on_error(client_for, org, case_manager):
    response = enroll(client_for(case_manager), org, case_manager, preferred_name="")
    assert response.status_code == 200
    assert "Dana Q. Public" in response.text
    assert not Participant.objects.exists()


def test_cannot_enroll_into_another_partner(client_for, org, other_org, other_case_manager):
    response = enroll(client_for(other_case_manager), org, other_case_manager)
    assert response.status_code == 200  # the form refuses the organization choice
    assert not Participant.objects.exists()


def test_invitation_works_once(client, participant, case_manager):
    _inv, raw = invitation_create(actor=case_manager, participant=participant)
    url = reverse("people:invitation_accept", args=[raw])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"password1": "a long pass phrase", "password2": "a long pass phrase"}
    )
    assert response.status_code == 302
    participant.user.refresh_from_db()
    assert participant.user.check_password("a long pass phrase")
    assert client.get(url).status_code == 410


def test_invitation_expires(client, participant, case_manager):
    _inv, raw = invitation_create(actor=case_manager, participant=participant)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert client.get(reverse("people:invitation_accept", args=[raw])).status_code == 410


def test_new_invitation_cancels_the_old_one(client, participant, case_manager):
    _inv, first = invitation_create(actor=case_manager, participant=participant)
    invitation_create(actor=case_manager, participant=participant)
    assert client.get(reverse("people:invitation_accept", args=[first])).status_code == 410


def test_status_change_is_audited(client_for, case_manager, participant):
    client = client_for(case_manager)
    response = client.post(
        reverse("staff:participant_edit", args=[participant.pk]),
        {
            "preferred_name": participant.preferred_name,
            "legal_name": participant.legal_name,
            "organization": participant.organization_id,
            "case_manager": case_manager.pk,
            "enrollment_date": participant.enrollment_date.isoformat(),
            "status": "paused",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="participant.updated")
    assert event.changes["status"] == ["active", "paused"]
    assert participant.legal_name not in event.message


def test_audit_trail_is_scoped(
    client_for, partner_admin, other_partner_admin, program_admin, participant, case_manager
):
    invitation_create(actor=case_manager, participant=participant)
    assert "participant.invited" in client_for(partner_admin).get(reverse("staff:audit")).text
    assert (
        "participant.invited"
        not in client_for(other_partner_admin).get(reverse("staff:audit")).text
    )
    assert "participant.invited" in client_for(program_admin).get(reverse("staff:audit")).text


def test_case_manager_cannot_read_audit(client_for, case_manager):
    assert client_for(case_manager).get(reverse("staff:audit")).status_code == 403
