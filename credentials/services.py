"""The only writer of credentials, issuers, keys, status lists and award requests."""

import json
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms import events
from lms.audit.services import audit_record
from lms.people.models import Participant
from lms.storage import files_saved_with
from lms.submissions import claim_submission

from . import documents, public_cache
from .app_settings import app_settings
from .evidence import validate_evidence
from .fair_chance import forbidden_terms_in
from .models import (
    Achievement,
    AwardRequest,
    Credential,
    Issuer,
    IssuerKey,
    StatusList,
    WalletPreference,
)
from .permissions import can_award_to, can_manage_issuer, can_revoke
from .signing.keys import generate_key, load_private_key
from .signing.proofs import sign


def _sign(document: dict, key: IssuerKey, now) -> str:
    signed = sign(
        document,
        private_key=load_private_key(key.encrypted_private_key),
        verification_method=documents.key_url(key),
        created=documents.xsd_datetime(now),
    )
    return json.dumps(signed, ensure_ascii=False, indent=2)


def _public_issuer_name(organization) -> str:
    for candidate in (organization.name, organization.short_name):
        if candidate and not forbidden_terms_in(candidate):
            return candidate
    return organization.slug.replace("-", " ").title()


def _public_issuer_url(organization) -> str:
    """The organization's website, unless its address itself would reveal a program."""
    website = organization.website
    if website and not forbidden_terms_in(website):
        return website
    return app_settings.PUBLIC_BASE_URL


def issuer_key_create(issuer: Issuer) -> IssuerKey:
    """A new active signing key for ``issuer`` (the caller has retired the previous one)."""
    generated = generate_key()
    stamp = timezone.now()
    return IssuerKey.objects.create(
        issuer=issuer,
        key_id=f"key-{stamp:%Y%m%d}-{secrets.token_hex(3)}",
        public_key_multibase=generated.public_key_multibase,
        encrypted_private_key=generated.encrypted_private_key,
        created_at=stamp,
    )


def issuer_for_organization(organization, *, name: str = "") -> Issuer:
    """The organization's issuer Profile with an active key, created on first use.

    Safe under concurrent first awards: the issuer row is locked while its key is made.
    """
    with transaction.atomic():
        issuer = Issuer.objects.filter(organization=organization).first()
        if issuer is None:
            issuer = Issuer(
                organization=organization,
                slug=slugify(organization.slug)[:50],
                name=name or _public_issuer_name(organization),
                url=_public_issuer_url(organization),
                email="" if forbidden_terms_in(organization.email) else organization.email,
            )
            issuer.full_clean(exclude=["organization"])
            try:
                with transaction.atomic():
                    issuer.save()
            except IntegrityError:
                issuer = Issuer.objects.get(organization=organization)
        issuer = Issuer.objects.select_for_update().get(pk=issuer.pk)
        if not issuer.keys.filter(is_active=True).exists():
            issuer_key_create(issuer)
    return issuer


def issuer_key_rotate(*, actor, issuer: Issuer) -> IssuerKey:
    """Retire the active key and sign with a new one; retired keys stay published."""
    if not can_manage_issuer(actor, issuer):
        raise PermissionDenied
    with transaction.atomic():
        Issuer.objects.select_for_update().get(pk=issuer.pk)
        now = timezone.now()
        for old in IssuerKey.objects.filter(issuer=issuer, is_active=True):
            old.is_active = False
            old.retired_at = now
            old.save(update_fields=["is_active", "retired_at"])
        key = issuer_key_create(issuer)
        public_cache.bump()
        audit_record(
            actor,
            "credentials.key_rotate",
            organization=issuer.organization,
            obj=key,
            message=f"Issuer {issuer.pk} now signs with key {key.pk}",
        )
    return key


def status_list_publish(status_list: StatusList) -> StatusList:
    """Sign the list's current bits with the issuer's active key."""
    now = timezone.now()
    key = status_list.issuer.keys.get(is_active=True)
    revoked = Credential.objects.filter(
        status_list=status_list, revoked_at__isnull=False
    ).values_list("status_index", flat=True)
    document = documents.status_list_credential(
        status_list=status_list,
        issuer=status_list.issuer,
        revoked_indexes=list(revoked),
        valid_from=now,
    )
    status_list.signed_json = _sign(document, key, now)
    status_list.signed_at = now
    status_list.save(update_fields=["signed_json", "signed_at"])
    public_cache.bump()
    return status_list


