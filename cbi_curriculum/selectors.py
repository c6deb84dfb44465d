"""Reads of CBI records, always scoped from lms.people.selectors."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lms.people.models import Participant
from lms.people.roles import Role
from lms.people.selectors import participants_visible_to

from .models import (
    ATTENDED,
    Attendance,
    AttendanceStatus,
    CurriculumPage,
    Group,
    GroupMember,
    GroupSession,
    LessonPage,
    MakeUp,
)


def groups_visible_to(user) -> QuerySet[Group]:
    """Program admins: every group; partner staff: their organization's; others: none."""
    if not getattr(user, "is_authenticated", False) or not user.is_staff_role:
        return Group.objects.none()
    if user.role == Role.PROGRAM_ADMIN:
        return Group.objects.all()
    return Group.objects.filter(organization_id=user.organization_id)


def groups_managed_by(user) -> QuerySet[Group]:
    """Groups whose settings, members and schedule the user may change."""
    if getattr(user, "role", None) in (Role.PARTNER_ADMIN, Role.PROGRAM_ADMIN):
        return groups_visible_to(user)
    return Group.objects.none()


def sessions_runnable_by(user) -> QuerySet[GroupSession]:
    """Sessions the user may open, mark and close.

    Facilitators: the groups they facilitate in their own organization; partner admins: their
    organization's groups; program admins: all.
    """
    if not getattr(user, "is_authenticated", False):
        return GroupSession.objects.none()
    if user.role == Role.PROGRAM_ADMIN:
        return GroupSession.objects.all()
    if user.role == Role.PARTNER_ADMIN:
        return GroupSession.objects.filter(group__organization_id=user.organization_id)
    if user.role == Role.FACILITATOR:
        return GroupSession.objects.filter(
            group__organization_id=user.organization_id, group__facilitators=user
        )
    return GroupSession.objects.none()


def session_for_runner(user, pk) -> GroupSession:
    """One session the user may run, with its group, organization and lesson; else 404."""
    try:
        return (
            sessions_runnable_by(user)
            .select_related("group", "group__organization", "lesson")
            .get(pk=pk)
        )
    except (GroupSession.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such session.") from exc


def session_for_marks(user, pk) -> GroupSession:
    """The few columns an attendance save needs, for a session the user may run; else 404."""
    try:
        return (
            sessions_runnable_by(user)
            .only("pk", "group_id", "status", "scheduled_start")
            .get(pk=pk)
        )
    except (GroupSession.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such session.") from exc


@dataclass
class RosterEntry:
    participant_id: int
    name: str
    is_makeup: bool
    attendance: Attendance | None = None


def session_roster(session: GroupSession) -> list[RosterEntry]:
    """Members of the group on the session's day plus make-up bookings, with their marks.

    Three queries whatever the roster size. Only the name of a make-up participant is read.
    """
    day = timezone.localtime(session.scheduled_start).date()
    members = (
        GroupMember.objects.filter(group_id=session.group_id, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=day))
        .values_list("participant_id", "participant__preferred_name")
    )
    makeups = MakeUp.objects.filter(session=session).values_list(
        "participant_id", "participant__preferred_name"
    )
    marks = {a.participant_id: a for a in Attendance.objects.filter(session=session)}
    entries = {pid: RosterEntry(pid, name, False) for pid, name in members}
    for pid, name in makeups:
        entries.setdefault(pid, RosterEntry(pid, name, True))
    for entry in entries.values():
        entry.attendance = marks.get(entry.participant_id)
    return sorted(entries.values(), key=lambda e: (e.name.lower(), e.participant_id))


def roster_has(session: GroupSession, participant_id) -> tuple[bool, bool]:
    """(on the roster, as a make-up) for one participant, in at most two queries."""
    day = timezone.localtime(session.scheduled_start).date()
    member = (
        GroupMember.objects.filter(
            group_id=session.group_id, participant_id=participant_id, joined_on__lte=day
        )
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=day))
        .exists()
    )
    if member:
        return True, False
    is_makeup = MakeUp.objects.filter(session=session, participant_id=participant_id).exists()
    return is_makeup, is_makeup


@dataclass
class LessonRecord:
    lesson: LessonPage
    attendance: Attendance | None = None  # the first attended session of this lesson

    @property
    def done(self) -> bool:
        return self.attendance is not None


