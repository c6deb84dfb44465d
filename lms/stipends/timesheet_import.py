"""Import weekly timesheets from a CSV file: check every row, then save all rows or none.

Columns: ``participant_id, week_start, mon, tue, wed, thu, fri, sat, sun`` (hours per day,
decimals allowed, e.g. 7.5). A row identical to a saved timesheet is skipped, so importing
the same file twice adds nothing.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.people.selectors import participants_visible_to

from . import permissions
from .employment import timesheet_problems, timesheet_record
from .models import WEEKDAYS, Timesheet, WorksitePlacement

MAX_BYTES = 1_000_000
MAX_ROWS = 5000
COLUMNS = ("participant_id", "week_start", *WEEKDAYS)


@dataclass
class RowReport:
    number: int  # the line in the file (the header is line 1)
    participant_id: str = ""
    week_start: str = ""
    status: str = "new"  # new | duplicate | error
    errors: list[str] = field(default_factory=list)
    minutes: dict = field(default_factory=dict)
    placement: WorksitePlacement | None = None
    parsed_week: date | None = None


@dataclass
class ImportReport:
    rows: list[RowReport] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    saved: int = 0

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(r.status == "error" for r in self.rows)

    @property
    def new_rows(self) -> list[RowReport]:
        return [r for r in self.rows if r.status == "new"]

    @property
    def duplicate_count(self) -> int:
        return sum(1 for r in self.rows if r.status == "duplicate")

    @property
    def error_rows(self) -> list[RowReport]:
        return [r for r in self.rows if r.status == "error"]


# Hours in one day as people write them: 8, 7.5, 7.25, -2 (reported as negative later); no
# exponents or separators, so "1e999999" or "1e200000" costs nothing to refuse.
HOURS = re.compile(r"-?(\d{1,3}(\.\d{1,3})?|\.\d{1,3})", re.ASCII)


def _minutes(value: str) -> int | None:
    text = (value or "").strip() or "0"
    if not HOURS.fullmatch(text):
        return None
    hours = Decimal(text)
    return int((hours * 60).to_integral_value())


def timesheets_check(*, actor, content: bytes) -> ImportReport:
    """Read and check every row; saves nothing."""
    if not permissions.can_record_employment(actor):
        raise PermissionDenied(_("You cannot import timesheets."))
    report = ImportReport()
    if len(content) > MAX_BYTES:
        report.file_errors.append(_("The file is larger than 1 MB."))
        return report
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.file_errors.append(_("The file is not UTF-8 text. Save it as CSV (UTF-8)."))
        return report
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
    except csv.Error:
        report.file_errors.append(_("The first line cannot be read as CSV column names."))
        return report
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        report.file_errors.append(
            _("These columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
        return report
    reader.fieldnames = header
    raw = []
    try:
        for row in reader:
            if len(raw) >= MAX_ROWS:
                report.file_errors.append(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
                return report
            raw.append((reader.line_num, row))
    except csv.Error:
        report.file_errors.append(
            _("Line %(line)d cannot be read: a cell is far too long or a quote is not closed.")
            % {"line": reader.line_num + 1}
        )
        return report
    if not raw:
        report.file_errors.append(_("The file has no rows."))
        return report

    visible = participants_visible_to(actor)
    ids = {(row.get("participant_id") or "").strip() for _, row in raw}
    known = {
        str(pk): pk
        for pk in visible.filter(pk__in=[i for i in ids if i.isdigit()]).values_list(
            "pk", flat=True
        )
    }
    placements = {}
    for p in WorksitePlacement.objects.filter(participant_id__in=known.values()).order_by("start"):
        placements.setdefault(p.participant_id, []).append(p)
    saved = {
        (t.participant_id, t.week_start): t
        for t in Timesheet.objects.filter(participant_id__in=known.values())
    }
    seen_in_file = {}
    for number, row in raw:
        item = RowReport(
            number=number,
            participant_id=(row.get("participant_id") or "").strip(),
            week_start=(row.get("week_start") or "").strip(),
        )
        report.rows.append(item)
        pid = known.get(item.participant_id)
        if pid is None:
            item.errors.append(_("Unknown participant."))
        try:
            item.parsed_week = date.fromisoformat(item.week_start)
        except ValueError:
            item.errors.append(_("The week start is not a date (use YYYY-MM-DD)."))
        for name in WEEKDAYS:
            value = _minutes(row.get(name, ""))
            if value is None:
                item.errors.append(
                    _("%(day)s: “%(value)s” is not a number of hours.")
                    % {"day": name, "value": (row.get(name) or "")[:20]}
                )
            else:
                item.minutes[name] = value
        if item.errors:
            item.status = "error"
            continue
        key = (pid, item.parsed_week)
        if key in seen_in_file:
            item.errors.append(
                _("This week is also on line %(line)d: one timesheet per week.")
                % {"line": seen_in_file[key]}
            )
            item.status = "error"
            continue
        seen_in_file[key] = number
        existing = saved.get(key)
        if existing is not None:
            if all(getattr(existing, n) == item.minutes.get(n, 0) for n in WEEKDAYS):
                item.status = "duplicate"
            else:
                item.errors.append(_("A different timesheet for this week is already saved."))
                item.status = "error"
            continue
        item.placement = next(
            (p for p in placements.get(pid, []) if p.covers(item.parsed_week)),
            next(iter(placements.get(pid, [])), None),
        )
        if item.placement is None:
            item.errors.append(_("This participant has no worksite placement."))
        else:
            item.errors.extend(timesheet_problems(item.placement, item.parsed_week, item.minutes))
        if item.errors:
            item.status = "error"
    return report


def timesheets_import(*, actor, content: bytes) -> ImportReport:
    """Check the file; when every row is right, save the new rows in one transaction."""
    report = timesheets_check(actor=actor, content=content)
    if report.has_errors:
        return report
    try:
        with transaction.atomic():
            for item in report.new_rows:
                _ts, created = timesheet_record(
                    actor=actor,
                    placement=item.placement,
                    week_start=item.parsed_week,
                    minutes=item.minutes,
                )
                report.saved += int(created)
    except ValidationError as error:
        report.saved = 0
        report.file_errors.append(
            _("Nothing was saved: %(reason)s") % {"reason": " ".join(error.messages)}
        )
    return report
