"""Turning a built report into the charts of the dashboard, each with the table it pictures."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .charts import Series, bar_chart, column_chart
from .formatting import figure_text
from .selectors import Report
from .suppression import Cell, suppressed_text


@dataclass
class Chart:
    id: str
    title: str
    svg: SafeString | None  # None when every figure is hidden: nothing honest to draw
    headers: list[str]
    rows: list[tuple[str, list[str]]]  # category, figures as written


def _value(cell: Cell):
    return None if cell.suppressed else cell.value


def _chart_table(categories, series_cells) -> list[tuple[str, list[str]]]:
    return [
        (category, [figure_text(cells[i]) for cells in series_cells.values()])
        for i, category in enumerate(categories)
    ]


def _chart(chart_id, title, categories, series_cells, *, kind="bar", stacked=False) -> Chart:
    series = [Series(name, [_value(c) for c in cells]) for name, cells in series_cells.items()]
    draw = bar_chart if kind == "bar" else column_chart
    options = {"stacked": stacked} if kind == "column" else {}
    svg = draw(
        chart_id,
        title,
        categories,
        series,
        description=_("The same figures are in the table beside this chart."),
        hidden_label=suppressed_text(),
        **options,
    )
    if all(v is None for item in series for v in item.values):
        svg = None
    return Chart(chart_id, title, svg, list(series_cells), _chart_table(categories, series_cells))


def dashboard_charts(report: Report) -> list[Chart]:
    """Enrollment and hours over time; each section by partner; each breakdown by its groups."""
    months = [date_format(month, "M Y") for month in report.months]
    charts = [
        _chart(
            "chart-enrollment",
            _("New enrollments by month"),
            months,
            {_("Newly enrolled"): report.enrollment_by_month},
            kind="column",
        ),
        _chart(
            "chart-hours",
            _("Approved hours by month and kind"),
            months,
            report.hours_by_month,
            kind="column",
            stacked=True,
        ),
    ]
    if report.has_partner_columns:
        partners = report.columns[1:]
        for section in report.sections:
            rows = [r for r in section.rows if r.group == "" and r.is_people_count][:5]
            if not rows:
                continue
            charts.append(
                _chart(
                    f"chart-partners-{slugify(section.title) or len(charts)}",
                    _("%(section)s by partner") % {"section": section.title},
                    [c.label for c in partners],
                    {row.label: row.cells[1:] for row in rows},
                )
            )
    keys = {}
    for row in report.rows:
        if row.group:
            keys.setdefault(row.key, []).append(row)
    for key, rows in keys.items():
        charts.append(
            _chart(
                f"chart-{slugify(key.replace('.', '-'))}",
                _("%(label)s, broken down") % {"label": rows[0].label},
                [row.group for row in rows],
                {report.columns[0].label: [row.cells[0] for row in rows]},
            )
        )
    return charts
