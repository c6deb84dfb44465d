"""Program quarters and months: the periods reports are asked for."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from .app_settings import app_settings


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str = ""


def _month_add(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _first_of_next_month(day: date) -> date:
    year, month = _month_add(day.year, day.month, 1)
    return date(year, month, 1)


def program_year_of(day: date) -> int:
    """The year in which the program year holding ``day`` ends (FY2026: Jul 2025-Jun 2026)."""
    first = app_settings.PROGRAM_YEAR_START_MONTH
    if first == 1:
        return day.year
    return day.year + 1 if day.month >= first else day.year


def program_quarter(day: date) -> Period:
    """The program quarter (three months from the program year's first month) holding ``day``."""
    first = app_settings.PROGRAM_YEAR_START_MONTH
    offset = (day.month - first) % 12
    start_year, start_month = _month_add(day.year, day.month, -(offset % 3))
    start = date(start_year, start_month, 1)
    end_year, end_month = _month_add(start_year, start_month, 3)
    end = date(end_year, end_month, 1) - timedelta(days=1)
    label = _("FY%(year)s Q%(quarter)s") % {
        "year": program_year_of(day),
        "quarter": offset // 3 + 1,
    }
    return Period(start, end, label)


def program_year(day: date) -> Period:
    """The whole program year holding ``day``."""
    first = app_settings.PROGRAM_YEAR_START_MONTH
    year = day.year if day.month >= first else day.year - 1
    start = date(year, first, 1)
    end_year, end_month = _month_add(year, first, 12)
    end = date(end_year, end_month, 1) - timedelta(days=1)
    return Period(start, end, _("FY%(year)s") % {"year": program_year_of(day)})


def preset_periods(today: date) -> list[Period]:
    """Shortcuts for the range picker: this quarter, last quarter, program year to date."""
    this = program_quarter(today)
    last = program_quarter(this.start - timedelta(days=1))
    year = program_year(today)
    return [
        Period(this.start, this.end, _("This quarter (%(label)s)") % {"label": this.label}),
        Period(last.start, last.end, _("Last quarter (%(label)s)") % {"label": last.label}),
        Period(year.start, today, _("Program year to date (%(label)s)") % {"label": year.label}),
    ]


def months_between(start: date, end: date) -> list[date]:
    """First day of every month that overlaps [start, end]."""
    months = []
    current = date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = _first_of_next_month(current)
    return months
