"""A known data set for the reports: two partners, one quarter (FY2026 Q3, Jan-Mar 2026)."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.utils import timezone

from lms.hours.models import HoursKind, HoursStatus
from lms.people.models import Participant
from tests.factories import HoursEntryFactory, ParticipantFactory

START = date(2026, 1, 1)
END = date(2026, 3, 31)
RANGE = {"start": START.isoformat(), "end": END.isoformat()}


def approved(participant, kind, minutes, day, **kwargs):
    return HoursEntryFactory(
        participant=participant,
        kind=kind,
        minutes=minutes,
        date=day,
        status=HoursStatus.APPROVED,
        decided_at=timezone.now(),
        **kwargs,
    )


@dataclass
class KnownData:
    new_north: list
    completed_north: list
    exited_in_range: Participant
    exited_before: Participant
    new_south: list
    coaching_reversed: Participant
    cbi_person: Participant


@pytest.fixture
def known_data(org, other_org, case_manager):
    return build_known_data(org, other_org, case_manager)


def build_known_data(org, other_org, case_manager):
    """North: 12 new (Feb), 2 completed and 1 exited in range, 1 exited before it.
    South: 3 new. Ledger: 11 north people with an hour of coaching (one reversed by a
    correction), one with 2 hours of CBI on the last day, plus rows that must not count."""
    new_north = ParticipantFactory.create_batch(
        12, organization=org, case_manager=case_manager, enrollment_date=date(2026, 2, 3)
    )
    completed = ParticipantFactory.create_batch(
        2,
        organization=org,
        enrollment_date=date(2025, 10, 1),
        status=Participant.Status.COMPLETED,
        status_changed_on=date(2026, 3, 1),
    )
    exited_in = ParticipantFactory(
        organization=org,
        enrollment_date=date(2025, 9, 1),
        status=Participant.Status.EXITED,
        status_changed_on=date(2026, 2, 10),
    )
    exited_before = ParticipantFactory(
        organization=org,
        enrollment_date=date(2025, 9, 1),
        status=Participant.Status.EXITED,
        status_changed_on=date(2025, 12, 15),
    )
    # Enrolled after the range: counted nowhere.
    ParticipantFactory(organization=org, enrollment_date=date(2026, 4, 2))
    new_south = ParticipantFactory.create_batch(
        3, organization=other_org, enrollment_date=date(2026, 1, 10)
    )
    coaching = [approved(p, HoursKind.COACHING, 60, date(2026, 2, 20)) for p in new_north[:11]]
    approved(
        new_north[0],
        HoursKind.COACHING,
        -60,
        date(2026, 2, 21),
        corrects=coaching[0],
        note="entered twice",
    )
    approved(new_north[11], HoursKind.CBI_SESSION, 120, END)
    approved(new_north[11], HoursKind.MODULE, 90, date(2026, 4, 1))  # after the range
    HoursEntryFactory(participant=new_north[5], kind=HoursKind.MODULE, minutes=30, date=END)
    approved(new_south[0], HoursKind.WORK_EXPERIENCE, 240, date(2026, 1, 20))
    return KnownData(
        new_north, completed, exited_in, exited_before, new_south, new_north[0], new_north[11]
    )
