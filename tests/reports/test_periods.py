"""Program quarters follow the program (fiscal) year, July to June by default."""

from datetime import date

import pytest
from django.utils import translation

from lms.reports.periods import months_between, preset_periods, program_quarter, program_year


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_quarters_of_a_july_program_year():
    assert program_quarter(date(2026, 2, 14)) == program_quarter(date(2026, 1, 1))
    q = program_quarter(date(2026, 2, 14))
    assert (q.start, q.end, q.label) == (date(2026, 1, 1), date(2026, 3, 31), "FY2026 Q3")
    q = program_quarter(date(2025, 7, 1))
    assert (q.start, q.end, q.label) == (date(2025, 7, 1), date(2025, 9, 30), "FY2026 Q1")
    q = program_quarter(date(2025, 12, 31))
    assert (q.start, q.end, q.label) == (date(2025, 10, 1), date(2025, 12, 31), "FY2026 Q2")


def test_calendar_year_programs(settings):
    settings.REPORTS = {"PROGRAM_YEAR_START_MONTH": 1}
    q = program_quarter(date(2026, 5, 2))
    assert (q.start, q.end, q.label) == (date(2026, 4, 1), date(2026, 6, 30), "FY2026 Q2")
    assert program_year(date(2026, 5, 2)).start == date(2026, 1, 1)


def test_program_year_and_presets():
    year = program_year(date(2026, 2, 14))
    assert (year.start, year.end) == (date(2025, 7, 1), date(2026, 6, 30))
    this, last, to_date = preset_periods(date(2026, 2, 14))
    assert (this.start, last.start, last.end) == (
        date(2026, 1, 1),
        date(2025, 10, 1),
        date(2025, 12, 31),
    )
    assert (to_date.start, to_date.end) == (date(2025, 7, 1), date(2026, 2, 14))


def test_months_between_covers_partial_months():
    assert months_between(date(2025, 11, 15), date(2026, 1, 2)) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
    ]
