from datetime import date
from decimal import Decimal

import pytest

from lms.stipends import services
from lms.stipends.models import MilestoneKind

from .factories import make_policy


@pytest.fixture
def policy(program_admin):
    return make_policy(program_admin)


@pytest.fixture
def incentive_rules(program_admin):
    amounts = {
        MilestoneKind.ORIENTATION: "25.00",
        MilestoneKind.CBI_COMPLETED: "100.00",
        MilestoneKind.COURSE_COMPLETED: "50.00",
        MilestoneKind.INDUSTRY_CREDENTIAL: "150.00",
        MilestoneKind.JOB_PLACEMENT: "200.00",
        MilestoneKind.RETENTION_30: "100.00",
        MilestoneKind.RETENTION_90: "150.00",
        MilestoneKind.RETENTION_180: "250.00",
    }
    return [
        services.incentive_rule_create(
            actor=program_admin,
            milestone=milestone,
            amount=Decimal(amount),
            effective_from=date(2025, 7, 1),
        )
        for milestone, amount in amounts.items()
    ]


@pytest.fixture
def period(policy):
    return services.pay_period_for(date(2026, 2, 2))  # Feb 2 - Feb 15, 2026


@pytest.fixture
def next_period(policy):
    return services.pay_period_for(date(2026, 2, 16))
