"""The roles a person holds in one organization, and what each may do."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    FACILITATOR = "facilitator", _("Facilitator")
    CASE_MANAGER = "case_manager", _("Case manager")
    PARTNER_ADMIN = "partner_admin", _("Partner admin")
    PROGRAM_ADMIN = "program_admin", _("Program admin")


STAFF_ROLES = frozenset(
    {Role.FACILITATOR, Role.CASE_MANAGER, Role.PARTNER_ADMIN, Role.PROGRAM_ADMIN}
)
ENROLLING_ROLES = frozenset({Role.CASE_MANAGER, Role.PARTNER_ADMIN, Role.PROGRAM_ADMIN})
HOURS_DECIDING_ROLES = ENROLLING_ROLES
ADMIN_ROLES = frozenset({Role.PARTNER_ADMIN, Role.PROGRAM_ADMIN})

# Wagtail/Django auth group that each staff role belongs to (gives access to /cms/).
ROLE_GROUPS = {
    Role.FACILITATOR: "Facilitators",
    Role.CASE_MANAGER: "Case managers",
    Role.PARTNER_ADMIN: "Partner admins",
    Role.PROGRAM_ADMIN: "Program admins",
}
