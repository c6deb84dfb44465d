"""Reading statements, periods and employment records, always through the viewer's scope."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from lms.hours.models import HoursEntry, HoursStatus
from lms.people.models import Organization
from lms.people.selectors import organizations_visible_to, participants_visible_to

from .calculation import ZERO, Rules, hours_lines, year_cap_line
from .models import (
    IncentiveRule,
    JobPlacement,
    LineKind,
    MilestoneKind,
    MilestoneReached,
    PayPeriod,
    StatementStatus,
    StipendKind,
    StipendStatement,
    WorksitePlacement,
    cents,
)


def statements_visible_to(user) -> QuerySet[StipendStatement]:
    return StipendStatement.objects.filter(participant__in=participants_visible_to(user))


def partner_organizations_visible_to(user) -> QuerySet[Organization]:
    return organizations_visible_to(user).filter(kind=Organization.Kind.PARTNER).order_by("name")


def organization_for(user, slug) -> Organization:
    org = partner_organizations_visible_to(user).filter(slug=slug).first()
    if org is None:
        raise Http404("No such organization.")
    return org


def period_statements(user, period, organization) -> QuerySet[StipendStatement]:
    return (
        statements_visible_to(user)
        .filter(period=period, organization=organization)
        .select_related("participant", "reviewed_by", "approved_by")
        .order_by("participant__preferred_name", "pk")
    )


def period_totals(statements: QuerySet[StipendStatement]) -> dict:
    totals = statements.aggregate(
        count=Count("pk"),
        stipend=Sum("stipend_total"),
        incentives=Sum("incentive_total"),
        total=Sum("total"),
        drafts=Count("pk", filter=Q(status=StatementStatus.DRAFT)),
        reviewed=Count("pk", filter=Q(status=StatementStatus.REVIEWED)),
        approved=Count("pk", filter=Q(status=StatementStatus.APPROVED)),
    )
    for key in ("stipend", "incentives", "total"):
        totals[key] = cents(totals[key] or ZERO)
    return totals


def periods_overview(user, organization, periods) -> list[dict]:
    """Each period with its statement counts and total for the organization (one query)."""
    rows = (
        statements_visible_to(user)
        .filter(organization=organization, period__in=periods)
        .values("period_id")
        .annotate(
            count=Count("pk"),
            total=Sum("total"),
            approved=Count("pk", filter=Q(status=StatementStatus.APPROVED)),
        )
    )
    by_period = {row["period_id"]: {**row, "total": cents(row["total"] or ZERO)} for row in rows}
    return [
        {"period": p, **by_period.get(p.pk, {"count": 0, "total": ZERO, "approved": 0})}
        for p in periods
    ]


def approved_statements_for_export(user, period, organization) -> QuerySet[StipendStatement]:
    return (
        period_statements(user, period, organization)
        .filter(status=StatementStatus.APPROVED)
        .select_related("period")
        .prefetch_related("lines")
    )


def statement_for(user, pk) -> StipendStatement:
    statement = (
        statements_visible_to(user)
        .select_related(
            "participant", "organization", "period", "policy", "reviewed_by", "approved_by"
        )
        .filter(pk=pk)
        .first()
    )
    if statement is None:
        raise Http404("No such statement.")
    return statement


def statement_lines(statement):
    return list(
        statement.lines.select_related("milestone", "adjusts_period").prefetch_related("trace")
    )


def employment_of(participant) -> dict:
    return {
        "jobs": list(
            JobPlacement.objects.filter(participant=participant).prefetch_related(
                "retention_checks"
            )
        ),
        "worksites": list(
            WorksitePlacement.objects.filter(participant=participant).prefetch_related("timesheets")
        ),
    }


# --- What a participant sees -------------------------------------------------------


def incentives_overview(participant, today: date) -> dict:
    """Milestones reached (with amount and whether paid) and the ones still ahead, with the
    amount in force today."""
    reached = {
        m.milestone: m
        for m in MilestoneReached.objects.filter(participant=participant).select_related("payment")
    }
    amounts = {}
    for rule in IncentiveRule.objects.filter(effective_from__lte=today).order_by("effective_from"):
        amounts[rule.milestone] = rule.amount  # the latest rule wins
    done, ahead = [], []
    for value, label in MilestoneKind.choices:
        m = reached.get(value)
        if m is not None and m.on > today:
            m = None  # e.g. a job that starts next week
        paid = getattr(m, "payment", None) if m else None
        if m is not None:
            done.append({"label": label, "on": m.on, "amount": paid.amount if paid else None})
        elif amounts.get(value):
            ahead.append({"label": label, "amount": amounts[value]})
    return {"reached": done, "ahead": ahead}


def participant_estimate(participant, period: PayPeriod, policy) -> dict:
    """This period so far for one participant: approved minutes by kind and the amount they
    are on track to receive (approved hours only; incentives are listed separately)."""
    in_period = Q(corrects__isnull=True, date__range=(period.start, period.end)) | Q(
        corrects__date__range=(period.start, period.end)
    )
    rows = list(
        HoursEntry.objects.filter(
            in_period,
            participant=participant,
            status=HoursStatus.APPROVED,
            kind__in=StipendKind.values,
        ).values_list("pk", "kind", "minutes")
    )
    pending = (
        HoursEntry.objects.filter(
            in_period, participant=participant, status=HoursStatus.PENDING
        ).aggregate(m=Sum("minutes"))["m"]
        or 0
    )
    rules = Rules.of(policy)
    lines = hours_lines(rows, rules)
    year_start = policy.program_year_start(period.start)
    paid_year = StipendStatement.objects.filter(
        participant=participant,
        status=StatementStatus.APPROVED,
        period__start__gte=year_start,
        period__start__lt=period.start,
    ).aggregate(t=Sum("stipend_total"))["t"] or Decimal("0.00")
    paid_year = cents(paid_year)
    cap = year_cap_line(lines, rules, paid_year)
    if cap is not None:
        lines.append(cap)
    minutes_by_kind = defaultdict(int)
    for _pk, kind, minutes in rows:
        minutes_by_kind[kind] += minutes
    total_minutes = sum(minutes_by_kind.values())
    return {
        "period": period,
        "policy": policy,
        "approved_minutes": total_minutes,
        "approved_hours": (Decimal(total_minutes) / 60).quantize(Decimal("0.1")),
        "pending_minutes": pending,
        "by_kind": [
            {"label": label, "minutes": minutes_by_kind[value]}
            for value, label in StipendKind.choices
            if minutes_by_kind.get(value)
        ],
        "amount": cents(sum((ln.amount for ln in lines), ZERO)),
        "minimum_minutes": policy.minimum_minutes,
        "below_minimum": total_minutes < policy.minimum_minutes,
        "minutes_to_minimum": max(policy.minimum_minutes - total_minutes, 0),
        "capped": any(ln.kind in (LineKind.PERIOD_CAP, LineKind.YEAR_CAP) for ln in lines),
        "progress": min(100, round(100 * total_minutes / policy.minimum_minutes))
        if policy.minimum_minutes
        else 100,
    }


def latest_approved_statement(participant) -> StipendStatement | None:
    return (
        StipendStatement.objects.filter(participant=participant, status=StatementStatus.APPROVED)
        .select_related("period")
        .order_by("-period__start")
        .first()
    )


def recent_periods(today: date, count: int = 8) -> list[PayPeriod]:
    return list(PayPeriod.objects.filter(start__lte=today).order_by("-start")[:count])
