"""Building a report: who may see which columns, the figures of every provider, suppression.

Providers are called once per column (the whole scope, then each partner), so the number of
queries depends on the number of partners and providers, never on the amount of data.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail import hooks

from lms.hours.models import HoursEntry, HoursKind, HoursStatus
from lms.people.models import Organization, Participant
from lms.people.roles import ADMIN_ROLES, Role
from lms.people.selectors import (
    is_staff,
    organizations_visible_to,
    participants_visible_to,
)

from .metrics import METRICS_HOOK, Metric
from .periods import months_between
from .providers import minutes_to_hours
from .suppression import Cell, suppress


def can_view_reports(user) -> bool:
    """Partner admins (their organization) and program admins (every partner)."""
    return is_staff(user) and user.role in ADMIN_ROLES


@dataclass
class Column:
    key: str
    label: str
    organization: Organization | None = None


@dataclass
class Row:
    section: str
    key: str
    label: str
    definition: str
    group: str
    cells: list[Cell]
    is_people_count: bool = True
    is_money: bool = False

    @property
    def total(self) -> Cell:
        return self.cells[0]


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Report:
    start: date
    end: date
    columns: list[Column]
    sections: list[Section]
    organization: Organization | None
    suppressed: bool
    months: list[date] = field(default_factory=list)
    enrollment_by_month: list[Cell] = field(default_factory=list)
    hours_by_month: dict[str, list[Cell]] = field(default_factory=dict)

    @property
    def rows(self) -> list[Row]:
        return [row for section in self.sections for row in section.rows]

    def row(self, key: str, group: str = "") -> Row | None:
        return next((r for r in self.rows if r.key == key and r.group == group), None)

    @property
    def key_figures(self) -> list[Row]:
        """The headline cards: participant totals and approved hours."""
        return [
            r
            for r in self.rows
            if r.group == "" and (r.key.startswith("participants.") or r.key == "hours.approved")
        ]

    @property
    def has_partner_columns(self) -> bool:
        return len(self.columns) > 1


def report_organization(viewer, slug: str | None) -> Organization | None:
    """The organization a report is limited to: a partner admin's own, or one a program admin
    chose (``slug``); 404 for anything outside the viewer's scope."""
    if not can_view_reports(viewer):
        raise Http404
    if viewer.role != Role.PROGRAM_ADMIN:
        if slug and slug != viewer.organization.slug:
            raise Http404("No such organization.")
        return viewer.organization
    if not slug:
        return None
    organization = organizations_visible_to(viewer).filter(slug=slug).first()
    if organization is None:
        raise Http404("No such organization.")
    return organization


def report_columns(viewer, organization: Organization | None) -> list[Column]:
    """One column for an organization, or the program total then each organization that has
    participants."""
    if organization is not None:
        return [Column(organization.slug, organization.display_name, organization)]
    organizations = (
        organizations_visible_to(viewer)
        .filter(participants__isnull=False)
        .distinct()
        .order_by("name")
    )
    return [Column("all", _("Whole program"))] + [
        Column(org.slug, org.display_name, org) for org in organizations
    ]


def column_participants(viewer, column: Column) -> QuerySet[Participant]:
    participants = participants_visible_to(viewer)
    if column.organization is not None:
        participants = participants.filter(organization=column.organization)
    return participants


def metrics_collect(participants, start: date, end: date) -> list[Metric]:
    """Every provider's metrics for one scope, in hook order."""
    metrics = []
    for provider in hooks.get_hooks(METRICS_HOOK):
        for metric in provider(participants, start, end) or []:
            if not isinstance(metric, Metric):
                raise TypeError(f"{provider.__qualname__} returned {type(metric).__name__}")
            metrics.append(metric)
    return metrics


def should_suppress(viewer, columns: list[Column]) -> bool:
    """Figures leave a partner's scope unless every column is the viewer's own organization."""
    return any(
        column.organization is None or column.organization.pk != viewer.organization_id
        for column in columns
    )


