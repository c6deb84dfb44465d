"""A real deployment never gets demo accounts; its first program admin comes with TOTP."""

import io
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import call_command
from django.core.management.base import CommandError

from lms.audit.models import AuditEvent
from lms.people.models import User
from lms.people.roles import Role
from tests.totp import current_code

pytestmark = pytest.mark.django_db
STRONG = "violet harbor lantern 42"  # noqa: S105


@pytest.mark.parametrize("command", ["seed_demo", "seed_scale"])
def test_demo_seeding_refuses_when_debug_is_off(settings, command):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command(command, stdout=io.StringIO())
    assert not User.objects.filter(username="admin.county").exists()
    assert not Authenticator.objects.exists()


def test_demo_seeding_runs_with_debug_on(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert User.objects.filter(username="admin.county").exists()


def test_demo_seeding_runs_when_forced(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--quiet-logins", "--force", stdout=io.StringIO())
    assert User.objects.filter(username="coach.chrysalis").exists()


def answers(monkeypatch, *, inputs, passwords):
    inputs, passwords = iter(inputs), iter(passwords)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(inputs))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(passwords))


def test_create_program_admin_asks_for_a_password_and_prints_a_totp_uri(monkeypatch, county):
    answers(
        monkeypatch,
        inputs=["carla", "carla@county.example.gov"],
        passwords=["short", "short", STRONG, "typo", STRONG, STRONG],
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("create_program_admin", stdout=out, stderr=err)
    user = User.objects.get(username="carla")
    assert user.role == Role.PROGRAM_ADMIN and user.organization == county
    assert user.is_superuser and user.check_password(STRONG)
    assert user.groups.filter(name="Program admins").exists()
    # The weak password was refused by the validators, the typo by the second prompt.
    assert "too short" in err.getvalue() and "not the same" in err.getvalue()
    text = out.getvalue()
    uri = re.search(r"otpauth://totp/\S+", text).group(0)
    assert "issuer=SECTOR" in uri and "carla" in uri
    secret = re.search(r"secret=([A-Z2-7]+)", uri).group(1)
    assert validate_totp_code(secret, current_code(secret))
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    codes = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()
    assert all(code in text for code in codes)
    assert "█" in text or "▀" in text  # the QR code drawn in the terminal
    assert AuditEvent.objects.filter(action="account.program_admin_created").exists()


def test_new_program_admin_signs_in_with_the_printed_secret(monkeypatch, client, county):
    answers(monkeypatch, inputs=["carla", "carla@county.example.gov"], passwords=[STRONG] * 2)
    out = io.StringIO()
    call_command("create_program_admin", "--no-qr", stdout=out)
    secret = re.search(r"secret=([A-Z2-7]+)", out.getvalue()).group(1)
    client.post("/accounts/login/", {"login": "carla", "password": STRONG})
    assert client.get("/staff/participants/").status_code == 302
    client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert client.get("/staff/participants/").status_code == 200


def test_create_program_admin_without_input_reads_the_password_from_the_environment(
    monkeypatch, county
):
    monkeypatch.setenv("PROGRAM_ADMIN_PASSWORD", STRONG)
    call_command(
        "create_program_admin",
        "--no-input",
        "--username=ops",
        "--email=ops@county.example.gov",
        stdout=io.StringIO(),
    )
    assert User.objects.get(username="ops").check_password(STRONG)


def test_create_program_admin_refuses_weak_password_without_input(monkeypatch, county):
    monkeypatch.setenv("PROGRAM_ADMIN_PASSWORD", "password")
    with pytest.raises(CommandError, match="too common"):
        call_command(
            "create_program_admin",
            "--no-input",
            "--username=ops",
            "--email=ops@county.example.gov",
            stdout=io.StringIO(),
        )
    assert not User.objects.filter(username="ops").exists()


def test_create_program_admin_refuses_a_taken_username(monkeypatch, county, program_admin):
    monkeypatch.setenv("PROGRAM_ADMIN_PASSWORD", STRONG)
    with pytest.raises(CommandError, match="taken"):
        call_command(
            "create_program_admin",
            "--no-input",
            f"--username={program_admin.username}",
            "--email=x@county.example.gov",
            stdout=io.StringIO(),
        )
    assert not Authenticator.objects.filter(user=program_admin, type="recovery_codes").exists()
