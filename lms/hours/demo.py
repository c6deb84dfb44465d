"""Demo ledger rows: a few weeks of coaching and other hours, some waiting for approval."""

from datetime import timedelta

from django.utils import timezone

from lms.people.models import Participant

from .models import HoursKind
from .services import hours_credit


def seed_hours(stdout=None) -> int:
    today = timezone.localdate()
    created = 0
    for participant in Participant.objects.select_related("case_manager"):
        coach = participant.case_manager
        for week in range(4):
            day = today - timedelta(days=7 * week + 1)
            _entry, made = hours_credit(
                participant=participant,
                kind=HoursKind.COACHING,
                minutes=45,
                date=day,
                source=f"demo:coaching:{participant.pk}:{day.isoformat()}",
                approved_by=coach if week > 0 else None,
                created_by=coach,
                note="One-on-one career coaching",
            )
            created += made
    return created
