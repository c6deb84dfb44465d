"""Demo and benchmark data for stipends, made through the services (idempotent)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from lms.hours.models import HoursKind
from lms.hours.services import hours_credit
from lms.people.models import Organization, Participant, User
from lms.people.roles import Role

from . import employment, services
from .models import (
    IncentiveRule,
    JobPlacement,
    MilestoneKind,
    PayPeriod,
    StatementStatus,
    StipendPolicy,
    WorksitePlacement,
)

POLICY_START = date(2025, 6, 30)  # a Monday: pay periods run every two weeks from here
INCENTIVES = {
    MilestoneKind.ORIENTATION: "25.00",
    MilestoneKind.CBI_COMPLETED: "100.00",
    MilestoneKind.COURSE_COMPLETED: "50.00",
    MilestoneKind.INDUSTRY_CREDENTIAL: "150.00",
    MilestoneKind.JOB_PLACEMENT: "200.00",
    MilestoneKind.RETENTION_30: "100.00",
    MilestoneKind.RETENTION_90: "150.00",
    MilestoneKind.RETENTION_180: "250.00",
}


def ensure_policy():
    admin = User.objects.filter(role=Role.PROGRAM_ADMIN).order_by("pk").first()
    if not StipendPolicy.objects.exists():
        services.stipend_policy_create(
            actor=admin,
            effective_from=POLICY_START,
            module_rate=Decimal("16.90"),
            cbi_session_rate=Decimal("16.90"),
            coaching_rate=Decimal("16.90"),
            minimum_minutes=4 * 60,
            period_cap=Decimal("676.00"),
            year_cap=Decimal("6000.00"),
            year_start_month=7,
            year_start_day=1,
            period_days=14,
            period_anchor=POLICY_START,
        )
    if not IncentiveRule.objects.exists():
        for milestone, amount in INCENTIVES.items():
            services.incentive_rule_create(
                actor=admin,
                milestone=milestone,
                amount=Decimal(amount),
                effective_from=POLICY_START,
            )


def _staff(org, role):
    return User.objects.filter(organization=org, role=role).order_by("pk").first()


def seed_demo(stdout=None):
    ensure_policy()
    today = timezone.localdate()
    current = services.pay_period_for(today)
    past = services.pay_period_for(current.start - timedelta(days=1))
    for org in Organization.objects.filter(kind=Organization.Kind.PARTNER):
        coach, admin = _staff(org, Role.CASE_MANAGER), _staff(org, Role.PARTNER_ADMIN)
        people = list(
            Participant.objects.filter(organization=org, user__username__startswith="participant.")
            .select_related("user")
            .order_by("user__username")
        )
        if not (coach and admin and people):
            continue
        for index, participant in enumerate(people):
            for period in (past, current):
                for offset, kind in ((1, HoursKind.MODULE), (3, HoursKind.CBI_SESSION)):
                    day = min(period.start + timedelta(days=offset + index), today)
                    hours_credit(
                        participant=participant,
                        kind=kind,
                        minutes=150 + 30 * index,
                        date=day,
                        source=f"demo:stipends:{participant.pk}:{kind}:{day.isoformat()}",
                        approved_by=coach,
                        note="Demo hours",
                    )
        services.milestone_reach(
            participant=people[0],
            milestone=MilestoneKind.ORIENTATION,
            on=past.start + timedelta(days=2),
            source="demo",
            recorded_by=coach,
        )
        if not past.statements.filter(organization=org, status=StatementStatus.APPROVED).exists():
            services.statement_run(period=past, organization=org, actor=coach)
            services.statements_review_all(actor=coach, period=past, organization=org)
            services.statements_approve_all(actor=admin, period=past, organization=org)
        _seed_employment(people, coach, today)
        services.statement_run(period=current, organization=org, actor=coach)
    if stdout:
        stdout.write("Stipends: policy, incentives, an approved period and current drafts")


def _seed_employment(people, coach, today):
    if len(people) < 3:
        return
    worker, hired = people[1], people[2]
    if not WorksitePlacement.objects.filter(participant=worker).exists():
        placement = employment.worksite_placement_record(
            actor=coach,
            participant=worker,
            worksite="Community Solar Garden",
            supervisor="Pat Rivera",
            start=today - timedelta(weeks=6),
            end=today + timedelta(weeks=6),
            hourly_wage=Decimal("20.00"),
            paid_by="partner",
        )
        monday = today - timedelta(days=today.weekday())
        for week in (3, 2, 1):
            employment.timesheet_record(
                actor=coach,
                placement=placement,
                week_start=monday - timedelta(weeks=week),
                minutes={"mon": 360, "tue": 360, "wed": 360, "thu": 240},
            )
    if not JobPlacement.objects.filter(participant=hired).exists():
        job = employment.job_placement_record(
            actor=coach,
            participant=hired,
            employer="Metro Builders",
            job_title="Apprentice carpenter",
            sector="construction",
            start_date=today - timedelta(days=45),
            hourly_wage=Decimal("24.50"),
            schedule="full_time",
        )
        employment.retention_check_record(
            actor=coach,
            placement=job,
            days=30,
            checked_on=today - timedelta(days=10),
            still_employed=True,
            method="pay_stub",
        )


def seed_scale(stdout, participants, *, history_periods: int = 26):
    """A program year of approved statements for the scale participants, so one more period
    is computed against realistic history (settled rows, year-to-date totals)."""
    ensure_policy()
    rng = random.Random(2026)  # noqa: S311 - benchmark data, not security
    today = timezone.localdate()
    for participant in participants[: len(participants) // 3]:
        services.milestone_reach(
            participant=participant,
            milestone=MilestoneKind.ORIENTATION,
            on=participant.enrollment_date + timedelta(days=rng.randrange(1, 20)),
            source="scale",
        )
    current = services.pay_period_for(today)
    periods = []
    day = current.start - timedelta(days=1)
    while len(periods) < history_periods and day >= POLICY_START:
        period = services.pay_period_for(day)
        periods.append(period)
        day = period.start - timedelta(days=1)
    orgs = Organization.objects.filter(pk__in={p.organization_id for p in participants})
    done = 0
    for period in sorted(periods, key=lambda p: p.start):
        for org in orgs:
            if PayPeriod.objects.filter(
                pk=period.pk, statements__organization=org, statements__status="approved"
            ).exists():
                continue
            coach, admin = _staff(org, Role.CASE_MANAGER), _staff(org, Role.PARTNER_ADMIN)
            services.statement_run(period=period, organization=org, actor=coach)
            services.statements_review_all(actor=coach, period=period, organization=org)
            approved, _problems = services.statements_approve_all(
                actor=admin, period=period, organization=org
            )
            done += approved
    if stdout:
        stdout.write(f"Stipends: {done} statements approved over {len(periods)} past periods")
