"""The contract between the reports and the apps that record what they count.

Each app registers a provider with Wagtail's hook registry, in its ``wagtail_hooks.py``::

    @hooks.register("report_metrics")
    def course_metrics(participants, start, end):
        return [Metric(...), ...]

``participants`` is a queryset already limited to the viewer's scope (and, for a per-partner
column, to one organization); ``start``/``end`` are inclusive dates. A provider runs a fixed
number of queries whatever the amount of data, and counts only what falls in the range.
lms.reports imports no plugin: it only asks the registry.

``people_metric`` and ``amount_metric`` build the two usual kinds (a count of people with its
ids; hours, money or a rate, which are never suppressed). Figures with the same ``key`` and
different ``group`` values form a breakdown; give the breakdown's total ``group=""``.
"""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Metric:
    section: str  # heading it is shown under, e.g. "Training" (translated)
    key: str  # stable id, e.g. "courses.completions"; used in exports and links
    label: str  # what is counted, in plain words (translated)
    definition: str  # how it is counted, precisely enough to audit (translated)
    value: int | Decimal
    group: str = ""  # a breakdown value, e.g. a sector or credential type; "" for the total
    participant_ids: frozenset[int] = field(default_factory=frozenset)
    # People behind the figure, for the drill-down list; empty when the value is not a
    # count of people (hours, money).
    is_money: bool = False
    is_people_count: bool = True  # small-cell suppression applies to counts of people


METRICS_HOOK = "report_metrics"


def people_metric(
    section: str, key: str, label: str, definition: str, participant_ids, *, group: str = ""
) -> Metric:
    """A count of people: the value is the number of distinct ids (so the two always agree)."""
    ids = frozenset(participant_ids)
    return Metric(section, key, label, definition, len(ids), group=group, participant_ids=ids)


def amount_metric(
    section: str,
    key: str,
    label: str,
    definition: str,
    value: int | Decimal,
    *,
    group: str = "",
    is_money: bool = False,
) -> Metric:
    """A figure that is not a count of people (hours, money, a rate): never suppressed."""
    return Metric(
        section,
        key,
        label,
        definition,
        value,
        group=group,
        is_money=is_money,
        is_people_count=False,
    )
