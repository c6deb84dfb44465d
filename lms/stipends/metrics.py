"""Report figures on jobs, retention and money approved (the lms.reports.metrics contract)."""

import statistics
from datetime import timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from lms.reports.metrics import Metric

from .models import (
    CENT,
    JobPlacement,
    RetentionCheck,
    StatementStatus,
    StipendStatement,
    cents,
)


def stipend_metrics(participants, start, end) -> list[Metric]:
    """Four queries whatever the amount of data."""
    section = _("Jobs and stipends")
    jobs = list(
        JobPlacement.objects.filter(
            participant__in=participants, start_date__range=(start, end)
        ).values_list("participant_id", "hourly_wage")
    )
    wages = [wage for _pid, wage in jobs]
    metrics = [
        Metric(
            section=section,
            key="stipends.placements",
            label=_("People placed in a job"),
            definition=_("Participants with a job placement starting in the period."),
            value=len({pid for pid, _w in jobs}),
            participant_ids=frozenset(pid for pid, _w in jobs),
        ),
        Metric(
            section=section,
            key="stipends.wage_median",
            label=_("Median hourly wage at placement"),
            definition=_("Median starting hourly wage of job placements starting in the period."),
            value=Decimal(statistics.median(wages)).quantize(CENT) if wages else Decimal("0.00"),
            is_money=True,
            is_people_count=False,
        ),
        Metric(
            section=section,
            key="stipends.wage_average",
            label=_("Average hourly wage at placement"),
            definition=_("Mean starting hourly wage of job placements starting in the period."),
            value=(sum(wages) / len(wages)).quantize(CENT) if wages else Decimal("0.00"),
            is_money=True,
            is_people_count=False,
        ),
    ]
    checks = RetentionCheck.objects.filter(
        placement__participant__in=participants, still_employed=True
    ).values_list("placement__participant_id", "placement__start_date", "days")
    retained = {30: set(), 90: set(), 180: set()}
    for pid, started, days in checks:
        if start <= started + timedelta(days=days) <= end:
            retained[days].add(pid)
    for days, people in retained.items():
        metrics.append(
            Metric(
                section=section,
                key=f"stipends.retention_{days}",
                label=_("Still in the job after %(days)d days") % {"days": days},
                definition=_(
                    "Participants whose %(days)d-day mark fell in the period and whose "
                    "employment was verified (pay stub, employer call or own report)."
                )
                % {"days": days},
                value=len(people),
                participant_ids=frozenset(people),
            )
        )
    money = StipendStatement.objects.filter(
        participant__in=participants,
        status=StatementStatus.APPROVED,
        period__end__range=(start, end),
    ).aggregate(stipends=Sum("stipend_total"), incentives=Sum("incentive_total"))
    metrics += [
        Metric(
            section=section,
            key="stipends.stipends_approved",
            label=_("Stipends approved"),
            definition=_("Stipends on approved statements of pay periods ending in the period."),
            value=cents(money["stipends"] or 0),
            is_money=True,
            is_people_count=False,
        ),
        Metric(
            section=section,
            key="stipends.incentives_approved",
            label=_("Incentives approved"),
            definition=_(
                "Milestone incentives on approved statements of pay periods ending in the period."
            ),
            value=cents(money["incentives"] or 0),
            is_money=True,
            is_people_count=False,
        ),
    ]
    return metrics