@dataclass
class CurriculumRecord:
    curriculum: CurriculumPage
    lessons: list[LessonRecord] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.done)

    @property
    def owed(self) -> list[LessonRecord]:
        return [lesson for lesson in self.lessons if not lesson.done]

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / len(self.lessons)) if self.lessons else 0


def curriculum_records(participant: Participant) -> list[CurriculumRecord]:
    """For each curriculum the participant is in: every lesson, done (when, where) or owed."""
    curriculum_ids = set(
        GroupMember.objects.filter(participant=participant).values_list(
            "group__curriculum_id", flat=True
        )
    )
    attended = list(
        Attendance.objects.filter(
            participant=participant,
            status__in=ATTENDED,
            session__status=GroupSession.Status.CLOSED,
        )
        .select_related("session", "session__group", "session__group__organization")
        .order_by("session__scheduled_start")
    )
    curriculum_ids |= {a.session.group.curriculum_id for a in attended}
    if not curriculum_ids:
        return []
    first_by_lesson: dict[int, Attendance] = {}
    for mark in attended:
        first_by_lesson.setdefault(mark.session.lesson_id, mark)
    curricula = {c.pk: c for c in CurriculumPage.objects.filter(pk__in=curriculum_ids)}
    lessons = LessonPage.objects.live().order_by("number", "pk")
    records = {pk: CurriculumRecord(curriculum) for pk, curriculum in curricula.items()}
    for lesson in lessons.filter(_children_of(curricula.values())):
        parent = _parent_of(lesson, curricula.values())
        if parent is not None:
            records[parent.pk].lessons.append(LessonRecord(lesson, first_by_lesson.get(lesson.pk)))
    return [records[pk] for pk in sorted(records)]


def _children_of(pages) -> Q:
    condition = Q(pk__in=[])
    for page in pages:
        condition |= Q(path__startswith=page.path, depth=page.depth + 1)
    return condition


def _parent_of(lesson, pages):
    for page in pages:
        if lesson.path.startswith(page.path) and lesson.depth == page.depth + 1:
            return page
    return None


def lessons_of(curriculum_ids) -> dict[int, list[int]]:
    """Live lesson ids per curriculum, in one query."""
    curricula = list(CurriculumPage.objects.filter(pk__in=curriculum_ids))
    result: dict[int, list[int]] = {c.pk: [] for c in curricula}
    if not curricula:
        return result
    for lesson in (
        LessonPage.objects.live().filter(_children_of(curricula)).only("pk", "path", "depth")
    ):
        parent = _parent_of(lesson, curricula)
        if parent is not None:
            result[parent.pk].append(lesson.pk)
    return result


def lessons_done_by(participant_ids, lesson_ids) -> dict[int, set[int]]:
    """Lessons each participant attended in a closed session (make-ups count)."""
    done: dict[int, set[int]] = defaultdict(set)
    rows = Attendance.objects.filter(
        participant_id__in=participant_ids,
        session__lesson_id__in=lesson_ids,
        status__in=ATTENDED,
        session__status=GroupSession.Status.CLOSED,
    ).values_list("participant_id", "session__lesson_id")
    for pid, lesson_id in rows:
        done[pid].add(lesson_id)
    return done


def participant_group(participant: Participant) -> GroupMember | None:
    return (
        GroupMember.objects.filter(participant=participant, left_on__isnull=True)
        .select_related("group", "group__organization", "group__curriculum")
        .order_by("-joined_on")
        .first()
    )


def next_session_for(participant: Participant) -> GroupSession | None:
    """The participant's next session: in their group or a booked make-up."""
    now = timezone.now() - timezone.timedelta(hours=3)
    return (
        GroupSession.objects.filter(scheduled_start__gte=now)
        .exclude(status=GroupSession.Status.CLOSED)
        .filter(
            Q(group__members__participant=participant, group__members__left_on__isnull=True)
            | Q(makeups__participant=participant)
        )
        .select_related("group", "group__organization", "lesson")
        .order_by("scheduled_start")
        .first()
    )


def makeup_options(participant: Participant, owed_lesson_ids) -> QuerySet[GroupSession]:
    """Upcoming sessions of any partner's group delivering a lesson the participant owes."""
    return (
        GroupSession.objects.filter(
            lesson_id__in=owed_lesson_ids,
            scheduled_start__gte=timezone.now() - timezone.timedelta(hours=3),
            group__is_active=True,
        )
        .exclude(status=GroupSession.Status.CLOSED)
        .exclude(group__members__participant=participant)
        .select_related("group", "group__organization", "lesson")
        .order_by("scheduled_start")[:50]
    )


