"""Each core figure on a known data set, exact (a partner admin viewing their own partner)."""

from decimal import Decimal

import pytest

from lms.people.selectors import participants_visible_to
from lms.reports.providers import hours_metrics, participant_metrics
from lms.reports.selectors import report_build

from .conftest import END, START

pytestmark = pytest.mark.django_db


def by_key(metrics):
    return {(m.key, m.group): m for m in metrics}


def test_participant_counts_follow_enrollment_and_status_dates(known_data, partner_admin):
    metrics = by_key(participant_metrics(participants_visible_to(partner_admin), START, END))
    north_new = {p.pk for p in known_data.new_north}
    assert metrics[("participants.enrolled", "")].value == 12
    assert metrics[("participants.enrolled", "")].participant_ids == north_new
    # 12 new + 2 completed in range + 1 exited in range; not the one who exited before it,
    # nor the one enrolled after the range.
    assert metrics[("participants.active", "")].value == 15
    assert known_data.exited_before.pk not in metrics[("participants.active", "")].participant_ids
    assert metrics[("participants.completed", "")].participant_ids == {
        p.pk for p in known_data.completed_north
    }
    assert metrics[("participants.exited", "")].participant_ids == {known_data.exited_in_range.pk}


def test_each_participant_count_states_its_definition(known_data, partner_admin):
    metrics = by_key(participant_metrics(participants_visible_to(partner_admin), START, END))
    assert "enrollment date falls in the range" in metrics[("participants.enrolled", "")].definition
    assert "not completed or exited before" in metrics[("participants.active", "")].definition
    assert "Completed" in metrics[("participants.completed", "")].definition
    assert "Exited" in metrics[("participants.exited", "")].definition
    assert all(m.is_people_count and not m.is_money for m in metrics.values())


def test_hours_count_approved_minutes_in_range_with_corrections(known_data, partner_admin):
    metrics = by_key(hours_metrics(participants_visible_to(partner_admin), START, END))
    # 11 coaching hours less one reversed; 2 CBI hours on the last day; pending and
    # after-the-range rows are left out; south's work experience is out of scope.
    assert metrics[("hours.approved", "Coaching")].value == Decimal("10.0")
    assert metrics[("hours.approved", "Group session")].value == Decimal("2.0")
    assert metrics[("hours.approved", "Online module")].value == Decimal("0.0")
    assert metrics[("hours.approved", "Work experience")].value == Decimal("0.0")
    assert metrics[("hours.approved", "")].value == Decimal("12.0")
    assert not metrics[("hours.approved", "")].is_people_count
    assert "corrections" in metrics[("hours.approved", "Coaching")].definition


def test_people_served_excludes_a_fully_reversed_service(known_data, partner_admin):
    metrics = by_key(hours_metrics(participants_visible_to(partner_admin), START, END))
    coaching = metrics[("services.received", "Coaching")]
    assert coaching.value == 10
    assert known_data.coaching_reversed.pk not in coaching.participant_ids
    assert metrics[("services.received", "Group session")].participant_ids == {
        known_data.cbi_person.pk
    }
    served = metrics[("participants.served", "")]
    assert served.value == 11
    assert served.participant_ids == {p.pk for p in known_data.new_north[1:]}


def test_partner_admin_sees_exact_figures_for_own_partner(known_data, partner_admin):
    report = report_build(partner_admin, start=START, end=END)
    assert not report.suppressed
    assert [c.organization for c in report.columns] == [partner_admin.organization]
    assert report.row("participants.completed").total.value == 2
    assert not report.row("participants.completed").total.suppressed
    assert report.row("participants.exited").total.value == 1


def test_program_total_adds_up_the_partners(known_data, program_admin, org, other_org):
    report = report_build(program_admin, start=START, end=END)
    labels = [c.label for c in report.columns]
    assert labels[0] == "Whole program"
    assert [c.organization for c in report.columns[1:]] == [org, other_org]
    enrolled = report.row("participants.enrolled")
    assert [c.value for c in enrolled.cells] == [15, 12, 3]
    hours = report.row("hours.approved")
    assert [c.value for c in hours.cells] == [Decimal("16.0"), Decimal("12.0"), Decimal("4.0")]


def test_trends_count_enrollments_and_hours_by_month(known_data, partner_admin):
    report = report_build(partner_admin, start=START, end=END)
    assert [m.month for m in report.months] == [1, 2, 3]
    assert [c.value for c in report.enrollment_by_month] == [0, 12, 0]
    assert [c.value for c in report.hours_by_month["Coaching"]] == [0, Decimal("10.0"), 0]
    assert [c.value for c in report.hours_by_month["Group session"]] == [0, 0, Decimal("2.0")]
