"""Small server-side SVG charts: accessible (title, description), printable, no JavaScript.

Every chart is drawn from plain numbers; a value of ``None`` is a hidden (suppressed) figure and
is drawn as no bar with its label (e.g. "<11") instead. The page shows the same numbers in a
table beside the chart, so the SVG is a picture of that table, never the only copy.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), distinct in greyscale order.
PALETTE = ["#1f5fa8", "#b34a00", "#1a7a4a", "#7b3294", "#5c5c5c", "#c0267a", "#6b5200"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
Number = int | float | Decimal


@dataclass
class Series:
    name: str
    values: list[Number | None]  # None: hidden figure


def nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5, 5 or 10 times a power of ten)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _fmt(value: Number) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    number = float(value)
    return f"{number:,.0f}" if number == int(number) else f"{number:,.1f}"


def _svg(chart_id: str, title: str, description: str, width: int, height: int, body: list[str]):
    return mark_safe(  # noqa: S308 - every text below is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'font-family="{FONT}" font-size="13">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _legend(series: list[Series], x: int, right: int) -> tuple[list[str], int]:
    """Swatches and names, wrapped onto as many lines as the width needs; returns the height."""
    if len(series) < 2:
        return [], 8
    parts, cursor, line = [], x, 0
    for index, item in enumerate(series):
        item_width = 30 + 7 * len(item.name)
        if cursor > x and cursor + item_width > right:
            cursor, line = x, line + 1
        y = 18 + line * 20
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<g class="legend-item"><rect x="{cursor}" y="{y - 10}" width="12" height="12" '
            f'fill="{colour}"/><text x="{cursor + 17}" y="{y}">{escape(item.name)}</text></g>'
        )
        cursor += item_width
    return parts, 34 + line * 20


def bar_chart(
    chart_id: str,
    title: str,
    categories: list[str],
    series: list[Series],
    *,
    description: str = "",
    hidden_label: str = "<11",
    width: int = 640,
) -> SafeString:
    """Horizontal grouped bars: one group per category (a partner, a sector), one bar per series."""
    label_width, bar, gap = 170, 16, 14
    body, top = _legend(series, 10, width - 10)
    group_height = bar * len(series) + gap
    height = top + group_height * len(categories) + 8
    plot = width - label_width - 60
    biggest = max((float(v) for s in series for v in s.values if v is not None), default=0)
    scale = plot / nice_max(biggest)
    for row, category in enumerate(categories):
        y0 = top + row * group_height
        short = category if len(category) <= 24 else category[:23] + "…"
        body.append(
            f'<text class="category" x="{label_width - 8}" y="{y0 + group_height / 2 - 3}" '
            f'text-anchor="end"><title>{escape(category)}</title>{escape(short)}</text>'
        )
        for index, item in enumerate(series):
            value = item.values[row]
            y = y0 + index * bar
            if value is None:
                body.append(
                    f'<text class="hidden-value" x="{label_width + 4}" y="{y + bar - 4}" '
                    f'fill="#4a5360">{escape(hidden_label)}</text>'
                )
                continue
            length = max(float(value) * scale, 0)
            body.append(
                f'<rect class="bar" x="{label_width}" y="{y}" width="{length:.1f}" '
                f'height="{bar - 2}" fill="{PALETTE[index % len(PALETTE)]}">'
                f"<title>{escape(category)}, {escape(item.name)}: {_fmt(value)}</title></rect>"
                f'<text class="value" x="{label_width + length + 4:.1f}" y="{y + bar - 4}">'
                f"{_fmt(value)}</text>"
            )
    body.append(
        f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{height - 6}" '
        'stroke="#4a5360"/>'
    )
    return _svg(chart_id, title, description, width, height, body)


def column_chart(
    chart_id: str,
    title: str,
    categories: list[str],
    series: list[Series],
    *,
    description: str = "",
    hidden_label: str = "<11",
    stacked: bool = False,
    width: int = 640,
    height: int = 260,
) -> SafeString:
    """Vertical columns over time (months); several series are stacked or side by side."""
    left, right, bottom = 48, 10, 40
    body, top = _legend(series, left, width - right)
    top += 4
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(len(categories), 1)
    if stacked:
        sums = [sum(float(s.values[i] or 0) for s in series) for i in range(len(categories))]
        biggest = max(sums, default=0)
    else:
        biggest = max((float(v) for s in series for v in s.values if v is not None), default=0)
    axis_max = nice_max(biggest)
    for step in range(5):
        value = axis_max * step / 4
        y = top + plot_h - plot_h * step / 4
        body.append(
            f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="#c9d0d8"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_fmt(value if value != int(value) else int(value))}</text>"
        )
    label_every = max(1, math.ceil(len(categories) / 12))
    for column, category in enumerate(categories):
        x0 = left + column * slot
        if column % label_every == 0:
            body.append(
                f'<text class="category" x="{x0 + slot / 2:.1f}" y="{height - bottom + 18}" '
                f'text-anchor="middle">{escape(category)}</text>'
            )
        base = top + plot_h
        bar_w = slot * 0.7 if stacked else slot * 0.8 / max(len(series), 1)
        for index, item in enumerate(series):
            value = item.values[column]
            x = x0 + slot * 0.15 if stacked else x0 + slot * 0.1 + index * bar_w
            if value is None:
                body.append(
                    f'<text class="hidden-value" x="{x + bar_w / 2:.1f}" y="{base - 4}" '
                    f'text-anchor="middle" font-size="11" fill="#4a5360">'
                    f"{escape(hidden_label)}</text>"
                )
                continue
            size = plot_h * float(value) / axis_max
            y = base - size
            body.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{size:.1f}" fill="{PALETTE[index % len(PALETTE)]}">'
                f"<title>{escape(category)}, {escape(item.name)}: {_fmt(value)}</title></rect>"
            )
            if stacked:
                base = y
    body.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        'stroke="#4a5360"/>'
    )
    return _svg(chart_id, title, description, width, height, body)