def attendance_summary(user, *, start: date, end: date) -> list[dict]:
    """Per participant in the user's scope: sessions marked and attended in the range."""
    rows = (
        Attendance.objects.filter(
            participant__in=participants_visible_to(user),
            session__status=GroupSession.Status.CLOSED,
            session__scheduled_start__date__gte=start,
            session__scheduled_start__date__lte=end,
        )
        .values("participant_id", "participant__preferred_name")
        .annotate(
            marked=Count("pk"),
            attended=Count("pk", filter=Q(status__in=ATTENDED)),
            excused=Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
        )
        .order_by("participant__preferred_name")
    )
    result = []
    for row in rows:
        counted = row["marked"] - row["excused"]
        row["rate"] = round(100 * row["attended"] / counted) if counted else None
        result.append(row)
    return result


def owed_lessons(user) -> list[dict]:
    """Group members in the user's scope and the lessons they still owe, in four queries."""
    members = list(
        GroupMember.objects.filter(
            participant__in=participants_visible_to(user), left_on__isnull=True
        )
        .select_related("participant", "group")
        .order_by("participant__preferred_name")
    )
    by_curriculum = lessons_of({m.group.curriculum_id for m in members})
    all_lessons = [pk for ids in by_curriculum.values() for pk in ids]
    done = lessons_done_by([m.participant_id for m in members], all_lessons)
    numbers = dict(LessonPage.objects.filter(pk__in=all_lessons).values_list("pk", "number"))
    result = []
    for member in members:
        lesson_ids = by_curriculum.get(member.group.curriculum_id, [])
        owed = [numbers[pk] for pk in lesson_ids if pk not in done[member.participant_id]]
        result.append(
            {
                "participant": member.participant,
                "group": member.group,
                "done": len(lesson_ids) - len(owed),
                "total": len(lesson_ids),
                "owed": sorted(owed),
            }
        )
    return result


def fidelity_summary(user) -> dict[str, list[dict]]:
    """Closed sessions per group and per closing facilitator: share of steps delivered and
    length against the lesson's planned minutes. Program admins see every partner."""
    sessions = list(
        GroupSession.objects.filter(
            group__in=groups_visible_to(user), status=GroupSession.Status.CLOSED
        ).select_related("group", "group__organization", "closed_by", "lesson")
    )

    def summarize(key_of, label_of):
        buckets: dict = {}
        for session in sessions:
            key = key_of(session)
            bucket = buckets.setdefault(
                key,
                {
                    "label": label_of(session),
                    "sessions": 0,
                    "delivered": 0,
                    "planned": 0,
                    "length": 0,
                    "planned_minutes": 0,
                },
            )
            bucket["sessions"] += 1
            bucket["delivered"] += len(session.steps_delivered)
            bucket["planned"] += session.steps_planned
            bucket["length"] += session.length_minutes or 0
            bucket["planned_minutes"] += session.lesson.planned_minutes
        rows = []
        for bucket in buckets.values():
            bucket["steps_share"] = (
                round(100 * bucket["delivered"] / bucket["planned"]) if bucket["planned"] else None
            )
            bucket["length_share"] = (
                round(100 * bucket["length"] / bucket["planned_minutes"])
                if bucket["planned_minutes"]
                else None
            )
            rows.append(bucket)
        return sorted(rows, key=lambda row: row["label"])

    return {
        "groups": summarize(
            lambda s: s.group_id, lambda s: f"{s.group.name} · {s.group.organization.display_name}"
        ),
        "facilitators": summarize(
            lambda s: s.closed_by_id,
            lambda s: f"{s.closed_by} · {s.group.organization.display_name}",
        ),
    }


def lessons_holding_document(document) -> list[LessonPage]:
    """Live lessons whose handouts (or any other field) use a Wagtail document."""
    from lms.documents import pages_holding

    return list(pages_holding(document, LessonPage).only("pk", "path"))


def groups_using_lessons(lessons) -> QuerySet[Group]:
    """Groups that deliver these lessons: their curriculum holds them, or a session did."""
    parents = {lesson.path[: -LessonPage.steplen] for lesson in lessons}
    curricula = CurriculumPage.objects.filter(path__in=parents).values("pk")
    return Group.objects.filter(
        Q(curriculum__in=curricula) | Q(sessions__lesson__in=[lesson.pk for lesson in lessons])
    ).distinct()