def _allocate_status_index(issuer: Issuer) -> tuple[StatusList, int]:
    """A random free index (random, so an index says nothing about when or who)."""
    status_list = (
        StatusList.objects.select_for_update()
        .filter(issuer=issuer, used__lt=F("size"))
        .order_by("pk")
        .first()
    )
    if status_list is None:
        status_list = StatusList.objects.create(issuer=issuer)
        status_list_publish(status_list)
        status_list = StatusList.objects.select_for_update().get(pk=status_list.pk)
    while True:
        index = secrets.randbelow(status_list.size)
        if not Credential.objects.filter(status_list=status_list, status_index=index).exists():
            break
    status_list.used += 1
    status_list.save(update_fields=["used"])
    return status_list, index


def display_name_for(participant: Participant) -> str:
    preference = WalletPreference.objects.filter(participant=participant).first()
    return preference.display_name if preference else participant.preferred_name


def credential_issue(
    *, participant: Participant, achievement: Achievement, issued_by=None, source: str = ""
) -> tuple[Credential, bool]:
    """Sign and store an AchievementCredential. Returns (credential, created).

    Idempotent: the same achievement is held once unless it allows renewal, and the same
    ``source`` (a completion event, an award request) never issues twice.
    """
    with transaction.atomic():
        Participant.objects.select_for_update().get(pk=participant.pk)
        if source:
            existing = Credential.objects.filter(source=source).first()
            if existing is not None:
                return existing, False
        latest = (
            Credential.objects.filter(participant=participant, achievement=achievement)
            .order_by("-edition")
            .first()
        )
        if latest is not None and not achievement.allows_renewal:
            return latest, False
        issuer = issuer_for_organization(participant.organization)
        key = issuer.keys.get(is_active=True)
        status_list, index = _allocate_status_index(issuer)
        now = timezone.now().replace(microsecond=0)
        valid_until = (
            now + timedelta(days=achievement.validity_days) if achievement.validity_days else None
        )
        public_id = Credential._meta.get_field("public_id").default()
        display_name = display_name_for(participant)
        document = documents.achievement_credential(
            public_id=public_id,
            issuer=issuer,
            achievement=achievement,
            participant=participant,
            display_name=display_name,
            valid_from=now,
            valid_until=valid_until,
            status_list=status_list,
            status_index=index,
        )
        try:
            with transaction.atomic():
                credential = Credential.objects.create(
                    public_id=public_id,
                    participant=participant,
                    achievement=achievement,
                    issuer=issuer,
                    key=key,
                    edition=(latest.edition + 1) if latest else 1,
                    signed_json=_sign(document, key, now),
                    display_name=display_name,
                    status_list=status_list,
                    status_index=index,
                    issued_at=now,
                    valid_until=valid_until,
                    issued_by=issued_by,
                    source=source,
                )
        except IntegrityError:
            existing = Credential.objects.filter(
                participant=participant, achievement=achievement
            ).first()
            if existing is None:
                raise
            return existing, False
        audit_record(
            issued_by,
            "credentials.issue",
            organization=issuer.organization,
            obj=credential,
            message=f"Credential {credential.pk} of achievement {achievement.pk} issued",
        )
        events.credential_issued.publish(
            participant=participant,
            credential=credential,
            industry=achievement.is_industry,
            on=timezone.localdate(),
        )
    return credential, True


def award_from_completion(*, participant: Participant, page, on=None) -> list[Credential]:
    """Issue every achievement that completing ``page`` earns (idempotent)."""
    issued = []
    for achievement in Achievement.objects.filter(earned_by_page_id=page.pk):
        credential, _created = credential_issue(
            participant=participant,
            achievement=achievement,
            source=f"completion:{page.pk}:{participant.pk}:{achievement.pk}",
        )
        issued.append(credential)
    return issued


