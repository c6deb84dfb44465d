"""Completion events from courses and the CBI curriculum award the achievements they earn.

A failure to sign is logged (by ids only) and does not break the completion that announced it;
the award is idempotent, so replaying the event later issues it once.
"""

import logging

from .services import award_from_completion

logger = logging.getLogger(__name__)


def _award(participant, page, on):
    try:
        award_from_completion(participant=participant, page=page, on=on)
    except Exception:
        logger.exception(
            "Could not award achievements of page %s to participant %s", page.pk, participant.pk
        )


def on_course_completed(sender, participant, course, on=None, **kwargs):
    _award(participant, course, on)


def on_curriculum_completed(sender, participant, curriculum, on=None, **kwargs):
    _award(participant, curriculum, on)
