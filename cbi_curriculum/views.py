"""CBI pages: staff group pages, the session runner, attendance saves, make-ups, reports,
print views of a lesson, and the participant's own group page."""

import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from lms.inputs import BadInput, read_json
from lms.people.access import participant_required, staff_required
from lms.people.roles import ADMIN_ROLES, ENROLLING_ROLES
from lms.people.selectors import is_staff, participant_for, participant_of

from . import selectors, services
from .blocks import StepKind
from .forms import CloseForm, GroupForm, MakeUpForm, MemberAddForm, ScheduleForm
from .models import AttendanceStatus, GroupSession, LessonPage


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def can_manage_groups(user) -> bool:
    return is_staff(user) and user.role in ADMIN_ROLES


def can_see_attendance(user) -> bool:
    return is_staff(user) and user.role in ENROLLING_ROLES


@staff_required()
def cbi_home(request):
    """Today's and upcoming sessions the user runs, and the groups they may see."""
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, time.min))
    sessions = (
        selectors.sessions_runnable_by(request.user)
        .filter(scheduled_start__gte=start, scheduled_start__lt=start + timedelta(days=8))
        .select_related("group", "group__organization", "lesson")
        .order_by("scheduled_start")[:30]
    )
    groups = selectors.groups_visible_to(request.user).select_related("organization")
    return render(
        request,
        "cbi_curriculum/home.html",
        {
            "sessions": sessions,
            "groups": groups,
            "today": today,
            "can_manage": can_manage_groups(request.user),
            "can_see_attendance": can_see_attendance(request.user),
        },
    )


@staff_required(check=can_manage_groups)
def group_edit(request, pk=None):
    group = get_object_or_404(selectors.groups_managed_by(request.user), pk=pk) if pk else None
    form = GroupForm(request.POST or None, instance=group, user=request.user)
    if request.method == "POST" and form.is_valid():
        group = form.save()
        messages.success(request, _("The group is saved."))
        return redirect("cbi_curriculum:group", pk=group.pk)
    return render(request, "cbi_curriculum/group_form.html", {"form": form, "group": group})


@staff_required()
def group_detail(request, pk):
    group = get_object_or_404(
        selectors.groups_visible_to(request.user).select_related("organization", "curriculum"),
        pk=pk,
    )
    manage = selectors.groups_managed_by(request.user).filter(pk=pk).exists()
    members = group.members.filter(left_on__isnull=True).select_related("participant")
    return render(
        request,
        "cbi_curriculum/group_detail.html",
        {
            "group": group,
            "members": members,
            "sessions": group.sessions.select_related("lesson").order_by("-sequence")[:30],
            "can_manage": manage,
            "member_form": MemberAddForm(user=request.user, group=group) if manage else None,
            "schedule_form": ScheduleForm() if manage else None,
        },
    )


@require_POST
@staff_required(check=can_manage_groups)
def group_member_add(request, pk):
    group = get_object_or_404(selectors.groups_managed_by(request.user), pk=pk)
    form = MemberAddForm(request.POST, user=request.user, group=group)
    if form.is_valid():
        try:
            services.group_member_add(
                actor=request.user,
                group=group,
                participant=form.cleaned_data["participant"],
                joined_on=form.cleaned_data["joined_on"],
            )
            messages.success(request, _("The participant joined the group."))
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
    else:
        messages.error(request, _("Choose a participant of this organization."))
    return redirect("cbi_curriculum:group", pk=pk)


@require_POST
@staff_required(check=can_manage_groups)
def group_member_leave(request, pk, member_pk):
    group = get_object_or_404(selectors.groups_managed_by(request.user), pk=pk)
    member = get_object_or_404(
        group.members.select_related("group__organization"), pk=member_pk, left_on__isnull=True
    )
    try:
        services.group_member_leave(actor=request.user, member=member)
        messages.success(request, _("The participant left the group."))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("cbi_curriculum:group", pk=pk)


