"""The only writer of the audit trail. Messages name records by id, never by personal data."""

from .models import AuditEvent


def audit_record(actor, action: str, *, organization=None, obj=None, message: str, changes=None):
    """Append one audit event."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        organization=organization,
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        message=message[:300],
        changes=changes or {},
    )
