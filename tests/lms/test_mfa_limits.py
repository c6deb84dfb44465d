"""Wrong second-factor codes are limited per account; then even the right code waits."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lms.people.roles import Role
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from tests.totp import current_code

pytestmark = pytest.mark.django_db

WRONG = "000000"
TOO_MANY = "Too many"


def wrong_code_for(secret):
    right = current_code(secret)
    return WRONG if right != WRONG else "111111"


def start_sign_in(client, user):
    response = client.post(
        reverse("account_login"), {"login": user.username, "password": TEST_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")


def staff_data_open(client):
    return client.get("/staff/participants/").status_code == 200


def test_wrong_codes_at_sign_in_lock_the_account_until_the_window_passes(client, case_manager):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        start_sign_in(client, case_manager)
        for _ in range(5):
            response = client.post(
                reverse("mfa_authenticate"), {"code": wrong_code_for(TEST_TOTP_SECRET)}
            )
            assert "Incorrect code" in response.text
        # The right code is refused now, and still after allauth's own 5-minute window.
        response = client.post(
            reverse("mfa_authenticate"), {"code": current_code(TEST_TOTP_SECRET)}
        )
        assert TOO_MANY in response.text
        assert not staff_data_open(client)
        clock.shift(timedelta(minutes=6))
        start_sign_in(client, case_manager)
        response = client.post(
            reverse("mfa_authenticate"), {"code": current_code(TEST_TOTP_SECRET)}
        )
        assert TOO_MANY in response.text
        assert not staff_data_open(client)
        # Another browser (another session and address) is refused the same way.
        from django.test import Client

        other = Client(REMOTE_ADDR="203.0.113.9")
        start_sign_in(other, case_manager)
        response = other.post(reverse("mfa_authenticate"), {"code": current_code(TEST_TOTP_SECRET)})
        assert TOO_MANY in response.text
        # Once the 15-minute window has passed, the right code works.
        clock.shift(timedelta(minutes=10))
        start_sign_in(client, case_manager)
        response = client.post(
            reverse("mfa_authenticate"), {"code": current_code(TEST_TOTP_SECRET)}
        )
        assert response.status_code == 302
        assert staff_data_open(client)


def test_a_day_of_patient_guessing_is_capped(client, case_manager):
    """Five guesses every quarter hour would be 480 a day; the account stops at 20."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _round in range(4):
            start_sign_in(client, case_manager)
            for _ in range(5):
                response = client.post(
                    reverse("mfa_authenticate"), {"code": wrong_code_for(TEST_TOTP_SECRET)}
                )
                assert "Incorrect code" in response.text
            clock.shift(timedelta(minutes=16))
        start_sign_in(client, case_manager)
        response = client.post(
            reverse("mfa_authenticate"), {"code": current_code(TEST_TOTP_SECRET)}
        )
        assert TOO_MANY in response.text
        clock.shift(timedelta(hours=22))
        start_sign_in(client, case_manager)
        response = client.post(
            reverse("mfa_authenticate"), {"code": current_code(TEST_TOTP_SECRET)}
        )
        assert TOO_MANY in response.text
        clock.shift(timedelta(hours=1))
        start_sign_in(client, case_manager)
        response = client.post(
            reverse("mfa_authenticate"), {"code": current_code(TEST_TOTP_SECRET)}
        )
        assert response.status_code == 302
        assert staff_data_open(client)


def test_a_right_code_clears_earlier_mistakes(client, case_manager):
    start_sign_in(client, case_manager)
    for _ in range(4):
        client.post(reverse("mfa_authenticate"), {"code": wrong_code_for(TEST_TOTP_SECRET)})
    client.post(reverse("mfa_authenticate"), {"code": current_code(TEST_TOTP_SECRET)})
    assert staff_data_open(client)
    client.post(reverse("account_logout"))
    start_sign_in(client, case_manager)
    for _ in range(4):
        response = client.post(
            reverse("mfa_authenticate"), {"code": wrong_code_for(TEST_TOTP_SECRET)}
        )
        assert "Incorrect code" in response.text


def test_wrong_codes_when_asked_again_are_limited(client_for, case_manager):
    client = client_for(case_manager)
    url = reverse("mfa_reauthenticate")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            response = client.post(url, {"code": wrong_code_for(TEST_TOTP_SECRET)})
            assert "Incorrect code" in response.text
        response = client.post(url, {"code": current_code(TEST_TOTP_SECRET)})
        assert response.status_code == 200 and TOO_MANY in response.text
        clock.shift(timedelta(minutes=16))
        response = client.post(url, {"code": current_code(TEST_TOTP_SECRET)})
        assert response.status_code == 302


def test_wrong_codes_when_setting_up_totp_are_limited(client, org):
    from tests.lms.test_mfa_session import password_only_client

    coach = UserFactory(role=Role.CASE_MANAGER, organization=org, mfa=False)
    password_only_client(client, coach)
    url = reverse("mfa_activate_totp")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
        client.get(url)
        secret = client.session["mfa.totp.secret"]
        for _ in range(5):
            response = client.post(url, {"code": wrong_code_for(secret)})
            assert "Incorrect code" in response.text
        response = client.post(url, {"code": current_code(secret)})
        assert TOO_MANY in response.text
        clock.shift(timedelta(minutes=16))
        # Activation asks for the password again after a few minutes; the secret stays.
        client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
        response = client.post(url, {"code": current_code(secret)})
        assert response.status_code == 302
    assert coach.authenticator_set.filter(type="totp").exists()
