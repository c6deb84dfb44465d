"""Figures from other apps arrive through the ``report_metrics`` hook and sit beside the core."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks

from lms.reports.metrics import METRICS_HOOK, Metric
from lms.reports.selectors import report_build

from .conftest import END, RANGE, START

pytestmark = pytest.mark.django_db


def training_metrics(participants, start, end):
    """A fake plugin: credentials by sector for everyone in scope enrolled in the range."""
    ids = frozenset(
        participants.filter(enrollment_date__range=(start, end)).values_list("pk", flat=True)
    )
    half = frozenset(sorted(ids)[: len(ids) // 2])
    return [
        Metric(
            "Credentials",
            "fake.credentials",
            "Credentials issued",
            "Fake: all new.",
            len(ids),
            participant_ids=ids,
        ),
        Metric(
            "Credentials",
            "fake.credentials",
            "Credentials issued",
            "Fake: first half.",
            len(half),
            group="Construction",
            participant_ids=half,
        ),
        Metric(
            "Stipends",
            "fake.stipends",
            "Stipends approved",
            "Fake money.",
            Decimal("125.50") * len(ids),
            is_money=True,
            is_people_count=False,
        ),
    ]


def test_plugin_metrics_join_the_report_after_the_core(program_admin, known_data):
    with hooks.register_temporarily(METRICS_HOOK, training_metrics):
        report = report_build(program_admin, start=START, end=END)
    titles = [s.title for s in report.sections]
    assert titles[:3] == ["Participants", "Services received", "Hours"]
    assert titles[-2:] == ["Credentials", "Stipends"]  # after the installed apps' sections
    credentials = report.row("fake.credentials")
    assert [c.value for c in credentials.cells] == [15, 12, 3]
    assert report.row("fake.credentials", "Construction").cells[0].value == 7
    money = report.row("fake.stipends")
    assert money.is_money
    assert [c.value for c in money.cells] == [
        Decimal("1882.50"),
        Decimal("1506.00"),
        Decimal("376.50"),
    ]
    assert not any(c.suppressed for c in money.cells)


def test_plugin_figures_are_shown_suppressed_and_exported(client_for, program_admin, known_data):
    client = client_for(program_admin)
    with hooks.register_temporarily(METRICS_HOOK, training_metrics):
        html = client.get(reverse("reports:dashboard"), RANGE).content.decode()
        csv_text = client.get(reverse("reports:export_csv"), RANGE).content.decode()
    assert "Credentials issued" in html
    assert "$1,882.50" in html
    assert "Fake: first half." in html
    # Construction (7) is the only breakdown, so the total (15) is hidden with it: otherwise a
    # reader could not tell whether 15 - 7 reveals a hidden sector.
    assert "fake.credentials,<11,<11,<11,Fake: all new." in csv_text
    assert "fake.stipends,1882.50,1506.00,376.50,Fake money." in csv_text


def test_plugin_drill_down_is_limited_to_the_viewer(client_for, partner_admin, known_data):
    def leaky(participants, start, end):
        # A faulty provider that names people outside the scope it was given.
        everyone = frozenset(p.pk for p in known_data.new_north + known_data.new_south)
        return [
            Metric(
                "Leaky", "leaky.count", "Leaky", "Leaky.", len(everyone), participant_ids=everyone
            )
        ]

    with hooks.register_temporarily(METRICS_HOOK, leaky):
        response = client_for(partner_admin).get(
            reverse("reports:people"),
            {**RANGE, "column": "north", "metric": "leaky.count", "group": ""},
        )
    listed = {p.pk for p in response.context["page"]}
    assert listed == {p.pk for p in known_data.new_north}


def test_a_provider_returning_something_else_is_named(program_admin, known_data):
    def broken(participants, start, end):
        return [{"key": "x"}]

    with hooks.register_temporarily(METRICS_HOOK, broken), pytest.raises(TypeError, match="broken"):
        report_build(program_admin, start=START, end=END)


def test_plugin_queries_per_column_stay_constant(
    client_for, program_admin, known_data, django_assert_max_num_queries
):
    client = client_for(program_admin)
    client.get(reverse("reports:dashboard"), RANGE)
    with CaptureQueriesContext(connection) as without_plugin:
        client.get(reverse("reports:dashboard"), RANGE)
    # The installed apps' queries plus one query per column (3) for the fake plugin.
    with (
        hooks.register_temporarily(METRICS_HOOK, training_metrics),
        django_assert_max_num_queries(len(without_plugin) + 3),
    ):
        client.get(reverse("reports:dashboard"), RANGE)
