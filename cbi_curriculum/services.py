"""The writers of CBI records: scheduling, attendance marks, closing sessions, make-ups."""

import uuid
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import events
from lms.audit.services import audit_record
from lms.hours.models import HoursKind
from lms.hours.services import hours_credit
from lms.people.models import Participant
from lms.people.roles import ENROLLING_ROLES
from lms.people.selectors import participants_visible_to

from .models import (
    ATTENDED,
    Attendance,
    AttendanceStatus,
    CurriculumCompletion,
    Group,
    GroupMember,
    GroupSession,
    LessonPage,
    MakeUp,
)
from .selectors import (
    curriculum_records,
    lessons_done_by,
    lessons_of,
    roster_has,
    session_roster,
    sessions_runnable_by,
)


def _first_meeting(group: Group, on_or_after: date) -> date:
    return on_or_after + timedelta(days=(group.weekday - on_or_after.weekday()) % 7)


def sessions_schedule(*, group: Group, count: int) -> list[GroupSession]:
    """Add ``count`` weekly sessions after the group's last one, lessons in order.

    A rolling group starts again at lesson 1 after the last lesson without a break; a closed
    group stops after its last lesson.
    """
    if count < 1 or count > 52:
        raise ValidationError(_("Schedule between 1 and 52 sessions at a time."))
    lessons = list(group.curriculum.specific.lessons())
    if not lessons:
        raise ValidationError(_("The curriculum has no published lessons yet."))
    created = []
    with transaction.atomic():
        Group.objects.select_for_update().filter(pk=group.pk).first()
        last = group.sessions.order_by("-sequence").first()
        if last is None:
            sequence, index = 1, 0
            day = _first_meeting(group, group.starts_on)
        else:
            sequence = last.sequence + 1
            positions = [lesson.pk for lesson in lessons]
            index = positions.index(last.lesson_id) + 1 if last.lesson_id in positions else 0
            day = _first_meeting(
                group, timezone.localtime(last.scheduled_start).date() + timedelta(days=1)
            )
        for _step in range(count):
            if index >= len(lessons):
                if not group.is_rolling:
                    break
                index = 0
            start = timezone.make_aware(datetime.combine(day, group.start_time))
            created.append(
                GroupSession.objects.create(
                    group=group,
                    lesson=lessons[index],
                    sequence=sequence,
                    scheduled_start=start,
                    steps_planned=len(lessons[index].script),
                )
            )
            sequence += 1
            index += 1
            day += timedelta(days=7)
    return created


def group_member_add(*, actor, group: Group, participant: Participant, joined_on=None):
    """Add a participant of the group's own organization, within capacity."""
    if not participants_visible_to(actor).filter(pk=participant.pk).exists():
        raise PermissionDenied(_("You cannot add this participant."))
    if participant.organization_id != group.organization_id:
        raise ValidationError(_("Only participants of the group's organization can join it."))
    with transaction.atomic():
        Group.objects.select_for_update().filter(pk=group.pk).first()
        active = group.members.filter(left_on__isnull=True)
        if active.filter(participant=participant).exists():
            raise ValidationError(_("This participant is already in the group."))
        started = group.sessions.exclude(status=GroupSession.Status.SCHEDULED).exists()
        if not group.is_rolling and started:
            raise ValidationError(_("This closed group has started; it takes no new members."))
        if active.count() >= group.capacity:
            raise ValidationError(_("The group is full."))
        member, _created = GroupMember.objects.update_or_create(
            group=group,
            participant=participant,
            defaults={"joined_on": joined_on or timezone.localdate(), "left_on": None},
        )
        audit_record(
            actor,
            "cbi.member_added",
            organization=group.organization,
            obj=member,
            message=f"Participant #{participant.pk} joined CBI group #{group.pk}",
        )
    return member


def group_member_leave(*, actor, member: GroupMember, left_on=None) -> GroupMember:
    """End a membership (kept for the record); the person leaves the roster from that day."""
    left_on = left_on or timezone.localdate()
    if left_on < member.joined_on:
        raise ValidationError(_("A member cannot leave before joining."))
    with transaction.atomic():
        member.left_on = left_on
        member.save(update_fields=["left_on"])
        audit_record(
            actor,
            "cbi.member_left",
            organization=member.group.organization,
            obj=member,
            message=f"Participant #{member.participant_id} left CBI group #{member.group_id}",
        )
    return member


def session_open(*, actor, session: GroupSession) -> GroupSession:
    """Start a scheduled session (the runner's clock starts now). Opening twice is harmless."""
    with transaction.atomic():
        locked = sessions_runnable_by(actor).select_for_update().filter(pk=session.pk).first()
        if locked is None:
            raise PermissionDenied(_("You cannot run this session."))
        if locked.status == GroupSession.Status.SCHEDULED:
            locked.status = GroupSession.Status.OPEN
            locked.opened_at = timezone.now()
            locked.opened_by = actor
            locked.save(update_fields=["status", "opened_at", "opened_by"])
    return locked


def _parse_time(value):
    if value in (None, ""):
        return None
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError(_("Give times as hours and minutes, like 10:15.")) from exc


