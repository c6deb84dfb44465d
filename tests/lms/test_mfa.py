"""Staff must set up MFA before they reach participant data; participants are not forced."""

import pytest
from django.urls import reverse

from lms.people.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/staff/", "/staff/participants/", "/staff/hours/", "/cms/"])
def test_staff_without_mfa_are_sent_to_set_it_up(client_for, org, path):
    coach = UserFactory(role=Role.CASE_MANAGER, organization=org, mfa=False)
    response = client_for(coach).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_with_mfa_reach_their_pages(client_for, case_manager):
    assert client_for(case_manager).get("/staff/participants/").status_code == 200


def test_participant_without_mfa_reaches_their_dashboard(client_for, participant):
    assert client_for(participant.user).get(reverse("participant:dashboard")).status_code == 200


def test_login_with_username_then_totp(client, case_manager):
    from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET
    from tests.totp import current_code

    response = client.post(
        reverse("account_login"), {"login": case_manager.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(TEST_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_login_with_email(client, participant):
    from tests.factories import TEST_PASSWORD

    response = client.post(
        reverse("account_login"), {"login": participant.user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("participant:dashboard")).status_code == 200


def test_failed_logins_are_rate_limited(client, participant):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "alex.1001", "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": "alex.1001", "password": "wrong"})
    assert response.status_code == 429 or "Too many" in response.text


def test_password_reset_sends_mail(client, participant, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": participant.user.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1


def test_spanish_speaker_sees_spanish_after_sign_in(client, participant):
    from tests.factories import TEST_PASSWORD

    participant.user.preferred_language = "es"
    participant.user.save()
    client.post(reverse("account_login"), {"login": "alex.1001", "password": TEST_PASSWORD})
    assert "Mis horas" in client.get(reverse("participant:dashboard")).text
