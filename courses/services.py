"""The only writer of enrollments, statements, progress, completions and learning time."""

import uuid
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import events
from lms.audit.services import audit_record
from lms.hours.models import HoursEntry, HoursKind
from lms.hours.services import hours_credit

from .app_settings import app_settings
from .models import (
    ActiveMinute,
    ActivityKind,
    ActivityProgress,
    CoursePage,
    Enrollment,
    ModuleCompletion,
    ModulePage,
    Statement,
)
from .xapi import (
    SCORING_VERBS,
    VERB_PREFIX,
    Score,
    StatementError,
    parse_statement,
    participant_actor,
)


class NotEnrolled(StatementError):
    pass


def enrollment_create(
    *, participant, course: CoursePage, enrolled_by=None
) -> tuple[Enrollment, bool]:
    """Enroll a participant in a course once; a repeat returns the existing enrollment.

    Staff enrollments (``enrolled_by``) are audited; participants may start a course themselves.
    """
    try:
        with transaction.atomic():
            enrollment, created = Enrollment.objects.get_or_create(
                participant=participant, course=course, defaults={"enrolled_by": enrolled_by}
            )
            if created and enrolled_by is not None:
                audit_record(
                    enrolled_by,
                    "courses.enrolled",
                    organization=participant.organization,
                    obj=enrollment,
                    message=f"Enrolled participant #{participant.pk} in course #{course.pk}",
                )
            return enrollment, created
    except IntegrityError:
        return Enrollment.objects.get(participant=participant, course=course), False


def enrollment_for_module(participant, module: ModulePage) -> Enrollment:
    course_path = module.path[: -ModulePage.steplen]
    enrollment = (
        Enrollment.objects.select_related("course")
        .filter(participant=participant, course__path=course_path)
        .first()
    )
    if enrollment is None:
        raise NotEnrolled(_("You are not enrolled in this course."), code="not_enrolled")
    return enrollment


def enrollment_visit(*, enrollment: Enrollment, module: ModulePage) -> None:
    """Remember where to resume."""
    Enrollment.objects.filter(pk=enrollment.pk).update(
        last_module=module, last_seen_at=timezone.now()
    )


# --- statements (parsed in courses.xapi) ----------------------------------------------------


def activity_of(module: ModulePage, activity_key: str, kind: str):
    block = module.activities().get(str(activity_key))
    if block is None or block.block_type != kind:
        raise StatementError(
            _("This activity is not part of that module."), code="unknown_activity"
        )
    return block


def statement_record(
    *, participant, module: ModulePage, activity_key: str, body
) -> tuple[Statement, bool]:
    """Store an H5P xAPI statement once under its id and update progress. Returns (row, created)."""
    statement_id, verb, score, result = parse_statement(participant, body)
    enrollment = enrollment_for_module(participant, module)
    block = activity_of(module, activity_key, ActivityKind.H5P)
    payload = {**body, "actor": participant_actor(participant)}
    completed = _h5p_completed(block, enrollment.course, verb, score, result)
    return _store(
        participant=participant,
        module=module,
        enrollment=enrollment,
        activity_key=str(activity_key),
        kind=ActivityKind.H5P,
        statement_id=statement_id,
        verb=verb,
        score=score,
        result=result,
        payload=payload,
        completed=completed,
    )


def _passes(course: CoursePage, scaled: Decimal | None) -> bool:
    return scaled is not None and scaled * 100 >= course.pass_mark_percent


def _h5p_completed(block, course, verb, score: Score, result) -> bool:
    if block.value.get("completion") == "interact":
        return True
    if verb not in SCORING_VERBS or score.scaled is None:
        return False
    return _passes(course, score.scaled)


def _store(
    *,
    participant,
    module,
    enrollment,
    activity_key,
    kind,
    statement_id,
    verb,
    score,
    result,
    payload,
    completed,
):
    existing = Statement.objects.filter(statement_id=statement_id).first()
    if existing is not None:
        return _repeat(existing, participant)
    try:
        with transaction.atomic():
            statement = Statement.objects.create(
                statement_id=statement_id,
                participant=participant,
                module=module,
                activity_key=activity_key,
                kind=kind,
                verb=verb,
                score_raw=score.raw,
                score_max=score.max,
                score_scaled=score.scaled,
                success=result.get("success"),
                completion=result.get("completion"),
                payload=payload,
            )
            _progress_update(
                participant, module, enrollment, activity_key, kind, statement, completed
            )
    except IntegrityError:
        return _repeat(Statement.objects.get(statement_id=statement_id), participant)
    return statement, True


def _repeat(existing: Statement, participant):
    if existing.participant_id != participant.pk:
        raise StatementError(_("This statement id is already used."), code="duplicate_id")
    return existing, False


def _progress_update(participant, module, enrollment, activity_key, kind, statement, completed):
    progress, _created = ActivityProgress.objects.select_for_update().get_or_create(
        participant=participant, module=module, activity_key=activity_key, defaults={"kind": kind}
    )
    progress.attempts += 1
    if statement.score_scaled is not None and (
        progress.best_scaled is None or statement.score_scaled > progress.best_scaled
    ):
        progress.best_scaled = statement.score_scaled
    progress.completed = progress.completed or completed
    progress.last_statement = statement
    progress.save()
    if progress.completed:
        module_completion_check(participant=participant, module=module, enrollment=enrollment)


# --- knowledge checks ------------------------------------------------------------------------


