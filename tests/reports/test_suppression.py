"""Small cells: counts of people under 11 are hidden, and so is anything they could be
worked out from."""

from decimal import Decimal

import pytest

from lms.reports.selectors import report_build
from lms.reports.suppression import Cell, suppress

from .conftest import END, START


def people(*values):
    return [Cell(v) for v in values]


def test_counts_under_eleven_are_hidden_zero_included():
    cells = people(0, 1, 10, 11, 250)
    suppress(cells, [])
    assert [c.suppressed for c in cells] == [True, True, True, False, False]


def test_hours_and_money_are_never_hidden():
    hours = Cell(Decimal("2.5"), is_people_count=False)
    money = Cell(Decimal("40.00"), is_people_count=False, is_money=True)
    suppress([hours, money], [])
    assert not hours.suppressed and not money.suppressed


def test_one_hidden_part_of_a_shown_total_hides_the_next_smallest():
    total, *parts = people(60, 4, 30, 26)
    suppress([total, *parts], [(total, parts)])
    assert [p.suppressed for p in parts] == [True, False, True]
    assert not total.suppressed


def test_total_of_a_single_hidden_part_is_hidden():
    total, part = people(5, 5)
    suppress([total, part], [(total, [part])])
    assert total.suppressed and part.suppressed
    total, part = people(12, 3)  # e.g. a partner whose other figures are out of the columns
    suppress([total, part], [(total, [part])])
    assert total.suppressed


def test_two_hidden_parts_are_left_alone():
    total, *parts = people(70, 3, 5, 62)
    suppress([total, *parts], [(total, parts)])
    assert [p.suppressed for p in parts] == [True, True, False]


def test_suppression_spreads_until_no_cell_can_be_derived():
    # Rows: a total over partners A, B; columns: a count over two breakdowns.
    a_x, a_y, b_x, b_y = people(3, 40, 30, 50)
    a, b = Cell(43), Cell(80)
    all_x, all_y, total = Cell(33), Cell(90), Cell(123)
    relations = [
        (total, [a, b]),
        (all_x, [a_x, b_x]),
        (all_y, [a_y, b_y]),
        (a, [a_x, a_y]),
        (b, [b_x, b_y]),
        (total, [all_x, all_y]),
    ]
    cells = [a_x, a_y, b_x, b_y, a, b, all_x, all_y, total]
    suppress(cells, relations)
    # a_x hidden -> b_x hidden (column) and a_y hidden (row) -> b_y hidden (column/row).
    assert all(c.suppressed for c in (a_x, a_y, b_x, b_y))
    for shown_total, parts in relations:
        hidden = [p for p in parts if p.suppressed]
        assert shown_total.suppressed or len(hidden) != 1


def test_mixed_relations_of_hours_are_ignored():
    total = Cell(Decimal("3.0"), is_people_count=False)
    parts = [
        Cell(Decimal("1.0"), is_people_count=False),
        Cell(Decimal("2.0"), is_people_count=False),
    ]
    suppress([total, *parts], [(total, parts)])
    assert not any(c.suppressed for c in [total, *parts])


@pytest.mark.django_db
def test_program_report_leaves_no_hidden_cell_derivable(known_data, program_admin):
    report = report_build(program_admin, start=START, end=END)
    enrolled = report.row("participants.enrolled")
    assert [c.value for c in enrolled.cells] == [15, 12, 3]
    assert [c.suppressed for c in enrolled.cells] == [False, True, True]
    for row in report.rows:
        hidden = [c for c in row.cells[1:] if c.suppressed]
        assert row.cells[0].suppressed or len(hidden) != 1, row.key
        for cell in row.cells:
            if row.is_people_count and cell.value < 11:
                assert cell.suppressed, (row.key, row.group)
            if not row.is_people_count:
                assert not cell.suppressed
    months = report.enrollment_by_month
    assert [c.suppressed for c in months] == [True, False, True]  # 3 and 0 hidden


@pytest.mark.django_db
def test_partner_admin_export_is_suppressed_even_for_own_partner(known_data, partner_admin):
    report = report_build(partner_admin, start=START, end=END, suppress_small=True)
    assert report.row("participants.completed").total.suppressed
    assert not report.row("participants.enrolled").total.suppressed
