"""How a figure is written: grouped digits, money with cents, hidden cells as "<11"."""

from decimal import Decimal

from django.utils.formats import number_format

from .suppression import Cell, suppressed_text


def figure_text(cell: Cell) -> str:
    if cell.suppressed:
        return suppressed_text()
    value = cell.value
    if cell.is_money:
        return "$" + number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return number_format(value, 1, use_l10n=True, force_grouping=True)
    return number_format(int(value), 0, use_l10n=True, force_grouping=True)


def figure_plain(cell: Cell) -> int | Decimal | str:
    """The value for a spreadsheet: a number, or the hidden-cell text."""
    return suppressed_text() if cell.suppressed else cell.value
