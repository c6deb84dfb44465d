"""Approved statements of a period as CSV or XLSX for payroll; totals match the screen."""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from lms.exports import spreadsheet_row

from .calculation import ZERO


def export_rows(statements) -> tuple[list[str], list[list], list]:
    header = [
        _("Statement"),
        _("Participant ID"),
        _("Legal name"),
        _("Pay period start"),
        _("Pay period end"),
        _("Approved hours"),
        _("Stipend"),
        _("Incentives"),
        _("Total"),
        _("Approved by"),
        _("Approved on"),
    ]
    rows = []
    totals = [ZERO, ZERO, ZERO]
    for s in statements:
        rows.append(
            [
                s.pk,
                s.participant_id,
                s.participant.legal_name,
                s.period.start.isoformat(),
                s.period.end.isoformat(),
                (Decimal(s.approved_minutes) / 60).quantize(Decimal("0.01")),
                s.stipend_total,
                s.incentive_total,
                s.total,
                s.approved_by.username if s.approved_by else "",
                s.approved_at.date().isoformat() if s.approved_at else "",
            ]
        )
        totals = [totals[0] + s.stipend_total, totals[1] + s.incentive_total, totals[2] + s.total]
    footer = [_("Total"), "", "", "", "", "", *totals, "", ""]
    return header, rows, footer


def statements_csv(statements) -> str:
    header, rows, footer = export_rows(statements)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(spreadsheet_row(header))
    for row in rows:
        writer.writerow(spreadsheet_row(row))
    writer.writerow(spreadsheet_row(footer))
    return out.getvalue()


def statements_xlsx(statements) -> bytes:
    header, rows, footer = export_rows(statements)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Statements")[:31]
    sheet.append(spreadsheet_row(header))
    for row in rows:
        sheet.append(spreadsheet_row(row))
    sheet.append(spreadsheet_row(footer))
    for column in ("F", "G", "H", "I"):
        for cell in sheet[column][1:]:
            cell.number_format = "0.00"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
