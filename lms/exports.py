"""What every CSV and XLSX export writes into a cell: text a spreadsheet will not run.

Spreadsheet programs treat a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in
some, a tab or carriage return before one, or the full-width forms of those signs) as a
formula, so a preferred name like ``=HYPERLINK(...)`` would run on a staff member's computer
(CSV/formula injection). Every export passes every cell through :func:`spreadsheet_safe`.
"""

from datetime import date, datetime
from decimal import Decimal

# ASCII signs, tab, carriage return, line feed, and the full-width = + - @ (U+FF1D, U+FF0B,
# U+FF0D, U+FF20) that some spreadsheet programs also read as formula starts.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value):
    """The value to write in a cell: numbers and dates as they are, text neutralized.

    Text that a spreadsheet would read as a formula gets a leading apostrophe, which shows
    the text as typed. Numbers stay numbers (a negative amount is not a formula).
    """
    if value is None or isinstance(value, bool | int | float | Decimal | date | datetime):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def spreadsheet_row(values) -> list:
    """Every cell of a row through :func:`spreadsheet_safe`."""
    return [spreadsheet_safe(value) for value in values]