def attendance_mark(
    *,
    actor,
    session: GroupSession,
    participant_id: int,
    status: str,
    mark_id,
    marked_at: datetime | None = None,
    arrived_at=None,
    left_at=None,
    minutes=None,
    homework_done: bool = False,
    note: str = "",
) -> tuple[Attendance, bool]:
    """Record one roster mark, idempotently. Returns (attendance, changed).

    The same ``mark_id`` twice changes nothing; a mark made earlier (by the client's clock)
    than the one stored is stale, so a late retry never overwrites a newer mark.
    """
    if status not in AttendanceStatus.values:
        raise ValidationError(_("Choose present, late, left early, absent or excused."))
    try:
        mark_id = uuid.UUID(str(mark_id))
    except ValueError as exc:
        raise ValidationError(_("This mark has no valid id; reload the page.")) from exc
    if minutes not in (None, ""):
        try:
            minutes = int(minutes)
        except (TypeError, ValueError) as exc:
            raise ValidationError(_("Minutes must be a whole number.")) from exc
        if not 0 <= minutes <= 24 * 60:
            raise ValidationError(_("Minutes must be between 0 and 1440."))
    else:
        minutes = None
    arrived_at, left_at = _parse_time(arrived_at), _parse_time(left_at)
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError(_("Keep the note under 300 characters."))
    on_roster, is_makeup = roster_has(session, participant_id)
    if not on_roster:
        raise ValidationError(_("This person is not on the session's roster."))
    marked_at = marked_at or timezone.now()
    values = {
        "status": status,
        "arrived_at": arrived_at if status == AttendanceStatus.LATE else None,
        "left_at": left_at if status == AttendanceStatus.LEFT_EARLY else None,
        "minutes": minutes if status in ATTENDED else None,
        "homework_done": bool(homework_done),
        "note": note,
        "is_makeup": is_makeup,
        "mark_id": mark_id,
        "marked_at": marked_at,
        "updated_by": actor,
    }
    with transaction.atomic():
        # Locking the session orders marks against closing: none lands after the close.
        status_now = (
            GroupSession.objects.select_for_update()
            .filter(pk=session.pk)
            .values_list("status", flat=True)
            .first()
        )
        if status_now == GroupSession.Status.CLOSED:
            raise ValidationError(_("This session is closed; ask a case manager to correct hours."))
        if status_now != GroupSession.Status.OPEN:
            raise ValidationError(_("Start the session before taking attendance."))
        existing = (
            Attendance.objects.select_for_update()
            .filter(session=session, participant_id=participant_id)
            .first()
        )
        if existing is None:
            return (
                Attendance.objects.create(session=session, participant_id=participant_id, **values),
                True,
            )
        if existing.mark_id == mark_id or existing.marked_at > marked_at:
            return existing, False
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
    return existing, True


