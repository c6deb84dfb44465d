"""What a signed-in person may see. Every staff list, detail, export and API starts here."""

from django.db.models import QuerySet
from django.http import Http404

from .models import Organization, Participant, User
from .roles import ADMIN_ROLES, ENROLLING_ROLES, HOURS_DECIDING_ROLES, STAFF_ROLES, Role


def organizations_visible_to(user) -> QuerySet[Organization]:
    """Program admins see every organization; partner staff their own; others none."""
    if not getattr(user, "is_authenticated", False) or user.role not in STAFF_ROLES:
        return Organization.objects.none()
    if user.role == Role.PROGRAM_ADMIN:
        return Organization.objects.all()
    return Organization.objects.filter(pk=user.organization_id)


def participants_visible_to(user) -> QuerySet[Participant]:
    """Program admins: everyone; partner staff: their organization; a participant: themself."""
    if not getattr(user, "is_authenticated", False):
        return Participant.objects.none()
    if user.role == Role.PROGRAM_ADMIN:
        return Participant.objects.all()
    if user.role in STAFF_ROLES:
        return Participant.objects.filter(organization_id=user.organization_id)
    if user.role == Role.PARTICIPANT:
        return Participant.objects.filter(user=user)
    return Participant.objects.none()


def staff_visible_to(user) -> QuerySet[User]:
    """Staff accounts in the organizations the user may see."""
    orgs = organizations_visible_to(user)
    return User.objects.filter(organization__in=orgs, role__in=STAFF_ROLES)


def participant_for(user, pk) -> Participant:
    """One participant the user may see, or 404 (never 'exists but forbidden')."""
    try:
        return (
            participants_visible_to(user)
            .select_related("user", "organization", "case_manager")
            .get(pk=pk)
        )
    except (Participant.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such participant.") from exc


def participant_of(user) -> Participant | None:
    """The participant record of a signed-in participant, if any."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.PARTICIPANT:
        return None
    return Participant.objects.select_related("organization").filter(user=user).first()


def is_staff(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.role in STAFF_ROLES


def can_enroll(user) -> bool:
    return is_staff(user) and user.role in ENROLLING_ROLES


def can_decide_hours(user) -> bool:
    return is_staff(user) and user.role in HOURS_DECIDING_ROLES


def can_view_audit(user) -> bool:
    return is_staff(user) and user.role in ADMIN_ROLES


def case_managers_for(organizations) -> QuerySet[User]:
    """Active case managers of the given organizations (a queryset of them)."""
    return User.objects.filter(
        organization__in=organizations, role=Role.CASE_MANAGER, is_active=True
    ).order_by("first_name", "username")
