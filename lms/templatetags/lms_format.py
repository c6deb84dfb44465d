from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def as_hours(minutes) -> str:
    """Minutes shown as hours with at most one decimal (90 -> "1.5", 120 -> "2")."""
    try:
        return floatformat((minutes or 0) / 60, -1)
    except (TypeError, ValueError):
        return ""
