"""Demo people: fixed usernames, one password, staff with a known TOTP secret (demo only)."""

from datetime import date, timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from .models import Organization, Participant, User
from .program import ORGANIZATIONS
from .roles import Role
from .services import role_groups_sync

DEMO_PASSWORD = "sector-demo-2026"  # noqa: S105 - documented demo credential
# Base32 TOTP secret shared by every demo staff account; put it in any authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

DEMO_PARTICIPANTS = {
    "chrysalis": [
        ("Marcus", "Marcus T. Reed", "en"),
        ("Lupe", "Guadalupe Ortiz", "es"),
        ("Dee", "Denise Walker", "en"),
    ],
    "ace": [
        ("Tony", "Antonio Ruiz", "es"),
        ("Kim", "Kimberly Ho", "en"),
        ("Ray", "Raymond Jones", "en"),
    ],
    "cll": [
        ("Sam", "Samuel Park", "en"),
        ("Rosa", "Rosa Delgado", "es"),
        ("Jay", "Jamal Brooks", "en"),
    ],
    "covenant-house": [
        ("Ari", "Ariana Lopez", "en"),
        ("Nate", "Nathan Cole", "en"),
        ("Bea", "Beatriz Soto", "es"),
    ],
    "ptw": [
        ("Lee", "Leon Carter", "en"),
        ("Vero", "Veronica Diaz", "es"),
        ("Mo", "Mohammed Ali Hassan", "en"),
    ],
    "arc": [
        ("Chris", "Christopher Long", "en"),
        ("Ana", "Ana Maria Cruz", "es"),
        ("Eli", "Elijah Grant", "en"),
    ],
}


def _ensure_user(username, *, role, organization, first_name, last_name="", email=""):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "organization": organization,
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    role_groups_sync(user)
    if role != Role.PARTICIPANT and not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)
    return user


def seed_people(stdout=None) -> list[tuple[str, str, str]]:
    """Create (or find) the demo organizations and people. Returns (username, role, org) rows."""
    for org in ORGANIZATIONS:
        Organization.objects.update_or_create(slug=org["slug"], defaults=org)
    county = Organization.objects.get(slug="county")
    rows = []
    user = _ensure_user(
        "admin.county",
        role=Role.PROGRAM_ADMIN,
        organization=county,
        first_name="Carla",
        last_name="Mendez",
        email="admin.county@example.org",
    )
    if not user.is_superuser:
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    rows.append((user.username, user.get_role_display(), county.display_name))
    staff_names = {
        Role.PARTNER_ADMIN: ("admin", "Pat"),
        Role.CASE_MANAGER: ("coach", "Jordan"),
        Role.FACILITATOR: ("facilitator", "Robin"),
    }
    for slug, people in DEMO_PARTICIPANTS.items():
        org = Organization.objects.get(slug=slug)
        staff = {}
        for role, (prefix, first) in staff_names.items():
            staff[role] = _ensure_user(
                f"{prefix}.{slug}",
                role=role,
                organization=org,
                first_name=first,
                last_name=org.display_name,
                email=f"{prefix}.{slug}@example.org",
            )
            rows.append((staff[role].username, staff[role].get_role_display(), org.display_name))
        for index, (preferred, legal, lang) in enumerate(people, start=1):
            username = f"participant.{slug}.{index}"
            user = _ensure_user(
                username, role=Role.PARTICIPANT, organization=org, first_name=preferred
            )
            user.preferred_language = lang
            user.save(update_fields=["preferred_language"])
            Participant.objects.get_or_create(
                user=user,
                defaults={
                    "organization": org,
                    "case_manager": staff[Role.CASE_MANAGER],
                    "preferred_name": preferred,
                    "legal_name": legal,
                    "enrollment_date": date.today() - timedelta(days=30 + 7 * index),
                    "preferred_language": lang,
                },
            )
            rows.append((username, user.get_role_display(), org.display_name))
    return rows
