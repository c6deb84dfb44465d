"""Turn the events the apps announce into milestones (idempotent: a repeat changes nothing)."""

from lms import events

from .models import RETENTION_MILESTONES, MilestoneKind
from .services import milestone_reach


def _id(obj) -> str:
    return str(getattr(obj, "pk", obj))


def on_orientation_completed(sender, participant, on, **kwargs):
    milestone_reach(
        participant=participant, milestone=MilestoneKind.ORIENTATION, on=on, source="orientation"
    )


def on_curriculum_completed(sender, participant, curriculum, on, **kwargs):
    milestone_reach(
        participant=participant,
        milestone=MilestoneKind.CBI_COMPLETED,
        on=on,
        source=f"curriculum:{_id(curriculum)}",
    )


def on_course_completed(sender, participant, course, on, **kwargs):
    milestone_reach(
        participant=participant,
        milestone=MilestoneKind.COURSE_COMPLETED,
        on=on,
        source=f"course:{_id(course)}",
    )


def on_credential_issued(sender, participant, credential, on, industry=False, **kwargs):
    if industry:
        milestone_reach(
            participant=participant,
            milestone=MilestoneKind.INDUSTRY_CREDENTIAL,
            on=on,
            source=f"credential:{_id(credential)}",
        )


def on_placement_recorded(sender, participant, placement, on, **kwargs):
    milestone_reach(
        participant=participant,
        milestone=MilestoneKind.JOB_PLACEMENT,
        on=on,
        source=f"placement:{_id(placement)}",
        recorded_by=getattr(placement, "recorded_by", None),
    )


def on_retention_verified(sender, participant, placement, days, on, **kwargs):
    milestone = RETENTION_MILESTONES.get(int(days))
    if milestone is not None:
        milestone_reach(
            participant=participant,
            milestone=milestone,
            on=on,
            source=f"placement:{_id(placement)}:{days}",
        )


def connect():
    pairs = [
        (events.orientation_completed, on_orientation_completed),
        (events.curriculum_completed, on_curriculum_completed),
        (events.course_completed, on_course_completed),
        (events.credential_issued, on_credential_issued),
        (events.placement_recorded, on_placement_recorded),
        (events.retention_verified, on_retention_verified),
    ]
    for event, receiver in pairs:
        event.subscribe(receiver, uid=f"stipends.{receiver.__name__}")
