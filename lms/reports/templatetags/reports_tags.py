from urllib.parse import urlencode

from django import template
from django.urls import reverse

from ..formatting import figure_text

register = template.Library()


@register.filter
def figure(cell) -> str:
    """A figure as written on the page ("<11" when hidden)."""
    return figure_text(cell)


@register.filter
def with_columns(cells, columns):
    return zip(columns, cells, strict=True)


@register.simple_tag
def people_url(query, column, row) -> str:
    """Link to the people behind one figure (recomputed and re-scoped by the server)."""
    params = urlencode({"column": column.key, "metric": row.key, "group": row.group})
    return f"{reverse('reports:people')}?{query}&{params}"
