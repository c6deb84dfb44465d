"""Replay recorded facts to their subscribers, so no consequence is missing.

Every fact that an event announces is also a row (a completed enrollment, a curriculum
completion, a first attended lesson one, an industry credential, a job placement, a passed
retention check). ``reconcile()`` reads them and delivers each event again to every
subscriber, in-process; subscribers are idempotent, so what exists stays and what is missing
(a milestone, a credential) is made exactly once. One subscriber failing on one fact is
counted and the rest go on.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cbi_curriculum.models import ATTENDED, Attendance, CurriculumCompletion, GroupSession
from courses.models import Enrollment
from credentials.models import Credential
from lms.stipends.models import JobPlacement, MilestoneReached, RetentionCheck

from . import events

logger = logging.getLogger("lms.events")


@dataclass
class Reconciliation:
    replayed: Counter = field(default_factory=Counter)  # event name -> facts replayed
    failed: list[str] = field(default_factory=list)
    milestones_added: int = 0
    credentials_added: int = 0


def facts():
    """(event, payload) for every recorded fact an event announced."""
    for enrollment in Enrollment.objects.filter(completed_on__isnull=False).select_related(
        "participant", "course"
    ):
        yield (
            events.course_completed,
            {
                "participant": enrollment.participant,
                "course": enrollment.course,
                "on": enrollment.completed_on,
            },
        )
    for completion in CurriculumCompletion.objects.select_related("participant", "curriculum"):
        yield (
            events.curriculum_completed,
            {
                "participant": completion.participant,
                "curriculum": completion.curriculum.specific,
                "on": completion.completed_on,
            },
        )
    first_lesson_marks = (
        Attendance.objects.filter(
            status__in=ATTENDED,
            session__status=GroupSession.Status.CLOSED,
            session__lesson__number=1,
        )
        .select_related("participant", "session")
        .order_by("participant_id", "session__scheduled_start")
    )
    seen = set()
    for mark in first_lesson_marks:
        if mark.participant_id not in seen:
            seen.add(mark.participant_id)
            yield (
                events.orientation_completed,
                {
                    "participant": mark.participant,
                    "on": timezone.localtime(mark.session.scheduled_start).date(),
                },
            )
    industry = Credential.objects.exclude(achievement__defining_body="").select_related(
        "participant"
    )
    for credential in industry:
        yield (
            events.credential_issued,
            {
                "participant": credential.participant,
                "credential": credential,
                "industry": True,
                "on": timezone.localtime(credential.issued_at).date(),
            },
        )
    for placement in JobPlacement.objects.select_related("participant"):
        yield (
            events.placement_recorded,
            {
                "participant": placement.participant,
                "placement": placement,
                "on": placement.start_date,
            },
        )
    for check in RetentionCheck.objects.filter(still_employed=True).select_related(
        "placement__participant"
    ):
        yield (
            events.retention_verified,
            {
                "participant": check.placement.participant,
                "placement": check.placement,
                "days": check.days,
                "on": check.placement.start_date + timedelta(days=check.days),
            },
        )


def reconcile(*, dry_run: bool = False) -> Reconciliation:
    """Deliver every fact again to every subscriber; with ``dry_run`` nothing is kept."""
    report = Reconciliation()
    milestones, credentials = MilestoneReached.objects.count(), Credential.objects.count()
    with transaction.atomic():
        for event, payload in facts():
            report.replayed[event.name] += 1
            data = events.dump(payload)
            for uid in list(event.subscribers):
                try:
                    event.deliver(uid, data)
                except Exception:
                    logger.exception("Reconcile: %s to %s failed", event.name, uid)
                    report.failed.append(f"{event.name} → {uid} ({payload['participant'].pk})")
        report.milestones_added = MilestoneReached.objects.count() - milestones
        report.credentials_added = Credential.objects.count() - credentials
        if dry_run:
            transaction.set_rollback(True)
    return report