def report_build(
    viewer,
    organization: Organization | None = None,
    *,
    start: date,
    end: date,
    suppress_small: bool | None = None,
) -> Report:
    """The figures of every provider for the viewer's scope, by column, with suppression applied
    when they leave the partner's scope (or when ``suppress_small`` says so, as in exports)."""
    if not can_view_reports(viewer):
        raise Http404
    if viewer.role != Role.PROGRAM_ADMIN:
        organization = viewer.organization
    columns = report_columns(viewer, organization)
    rows: dict[tuple[str, str], Row] = {}
    for index, column in enumerate(columns):
        for metric in metrics_collect(column_participants(viewer, column), start, end):
            row = rows.get((metric.key, metric.group))
            if row is None:
                row = rows[(metric.key, metric.group)] = Row(
                    metric.section,
                    metric.key,
                    metric.label,
                    metric.definition,
                    metric.group,
                    [_empty_cell(metric) for _column in columns],
                    is_people_count=metric.is_people_count,
                    is_money=metric.is_money,
                )
            row.cells[index] = Cell(
                metric.value,
                frozenset(metric.participant_ids),
                is_people_count=metric.is_people_count,
                is_money=metric.is_money,
            )
    sections: dict[str, Section] = {}
    for row in rows.values():
        sections.setdefault(row.section, Section(row.section)).rows.append(row)
    report = Report(
        start=start,
        end=end,
        columns=columns,
        sections=list(sections.values()),
        organization=organization,
        suppressed=should_suppress(viewer, columns) if suppress_small is None else suppress_small,
    )
    _add_trends(report, column_participants(viewer, columns[0]))
    if report.suppressed:
        _suppress(report)
    return report


def _empty_cell(metric: Metric) -> Cell:
    return Cell(0, is_people_count=metric.is_people_count, is_money=metric.is_money)


def _add_trends(report: Report, participants: QuerySet[Participant]) -> None:
    """Enrollment and approved hours per month for the first column (two queries)."""
    report.months = months_between(report.start, report.end)
    enrolled: dict[date, set[int]] = defaultdict(set)
    for pk, enrolled_on in participants.filter(
        enrollment_date__gte=report.start, enrollment_date__lte=report.end
    ).values_list("pk", "enrollment_date"):
        enrolled[date(enrolled_on.year, enrolled_on.month, 1)].add(pk)
    report.enrollment_by_month = [
        Cell(len(enrolled[month]), frozenset(enrolled[month])) for month in report.months
    ]
    minutes: dict[tuple[date, str], int] = defaultdict(int)
    # Grouped by day, then folded into months here: truncating dates in SQLite runs a Python
    # function per row, while a year has at most 366 days per kind.
    for row in (
        HoursEntry.objects.filter(
            participant__in=participants,
            status=HoursStatus.APPROVED,
            date__gte=report.start,
            date__lte=report.end,
        )
        .values("date", "kind")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    ):
        day = row["date"]
        minutes[(date(day.year, day.month, 1), row["kind"])] += row["minutes"]
    report.hours_by_month = {
        str(label): [
            Cell(minutes_to_hours(minutes[(month, kind)]), is_people_count=False)
            for month in report.months
        ]
        for kind, label in HoursKind.choices
    }


def _suppress(report: Report) -> None:
    cells = [cell for row in report.rows for cell in row.cells] + report.enrollment_by_month
    relations = []
    if report.has_partner_columns:
        relations += [(row.cells[0], row.cells[1:]) for row in report.rows]
    by_key: dict[str, list[Row]] = defaultdict(list)
    for row in report.rows:
        by_key[row.key].append(row)
    for key_rows in by_key.values():
        total = next((r for r in key_rows if r.group == ""), None)
        parts = [r for r in key_rows if r.group != ""]
        if total is None or not parts:
            continue
        for index in range(len(report.columns)):
            relations.append((total.cells[index], [r.cells[index] for r in parts]))
    enrolled = report.row("participants.enrolled")
    if enrolled is not None and report.enrollment_by_month:
        relations.append((enrolled.cells[0], report.enrollment_by_month))
    suppress(cells, relations)


class SuppressedFigure(Exception):
    """The figure asked for is hidden by small-cell suppression, so its list is too."""


def report_people(
    viewer,
    organization: Organization | None,
    *,
    column: str,
    key: str,
    group: str,
    start: date,
    end: date,
) -> tuple[Row, Column, QuerySet[Participant]]:
    """The participants behind one figure of the same report the viewer sees, limited to the
    viewer's scope again; ids never come from the request. A hidden (suppressed) figure stays
    hidden: :class:`SuppressedFigure`."""
    report = report_build(viewer, organization, start=start, end=end)
    row = report.row(key, group)
    index = next((i for i, c in enumerate(report.columns) if c.key == column), None)
    if row is None or index is None or not row.is_people_count:
        raise Http404("No such figure.")
    cell = row.cells[index]
    if cell.suppressed:
        raise SuppressedFigure
    people = (
        column_participants(viewer, report.columns[index])
        .filter(pk__in=cell.participant_ids)
        .select_related("organization", "case_manager")
        .order_by("preferred_name", "pk")
    )
    return row, report.columns[index], people
