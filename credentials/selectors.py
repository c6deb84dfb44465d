"""Reads of credentials, scoped to who is asking."""

from django.db.models import QuerySet

from lms.people.selectors import participants_visible_to

from .models import AwardRequest, Credential


def credentials_visible_to(user) -> QuerySet[Credential]:
    """Staff: credentials of the participants they may see; a participant: their own."""
    return Credential.objects.filter(participant__in=participants_visible_to(user)).select_related(
        "achievement", "issuer", "participant"
    )


def award_requests_visible_to(user) -> QuerySet[AwardRequest]:
    return AwardRequest.objects.filter(
        participant__in=participants_visible_to(user)
    ).select_related("achievement", "participant", "checked_by", "decided_by")


def wallet_credentials(participant) -> QuerySet[Credential]:
    return (
        Credential.objects.filter(participant=participant)
        .select_related("achievement", "issuer")
        .order_by("-issued_at", "-pk")
    )


def public_credential(public_id: str) -> Credential | None:
    return (
        Credential.objects.select_related("achievement", "issuer")
        .filter(public_id=public_id)
        .first()
    )
