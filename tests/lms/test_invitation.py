"""The participant's one-time link: sets a password, signs them in, never for staff."""

import pytest
from allauth.account.authentication import get_authentication_records
from django.urls import reverse

from lms.people.messaging import invitation_text, sms_uri
from lms.people.roles import Role
from lms.people.services import invitation_create

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a long pass phrase"  # noqa: S105


def invite(participant, case_manager):
    _invitation, raw = invitation_create(actor=case_manager, participant=participant)
    return reverse("people:invitation_accept", args=[raw])


def set_password(client, url, password=NEW_PASSWORD):
    return client.post(url, {"password1": password, "password2": password})


def test_setting_the_password_signs_the_participant_in_to_their_dashboard(
    client, participant, case_manager
):
    response = set_password(client, invite(participant, case_manager))
    assert response.status_code == 302
    assert response["Location"] == reverse("participant:dashboard")
    assert client.session["_auth_user_id"] == str(participant.user.pk)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert participant.user.username in page.text  # told which username to use next time


def test_sign_in_goes_through_allauth(client, participant, case_manager):
    """allauth records how the session authenticated (and sends its login signals)."""
    from django.contrib.auth.signals import user_logged_in

    seen = []
    user_logged_in.connect(lambda **kw: seen.append(kw["user"].pk), weak=False, dispatch_uid="t")
    try:
        set_password(client, invite(participant, case_manager))
    finally:
        user_logged_in.disconnect(dispatch_uid="t")
    assert seen == [participant.user.pk]
    request = type("R", (), {"session": client.session})()
    methods = [r["method"] for r in get_authentication_records(request, participant.user)]
    assert methods == ["password"]


def test_the_page_keeps_the_token_from_other_sites_without_breaking_csrf(
    client, participant, case_manager
):
    response = client.get(invite(participant, case_manager))
    # "no-referrer" made Chromium post Origin: null, which Django's CSRF check refuses.
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_a_post_with_the_browsers_origin_header_passes_csrf(participant, case_manager):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = invite(participant, case_manager)
    page = client.get(url)
    token = page.context["csrf_token"]
    response = client.post(
        url,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "csrfmiddlewaretoken": str(token)},
        headers={"Origin": "http://testserver"},
    )
    assert response.status_code == 302
    # And the language switch on that page.
    response = Client(enforce_csrf_checks=True)
    page = response.get(invite(participant, case_manager))
    switched = response.post(
        reverse("set_language"),
        {"language": "es", "next": url, "csrfmiddlewaretoken": str(page.context["csrf_token"])},
        headers={"Origin": "http://testserver"},
    )
    assert switched.status_code == 302


def test_a_link_never_sets_a_staff_accounts_password(client, participant, case_manager):
    """If the account became staff after the link was made, the link is dead."""
    url = invite(participant, case_manager)
    participant.user.role = Role.CASE_MANAGER
    participant.user.save()
    assert client.get(url).status_code == 410
    assert set_password(client, url).status_code == 410
    participant.user.refresh_from_db()
    assert not participant.user.check_password(NEW_PASSWORD)
    assert "_auth_user_id" not in client.session


def test_someone_else_signed_in_is_asked_to_sign_out_first(client_for, participant, case_manager):
    client = client_for(case_manager)
    url = invite(participant, case_manager)
    response = client.get(url)
    assert response.status_code == 200
    assert "Sign out to use this link" in response.text
    set_password(client, url)
    participant.user.refresh_from_db()
    assert not participant.user.check_password(NEW_PASSWORD)  # the link is not used up
    assert client.session["_auth_user_id"] == str(case_manager.pk)


def test_weak_password_keeps_the_link(client, participant, case_manager):
    url = invite(participant, case_manager)
    response = set_password(client, url, "12345678")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(url).status_code == 200


# --- The case manager's page ----------------------------------------------------------------


def open_new_link(client, participant):
    client.post(reverse("staff:participant_invitation", args=[participant.pk]))
    return client.get(reverse("staff:participant_invitation", args=[participant.pk]))


def test_invitation_page_offers_text_copy_and_print(client_for, participant, case_manager):
    participant.phone = "(213) 555-0142"
    participant.save()
    page = open_new_link(client_for(case_manager), participant)
    assert page.status_code == 200
    assert 'href="sms:2135550142?&amp;body=' in page.text
    assert "data-copy" in page.text and "data-print" in page.text
    assert "js/people/invitation.js" in page.text
    assert "no-store" in page["Cache-Control"]


def test_no_text_link_without_a_phone(client_for, participant, case_manager):
    page = open_new_link(client_for(case_manager), participant)
    assert "sms:" not in page.text
    assert "Add a phone number" in page.text


@pytest.mark.parametrize("who", ["other_case_manager", "participant_user", "facilitator"])
def test_invitation_page_is_refused_to_others(
    client_for, participant, other_case_manager, facilitator, who
):
    user = {
        "other_case_manager": other_case_manager,
        "participant_user": participant.user,
        "facilitator": facilitator,
    }[who]
    response = client_for(user).post(reverse("staff:participant_invitation", args=[participant.pk]))
    assert response.status_code in (403, 404)
    assert not participant.invitations.exists()


def test_the_text_message_is_neutral_and_in_their_language(participant, case_manager):
    invitation, _raw = invitation_create(actor=case_manager, participant=participant)
    participant.preferred_language = "es"
    text = invitation_text(
        participant, "https://learn.example.org/invite/abc/", invitation.expires_at
    )
    assert "https://learn.example.org/invite/abc/" in text
    assert "Hola" in text
    for word in ("reentry", "SECTOR", "diversion", "reinserción"):
        assert word.lower() not in text.lower()


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("+1 (213) 555-0142", "sms:+12135550142?&body=hi%20there"),
        ("213.555.0142", "sms:2135550142?&body=hi%20there"),
        ("call me", None),
        ("", None),
    ],
)
def test_sms_links(phone, expected):
    assert sms_uri(phone, "hi there") == expected