@require_POST
@staff_required(check=can_manage_groups)
def group_schedule(request, pk):
    group = get_object_or_404(selectors.groups_managed_by(request.user), pk=pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            created = services.sessions_schedule(group=group, count=form.cleaned_data["count"])
            messages.success(request, _("%(n)d sessions scheduled.") % {"n": len(created)})
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
    else:
        messages.error(request, _("Schedule between 1 and 52 sessions at a time."))
    return redirect("cbi_curriculum:group", pk=pk)


@staff_required()
def session_run(request, pk):
    """The run-sheet: steps with planned times, running clock, script, roster, close form."""
    session = selectors.session_for_runner(request.user, pk)
    lesson = session.lesson
    roster = selectors.session_roster(session)
    elapsed = None
    if session.opened_at:
        elapsed = int((timezone.now() - session.opened_at).total_seconds() // 60)
    initial_length = elapsed if elapsed and elapsed >= 15 else lesson.planned_minutes
    close_form = CloseForm(
        initial={
            "length_minutes": session.length_minutes or initial_length,
            "steps_delivered": session.steps_delivered,
            "fidelity_checked": session.fidelity_checked,
            "notes": session.notes,
        },
        lesson=lesson,
    )
    steps, offset, kinds = [], 0, dict(StepKind.choices)
    for step in lesson.script:
        kind = kinds.get(step.value["kind"], "")
        steps.append({"block": step, "starts_at": offset, "kind": kind})
        offset += step.value["minutes"]
    return render(
        request,
        "cbi_curriculum/session_run.html",
        {
            "session": session,
            "lesson": lesson,
            "steps": steps,
            "planned_minutes": offset or lesson.duration_minutes,
            "roster": roster,
            "statuses": AttendanceStatus.choices,
            "close_form": close_form,
            "delivered": set(session.steps_delivered),
            "time_zone": settings.TIME_ZONE,
        },
    )


@require_POST
@staff_required()
def session_start(request, pk):
    session = selectors.session_for_runner(request.user, pk)
    services.session_open(actor=request.user, session=session)
    return redirect("cbi_curriculum:session", pk=pk)


MAX_MARK_BYTES = 16 * 1024


def _marked_at(value):
    """The client's time of a mark (ISO 8601); ValueError for one that is not a real time."""
    if not value:
        return None
    marked_at = parse_datetime(str(value))  # ValueError for 2026-02-30
    if marked_at is None:
        raise ValueError(value)
    return timezone.make_aware(marked_at) if timezone.is_naive(marked_at) else marked_at


@require_POST
@staff_required()
def attendance_save(request, pk):
    """Save one roster mark sent by the runner's script (JSON). Repeats change nothing."""
    session = selectors.session_for_marks(request.user, pk)
    as_json = request.content_type == "application/json"
    try:
        data = (
            read_json(request.body or b"{}", max_bytes=MAX_MARK_BYTES) if as_json else request.POST
        )
        participant_id = int(data.get("participant"))
    except BadInput as error:
        return JsonResponse({"error": error.messages[0]}, status=400)
    except (ValueError, TypeError, AttributeError):
        return JsonResponse({"error": _("The mark could not be read.")}, status=400)
    if not as_json:
        return _attendance_save_form(request, session, participant_id, data)
    try:
        marked_at = _marked_at(data.get("marked_at"))
    except ValueError:
        return JsonResponse(
            {"error": _("The time of this mark is not a real date and time.")}, status=400
        )
    try:
        attendance, changed = services.attendance_mark(
            actor=request.user,
            session=session,
            participant_id=participant_id,
            status=data.get("status", ""),
            mark_id=data.get("mark_id", ""),
            marked_at=marked_at,
            arrived_at=data.get("arrived_at"),
            left_at=data.get("left_at"),
            minutes=data.get("minutes"),
            homework_done=bool(data.get("homework_done")),
            note=str(data.get("note") or ""),
        )
    except ValidationError as exc:
        return JsonResponse({"error": _error_text(exc)}, status=422)
    return JsonResponse(
        {
            "saved": True,
            "changed": changed,
            "participant": participant_id,
            "mark_id": str(attendance.mark_id),
            "status": attendance.status,
        }
    )


def _attendance_save_form(request, session, participant_id, data):
    """The same save for a browser without the runner's script: a plain form post."""
    try:
        services.attendance_mark(
            actor=request.user,
            session=session,
            participant_id=participant_id,
            status=data.get("status", ""),
            mark_id=data.get("mark_id") or uuid.uuid4(),
            arrived_at=data.get("arrived_at"),
            left_at=data.get("left_at"),
            minutes=data.get("minutes"),
            homework_done=bool(data.get("homework_done")),
            note=data.get("note", ""),
        )
        messages.success(request, _("The mark is saved."))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("cbi_curriculum:session", pk=session.pk)


@require_POST
@staff_required()
def session_close(request, pk):
    session = selectors.session_for_runner(request.user, pk)
    form = CloseForm(request.POST, lesson=session.lesson)
    if not form.is_valid():
        messages.error(
            request,
            _("Check the closing form: %(errors)s")
            % {"errors": " ".join(m for errors in form.errors.values() for m in errors)},
        )
        return redirect("cbi_curriculum:session", pk=pk)
    try:
        services.session_close(actor=request.user, session=session, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("cbi_curriculum:session", pk=pk)
    messages.success(request, _("The session is closed and attendance minutes are credited."))
    return redirect("cbi_curriculum:session", pk=pk)


@staff_required()
def participant_record(request, pk):
    """A participant's curriculum record: lessons done (when, where), owed, make-up booking."""
    participant = participant_for(request.user, pk)
    records = selectors.curriculum_records(participant)
    owed = [r.lesson.pk for record in records for r in record.owed]
    can_book = request.user.role in ENROLLING_ROLES
    return render(
        request,
        "cbi_curriculum/participant_record.html",
        {
            "participant": participant,
            "records": records,
            "options": selectors.makeup_options(participant, owed) if can_book else [],
            "can_book": can_book,
            "booked": set(participant.cbi_makeups.values_list("session_id", flat=True)),
        },
    )


@require_POST
@staff_required(check=can_see_attendance)
def makeup_book(request, pk):
    participant = participant_for(request.user, pk)
    form = MakeUpForm(request.POST)
    session = None
    if form.is_valid():
        session = (
            GroupSession.objects.select_related("group")
            .filter(pk=form.cleaned_data["session"])
            .first()
        )
    if session is None:
        messages.error(request, _("Choose a session from the list."))
        return redirect("cbi_curriculum:participant_record", pk=pk)
    try:
        services.makeup_book(actor=request.user, participant=participant, session=session)
        messages.success(request, _("The make-up session is booked."))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("cbi_curriculum:participant_record", pk=pk)


@staff_required(check=can_see_attendance)
def attendance_report(request):
    end = timezone.localdate()
    start = end - timedelta(days=90)
    return render(
        request,
        "cbi_curriculum/attendance_report.html",
        {
            "rows": selectors.attendance_summary(request.user, start=start, end=end),
            "owed": selectors.owed_lessons(request.user),
            "start": start,
            "end": end,
        },
    )


@staff_required(check=lambda user: is_staff(user) and user.role in ADMIN_ROLES)
def fidelity_report(request):
    return render(
        request, "cbi_curriculum/fidelity_report.html", selectors.fidelity_summary(request.user)
    )


def lesson_page_serve(page: LessonPage, request):
    """Wagtail serves a lesson only to signed-in people: staff the guide, participants the
    handouts and homework."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    part = "guide" if is_staff(request.user) else "handouts"
    if part == "handouts" and participant_of(request.user) is None:
        raise PermissionDenied
    return _lesson_print(request, page, part)


def lesson_print(request, pk, part):
    """A lesson ready to print: ``guide`` (staff) or ``handouts``; ``?lang=es`` for Spanish."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if part == "guide" and not is_staff(request.user):
        raise PermissionDenied
    if part == "handouts" and not (is_staff(request.user) or participant_of(request.user)):
        raise PermissionDenied
    page = get_object_or_404(LessonPage.objects.live(), pk=pk)
    language = request.GET.get("lang")
    if language in ("en", "es"):
        with override(language):
            response = _lesson_print(request, page, part)
            response.render()
            return response
    return _lesson_print(request, page, part)


def _lesson_print(request, page, part):
    if part not in ("guide", "handouts"):
        raise Http404
    template = f"cbi_curriculum/lesson_{part}.html"
    return TemplateResponse(request, template, {"page": page, "lesson": page, "part": part})


@participant_required
def my_group(request):
    """The participant's group, next session, lessons done and latest homework."""
    participant = request.participant
    return render(
        request,
        "cbi_curriculum/my_group.html",
        participant_summary(participant),
    )


def participant_summary(participant) -> dict:
    records = selectors.curriculum_records(participant)
    membership = selectors.participant_group(participant)
    done = [r for record in records for r in record.lessons if r.done]
    latest = max(done, key=lambda r: r.attendance.session.scheduled_start, default=None)
    return {
        "participant": participant,
        "membership": membership,
        "next_session": selectors.next_session_for(participant),
        "records": records,
        "homework_lesson": latest.lesson if latest else None,
    }
