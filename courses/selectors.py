"""Reading course progress: a participant's own courses, scoped rosters for staff."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from lms.hours.models import HoursEntry, HoursKind, HoursStatus
from lms.people.selectors import participants_visible_to

from .models import (
    ActiveMinute,
    ActivityProgress,
    CoursePage,
    Enrollment,
    ModuleCompletion,
    ModulePage,
    Statement,
)


@dataclass
class CourseProgress:
    enrollment: Enrollment
    modules: list = field(default_factory=list)
    done_ids: set = field(default_factory=set)
    resume: ModulePage | None = None

    @property
    def course(self):
        return self.enrollment.course

    @property
    def done(self) -> int:
        return len(self.done_ids)

    @property
    def total(self) -> int:
        return len(self.modules)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def modules_of(courses) -> dict[int, list[ModulePage]]:
    """Live modules of several courses in one query, in page order, by course id."""
    courses = list(courses)
    by_course: dict[int, list[ModulePage]] = {c.pk: [] for c in courses}
    if not courses:
        return by_course
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    prefix_len = courses[0].depth * ModulePage.steplen
    by_path = {c.path: c.pk for c in courses}
    for module in ModulePage.objects.live().filter(condition).order_by("path"):
        by_course[by_path[module.path[:prefix_len]]].append(module)
    return by_course


def course_progress_for(participant) -> list[CourseProgress]:
    """Each enrolled course with modules done and where to resume (fixed number of queries)."""
    enrollments = list(
        Enrollment.objects.filter(participant=participant)
        .select_related("course")
        .order_by("completed_on", "-last_seen_at", "course__title")
    )
    modules = modules_of(e.course for e in enrollments)
    done = set(
        ModuleCompletion.objects.filter(participant=participant).values_list("module_id", flat=True)
    )
    rows = []
    for enrollment in enrollments:
        course_modules = modules[enrollment.course_id]
        row = CourseProgress(
            enrollment=enrollment,
            modules=course_modules,
            done_ids={m.pk for m in course_modules if m.pk in done},
        )
        row.resume = next(
            (m for m in course_modules if m.pk == enrollment.last_module_id and m.pk not in done),
            next((m for m in course_modules if m.pk not in done), None),
        )
        rows.append(row)
    return rows


def module_minutes_this_week(participant, today=None) -> dict:
    """Module minutes credited since Monday, pending and approved."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    totals = HoursEntry.objects.filter(
        participant=participant, kind=HoursKind.MODULE, date__gte=monday, date__lte=today
    ).aggregate(
        pending=Sum("minutes", filter=Q(status=HoursStatus.PENDING)),
        approved=Sum("minutes", filter=Q(status=HoursStatus.APPROVED)),
    )
    return {"pending": totals["pending"] or 0, "approved": totals["approved"] or 0}


def module_state_for(participant, module: ModulePage) -> dict:
    """Progress by activity key and each knowledge check's latest answers, for the page."""
    progress = {
        p.activity_key: p
        for p in ActivityProgress.objects.filter(participant=participant, module=module)
    }
    latest = {}
    check_ids = [p.last_statement_id for p in progress.values() if p.kind == "knowledge_check"]
    for statement in Statement.objects.filter(pk__in=check_ids):
        latest[statement.activity_key] = statement
    completed = ModuleCompletion.objects.filter(participant=participant, module=module).exists()
    return {"progress": progress, "latest_answers": latest, "completed": completed}


def courses_visible_to(user):
    """Live courses, each with how many of the user's visible participants are enrolled."""
    visible = participants_visible_to(user)
    return (
        CoursePage.objects.live()
        .annotate(
            enrolled=Count("enrollments", filter=Q(enrollments__participant__in=visible)),
            completed=Count(
                "enrollments",
                filter=Q(
                    enrollments__participant__in=visible, enrollments__completed_on__isnull=False
                ),
            ),
        )
        .order_by("path")
    )


@dataclass
class RosterRow:
    enrollment: Enrollment
    done: int
    total: int
    active_minutes: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def course_roster(user, course: CoursePage) -> list[RosterRow]:
    """Enrolled participants the user may see, with modules done and active minutes."""
    visible = participants_visible_to(user)
    module_ids = [m.pk for m in modules_of([course])[course.pk]]
    enrollments = (
        Enrollment.objects.filter(course=course, participant__in=visible)
        .select_related("participant__user", "participant__organization", "last_module")
        .order_by("participant__preferred_name", "participant_id")
    )
    done = defaultdict(int)
    for row in (
        ModuleCompletion.objects.filter(participant__in=visible, module_id__in=module_ids)
        .values("participant_id")
        .annotate(n=Count("id"))
    ):
        done[row["participant_id"]] = row["n"]
    minutes = defaultdict(int)
    for row in (
        ActiveMinute.objects.filter(participant__in=visible, module_id__in=module_ids)
        .values("participant_id")
        .annotate(n=Count("id"))
    ):
        minutes[row["participant_id"]] = row["n"]
    return [
        RosterRow(e, done[e.participant_id], len(module_ids), minutes[e.participant_id])
        for e in enrollments
    ]


def check_feedback(block, statement) -> list[dict]:
    """For a knowledge check's last answers: each question, the answer chosen and its feedback."""
    if statement is None or block.block_type != "knowledge_check":
        return []
    chosen = (statement.payload.get("result") or {}).get("response") or {}
    rows = []
    for index, question in enumerate(block.value["questions"]):
        answers = list(question["answers"])
        choice = chosen.get(str(index))
        if not isinstance(choice, int) or not 0 <= choice < len(answers):
            continue
        answer = answers[choice]
        rows.append(
            {
                "prompt": question["prompt"],
                "answer": answer["text"],
                "correct": bool(answer["correct"]),
                "feedback": answer["feedback"],
            }
        )
    return rows
