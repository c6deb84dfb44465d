"""Completion events from courses and the CBI curriculum award the achievements they earn.

Each runs as its own delivery task (``lms.events``): a failure to sign fails that task (it is
retried, and ``manage.py reconcile`` replays it) without touching the completion or the other
consequences of the event. The award is idempotent, so a replay issues it once.
"""

from .services import award_from_completion


def on_course_completed(sender, participant, course, on=None, **kwargs):
    award_from_completion(participant=participant, page=course, on=on)


def on_curriculum_completed(sender, participant, curriculum, on=None, **kwargs):
    award_from_completion(participant=participant, page=curriculum, on=on)
