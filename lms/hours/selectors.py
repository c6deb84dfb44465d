"""Reading the ledger: scoped lists for staff, weekly totals for a participant."""

from datetime import date, timedelta

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from lms.people.selectors import participants_visible_to

from .models import HoursEntry, HoursStatus


def hours_visible_to(user) -> QuerySet[HoursEntry]:
    """Ledger rows of the participants the user may see."""
    return HoursEntry.objects.filter(participant__in=participants_visible_to(user))


def pending_hours_visible_to(user) -> QuerySet[HoursEntry]:
    return (
        hours_visible_to(user)
        .filter(status=HoursStatus.PENDING)
        .select_related("participant", "participant__organization")
        .order_by("date", "pk")
    )


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def hours_by_week(participant, *, weeks: int = 8, today: date) -> list[dict]:
    """The participant's last ``weeks`` weeks (Monday first), newest first, in two queries' worth.

    Each week: start, end, approved and pending minutes, and its rows.
    """
    first = week_start(today) - timedelta(weeks=weeks - 1)
    rows = list(
        HoursEntry.objects.filter(participant=participant, date__gte=first)
        .exclude(status=HoursStatus.REJECTED)
        .order_by("-date", "-pk")
    )
    result = []
    for index in range(weeks):
        start = week_start(today) - timedelta(weeks=index)
        end = start + timedelta(days=6)
        entries = [row for row in rows if start <= row.date <= end]
        result.append(
            {
                "start": start,
                "end": end,
                "approved_minutes": sum(
                    r.minutes for r in entries if r.status == HoursStatus.APPROVED
                ),
                "pending_minutes": sum(
                    r.minutes for r in entries if r.status == HoursStatus.PENDING
                ),
                "entries": entries,
            }
        )
    return result


def minutes_totals(entries: QuerySet[HoursEntry]) -> dict:
    """Approved and pending minutes of a set of ledger rows (corrections included)."""
    return entries.aggregate(
        approved=Coalesce(Sum("minutes", filter=Q(status=HoursStatus.APPROVED)), 0),
        pending=Coalesce(Sum("minutes", filter=Q(status=HoursStatus.PENDING)), 0),
    )
