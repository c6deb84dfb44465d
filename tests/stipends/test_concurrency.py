"""Two runs or two approvals racing on PostgreSQL never pay anything twice."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from lms import events
from lms.people.roles import Role
from lms.stipends import services
from lms.stipends.models import (
    PaidIncentive,
    SettledHours,
    StatementLine,
    StatementStatus,
    StipendStatement,
)
from tests.factories import UserFactory

from .factories import credit

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Row locks and concurrent transactions need PostgreSQL (set DATABASE_URL).",
    ),
    pytest.mark.django_db(transaction=True),  # tests/baseline.py restores migrated rows
]


def race(*calls):
    """Start the calls together in threads with their own connections; return outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            outcomes[index] = ("ok", call())
        except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
            outcomes[index] = ("error", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcomes


def test_two_runs_at_once_create_one_statement_each(
    participant, case_manager, partner_admin, period, org, incentive_rules
):
    credit(participant, 180, date(2026, 2, 3), approved_by=case_manager)
    events.orientation_completed.send(sender=None, participant=participant, on=date(2026, 2, 4))
    outcomes = race(
        lambda: services.statement_run(period=period, organization=org, actor=case_manager),
        lambda: services.statement_run(period=period, organization=org, actor=partner_admin),
    )
    assert all(kind == "ok" for kind, _ in outcomes), outcomes
    assert StipendStatement.objects.filter(participant=participant).count() == 1
    assert StatementLine.objects.filter(kind="incentive").count() == 1


def test_two_approvals_of_one_statement_lock_it_once(
    participant, case_manager, partner_admin, period, org, incentive_rules
):
    credit(participant, 180, date(2026, 2, 3), approved_by=case_manager)
    events.orientation_completed.send(sender=None, participant=participant, on=date(2026, 2, 4))
    services.statement_run(period=period, organization=org, actor=case_manager)
    statement = StipendStatement.objects.get()
    services.statement_review(actor=case_manager, statement=statement)
    second_admin = UserFactory(role=Role.PARTNER_ADMIN, organization=org)
    outcomes = race(
        lambda: services.statement_approve(actor=partner_admin, statement=statement),
        lambda: services.statement_approve(actor=second_admin, statement=statement),
    )
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["error", "ok"], outcomes
    assert isinstance(next(v for k, v in outcomes if k == "error"), ValidationError)
    assert PaidIncentive.objects.count() == 1
    assert SettledHours.objects.count() == 1


def test_approvals_of_two_periods_racing_for_the_same_incentive_pay_it_once(
    participant, case_manager, partner_admin, period, next_period, org, incentive_rules
):
    """Even if two open statements carried the same milestone, the database pays it once."""
    events.orientation_completed.send(sender=None, participant=participant, on=date(2026, 2, 4))
    services.statement_run(period=period, organization=org, actor=case_manager)
    first = StipendStatement.objects.get(period=period)
    # Simulate a second open statement carrying the same milestone (e.g. an older release).
    second = StipendStatement.objects.create(
        participant=participant,
        organization=org,
        period=next_period,
        policy=first.policy,
        computed_at=first.computed_at,
        incentive_total=Decimal("25.00"),
        total=Decimal("25.00"),
    )
    line = first.lines.get()
    StatementLine.objects.create(
        statement=second, kind="incentive", amount=line.amount, milestone=line.milestone
    )
    for s in (first, second):
        services.statement_review(actor=case_manager, statement=s)
    second_admin = UserFactory(role=Role.PARTNER_ADMIN, organization=org)
    outcomes = race(
        lambda: services.statement_approve(actor=partner_admin, statement=first),
        lambda: services.statement_approve(actor=second_admin, statement=second),
    )
    assert sorted(kind for kind, _ in outcomes) == ["error", "ok"], outcomes
    assert PaidIncentive.objects.count() == 1
    assert StipendStatement.objects.filter(status=StatementStatus.APPROVED).count() == 1
