"""Report figures: module and course completions by sector (the lms.reports contract)."""

from collections import defaultdict

from django.utils.translation import gettext as _

from lms.reports.metrics import Metric

from .models import Enrollment, ModuleCompletion, SectorPage


def sector_of(path: str, sectors: dict[str, str]) -> str:
    for sector_path, title in sectors.items():
        if path.startswith(sector_path):
            return title
    return ""


def course_metrics(participants, start, end) -> list[Metric]:
    """Three queries whatever the data: sectors, module completions, course completions."""
    sectors = dict(SectorPage.objects.values_list("path", "title"))
    section = _("Training")
    metrics = []
    figures = [
        (
            "courses.module_completions",
            _("Modules completed"),
            _("Module pages whose activities were all completed (and passed) in the period."),
            ModuleCompletion.objects.filter(
                participant__in=participants, completed_on__range=(start, end)
            ).values_list("participant_id", "module__path"),
        ),
        (
            "courses.course_completions",
            _("Courses completed"),
            _("Courses whose every module was completed, counted on the day the last one was."),
            Enrollment.objects.filter(
                participant__in=participants, completed_on__range=(start, end)
            ).values_list("participant_id", "course__path"),
        ),
    ]
    for key, label, definition, rows in figures:
        counts: dict[str, int] = defaultdict(int)
        people: dict[str, set] = defaultdict(set)
        for participant_id, path in rows:
            for group in ("", sector_of(path, sectors)):
                counts[group] += 1
                people[group].add(participant_id)
        counts.setdefault("", 0)
        for group in sorted(counts):
            metrics.append(
                Metric(
                    section=section,
                    key=key,
                    label=label,
                    definition=definition,
                    value=counts[group],
                    group=group,
                    participant_ids=frozenset(people[group]),
                )
            )
    return metrics
