"""Writing people: enrollment, status changes, roles and invitations. Each write is audited."""

import hashlib
import re
import secrets
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.services import audit_record

from .models import Invitation, Organization, Participant, User
from .roles import ROLE_GROUPS, STAFF_ROLES, Role
from .selectors import can_enroll, organizations_visible_to

ENROLLMENT_FIELDS = (
    "preferred_name",
    "legal_name",
    "phone",
    "email",
    "enrollment_date",
    "status",
    "preferred_language",
    "case_manager",
    "organization",
)


def _username_base(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", ".", ascii_name.lower()).strip(".")
    return (slug or "participant")[:20]


def participant_username(preferred_name: str) -> str:
    """A readable, unique username such as 'maria.4821' (many participants have no email)."""
    base = _username_base(preferred_name.split()[0] if preferred_name.split() else "")
    while True:
        candidate = f"{base}.{secrets.randbelow(9000) + 1000}"
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate


def _check_enrollment_scope(actor, organization, case_manager):
    if not can_enroll(actor):
        raise PermissionDenied(_("Only case managers and admins can enroll participants."))
    if not organizations_visible_to(actor).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("You cannot enroll participants in that organization."))
    if case_manager is not None and case_manager.organization_id != organization.pk:
        raise ValidationError(
            {"case_manager": _("The case manager must work at the participant's organization.")}
        )


@transaction.atomic
def participant_enroll(*, actor, organization: Organization, **fields) -> Participant:
    """Create the participant's account (no password yet) and record; audited."""
    case_manager = fields.get("case_manager")
    _check_enrollment_scope(actor, organization, case_manager)
    user = User(
        username=fields.pop("username", None) or participant_username(fields["preferred_name"]),
        first_name=fields["preferred_name"][:150],
        email=fields.get("email", ""),
        role=Role.PARTICIPANT,
        organization=organization,
        preferred_language=fields.get("preferred_language", "en"),
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    participant = Participant(user=user, organization=organization, **fields)
    participant.full_clean()
    participant.save()
    audit_record(
        actor,
        "participant.enrolled",
        organization=organization,
        obj=participant,
        message=f"Enrolled participant #{participant.pk}",
    )
    return participant


@transaction.atomic
def participant_update(*, actor, participant: Participant, **fields) -> Participant:
    """Change a participant's record; the audit keeps which fields changed (not their values)."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    organization = fields.get("organization", participant.organization)
    _check_enrollment_scope(actor, organization, fields.get("case_manager"))
    changed = sorted(name for name, value in fields.items() if getattr(participant, name) != value)
    if not changed:
        return participant
    old_status = participant.status
    for name, value in fields.items():
        setattr(participant, name, value)
    if participant.status != old_status:
        participant.status_changed_on = timezone.localdate()
    participant.full_clean()
    participant.save()
    user = participant.user
    user.first_name = participant.preferred_name[:150]
    user.email = participant.email
    user.organization = participant.organization
    user.preferred_language = participant.preferred_language
    user.save(update_fields=["first_name", "email", "organization", "preferred_language"])
    changes = {"fields": changed}
    if "status" in changed:
        changes["status"] = [old_status, participant.status]
    audit_record(
        actor,
        "participant.updated",
        organization=participant.organization,
        obj=participant,
        message=f"Updated participant #{participant.pk}: {', '.join(changed)}",
        changes=changes,
    )
    return participant


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, actor, participant: Participant) -> tuple[Invitation, str]:
    """A fresh one-time link; any earlier unused link for the participant stops working."""
    if not can_enroll(actor):
        raise PermissionDenied(_("Only case managers and admins can invite participants."))
    now = timezone.now()
    participant.invitations.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    raw = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        participant=participant,
        token_hash=_hash_token(raw),
        created_by=actor,
        expires_at=now + timedelta(days=settings.LMS_INVITATION_DAYS),
    )
    audit_record(
        actor,
        "participant.invited",
        organization=participant.organization,
        obj=participant,
        message=f"Created an invitation link for participant #{participant.pk}",
    )
    return invitation, raw


def invitation_url(raw_token: str) -> str:
    return settings.PUBLIC_BASE_URL + reverse("people:invitation_accept", args=[raw_token])


def invitation_lookup(raw_token: str) -> Invitation | None:
    """The usable invitation for a raw token, or None when unknown, used or expired."""
    invitation = (
        Invitation.objects.select_related("participant__user")
        .filter(token_hash=_hash_token(raw_token))
        .first()
    )
    if invitation is None or not _invitation_can_be_used(invitation):
        return None
    return invitation


def _invitation_can_be_used(invitation: Invitation) -> bool:
    """Unused, unexpired, and still for a participant account.

    A link never sets a staff account's password (one whose role changed after the link was
    made): staff set theirs through allauth's reset, then pass the MFA step.
    """
    return invitation.is_usable and invitation.participant.user.role == Role.PARTICIPANT


@transaction.atomic
def invitation_accept(*, raw_token: str, password: str) -> User:
    """Set the participant's password once; the link cannot be used again."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("participant__user")
        .filter(token_hash=_hash_token(raw_token))
        .first()
    )
    if invitation is None or not _invitation_can_be_used(invitation):
        raise ValidationError(_("This link has expired or was already used."))
    user = invitation.participant.user
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    audit_record(
        user,
        "participant.invitation_used",
        organization=invitation.participant.organization,
        obj=invitation.participant,
        message=f"Participant #{invitation.participant_id} set a password",
    )
    return user


