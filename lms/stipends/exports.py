"""Approved statements of a period as CSV or XLSX for payroll; totals match the screen."""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

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


def _safe(value):
    """Spreadsheet programs run cells starting with = + - @ as formulas; neutralize text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def statements_csv(statements) -> str:
    header, rows, footer = export_rows(statements)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(v) if isinstance(v, str) else f"{v}" for v in row])
    writer.writerow([f"{v}" for v in footer])
    return out.getvalue()


def statements_xlsx(statements) -> bytes:
    header, rows, footer = export_rows(statements)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Statements")[:31]
    sheet.append(header)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    sheet.append(footer)
    for column in ("F", "G", "H", "I"):
        for cell in sheet[column][1:]:
            cell.number_format = "0.00"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
