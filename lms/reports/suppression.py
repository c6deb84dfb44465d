"""Small-cell suppression for figures that leave a partner's scope.

The rule (documented in the README and printed on every suppressed report):

1. Primary: a count of people below ``SUPPRESS_BELOW`` (11) is shown as "<11" (zero included,
   so a blank cell never differs from a small one).
2. Complementary: wherever a shown total is the sum of shown parts (the program total and its
   partners; a count and its breakdown by sector, type or month), one hidden part could be
   backed out by subtraction. So when exactly one part of a shown total is hidden, the next
   smallest part is hidden too; when the only part is hidden, the total is hidden. This repeats
   until nothing changes, because one new hidden cell can expose another relation.

Hours, money and rates are not counts of people and are never suppressed.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .app_settings import app_settings

SUPPRESSED_TEXT = "<11"


@dataclass(eq=False)
class Cell:
    """One figure: its value, the people behind it and whether it is hidden."""

    value: int | Decimal
    participant_ids: frozenset[int] = field(default_factory=frozenset)
    is_people_count: bool = True
    is_money: bool = False
    suppressed: bool = False


def suppressed_text() -> str:
    return f"<{app_settings.SUPPRESS_BELOW}"


def suppress(cells: Iterable[Cell], relations: Iterable[tuple[Cell, list[Cell]]]) -> None:
    """Hide small people counts, then enough neighbours that none can be derived."""
    threshold = app_settings.SUPPRESS_BELOW
    for cell in cells:
        if cell.is_people_count and cell.value < threshold:
            cell.suppressed = True
    relations = [
        (total, parts)
        for total, parts in relations
        if total.is_people_count and parts and all(p.is_people_count for p in parts)
    ]
    changed = True
    while changed:
        changed = False
        for total, parts in relations:
            if total.suppressed:
                continue
            hidden = [p for p in parts if p.suppressed]
            if len(hidden) != 1:
                continue
            shown = [p for p in parts if not p.suppressed]
            if shown:
                min(shown, key=lambda p: p.value).suppressed = True
            else:
                total.suppressed = True
            changed = True
