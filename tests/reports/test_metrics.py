"""The helpers that build metrics for providers."""

from decimal import Decimal

from lms.reports.metrics import amount_metric, people_metric


def test_people_metric_counts_distinct_ids():
    metric = people_metric("Training", "x.done", "Done", "Def.", [3, 3, 5], group="IT")
    assert (metric.value, metric.participant_ids, metric.group) == (2, frozenset({3, 5}), "IT")
    assert metric.is_people_count and not metric.is_money


def test_amount_metric_is_never_a_people_count():
    money = amount_metric("Stipends", "s.paid", "Paid", "Def.", Decimal("10.00"), is_money=True)
    assert money.is_money and not money.is_people_count and not money.participant_ids
    rate = amount_metric("CBI", "c.rate", "Attendance (%)", "Def.", Decimal("87.5"))
    assert not rate.is_money and not rate.is_people_count
