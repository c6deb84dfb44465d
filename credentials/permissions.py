"""Who may award, approve, revoke and rotate keys. Scope itself comes from lms selectors."""

from lms.people.roles import ADMIN_ROLES, ENROLLING_ROLES, Role
from lms.people.selectors import is_staff, participants_visible_to


def can_award(user) -> bool:
    """Case managers and admins record industry credentials and approve them."""
    return is_staff(user) and user.role in ENROLLING_ROLES


def can_award_to(user, participant) -> bool:
    return can_award(user) and participants_visible_to(user).filter(pk=participant.pk).exists()


def can_manage_issuer(user, issuer) -> bool:
    """Partner admins of the issuer's organization, and program admins."""
    if not is_staff(user) or user.role not in ADMIN_ROLES:
        return False
    return user.role == Role.PROGRAM_ADMIN or user.organization_id == issuer.organization_id


def can_revoke(user, credential) -> bool:
    return can_manage_issuer(user, credential.issuer)


def can_view_evidence(user, award_request) -> bool:
    """The uploaded certificate: staff who record credentials for that participant; never public."""
    return can_award_to(user, award_request.participant)
