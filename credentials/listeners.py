"""Completion events from courses and the CBI curriculum award the achievements they earn."""

from .services import award_from_completion


def on_course_completed(sender, participant, course, on=None, **kwargs):
    award_from_completion(participant=participant, page=course, on=on)


def on_curriculum_completed(sender, participant, curriculum, on=None, **kwargs):
    award_from_completion(participant=participant, page=curriculum, on=on)
