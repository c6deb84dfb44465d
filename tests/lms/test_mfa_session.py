"""The staff gate trusts a session only when *this session* passed the second factor."""

import pytest
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from lms.people.roles import Role
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from tests.totp import current_code

pytestmark = pytest.mark.django_db

STAFF_DATA = [
    "/staff/",
    "/staff/participants/",
    "/staff/participants/export.csv",
    "/staff/hours/",
    "/staff/reports/",
    "/cms/",
]
# Account pages that would let a password-only session take the account over.
ACCOUNT_PAGES = [
    "/accounts/password/change/",
    "/accounts/email/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/2fa/recovery-codes/",
]


def password_only_client(client, user):
    """A session made by a door that skipped the code (what /cms/login/ used to give)."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.mark.parametrize("path", STAFF_DATA + ACCOUNT_PAGES)
def test_password_only_staff_session_is_ended_and_sent_to_sign_in(client, program_admin, path):
    password_only_client(client, program_admin)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert signed_in_user_id(client) is None
    # Signed out for good: the next request is anonymous too.
    assert client.get("/staff/participants/").status_code == 302
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("path", ["/staff/participants/", "/cms/", "/accounts/email/"])
def test_superuser_without_a_role_needs_the_code_too(client, county, path):
    admin = UserFactory(role="", organization=None, is_superuser=True, mfa=True)
    password_only_client(client, admin)
    response = client.get(path)
    assert response["Location"].startswith(reverse("account_login"))
    assert signed_in_user_id(client) is None


def test_anyone_the_admin_lets_in_needs_the_code_there(client, participant):
    """A participant put in an admin group by hand is staff as far as /cms/ goes."""
    group = Group.objects.create(name="Hand-made editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    participant.user.groups.add(group)
    password_only_client(client, participant.user)
    response = client.get("/cms/")
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # Their own pages are not affected.
    assert client.get(reverse("participant:dashboard")).status_code == 200


def test_session_of_another_user_records_does_not_count(client, case_manager, partner_admin):
    """Records are tied to the user they were made for (allauth stores the user id)."""
    from tests.totp import force_login_with_mfa

    force_login_with_mfa(client, case_manager)
    session = client.session
    records = get_authentication_records(type("R", (), {"session": session})(), case_manager)
    assert any(r["method"] == "mfa" for r in records)
    # Same session, now a different account signed in without its code.
    client.force_login(partner_admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/staff/participants/")
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_with_the_code_in_this_session_reach_their_pages(client_for, case_manager):
    client = client_for(case_manager)
    for path in ["/staff/", "/staff/participants/", "/accounts/email/"]:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("path", ["/staff/participants/", "/accounts/email/", "/accounts/2fa/"])
def test_staff_without_totp_may_only_set_it_up(client, org, path):
    coach = UserFactory(role=Role.CASE_MANAGER, organization=org, mfa=False)
    password_only_client(client, coach)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert signed_in_user_id(client) == str(coach.pk)


def test_staff_without_totp_reach_setup_sign_out_and_language(client, org):
    coach = UserFactory(role=Role.CASE_MANAGER, organization=org, mfa=False)
    password_only_client(client, coach)
    # Activation first asks for the password again; both pages open.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(reverse("account_logout")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_activating_totp_counts_as_passing_the_second_factor(client, org):
    """allauth sends ``authenticator_added`` on commit, inside the request: a real commit."""
    coach = UserFactory(role=Role.CASE_MANAGER, organization=org, mfa=False)
    password_only_client(client, coach)
    response = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=coach, type="totp").exists()
    assert client.get("/staff/participants/").status_code == 200
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200


def test_recovery_code_counts_as_the_second_factor(client, case_manager):
    code = RecoveryCodes.activate(case_manager).get_unused_codes()[0]
    client.post(
        reverse("account_login"), {"login": case_manager.username, "password": TEST_PASSWORD}
    )
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/staff/participants/").status_code == 200


def test_full_sign_in_with_the_code_reaches_staff_data(client, program_admin):
    client.post(
        reverse("account_login"), {"login": program_admin.username, "password": TEST_PASSWORD}
    )
    assert client.get("/staff/participants/").status_code == 302  # not yet
    client.post(reverse("mfa_authenticate"), {"code": current_code(TEST_TOTP_SECRET)})
    for path in ["/staff/participants/", "/staff/participants/export.csv", "/cms/"]:
        assert client.get(path).status_code == 200, path


def test_participants_are_not_asked_for_a_code(client_for, participant):
    client = client_for(participant.user)
    assert client.get(reverse("participant:dashboard")).status_code == 200
    assert client.get("/accounts/password/change/").status_code == 200


def test_password_only_session_cannot_post_to_staff_pages(client, case_manager, org):
    from lms.people.models import Participant

    password_only_client(client, case_manager)
    response = client.post(
        reverse("staff:participant_enroll"),
        {"preferred_name": "Dana", "legal_name": "Dana Q.", "organization": org.pk},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert not Participant.objects.exists()
    assert signed_in_user_id(client) is None


def test_staff_with_an_unverified_address_can_still_set_up_totp(client, org):
    """No loop between allauth's "verify your e-mail first" and the staff gate."""
    from allauth.account.models import EmailAddress

    coach = UserFactory(role=Role.CASE_MANAGER, organization=org, mfa=False)
    EmailAddress.objects.create(user=coach, email="new@example.org", verified=False)
    password_only_client(client, coach)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
