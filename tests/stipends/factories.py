"""Stipend test data built through the services, the way the app writes it."""

import itertools
from datetime import date
from decimal import Decimal

from lms.hours.services import hours_credit
from lms.stipends import services

ANCHOR = date(2026, 1, 5)  # a Monday; periods: Jan 5-18, Jan 19-Feb 1, Feb 2-15, ...
_sources = itertools.count(1)


def make_policy(actor, **overrides):
    fields = {
        "effective_from": date(2025, 7, 1),
        "module_rate": Decimal("15.00"),
        "cbi_session_rate": Decimal("16.50"),
        "coaching_rate": Decimal("18.00"),
        "minimum_minutes": 120,
        "period_cap": Decimal("400.00"),
        "year_cap": Decimal("3000.00"),
        "year_start_month": 7,
        "year_start_day": 1,
        "period_days": 14,
        "period_anchor": ANCHOR,
    }
    fields.update(overrides)
    return services.stipend_policy_create(actor=actor, **fields)


def credit(participant, minutes, day, *, kind="coaching", approved_by=None):
    entry, _created = hours_credit(
        participant=participant,
        kind=kind,
        minutes=minutes,
        date=day,
        source=f"stipend-test:{next(_sources)}",
        approved_by=approved_by,
    )
    return entry