def _minutes_between(start: datetime, clock: time | None, fallback: int) -> int:
    if clock is None:
        return fallback
    moment = datetime.combine(start.date(), clock, tzinfo=start.tzinfo)
    return int((moment - start).total_seconds() // 60)


def attendance_minutes(attendance: Attendance, *, started: datetime, length: int) -> int:
    """Minutes to credit: the facilitator's figure, else the session length trimmed by
    the arrival and leaving times (times measured from when the session was opened)."""
    if attendance.status not in ATTENDED:
        return 0
    if attendance.minutes is not None:
        return attendance.minutes
    begin = max(0, _minutes_between(started, attendance.arrived_at, 0))
    end = min(length, _minutes_between(started, attendance.left_at, length))
    return max(0, end - begin)


def session_close(
    *,
    actor,
    session: GroupSession,
    length_minutes: int,
    steps_delivered: list[str],
    fidelity_checked: list[str],
    notes: str = "",
) -> GroupSession:
    """Close a session: record fidelity, credit each attendee's minutes to the ledger once
    (approved by the closing facilitator) and announce lessons and completions."""
    if not 1 <= int(length_minutes) <= 24 * 60:
        raise ValidationError(_("The session length must be between 1 and 1440 minutes."))
    with transaction.atomic():
        locked = (
            sessions_runnable_by(actor)
            .select_for_update()
            .select_related("group", "group__organization")
            .filter(pk=session.pk)
            .first()
        )
        if locked is None:
            raise PermissionDenied(_("You cannot run this session."))
        if locked.status == GroupSession.Status.CLOSED:
            raise ValidationError(_("This session is already closed."))
        if locked.status != GroupSession.Status.OPEN:
            raise ValidationError(_("Start the session before closing it."))
        lesson = LessonPage.objects.get(pk=locked.lesson_id)
        roster = session_roster(locked)
        unmarked = [entry for entry in roster if entry.attendance is None]
        if unmarked:
            raise ValidationError(
                _("Mark attendance for everyone first: %(count)d people have no mark.")
                % {"count": len(unmarked)}
            )
        step_ids = [step.id for step in lesson.script]
        item_ids = [item.id for item in lesson.fidelity_items]
        locked.steps_delivered = [sid for sid in step_ids if sid in set(steps_delivered)]
        locked.steps_planned = len(step_ids)
        locked.fidelity_checked = [iid for iid in item_ids if iid in set(fidelity_checked)]
        locked.length_minutes = int(length_minutes)
        locked.notes = notes.strip()
        locked.status = GroupSession.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.closed_by = actor
        locked.save()
        day = timezone.localtime(locked.scheduled_start).date()
        started = timezone.localtime(locked.opened_at)
        attendees = []
        for entry in roster:
            mark = entry.attendance
            mark.credited_minutes = attendance_minutes(
                mark, started=started, length=locked.length_minutes
            )
            if mark.attended:
                attendees.append(mark)
        Attendance.objects.bulk_update([e.attendance for e in roster], ["credited_minutes"])
        people = Participant.objects.in_bulk([mark.participant_id for mark in attendees])
        for mark in attendees:
            if mark.credited_minutes:
                hours_credit(
                    participant=people[mark.participant_id],
                    kind=HoursKind.CBI_SESSION,
                    minutes=mark.credited_minutes,
                    date=day,
                    source=f"cbi-attendance:{mark.pk}",
                    approved_by=actor,
                    created_by=actor,
                    note=f"CBI lesson {lesson.number}",
                )
        completions = _record_completions(locked, lesson, attendees, day)
        first_timers = _first_attendance_of_lesson_one(locked, lesson, attendees)
        audit_record(
            actor,
            "cbi.session_closed",
            organization=locked.group.organization,
            obj=locked,
            message=f"Closed CBI session #{locked.pk}: {len(attendees)} of {len(roster)} attended",
        )
        _announce(locked, lesson, attendees, people, completions, first_timers, day)
    return locked


def _record_completions(session, lesson, attendees, day) -> list[CurriculumCompletion]:
    curriculum_id = session.group.curriculum_id
    lesson_ids = set(lessons_of([curriculum_id]).get(curriculum_id, []))
    if not attendees or not lesson_ids:
        return []
    done = lessons_done_by([a.participant_id for a in attendees], lesson_ids)
    already = set(
        CurriculumCompletion.objects.filter(
            curriculum_id=curriculum_id, participant_id__in=[a.participant_id for a in attendees]
        ).values_list("participant_id", flat=True)
    )
    completions = []
    for mark in attendees:
        pid = mark.participant_id
        if pid not in already and lesson_ids <= done[pid]:
            completion, created = CurriculumCompletion.objects.get_or_create(
                participant_id=pid,
                curriculum_id=curriculum_id,
                defaults={"completed_on": day, "session": session},
            )
            if created:
                completions.append(completion)
    return completions


def _first_attendance_of_lesson_one(session, lesson, attendees) -> set[int]:
    curriculum = session.group.curriculum.specific
    first = curriculum.lessons().first()
    if first is None or first.pk != lesson.pk:
        return set()
    before = set(
        Attendance.objects.filter(
            participant_id__in=[a.participant_id for a in attendees],
            session__lesson_id=lesson.pk,
            session__status=GroupSession.Status.CLOSED,
            status__in=ATTENDED,
        )
        .exclude(session=session)
        .values_list("participant_id", flat=True)
    )
    return {a.participant_id for a in attendees} - before


def _announce(session, lesson, attendees, participants, completions, first_timers, day):
    for mark in attendees:
        participant = participants[mark.participant_id]
        events.lesson_attended.publish(
            participant=participant, lesson=lesson, session=session, on=day
        )
        if mark.participant_id in first_timers:
            events.orientation_completed.publish(participant=participant, on=day)
    for completion in completions:
        events.curriculum_completed.publish(
            participant=participants[completion.participant_id],
            curriculum=session.group.curriculum.specific,
            on=day,
        )


def makeup_book(*, actor, participant: Participant, session: GroupSession) -> MakeUp:
    """Book a participant into another group's session of a lesson they owe.

    Only the participant's own staff book it; the host group sees just the name on the
    roster of that one session.
    """
    if actor.role not in ENROLLING_ROLES:
        raise PermissionDenied(_("You cannot book make-up sessions."))
    if not participants_visible_to(actor).filter(pk=participant.pk).exists():
        raise PermissionDenied(_("You cannot book make-up sessions for this participant."))
    if session.is_closed:
        raise ValidationError(_("That session has already taken place."))
    if session.group.members.filter(participant=participant, left_on__isnull=True).exists():
        raise ValidationError(_("The participant is already a member of that group."))
    owed = {
        record.lesson.pk
        for curriculum in curriculum_records(participant)
        for record in curriculum.lessons
        if not record.done
    }
    if session.lesson_id not in owed:
        raise ValidationError(_("The participant does not owe that lesson."))
    with transaction.atomic():
        makeup, created = MakeUp.objects.get_or_create(
            participant=participant, session=session, defaults={"booked_by": actor}
        )
        if created:
            audit_record(
                actor,
                "cbi.makeup_booked",
                organization=participant.organization,
                obj=makeup,
                message=f"Make-up for participant #{participant.pk} in session #{session.pk}",
            )
    return makeup
