"""The quarterly grant report as a table (CSV) and a workbook (XLSX).

Both are built from :func:`selectors.report_build` with suppression on (the file leaves the
partner's scope), so each figure equals the one the dashboard shows for the same range.
"""

import csv
import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lms.exports import spreadsheet_row, spreadsheet_safe

from .formatting import figure_plain
from .selectors import Report
from .suppression import suppressed_text


def report_filename(report: Report, extension: str) -> str:
    scope = report.organization.slug if report.organization else "program"
    return f"sector-report-{scope}-{report.start.isoformat()}-{report.end.isoformat()}.{extension}"


def header_row(report: Report) -> list[str]:
    return [
        _("Section"),
        _("Measure"),
        _("Breakdown"),
        _("Key"),
        *[column.label for column in report.columns],
        _("Definition"),
    ]


def table_rows(report: Report):
    for row in report.rows:
        yield [
            row.section,
            row.label,
            row.group or _("Total"),
            row.key,
            *[figure_plain(cell) for cell in row.cells],
            row.definition,
        ]


def notes(report: Report) -> list[str]:
    lines = [
        _("SECTOR quarterly report, %(start)s to %(end)s (dates inclusive).")
        % {"start": report.start.isoformat(), "end": report.end.isoformat()},
        _("Produced %(when)s.") % {"when": date_format(timezone.localtime(), "Y-m-d H:i")},
    ]
    if report.suppressed:
        lines.append(
            _(
                'Counts of people under %(n)s are shown as "%(text)s"; where one hidden count '
                "could be worked out from a total, the next smallest count is hidden as well. "
                "Hours and money are not suppressed."
            )
            % {"n": suppressed_text()[1:], "text": suppressed_text()}
        )
    return lines


def report_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(spreadsheet_row(header_row(report)))
    for values in table_rows(report):
        writer.writerow(spreadsheet_row(values))
    return buffer.getvalue()


def report_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Quarterly report")[:31]
    for line in notes(report):
        sheet.append([spreadsheet_safe(line)])
    sheet.append([])
    header = header_row(report)
    sheet.append(spreadsheet_row(header))
    header_index = sheet.max_row
    bold = Font(bold=True)
    for cell in sheet[header_index]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDE3EA")
    sheet["A1"].font = Font(bold=True, size=13)
    first_figure, last_figure = 5, 4 + len(report.columns)
    for row, values in zip(report.rows, table_rows(report), strict=True):
        sheet.append(spreadsheet_row(values))
        for column in range(first_figure, last_figure + 1):
            cell = sheet.cell(row=sheet.max_row, column=column)
            if row.is_money:
                cell.number_format = '"$"#,##0.00'
            elif not row.is_people_count:
                cell.number_format = "#,##0.0"
            else:
                cell.number_format = "#,##0"
            cell.alignment = Alignment(horizontal="right")
        sheet.cell(row=sheet.max_row, column=len(values)).alignment = Alignment(wrap_text=True)
    widths = [18, 34, 22, 26] + [14] * len(report.columns) + [70]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_index + 1, column=first_figure)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
