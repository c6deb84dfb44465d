"""Reading the audit trail within the viewer's scope."""

from django.db.models import QuerySet

from lms.people.roles import Role
from lms.people.selectors import can_view_audit

from .models import AuditEvent


def audit_events_visible_to(user) -> QuerySet[AuditEvent]:
    """Program admins see every event; partner admins their organization's; others none."""
    if not can_view_audit(user):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.select_related("actor", "organization")
    if user.role == Role.PROGRAM_ADMIN:
        return events
    return events.filter(organization_id=user.organization_id)
