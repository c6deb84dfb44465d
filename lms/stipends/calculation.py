"""The arithmetic of a statement, on plain values so it can be tested exhaustively.

Services gather ledger rows and milestones from the database and hand them here; nothing in
this module touches the database.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .models import LineKind, StipendKind, cents

ZERO = Decimal("0.00")
HOURS_LINE_KINDS = (LineKind.HOURS, LineKind.MINIMUM, LineKind.PERIOD_CAP)


@dataclass(frozen=True)
class Rules:
    """The parts of a policy version that the arithmetic needs."""

    rates: dict  # StipendKind value -> Decimal per hour
    minimum_minutes: int
    period_cap: Decimal
    year_cap: Decimal

    @classmethod
    def of(cls, policy) -> "Rules":
        return cls(
            rates={kind: policy.rate_for(kind) for kind in StipendKind.values},
            minimum_minutes=policy.minimum_minutes,
            period_cap=policy.period_cap,
            year_cap=policy.year_cap,
        )


@dataclass
class LineDraft:
    kind: str
    amount: Decimal
    hours_kind: str = ""
    minutes: int = 0
    rate: Decimal | None = None
    entry_ids: tuple[int, ...] = ()
    milestone_id: int | None = None
    adjusts_period_id: int | None = None

    @property
    def is_adjustment(self) -> bool:
        return self.kind == LineKind.ADJUSTMENT

    def signature(self) -> tuple:
        return (
            self.kind,
            self.hours_kind,
            self.minutes,
            self.rate,
            cents(self.amount),
            tuple(sorted(self.entry_ids)),
            self.milestone_id,
            self.adjusts_period_id,
        )


@dataclass
class StatementDraft:
    lines: list[LineDraft] = field(default_factory=list)

    @property
    def stipend_total(self) -> Decimal:
        return cents(sum((ln.amount for ln in self.lines if ln.kind != LineKind.INCENTIVE), ZERO))

    @property
    def incentive_total(self) -> Decimal:
        return cents(sum((ln.amount for ln in self.lines if ln.kind == LineKind.INCENTIVE), ZERO))

    @property
    def total(self) -> Decimal:
        return self.stipend_total + self.incentive_total

    @property
    def approved_minutes(self) -> int:
        return sum(ln.minutes for ln in self.lines if ln.kind == LineKind.HOURS)


def hours_amount(rate: Decimal, minutes: int) -> Decimal:
    return cents(rate * minutes / 60)


def hours_lines(rows, rules: Rules) -> list[LineDraft]:
    """Lines for one period's approved rows ``[(entry_id, kind, minutes)]``: a line per kind,
    then the minimum (nothing below it) or the period cap (never above it)."""
    by_kind: dict[str, list] = {}
    for entry_id, kind, minutes in rows:
        by_kind.setdefault(kind, []).append((entry_id, minutes))
    lines = []
    for kind in StipendKind.values:
        items = by_kind.get(kind)
        if not items:
            continue
        minutes = sum(m for _, m in items)
        rate = rules.rates[kind]
        lines.append(
            LineDraft(
                kind=LineKind.HOURS,
                hours_kind=kind,
                minutes=minutes,
                rate=rate,
                amount=hours_amount(rate, minutes),
                entry_ids=tuple(sorted(e for e, _ in items)),
            )
        )
    subtotal = sum((ln.amount for ln in lines), ZERO)
    total_minutes = sum(ln.minutes for ln in lines)
    if subtotal > 0 and total_minutes < rules.minimum_minutes:
        lines.append(LineDraft(kind=LineKind.MINIMUM, amount=-subtotal))
    elif subtotal > rules.period_cap:
        lines.append(LineDraft(kind=LineKind.PERIOD_CAP, amount=rules.period_cap - subtotal))
    return lines


def hours_subtotal(rows, rules: Rules) -> Decimal:
    return sum((ln.amount for ln in hours_lines(rows, rules)), ZERO)


def year_cap_line(lines: list[LineDraft], rules: Rules, paid_this_year: Decimal):
    """A line bringing the stipend down to what is left of the program-year cap, if needed."""
    stipend = sum((ln.amount for ln in lines if ln.kind != LineKind.INCENTIVE), ZERO)
    remaining = max(rules.year_cap - paid_this_year, ZERO)
    if stipend > remaining:
        return LineDraft(kind=LineKind.YEAR_CAP, amount=remaining - stipend)
    return None


def statement_draft(
    *,
    rows,
    rules: Rules,
    adjustments: list[LineDraft] = (),
    paid_this_year: Decimal = ZERO,
    incentives: list[LineDraft] = (),
) -> StatementDraft:
    """The whole statement: hours lines, adjustments, the year cap, then incentives."""
    lines = hours_lines(rows, rules) + list(adjustments)
    cap = year_cap_line(lines, rules, paid_this_year)
    if cap is not None:
        lines.append(cap)
    lines.extend(incentives)
    return StatementDraft(lines=lines)
