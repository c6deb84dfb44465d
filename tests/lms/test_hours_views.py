import pytest
from django.urls import reverse

from lms.hours.models import HoursStatus
from tests.factories import HoursEntryFactory

pytestmark = pytest.mark.django_db


def test_case_manager_approves_pending_rows(client_for, case_manager, participant):
    entry = HoursEntryFactory(participant=participant)
    client = client_for(case_manager)
    assert participant.preferred_name in client.get(reverse("staff:hours_pending")).text
    client.post(reverse("staff:hours_decide"), {"entries": [entry.pk], "decision": "approve"})
    entry.refresh_from_db()
    assert entry.status == HoursStatus.APPROVED


def test_other_partner_cannot_approve(client_for, other_case_manager, participant):
    entry = HoursEntryFactory(participant=participant)
    client = client_for(other_case_manager)
    assert participant.preferred_name not in client.get(reverse("staff:hours_pending")).text
    client.post(reverse("staff:hours_decide"), {"entries": [entry.pk], "decision": "approve"})
    entry.refresh_from_db()
    assert entry.status == HoursStatus.PENDING


def test_other_partner_cannot_open_correction(client_for, other_case_manager, participant):
    entry = HoursEntryFactory(participant=participant)
    url = reverse("staff:hours_correct", args=[entry.pk])
    assert client_for(other_case_manager).get(url).status_code == 404


def test_participant_cannot_correct(client_for, participant):
    entry = HoursEntryFactory(participant=participant)
    url = reverse("staff:hours_correct", args=[entry.pk])
    assert client_for(participant.user).get(url).status_code == 403


def test_participant_sees_own_hours_by_week(client_for, participant, other_participant):
    HoursEntryFactory(participant=participant, note="my coaching")
    HoursEntryFactory(participant=other_participant, note="their coaching")
    response = client_for(participant.user).get(reverse("participant:hours"))
    assert response.status_code == 200
    assert "60" in response.text


def test_staff_cannot_open_participant_pages(client_for, case_manager):
    assert client_for(case_manager).get(reverse("participant:hours")).status_code == 403


def test_hours_page_query_count_is_constant(client_for, participant, django_assert_max_num_queries):
    for _i in range(30):
        HoursEntryFactory(participant=participant)
    client = client_for(participant.user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("participant:hours"))
    assert response.status_code == 200