def knowledge_check_answer(
    *, participant, module: ModulePage, activity_key: str, attempt_id, answers: dict
) -> tuple[Statement, bool]:
    """Grade a knowledge check on the server and record it like a statement (idempotent).

    ``answers`` maps a question index to the chosen answer index; every question needs one.
    """
    try:
        statement_id = uuid.UUID(str(attempt_id))
    except ValueError:
        raise StatementError(_("This form has expired. Please try again."), code="bad_id") from None
    enrollment = enrollment_for_module(participant, module)
    block = activity_of(module, activity_key, ActivityKind.KNOWLEDGE_CHECK)
    questions = list(block.value["questions"])
    chosen = {}
    for index, question in enumerate(questions):
        value = answers.get(str(index))
        try:
            choice = int(value)
        except (TypeError, ValueError):
            raise StatementError(
                _("Please answer question %(number)s.") % {"number": index + 1}, code="unanswered"
            ) from None
        if not 0 <= choice < len(question["answers"]):
            raise StatementError(
                _("Please answer question %(number)s.") % {"number": index + 1}, code="unanswered"
            )
        chosen[str(index)] = choice
    correct = sum(1 for i, q in enumerate(questions) if q["answers"][chosen[str(i)]].get("correct"))
    maximum = Decimal(len(questions))
    score = Score(
        Decimal(correct), maximum, (Decimal(correct) / maximum).quantize(Decimal("0.0001"))
    )
    passed = _passes(enrollment.course, score.scaled)
    result = {
        "score": {"raw": correct, "max": len(questions), "min": 0, "scaled": float(score.scaled)},
        "success": passed,
        "completion": True,
        "response": chosen,
    }
    return _store(
        participant=participant,
        module=module,
        enrollment=enrollment,
        activity_key=str(activity_key),
        kind=ActivityKind.KNOWLEDGE_CHECK,
        statement_id=statement_id,
        verb="answered",
        score=score,
        result=result,
        payload={
            "id": str(statement_id),
            "verb": {"id": VERB_PREFIX + "answered"},
            "result": result,
        },
        completed=passed,
    )


# --- completion ------------------------------------------------------------------------------


def module_completion_check(*, participant, module: ModulePage, enrollment: Enrollment) -> bool:
    """Record the module complete once every activity is done; then maybe the course."""
    keys = set(module.activities())
    done = set(
        ActivityProgress.objects.filter(
            participant=participant, module=module, completed=True
        ).values_list("activity_key", flat=True)
    )
    if not keys <= done:
        return False
    today = timezone.localdate()
    _completion, created = ModuleCompletion.objects.get_or_create(
        participant=participant,
        module=module,
        defaults={"course_id": enrollment.course_id, "completed_on": today},
    )
    if created:
        events.module_completed.publish(participant=participant, module=module, on=today)
        course_completion_check(participant=participant, enrollment=enrollment)
    return True


def course_completion_check(*, participant, enrollment: Enrollment) -> bool:
    locked = Enrollment.objects.select_for_update().select_related("course").get(pk=enrollment.pk)
    if locked.completed_on:
        return True
    module_ids = set(locked.course.modules().values_list("pk", flat=True))
    done = set(
        ModuleCompletion.objects.filter(
            participant=participant, module_id__in=module_ids
        ).values_list("module_id", flat=True)
    )
    if not module_ids or module_ids - done:
        return False
    today = timezone.localdate()
    locked.completed_on = today
    locked.save(update_fields=["completed_on"])
    course = locked.course
    events.course_completed.publish(participant=participant, course=course, on=today)
    return True


def module_view_record(*, participant, module: ModulePage, enrollment: Enrollment) -> None:
    """Opening a module with no activities completes it; remember it for resuming."""
    enrollment_visit(enrollment=enrollment, module=module)
    if not module.activities():
        with transaction.atomic():
            module_completion_check(participant=participant, module=module, enrollment=enrollment)


# --- learning time ---------------------------------------------------------------------------


def time_blocks(expected_minutes: int) -> list[tuple[int, int, int]]:
    """(block number, active minutes needed, minutes credited) up to the module's cap."""
    size = app_settings.TIME_BLOCK_MINUTES
    cap = int(expected_minutes * app_settings.TIME_CAP_MULTIPLE)
    blocks = []
    number, start = 1, 0
    while start < cap:
        end = min(start + size, cap)
        blocks.append((number, end, end - start))
        number, start = number + 1, end
    return blocks


def time_source(participant, module, number: int) -> str:
    return f"module-time:{participant.pk}:{module.pk}:{number}"


def heartbeat_record(*, participant, module: ModulePage, now=None) -> dict:
    """Count the current clock minute as active (once, whatever the number of tabs), then
    credit every full block of active minutes, up to the cap, as pending module hours."""
    enrollment_for_module(participant, module)
    now = now or timezone.now()
    minute = now.replace(second=0, microsecond=0)
    try:
        with transaction.atomic():
            ActiveMinute.objects.get_or_create(
                participant=participant, module=module, minute=minute
            )
    except IntegrityError:
        pass
    active = ActiveMinute.objects.filter(participant=participant, module=module).count()
    due = [b for b in time_blocks(module.expected_minutes) if active >= b[1]]
    sources = {time_source(participant, module, number): minutes for number, _end, minutes in due}
    credited = set(HoursEntry.objects.filter(source__in=sources).values_list("source", flat=True))
    for source, minutes in sources.items():
        if source not in credited:
            hours_credit(
                participant=participant,
                kind=HoursKind.MODULE,
                minutes=minutes,
                date=timezone.localdate(now),
                source=source,
                note=_("Active time on module %(id)s") % {"id": module.pk},
            )
    return {"active_minutes": active, "credited_minutes": sum(sources.values())}
