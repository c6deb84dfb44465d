"""The only writer of the hours ledger. Courses and CBI credit minutes through these functions."""

from datetime import date as Date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.people.models import Participant
from lms.people.selectors import can_decide_hours, participants_visible_to
from lms.submissions import claim_submission

from .models import HoursEntry, HoursKind, HoursStatus


def hours_credit(
    *,
    participant: Participant,
    kind: str,
    minutes: int,
    date: Date,
    source: str,
    approved_by=None,
    created_by=None,
    note: str = "",
) -> tuple[HoursEntry, bool]:
    """Credit minutes once per source. Returns (entry, created); a repeat returns the first row.

    With ``approved_by`` the row is recorded as already approved (a facilitator closing a
    session); otherwise it waits for a case manager.
    """
    if kind not in HoursKind.values:
        raise ValidationError(_("Unknown kind of hours: %(kind)s") % {"kind": kind})
    if not 0 < int(minutes) <= 24 * 60:
        raise ValidationError(_("Minutes must be between 1 and 1440."))
    if not source:
        raise ValidationError(_("Every ledger row needs a source."))
    existing = HoursEntry.objects.filter(source=source).first()
    if existing is not None:
        return existing, False
    now = timezone.now()
    try:
        with transaction.atomic():
            entry = HoursEntry.objects.create(
                participant=participant,
                kind=kind,
                minutes=int(minutes),
                date=date,
                source=source,
                status=HoursStatus.APPROVED if approved_by else HoursStatus.PENDING,
                decided_by=approved_by,
                decided_at=now if approved_by else None,
                created_by=created_by or approved_by,
                note=note[:300],
            )
    except IntegrityError:
        # Another request credited the same source first: that row stands.
        return HoursEntry.objects.get(source=source), False
    return entry, True


def hours_decide(*, actor, entry: HoursEntry, approve: bool, note: str = "") -> HoursEntry:
    """Approve or reject a pending row, once. Staff decide only within their scope."""
    if not can_decide_hours(actor):
        raise PermissionDenied(_("You cannot approve hours."))
    with transaction.atomic():
        locked = (
            HoursEntry.objects.select_for_update()
            .filter(participant__in=participants_visible_to(actor))
            .select_related("participant")
            .filter(pk=entry.pk)
            .first()
        )
        if locked is None:
            raise PermissionDenied(_("You cannot approve these hours."))
        if locked.status != HoursStatus.PENDING:
            raise ValidationError(_("These hours were already decided."))
        locked.status = HoursStatus.APPROVED if approve else HoursStatus.REJECTED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        if note:
            locked.note = note[:300]
        locked.save(update_fields=["status", "decided_by", "decided_at", "note"])
        audit_record(
            actor,
            "hours.approved" if approve else "hours.rejected",
            organization=locked.participant.organization,
            obj=locked,
            message=f"{locked.status}: ledger row #{locked.pk} ({locked.minutes} min)",
        )
    return locked


def hours_correct(
    *, actor, entry: HoursEntry, minutes: int, note: str, submission: str | None = None
) -> HoursEntry:
    """Add a correction row: ``minutes`` is the change (negative reverses). Approved at once.

    A form ``submission`` token is applied once: a repeat raises ``AlreadySubmitted``.
    """
    if not can_decide_hours(actor):
        raise PermissionDenied(_("You cannot correct hours."))
    if not participants_visible_to(actor).filter(pk=entry.participant_id).exists():
        raise PermissionDenied(_("You cannot correct these hours."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the hours are corrected.")})
    minutes = int(minutes)
    if minutes == 0:
        raise ValidationError({"minutes": _("A correction must change the minutes.")})
    with transaction.atomic():
        claim_submission(submission, actor, "hours.corrected")
        original = HoursEntry.objects.select_for_update().get(pk=entry.pk)
        if original.status != HoursStatus.APPROVED:
            raise ValidationError(_("Only approved hours can be corrected."))
        credited = original.minutes + sum(original.corrections.values_list("minutes", flat=True))
        if credited + minutes < 0:
            raise ValidationError(
                {"minutes": _("A correction cannot take away more minutes than were credited.")}
            )
        correction = HoursEntry.objects.create(
            participant_id=original.participant_id,
            kind=original.kind,
            minutes=minutes,
            date=timezone.localdate(),
            source=f"correction:{original.pk}:{original.corrections.count() + 1}",
            status=HoursStatus.APPROVED,
            decided_by=actor,
            decided_at=timezone.now(),
            created_by=actor,
            corrects=original,
            note=note[:300],
        )
        audit_record(
            actor,
            "hours.corrected",
            organization=original.participant.organization,
            obj=correction,
            message=f"Corrected ledger row #{original.pk} by {minutes} min",
        )
    return correction
