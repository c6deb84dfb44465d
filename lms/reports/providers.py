"""The figures lms records itself: participants by status and approved hours by kind.

Registered as ``report_metrics`` providers in ``wagtail_hooks.py``; each runs one query.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from lms.hours.models import HoursEntry, HoursKind, HoursStatus
from lms.people.models import Participant

from .metrics import Metric, amount_metric, people_metric

PARTICIPANTS = "participants"
SERVICES = "services"
HOURS = "hours"


def section_titles() -> dict[str, str]:
    return {
        PARTICIPANTS: _("Participants"),
        SERVICES: _("Services received"),
        HOURS: _("Hours"),
    }


def minutes_to_hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def participant_metrics(participants, start, end) -> list[Metric]:
    """Enrolled, active, completed and exited in the range, from enrollment and status dates."""
    rows = participants.filter(enrollment_date__lte=end).values_list(
        "pk", "enrollment_date", "status", "status_changed_on"
    )
    enrolled, active, completed, exited = set(), set(), set(), set()
    ended = {Participant.Status.COMPLETED, Participant.Status.EXITED}
    for pk, enrolled_on, status, changed_on in rows:
        if enrolled_on >= start:
            enrolled.add(pk)
        if not (status in ended and changed_on < start):
            active.add(pk)
        if status == Participant.Status.COMPLETED and start <= changed_on <= end:
            completed.add(pk)
        if status == Participant.Status.EXITED and start <= changed_on <= end:
            exited.add(pk)
    section = section_titles()[PARTICIPANTS]
    return [
        people_metric(
            section,
            "participants.enrolled",
            _("Newly enrolled"),
            _("Participants whose enrollment date falls in the range."),
            enrolled,
        ),
        people_metric(
            section,
            "participants.active",
            _("In the program"),
            _(
                "Participants enrolled on or before the last day of the range who had not "
                "completed or exited before its first day (paused participants included). "
                "Based on each participant's current status and the date it last changed."
            ),
            active,
        ),
        people_metric(
            section,
            "participants.completed",
            _("Completed the program"),
            _("Participants whose status is Completed and whose status changed in the range."),
            completed,
        ),
        people_metric(
            section,
            "participants.exited",
            _("Exited without completing"),
            _("Participants whose status is Exited and whose status changed in the range."),
            exited,
        ),
    ]


def hours_metrics(participants, start, end) -> list[Metric]:
    """People served, people per service and approved hours per kind, from the ledger."""
    rows = (
        HoursEntry.objects.filter(
            participant__in=participants,
            status=HoursStatus.APPROVED,
            date__gte=start,
            date__lte=end,
        )
        .values("participant_id", "kind")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    minutes_by_kind: dict[str, int] = defaultdict(int)
    people_by_kind: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        minutes_by_kind[row["kind"]] += row["minutes"]
        if row["minutes"] > 0:
            people_by_kind[row["kind"]].add(row["participant_id"])
    served = set().union(*people_by_kind.values())
    titles = section_titles()
    metrics = [
        people_metric(
            titles[PARTICIPANTS],
            "participants.served",
            _("People served"),
            _(
                "Participants with approved time on the hours ledger (any kind) dated in the "
                "range, after corrections."
            ),
            served,
        ),
        people_metric(
            titles[SERVICES],
            "services.received",
            _("People who received a service"),
            _(
                "Participants with approved time of any kind dated in the range; the rows below "
                "count each kind of service separately, so one person can appear in several."
            ),
            served,
        ),
    ]
    for kind, label in HoursKind.choices:
        metrics.append(
            people_metric(
                titles[SERVICES],
                "services.received",
                _("People who received a service"),
                _("Participants with approved %(kind)s time dated in the range, after corrections.")
                % {"kind": str(label).lower()},
                people_by_kind.get(kind, ()),
                group=str(label),
            )
        )
    metrics.append(
        amount_metric(
            titles[HOURS],
            "hours.approved",
            _("Approved hours"),
            _(
                "Approved minutes on the hours ledger dated in the range, divided by 60; a "
                "correction counts on the date it was made."
            ),
            minutes_to_hours(sum(minutes_by_kind.values())),
        )
    )
    for kind, label in HoursKind.choices:
        metrics.append(
            amount_metric(
                titles[HOURS],
                "hours.approved",
                _("Approved hours"),
                _(
                    "Approved %(kind)s minutes dated in the range, divided by 60, corrections "
                    "included."
                )
                % {"kind": str(label).lower()},
                minutes_to_hours(minutes_by_kind.get(kind, 0)),
                group=str(label),
            )
        )
    return metrics
