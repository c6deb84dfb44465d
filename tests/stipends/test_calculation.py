"""The statement arithmetic on plain values: totals, minimums and caps at their edges."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from lms.stipends.calculation import (
    LineDraft,
    Rules,
    hours_lines,
    statement_draft,
)
from lms.stipends.models import LineKind, StipendKind, cents

money = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False)
rules_strategy = st.builds(
    Rules,
    rates=st.fixed_dictionaries(dict.fromkeys(StipendKind.values, money)),
    minimum_minutes=st.integers(min_value=0, max_value=3000),
    period_cap=money,
    year_cap=st.decimals(min_value=0, max_value=10000, places=2),
)
rows_strategy = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=10**6),
        st.sampled_from(StipendKind.values),
        st.integers(min_value=1, max_value=1440),
    ),
    max_size=30,
    unique_by=lambda r: r[0],
)


@given(rows=rows_strategy, rules=rules_strategy, paid=money)
def test_totals_equal_the_sum_of_lines_and_caps_hold(rows, rules, paid):
    draft = statement_draft(rows=rows, rules=rules, paid_this_year=paid)
    assert draft.total == sum((ln.amount for ln in draft.lines), Decimal("0.00"))
    assert draft.stipend_total <= rules.period_cap
    assert draft.stipend_total <= max(rules.year_cap - paid, Decimal("0"))
    assert draft.stipend_total >= 0
    for line in draft.lines:
        assert line.amount == cents(line.amount)  # cents, never fractions of one
    minutes = sum(m for _e, _k, m in rows)
    if minutes < rules.minimum_minutes:
        assert draft.stipend_total == 0


@given(rows=rows_strategy, rules=rules_strategy)
def test_every_ledger_row_is_traced_once(rows, rules):
    traced = [e for ln in hours_lines(rows, rules) for e in ln.entry_ids]
    assert sorted(traced) == sorted(e for e, _k, _m in rows)


RULES = Rules(
    rates={"module": Decimal("15.00"), "cbi_session": Decimal("16.50"), "coaching": Decimal("18")},
    minimum_minutes=120,
    period_cap=Decimal("400.00"),
    year_cap=Decimal("3000.00"),
)


def test_one_minute_below_the_minimum_pays_nothing():
    lines = hours_lines([(1, "coaching", 119)], RULES)
    assert sum(ln.amount for ln in lines) == 0
    assert lines[-1].kind == LineKind.MINIMUM


def test_exactly_the_minimum_pays():
    lines = hours_lines([(1, "coaching", 120)], RULES)
    assert [ln.kind for ln in lines] == [LineKind.HOURS]
    assert lines[0].amount == Decimal("36.00")


def test_exactly_the_period_cap_is_not_cut_and_a_cent_more_is():
    # 400.00 at 16.50/h is 1454.5454... minutes; 1440 min = 396.00; add module minutes.
    exact = hours_lines([(1, "cbi_session", 1440), (2, "module", 16)], RULES)
    assert sum(ln.amount for ln in exact) == Decimal("400.00")
    assert all(ln.kind == LineKind.HOURS for ln in exact)
    over = hours_lines([(1, "cbi_session", 1440), (2, "module", 17)], RULES)
    assert over[-1].kind == LineKind.PERIOD_CAP
    assert sum(ln.amount for ln in over) == Decimal("400.00")


def test_year_cap_leaves_only_what_is_left_of_the_year():
    draft = statement_draft(
        rows=[(1, "coaching", 600)], rules=RULES, paid_this_year=Decimal("2950.00")
    )
    assert draft.stipend_total == Decimal("50.00")
    assert draft.lines[-1].kind == LineKind.YEAR_CAP


def test_incentives_are_outside_the_caps():
    incentive = LineDraft(kind=LineKind.INCENTIVE, amount=Decimal("200.00"), milestone_id=1)
    draft = statement_draft(
        rows=[(1, "coaching", 1440)],
        rules=RULES,
        paid_this_year=Decimal("3000.00"),
        incentives=[incentive],
    )
    assert draft.stipend_total == 0
    assert draft.incentive_total == Decimal("200.00")
    assert draft.total == Decimal("200.00")


def test_rounding_is_half_up_to_cents():
    # 16.50 * 7 / 60 = 1.925 -> 1.93
    assert hours_lines([(1, "cbi_session", 7)], Rules(**{**RULES.__dict__, "minimum_minutes": 0}))[
        0
    ].amount == Decimal("1.93")