@transaction.atomic
def role_assign(*, actor, user: User, role: str, organization: Organization) -> User:
    """Give a person one role in one organization (and the matching admin group)."""
    if actor is not None:
        if actor.role not in (Role.PARTNER_ADMIN, Role.PROGRAM_ADMIN):
            raise PermissionDenied(_("Only admins can change roles."))
        if not organizations_visible_to(actor).filter(pk=organization.pk).exists():
            raise PermissionDenied(_("You cannot give roles in that organization."))
        if role == Role.PROGRAM_ADMIN and actor.role != Role.PROGRAM_ADMIN:
            raise PermissionDenied(_("Only program admins can make program admins."))
    old = (user.role, user.organization_id)
    user.role = role
    user.organization = organization
    user.save()
    role_groups_sync(user)
    audit_record(
        actor,
        "role.assigned",
        organization=organization,
        obj=user,
        message=f"Role of {user.username} set to {role}",
        changes={"before": list(old), "after": [role, organization.pk]},
    )
    return user


def role_groups_sync(user: User) -> None:
    """Keep the person's auth groups (and so Wagtail admin access) in step with the role."""
    wanted = ROLE_GROUPS.get(user.role)
    managed = Group.objects.filter(name__in=ROLE_GROUPS.values())
    user.groups.remove(*managed.exclude(name=wanted))
    if wanted and user.role in STAFF_ROLES:
        group, _created = Group.objects.get_or_create(name=wanted)
        user.groups.add(group)


@transaction.atomic
def staff_create(
    *,
    actor,
    organization: Organization,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
) -> User:
    """Add a staff account with no password; they set one through the emailed reset link."""
    if role not in STAFF_ROLES:
        raise ValidationError({"role": _("Choose a staff role.")})
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password", "role", "organization"])
    user.save()
    return role_assign(actor=actor, user=user, role=role, organization=organization)


@transaction.atomic
def program_admin_create(
    *, username: str, email: str, password: str, first_name: str = "", last_name: str = ""
) -> tuple[User, str, list[str]]:
    """The first county program admin of a real deployment, with TOTP set up.

    Returns the account, its new TOTP secret and its recovery codes (shown once by the
    command). The password must pass the site's password validators.
    """
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import password_validation

    from .program import COUNTY

    county = Organization.objects.get(slug=COUNTY["slug"])
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("That username is taken. Try another.")})
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_superuser=True,
    )
    user.full_clean(exclude=["password", "role", "organization"])
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    role_assign(actor=None, user=user, role=Role.PROGRAM_ADMIN, organization=county)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).get_unused_codes()
    audit_record(
        None,
        "account.program_admin_created",
        organization=county,
        obj=user,
        message=f"Program admin {user.username} created from the command line, TOTP set up",
    )
    return user, secret, codes
