"""Report figures: jobs, wages, retention and money approved, in a fixed number of queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from wagtail import hooks

from lms.people.models import Participant
from lms.reports.metrics import METRICS_HOOK
from lms.stipends import services
from lms.stipends.metrics import stipend_metrics
from lms.stipends.models import JobPlacement, RetentionCheck, StipendStatement
from tests.factories import ParticipantFactory

from .factories import credit

pytestmark = pytest.mark.django_db


def job(participant, start, wage, recorder):
    return JobPlacement.objects.create(
        participant=participant,
        employer="Acme",
        job_title="Helper",
        sector="it",
        start_date=start,
        hourly_wage=Decimal(wage),
        schedule="full_time",
        recorded_by=recorder,
    )


def test_metrics_count_only_the_range_and_scope(
    org,
    other_org,
    case_manager,
    partner_admin,
    period,
    incentive_rules,
    django_assert_max_num_queries,
):
    a, b = ParticipantFactory.create_batch(2, organization=org)
    outsider = ParticipantFactory(organization=other_org)
    first = job(a, date(2026, 1, 10), "20.00", case_manager)
    job(b, date(2026, 1, 20), "25.00", case_manager)
    job(b, date(2025, 1, 20), "99.00", case_manager)  # before the range
    job(outsider, date(2026, 1, 15), "50.00", case_manager)  # out of scope
    RetentionCheck.objects.create(
        placement=first,
        days=30,
        checked_on=date(2026, 2, 10),
        still_employed=True,
        method="pay_stub",
        recorded_by=case_manager,
    )
    credit(a, 120, date(2026, 2, 3), approved_by=case_manager)
    services.milestone_reach(
        participant=a, milestone="orientation", on=date(2026, 2, 3), source="t"
    )
    services.statement_run(period=period, organization=org, actor=case_manager)
    statement = StipendStatement.objects.get()
    services.statement_review(actor=case_manager, statement=statement)
    services.statement_approve(actor=partner_admin, statement=statement)

    scope = Participant.objects.filter(organization=org)
    with django_assert_max_num_queries(4):
        metrics = {m.key: m for m in stipend_metrics(scope, date(2026, 1, 1), date(2026, 3, 31))}
    assert metrics["stipends.placements"].value == 2
    assert metrics["stipends.placements"].participant_ids == {a.pk, b.pk}
    assert metrics["stipends.wage_median"].value == Decimal("22.50")
    assert metrics["stipends.wage_average"].value == Decimal("22.50")
    assert metrics["stipends.wage_median"].is_money
    assert not metrics["stipends.wage_median"].is_people_count
    assert metrics["stipends.retention_30"].value == 1
    assert metrics["stipends.retention_90"].value == 0
    assert metrics["stipends.stipends_approved"].value == Decimal("36.00")
    assert metrics["stipends.incentives_approved"].value == Decimal("25.00")
    later = {m.key: m for m in stipend_metrics(scope, date(2026, 3, 1), date(2026, 3, 31))}
    assert later["stipends.placements"].value == 0
    assert later["stipends.stipends_approved"].value == 0
    assert stipend_metrics in hooks.get_hooks(METRICS_HOOK)
    assert first.start_date + timedelta(days=30) == date(2026, 2, 9)
