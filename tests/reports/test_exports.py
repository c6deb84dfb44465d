"""The quarterly report files: what a grantee reports, with definitions, matching the dashboard."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lms.exports import spreadsheet_safe as safe_text
from lms.reports.formatting import figure_text

from .conftest import RANGE

pytestmark = pytest.mark.django_db


def workbook_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if r and r[0] == "Section")
    header = rows[header_at]
    return header, [dict(zip(header, r, strict=True)) for r in rows[header_at + 1 :]], rows


def test_xlsx_matches_the_dashboard(client_for, program_admin, known_data):
    client = client_for(program_admin)
    dashboard = client.get(reverse("reports:dashboard"), RANGE)
    report, html = dashboard.context["report"], dashboard.content.decode()
    response = client.get(reverse("reports:export_xlsx"), RANGE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "sector-report-program-2026-01-01-2026-03-31.xlsx" in response["Content-Disposition"]
    header, rows, _all = workbook_rows(response)
    assert list(header[4:7]) == ["Whole program", "North Partner", "South Partner"]
    assert len(rows) == len(report.rows)
    for row, line in zip(report.rows, rows, strict=True):
        assert (line["Key"], line["Measure"]) == (row.key, row.label)
        assert line["Definition"] == row.definition
        for column, cell in zip(report.columns, row.cells, strict=True):
            written = line[column.label]
            if cell.suppressed:
                assert written == "<11"
            else:
                assert written == cell.value
                assert f">{figure_text(cell)}<" in html


def test_xlsx_holds_the_grant_counts_and_their_definitions(client_for, program_admin, known_data):
    response = client_for(program_admin).get(reverse("reports:export_xlsx"), RANGE)
    _header, rows, everything = workbook_rows(response)
    found = {(r["Key"], r["Breakdown"]): r for r in rows}
    assert found[("participants.served", "Total")]["Whole program"] == 12
    assert found[("participants.served", "Total")]["Definition"].startswith("Participants with")
    assert found[("participants.enrolled", "Total")]["Whole program"] == 15
    assert found[("participants.enrolled", "Total")]["South Partner"] == "<11"
    assert found[("services.received", "Coaching")]["Whole program"] == "<11"
    assert float(found[("hours.approved", "Total")]["Whole program"]) == 16.0
    assert "2026-01-01 to 2026-03-31" in everything[0][0]
    assert any(r and r[0] and 'shown as "<11"' in r[0] for r in everything[:4])


def test_csv_has_the_same_figures(client_for, program_admin, known_data):
    client = client_for(program_admin)
    response = client.get(reverse("reports:export_csv"), RANGE)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    found = {(r["Key"], r["Breakdown"]): r for r in rows}
    assert found[("participants.enrolled", "Total")]["Whole program"] == "15"
    assert found[("participants.enrolled", "Total")]["North Partner"] == "<11"
    assert found[("hours.approved", "Coaching")]["North Partner"] == "10.0"


def test_partner_admin_export_covers_only_their_partner(client_for, partner_admin, known_data):
    response = client_for(partner_admin).get(reverse("reports:export_csv"), RANGE)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert "South Partner" not in response.content.decode()
    assert "North Partner" in rows[0]
    found = {(r["Key"], r["Breakdown"]): r for r in rows}
    assert found[("participants.enrolled", "Total")]["North Partner"] == "12"
    assert found[("participants.completed", "Total")]["North Partner"] == "<11"


def test_text_that_looks_like_a_formula_is_neutralised():
    assert safe_text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_text("@SUM") == "'@SUM"
    assert safe_text("Coaching") == "Coaching"