def award_request_create(
    *,
    actor,
    participant,
    achievement,
    certificate_number: str,
    earned_on,
    evidence,
    submission: str | None = None,
) -> AwardRequest:
    """Record an industry credential with its evidence; a second person approves it."""
    if not can_award_to(actor, participant):
        raise PermissionDenied
    certificate_number = (certificate_number or "").strip()
    if not certificate_number:
        raise ValidationError({"certificate_number": _("Enter the certificate number.")})
    if earned_on > timezone.localdate():
        raise ValidationError({"earned_on": _("The date earned cannot be in the future.")})
    validate_evidence(evidence)
    # The file is written inside the transaction and removed again if it does not commit, so a
    # failure (here or in the audit record) leaves no orphaned certificate behind.
    with files_saved_with() as files:
        claim_submission(submission, actor, "credentials.award_request")
        request = AwardRequest(
            participant=participant,
            achievement=achievement,
            certificate_number=certificate_number[:80],
            earned_on=earned_on,
            checked_by=actor,
        )
        files.save(request.evidence, evidence.name, evidence)
        request.save()
        audit_record(
            actor,
            "credentials.award_request",
            organization=participant.organization,
            obj=request,
            message=f"Award request {request.pk} for participant {participant.pk}",
        )
    return request


def _decide(actor, request_pk) -> AwardRequest:
    request = (
        AwardRequest.objects.select_for_update()
        .select_related("participant", "achievement")
        .get(pk=request_pk)
    )
    if not can_award_to(actor, request.participant):
        raise PermissionDenied
    if request.status != AwardRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if request.checked_by_id == actor.pk:
        raise ValidationError(
            _("A second staff member must approve: you recorded this credential.")
        )
    return request


def award_request_approve(*, actor, request_pk) -> Credential:
    """Approve (as a different person than the one who checked it) and issue."""
    with transaction.atomic():
        request = _decide(actor, request_pk)
        credential, _created = credential_issue(
            participant=request.participant,
            achievement=request.achievement,
            issued_by=actor,
            source=f"award-request:{request.pk}",
        )
        request.status = AwardRequest.Status.APPROVED
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.credential = credential
        request.save(update_fields=["status", "decided_by", "decided_at", "credential"])
        audit_record(
            actor,
            "credentials.award_approve",
            organization=request.participant.organization,
            obj=request,
            message=f"Award request {request.pk} approved; credential {credential.pk}",
        )
    return credential


def award_request_reject(*, actor, request_pk) -> AwardRequest:
    with transaction.atomic():
        request = _decide(actor, request_pk)
        request.status = AwardRequest.Status.REJECTED
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record(
            actor,
            "credentials.award_reject",
            organization=request.participant.organization,
            obj=request,
            message=f"Award request {request.pk} not approved",
        )
    return request


def credential_revoke(*, actor, credential: Credential, reason: str) -> Credential:
    """Revoke: flip the credential's bit and re-sign the status list. The reason stays internal."""
    if not can_revoke(actor, credential):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason (it is kept internal).")})
    with transaction.atomic():
        locked = Credential.objects.select_for_update().get(pk=credential.pk)
        if locked.revoked_at is not None:
            raise ValidationError(_("This credential is already revoked."))
        locked.revoked_at = timezone.now()
        locked.revocation_reason = reason[:300]
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
        status_list_publish(StatusList.objects.select_for_update().get(pk=locked.status_list_id))
        public_cache.bump(locked.public_id)
        audit_record(
            actor,
            "credentials.revoke",
            organization=locked.issuer.organization,
            obj=locked,
            message=f"Credential {locked.pk} revoked",
        )
    return locked


def credential_set_private(*, participant, credential: Credential, private: bool) -> Credential:
    """The holder hides or shares the public page; the status list does not change."""
    if credential.participant_id != participant.pk:
        raise PermissionDenied
    credential.is_private = bool(private)
    credential.save(update_fields=["is_private"])
    public_cache.bump(credential.public_id)
    return credential


def wallet_set_display_name(*, participant, display_name: str) -> WalletPreference:
    """The name shown on credentials issued from now on (signed ones cannot change)."""
    display_name = " ".join((display_name or "").split())
    if not display_name:
        raise ValidationError({"display_name": _("Enter the name to show on your credentials.")})
    if len(display_name) > 120:
        raise ValidationError({"display_name": _("Use at most 120 characters.")})
    preference, _created = WalletPreference.objects.update_or_create(
        participant=participant, defaults={"display_name": display_name}
    )
    return preference
