"""Who may do what with CBI content. Scope itself comes from the selectors."""

from django.db.models import Q
from django.utils import timezone

from lms.people.roles import Role
from lms.people.selectors import is_staff, participant_of

from .models import GroupMember, MakeUp
from .selectors import groups_using_lessons


def can_download_handout(user, lessons) -> bool:
    """A handout of these lessons: staff of an organization whose groups use them (program
    admins always), participants rostered in such a group or booked into a make-up of one.

    Licensed curriculum material: another partner's staff and participants are refused.
    """
    if not getattr(user, "is_authenticated", False) or not lessons:
        return False
    if user.role == Role.PROGRAM_ADMIN:
        return True
    groups = groups_using_lessons(lessons)
    if is_staff(user):
        return groups.filter(organization_id=user.organization_id).exists()
    participant = participant_of(user)
    if participant is None:
        return False
    today = timezone.localdate()
    rostered = GroupMember.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=today),
        participant=participant,
        group__in=groups,
    )
    booked = MakeUp.objects.filter(
        participant=participant, session__lesson__in=[lesson.pk for lesson in lessons]
    )
    return rostered.exists() or booked.exists()
