"""The only writer of worksite placements, timesheets, job placements and retention checks.

Timesheet minutes credit the hours ledger as work experience (tracked, paid as wages, no
stipend). Job placements and retention checks announce themselves through lms.events once
committed; the stipends listeners turn them into milestones.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import events
from lms.audit.services import audit_record
from lms.hours.models import HoursKind
from lms.hours.services import hours_credit
from lms.people.models import Participant
from lms.people.selectors import participants_visible_to
from lms.submissions import claim_submission

from . import permissions
from .models import (
    WEEKDAYS,
    JobPlacement,
    PaidBy,
    RetentionCheck,
    Schedule,
    Sector,
    Timesheet,
    VerificationMethod,
    WorksitePlacement,
)


def _check_scope(actor, participant: Participant):
    if not permissions.can_record_employment(actor):
        raise PermissionDenied(_("You cannot record employment."))
    if not participants_visible_to(actor).filter(pk=participant.pk).exists():
        raise PermissionDenied(_("You cannot record employment for this participant."))


def _wage(value) -> Decimal:
    wage = Decimal(value)
    if wage <= 0 or wage > 500:
        raise ValidationError({"hourly_wage": _("Enter an hourly wage between 0.01 and 500.")})
    return wage.quantize(Decimal("0.01"))


def worksite_placement_record(
    *,
    actor,
    participant: Participant,
    worksite: str,
    supervisor: str,
    start: date,
    hourly_wage,
    paid_by: str,
    end: date | None = None,
    supervisor_phone: str = "",
    submission: str | None = None,
) -> WorksitePlacement:
    _check_scope(actor, participant)
    if end is not None and end < start:
        raise ValidationError({"end": _("The end date cannot be before the start date.")})
    if paid_by not in PaidBy.values:
        raise ValidationError({"paid_by": _("Choose who pays the wages.")})
    wage = _wage(hourly_wage)
    with transaction.atomic():
        claim_submission(submission, actor, "stipends.worksite_placement_recorded")
        placement = WorksitePlacement.objects.create(
            participant=participant,
            worksite=worksite.strip(),
            supervisor=supervisor.strip(),
            supervisor_phone=supervisor_phone.strip(),
            start=start,
            end=end,
            hourly_wage=wage,
            paid_by=paid_by,
            created_by=actor,
        )
        audit_record(
            actor,
            "stipends.worksite_placement_recorded",
            organization=participant.organization,
            obj=placement,
            message=f"Worksite placement #{placement.pk} for participant #{participant.pk}",
        )
    return placement


def timesheet_problems(placement: WorksitePlacement, week_start: date, minutes: dict) -> list:
    """Everything wrong with a timesheet before it is saved, in plain words."""
    problems = []
    if week_start.weekday() != 0:
        problems.append(_("The week must start on a Monday."))
    if week_start > timezone.localdate():
        problems.append(_("The week has not started yet."))
    for name in WEEKDAYS:
        value = minutes.get(name, 0)
        if value < 0:
            problems.append(_("Hours cannot be negative."))
            break
        if value > 24 * 60:
            problems.append(_("A day cannot have more than 24 hours."))
            break
    if not problems and sum(minutes.values()) == 0:
        problems.append(_("The timesheet has no hours."))
    if not problems:
        for offset, name in enumerate(WEEKDAYS):
            day = week_start + timedelta(days=offset)
            if minutes.get(name, 0) and not placement.covers(day):
                problems.append(
                    _("%(day)s is outside the placement's dates.") % {"day": day.isoformat()}
                )
                break
            if minutes.get(name, 0) and day > timezone.localdate():
                problems.append(_("Hours cannot be entered for days still to come."))
                break
    return problems


def timesheet_record(
    *,
    actor,
    placement: WorksitePlacement,
    week_start: date,
    minutes: dict,
    submission: str | None = None,
) -> tuple[Timesheet, bool]:
    """Save a week's timesheet and credit each worked day to the ledger (approved by ``actor``).

    The same week again with the same minutes returns the saved one (created=False); different
    minutes for a week already saved is an overlap and refused.
    """
    participant = placement.participant
    _check_scope(actor, participant)
    existing = Timesheet.objects.filter(participant=participant, week_start=week_start).first()
    if existing is not None:
        if all(getattr(existing, n) == minutes.get(n, 0) for n in WEEKDAYS):
            return existing, False
        raise ValidationError(_("A timesheet for this week is already recorded."))
    problems = timesheet_problems(placement, week_start, minutes)
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            claim_submission(submission, actor, "stipends.timesheet_recorded")
            timesheet = Timesheet.objects.create(
                placement=placement,
                participant=participant,
                week_start=week_start,
                created_by=actor,
                **{n: minutes.get(n, 0) for n in WEEKDAYS},
            )
            for offset, name in enumerate(WEEKDAYS):
                value = getattr(timesheet, name)
                if value:
                    hours_credit(
                        participant=participant,
                        kind=HoursKind.WORK_EXPERIENCE,
                        minutes=value,
                        date=week_start + timedelta(days=offset),
                        source=f"timesheet:{timesheet.pk}:{name}",
                        approved_by=actor,
                        created_by=actor,
                        note=placement.worksite[:300],
                    )
    except IntegrityError as exc:
        raise ValidationError(_("A timesheet for this week is already recorded.")) from exc
    audit_record(
        actor,
        "stipends.timesheet_recorded",
        organization=participant.organization,
        obj=timesheet,
        message=f"Timesheet #{timesheet.pk} ({timesheet.total_minutes} min)",
    )
    return timesheet, True


def job_placement_record(
    *,
    actor,
    participant: Participant,
    employer: str,
    job_title: str,
    sector: str,
    start_date: date,
    hourly_wage,
    schedule: str,
    submission: str | None = None,
) -> JobPlacement:
    """Record a job; once committed, ``placement_recorded`` is announced."""
    _check_scope(actor, participant)
    if sector not in Sector.values:
        raise ValidationError({"sector": _("Choose a sector.")})
    if schedule not in Schedule.values:
        raise ValidationError({"schedule": _("Choose full or part time.")})
    if start_date > timezone.localdate() + timedelta(days=90):
        raise ValidationError({"start_date": _("The start date is too far in the future.")})
    with transaction.atomic():
        claim_submission(submission, actor, "stipends.job_placement_recorded")
        placement = JobPlacement.objects.create(
            participant=participant,
            employer=employer.strip(),
            job_title=job_title.strip(),
            sector=sector,
            start_date=start_date,
            hourly_wage=_wage(hourly_wage),
            schedule=schedule,
            recorded_by=actor,
        )
        audit_record(
            actor,
            "stipends.job_placement_recorded",
            organization=participant.organization,
            obj=placement,
            message=f"Job placement #{placement.pk} for participant #{participant.pk}",
        )
        # A job starting later still counts from its start date: incentives are paid in the
        # period that contains the milestone's date.
        events.placement_recorded.publish(
            participant=participant, placement=placement, on=start_date
        )
    return placement


def retention_check_record(
    *,
    actor,
    placement: JobPlacement,
    days: int,
    checked_on: date,
    still_employed: bool,
    method: str,
    note: str = "",
    submission: str | None = None,
) -> RetentionCheck:
    """Record a 30/90/180-day check; a verified one announces ``retention_verified``."""
    participant = placement.participant
    _check_scope(actor, participant)
    if days not in (30, 90, 180):
        raise ValidationError({"days": _("Checks are made at 30, 90 or 180 days.")})
    if method not in VerificationMethod.values:
        raise ValidationError({"method": _("Say how it was verified.")})
    due = placement.start_date + timedelta(days=days)
    if checked_on < due:
        raise ValidationError(
            {"checked_on": _("This check is due on %(due)s or later.") % {"due": due.isoformat()}}
        )
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": _("The check date cannot be in the future.")})
    try:
        with transaction.atomic():
            claim_submission(submission, actor, "stipends.retention_checked")
            check = RetentionCheck.objects.create(
                placement=placement,
                days=days,
                checked_on=checked_on,
                still_employed=still_employed,
                method=method,
                note=note[:300],
                recorded_by=actor,
            )
            audit_record(
                actor,
                "stipends.retention_checked",
                organization=participant.organization,
                obj=check,
                message=f"{days}-day check on job placement #{placement.pk}",
            )
            if still_employed:
                on = placement.start_date + timedelta(days=days)
                events.retention_verified.publish(
                    participant=participant, placement=placement, days=days, on=on
                )
    except IntegrityError as exc:
        raise ValidationError(
            {"days": _("The %(days)s-day check is already recorded.") % {"days": days}}
        ) from exc
    return check
