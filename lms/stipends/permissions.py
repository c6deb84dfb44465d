"""Who may do what with stipends. Scope (which participants) always comes from the selectors."""

from lms.people.roles import ADMIN_ROLES, ENROLLING_ROLES, Role
from lms.people.selectors import is_staff


def can_run_statements(user) -> bool:
    return is_staff(user) and user.role in ENROLLING_ROLES


def can_review(user) -> bool:
    return is_staff(user) and user.role in ENROLLING_ROLES


def can_approve(user) -> bool:
    return is_staff(user) and user.role in ADMIN_ROLES


def can_set_policy(user) -> bool:
    return is_staff(user) and user.role == Role.PROGRAM_ADMIN


def can_record_employment(user) -> bool:
    return is_staff(user) and user.role in ENROLLING_ROLES
