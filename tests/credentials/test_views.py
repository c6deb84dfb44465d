"""Public verification pages and files, the wallet, and staff pages (with their scoping)."""

import json
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from credentials.images import BAKED_KEYWORD, unbake
from credentials.models import AwardRequest, Credential
from credentials.services import credential_revoke, credential_set_private
from tests.credentials.conftest import png_upload
from tests.credentials.factories import AchievementFactory
from tests.submissions import submitted


def status_of(response) -> str:
    html = response.content.decode()
    return html.split('data-status="', 1)[1].split('"', 1)[0]


def test_public_page_says_verified_without_an_account(client, credential):
    response = client.get(f"/credentials/c/{credential.public_id}")
    assert response.status_code == 200
    assert status_of(response) == "verified"
    html = response.content.decode()
    for text in (
        "Verified",
        "Forklift Safety",
        "Passed the written and driving tests.",
        "North Partner",
        "Alex",
        "<svg",
    ):
        assert text in html


def test_public_page_says_revoked_after_revocation(client, credential, partner_admin):
    credential_revoke(actor=partner_admin, credential=credential, reason="Issued in error")
    response = client.get(f"/credentials/c/{credential.public_id}")
    assert status_of(response) == "revoked"
    assert "Issued in error" not in response.content.decode()


def test_public_page_does_not_trust_an_edited_database_row(client, credential):
    tampered = credential.signed_json.replace("Forklift Safety", "Crane Operator")
    with connection.cursor() as cursor:
        # Someone with database access edits the row behind the application's back.
        if connection.vendor == "postgresql":
            cursor.execute(
                "DROP TRIGGER IF EXISTS credentials_credential_append_only "
                "ON credentials_credential"
            )
        else:
            cursor.execute("DROP TRIGGER IF EXISTS credentials_credential_append_only_update")
        cursor.execute(
            "UPDATE credentials_credential SET signed_json = %s WHERE id = %s",
            [tampered, credential.pk],
        )
    response = client.get(f"/credentials/c/{credential.public_id}")
    assert status_of(response) == "invalid"
    assert "Cannot be verified" in response.content.decode()


def test_private_credential_page_says_only_not_shared(client, participant, credential):
    credential_set_private(participant=participant, credential=credential, private=True)
    response = client.get(f"/credentials/c/{credential.public_id}")
    html = response.content.decode()
    assert "not shared" in html
    assert "Forklift" not in html and "Alex" not in html
    assert client.get(f"/credentials/c/{credential.public_id}.json").status_code == 404
    assert client.get(f"/credentials/c/{credential.public_id}.png").status_code == 404
    ld = client.get(f"/credentials/c/{credential.public_id}", HTTP_ACCEPT="application/ld+json")
    assert b"Forklift" not in ld.content


def test_unknown_credential_is_404(client, db):
    assert client.get("/credentials/c/does-not-exist").status_code == 404


def test_json_by_content_negotiation_and_suffix_is_the_stored_text(client, credential):
    negotiated = client.get(
        f"/credentials/c/{credential.public_id}", HTTP_ACCEPT="application/ld+json"
    )
    assert negotiated["Content-Type"].startswith("application/ld+json")
    assert negotiated.content.decode() == credential.signed_json
    suffix = client.get(f"/credentials/c/{credential.public_id}.json")
    assert suffix.content.decode() == credential.signed_json


def test_png_carries_the_signed_credential_in_an_itxt_chunk(client, credential):
    response = client.get(f"/credentials/c/{credential.public_id}.png")
    assert response["Content-Type"] == "image/png"
    assert b"iTXt" + BAKED_KEYWORD.encode() in response.content
    assert unbake(response.content) == credential.signed_json


def test_public_page_query_count_does_not_grow(
    client, participant, issue, django_assert_max_num_queries
):
    first = issue(participant)
    for _ in range(5):
        issue(participant)
    with django_assert_max_num_queries(6):
        client.get(f"/credentials/c/{first.public_id}")


def _verify_file(client, name, data, content_type):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post("/credentials/verify/", {"file": upload})


def test_verify_page_accepts_the_json_file(client, credential):
    response = _verify_file(client, "c.json", credential.signed_json.encode(), "application/json")
    assert status_of(response) == "verified"


def test_verify_page_catches_an_edited_json_file(client, credential):
    edited = credential.signed_json.replace('"Alex"', '"Someone Else"').encode()
    response = _verify_file(client, "c.json", edited, "application/json")
    assert status_of(response) == "invalid"


def test_verify_page_accepts_the_baked_png_and_catches_a_changed_byte(client, credential):
    png = client.get(f"/credentials/c/{credential.public_id}.png").content
    assert status_of(_verify_file(client, "b.png", png, "image/png")) == "verified"
    position = png.index(b'"Forklift') + 2
    changed = png[:position] + b"X" + png[position + 1 :]
    response = _verify_file(client, "b.png", changed, "image/png")
    assert response.status_code == 400 or status_of(response) == "invalid"


def test_verify_page_explains_a_file_that_is_not_a_credential(client, db):
    response = _verify_file(client, "notes.txt", b"hello", "text/plain")
    assert response.status_code == 400
    assert "not a credential" in response.content.decode()


def test_verify_page_says_revoked_for_a_revoked_file(client, credential, partner_admin):
    credential_revoke(actor=partner_admin, credential=credential, reason="error")
    response = _verify_file(client, "c.json", credential.signed_json.encode(), "application/json")
    assert status_of(response) == "revoked"


def test_verify_page_rejects_a_credential_signed_elsewhere(client, credential):
    document = json.loads(credential.signed_json)
    document["proof"][0]["verificationMethod"] = "https://evil.example/key"
    response = _verify_file(client, "c.json", json.dumps(document).encode(), "application/json")
    assert status_of(response) == "invalid"


def test_published_documents_have_the_required_shape(client, credential):
    issuer = client.get(f"/credentials/issuers/{credential.issuer.slug}").json()
    assert issuer["@context"] == [
        "https://www.w3.org/ns/did/v1",
        "https://w3id.org/security/multikey/v1",
    ]
    document = json.loads(credential.signed_json)
    assert issuer["id"] == document["issuer"]["id"]
    key_url = document["proof"][0]["verificationMethod"]
    assert key_url in issuer["assertionMethod"]
    key = client.get(key_url.removeprefix("https://learn.example.org")).json()
    assert key["type"] == "Multikey" and key["controller"] == issuer["id"]
    assert "encrypted" not in json.dumps(issuer) + json.dumps(key)
    status_list = client.get(
        document["credentialStatus"]["statusListCredential"].removeprefix(
            "https://learn.example.org"
        )
    ).json()
    assert "BitstringStatusListCredential" in status_list["type"]
    assert isinstance(status_list["proof"], list)


def test_achievement_image_is_drawn_when_none_is_uploaded(client, achievement):
    response = client.get(f"/credentials/achievements/{achievement.slug}/image.png")
    assert response.status_code == 200 and response.content.startswith(b"\x89PNG")


# Wallet --------------------------------------------------------------------------------------


def test_wallet_lists_own_credentials_with_share_tools(
    client_for, participant, credential, other_participant, issue
):
    issue(other_participant, AchievementFactory(name="Other Person Badge"))
    response = client_for(participant.user).get("/credentials/wallet/")
    html = response.content.decode()
    assert "Forklift Safety" in html and "Other Person Badge" not in html
    assert f"https://learn.example.org/credentials/c/{credential.public_id}" in html
    assert "linkedin.com/profile/add" in html
    assert f"/credentials/c/{credential.public_id}.png" in html


def test_wallet_query_count_does_not_grow(
    client_for, participant, issue, django_assert_max_num_queries
):
    client = client_for(participant.user)
    issue(participant)
    client.get("/credentials/wallet/")
    for _ in range(4):
        issue(participant)
    with django_assert_max_num_queries(12):
        client.get("/credentials/wallet/")


def test_wallet_privacy_switch(client_for, participant, credential):
    client = client_for(participant.user)
    client.post(f"/credentials/wallet/{credential.public_id}/privacy/", {"private": "1"})
    credential.refresh_from_db()
    assert credential.is_private
    client.post(f"/credentials/wallet/{credential.public_id}/privacy/", {"private": "0"})
    credential.refresh_from_db()
    assert not credential.is_private


def test_participant_cannot_touch_anothers_credential(client_for, other_participant, credential):
    client = client_for(other_participant.user)
    response = client.post(f"/credentials/wallet/{credential.public_id}/privacy/", {"private": "1"})
    assert response.status_code == 404
    assert client.get(f"/credentials/wallet/{credential.public_id}/certificate/").status_code == 404


def test_staff_cannot_open_the_wallet(client_for, case_manager):
    assert client_for(case_manager).get("/credentials/wallet/").status_code == 403


def test_certificate_is_printable(client_for, participant, credential):
    response = client_for(participant.user).get(
        f"/credentials/wallet/{credential.public_id}/certificate/"
    )
    assert response.status_code == 200
    assert "data-print" in response.content.decode()


def test_wallet_name_form(client_for, participant):
    client = client_for(participant.user)
    client.post("/credentials/wallet/name/", {"display_name": "A. Rivera"})
    assert participant.wallet_preference.display_name == "A. Rivera"


# Staff ---------------------------------------------------------------------------------------


def test_participant_is_refused_staff_pages(client_for, participant, credential):
    client = client_for(participant.user)
    assert client.get("/credentials/staff/").status_code == 403
    assert client.get(f"/credentials/staff/participants/{participant.pk}/award/").status_code == 403
    assert (
        client.post(
            f"/credentials/staff/{credential.public_id}/revoke/", {"reason": "x"}
        ).status_code
        == 403
    )


def test_staff_list_is_scoped_to_own_partner(
    client_for, case_manager, other_case_manager, credential
):
    assert (
        credential.public_id in client_for(case_manager).get("/credentials/staff/").content.decode()
    )
    assert (
        credential.public_id
        not in client_for(other_case_manager).get("/credentials/staff/").content.decode()
    )


def test_other_partner_cannot_record_for_this_participant(
    client_for, other_case_manager, participant
):
    response = client_for(other_case_manager).get(
        f"/credentials/staff/participants/{participant.pk}/award/"
    )
    assert response.status_code == 404


def test_other_partner_admin_cannot_revoke(client_for, other_partner_admin, credential):
    response = client_for(other_partner_admin).post(
        f"/credentials/staff/{credential.public_id}/revoke/", {"reason": "x"}
    )
    assert response.status_code == 404
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_case_manager_cannot_revoke(client_for, case_manager, credential):
    response = client_for(case_manager).post(
        f"/credentials/staff/{credential.public_id}/revoke/", {"reason": "x"}
    )
    assert response.status_code == 403


def test_partner_admin_revokes_through_the_page(client_for, partner_admin, credential, client):
    client_for(partner_admin).post(
        f"/credentials/staff/{credential.public_id}/revoke/", {"reason": "Issued in error"}
    )
    credential.refresh_from_db()
    assert credential.revoked_at is not None


def test_revoke_without_reason_is_refused_clearly(client_for, partner_admin, credential):
    response = client_for(partner_admin).post(
        f"/credentials/staff/{credential.public_id}/revoke/", {"reason": ""}, follow=True
    )
    assert "Give a reason" in response.content.decode()
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_record_and_approve_through_the_pages(
    client_for, case_manager, partner_admin, participant, industry_achievement
):
    response = client_for(case_manager).post(
        f"/credentials/staff/participants/{participant.pk}/award/",
        submitted()
        | {
            "achievement": industry_achievement.pk,
            "certificate_number": "OSHA-1",
            "earned_on": "2026-01-05",
            "evidence": png_upload(),
        },
    )
    assert response.status_code == 302
    award = AwardRequest.objects.get()
    page = client_for(case_manager).get("/credentials/staff/").content.decode()
    assert "Another staff member must approve." in page
    client_for(partner_admin).post(
        f"/credentials/staff/requests/{award.pk}/decide/", {"decision": "approve"}
    )
    assert Credential.objects.get().achievement == industry_achievement


def test_bad_evidence_is_explained_and_nothing_saved(
    client_for, case_manager, participant, industry_achievement
):
    fake = SimpleUploadedFile("certificate.jpg", b"not an image at all")
    response = client_for(case_manager).post(
        f"/credentials/staff/participants/{participant.pk}/award/",
        submitted()
        | {
            "achievement": industry_achievement.pk,
            "certificate_number": "OSHA-1",
            "earned_on": "2026-01-05",
            "evidence": fake,
        },
    )
    assert response.status_code == 400
    assert "not a JPG" in response.content.decode()
    assert not AwardRequest.objects.exists()


def test_other_partner_admin_cannot_rotate_key(client_for, other_partner_admin, credential):
    response = client_for(other_partner_admin).post(
        f"/credentials/staff/issuers/{credential.issuer.slug}/rotate/"
    )
    assert response.status_code == 404


def test_staff_participant_panel_and_dashboard_panel(
    client_for, participant, case_manager, credential
):
    detail = client_for(case_manager).get(f"/staff/participants/{participant.pk}/")
    assert "Record an industry credential" in detail.content.decode()
    dashboard = client_for(participant.user).get("/me/")
    assert "My credentials" in dashboard.content.decode()


def test_evidence_is_served_only_to_staff_in_scope(
    client_for, case_manager, other_case_manager, participant, industry_achievement, client
):
    from credentials.services import award_request_create

    award = award_request_create(
        actor=case_manager,
        participant=participant,
        achievement=industry_achievement,
        certificate_number="OSHA-9",
        earned_on=timezone.localdate(),
        evidence=png_upload(),
    )
    url = f"/credentials/staff/requests/{award.pk}/evidence/"
    response = client_for(case_manager).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client_for(other_case_manager).get(url).status_code == 404
    assert client_for(participant.user).get(url).status_code == 403


def test_public_page_says_expired_after_validity(client, participant, time_machine):
    from credentials.services import credential_issue

    credential, _ = credential_issue(
        participant=participant, achievement=AchievementFactory(validity_days=30)
    )
    time_machine.move_to(credential.valid_until + timedelta(days=1))
    response = client.get(f"/credentials/c/{credential.public_id}")
    assert status_of(response) == "expired"


def test_public_page_answers_head_and_spanish(client, credential):
    assert client.head(f"/credentials/c/{credential.public_id}").status_code == 200
    response = client.get(f"/credentials/c/{credential.public_id}", HTTP_ACCEPT_LANGUAGE="es")
    assert "Verificada" in response.content.decode()


def test_staff_page_query_count_does_not_grow(
    client_for, partner_admin, participant, issue, django_assert_max_num_queries
):
    client = client_for(partner_admin)
    issue(participant)
    client.get("/credentials/staff/")
    for _ in range(4):
        issue(participant)
    with django_assert_max_num_queries(14):
        response = client.get("/credentials/staff/")
    assert response.content.decode().count("Revoke</button>") == 5


def test_double_posted_award_request_is_recorded_once(
    client_for, case_manager, participant, industry_achievement
):
    url = f"/credentials/staff/participants/{participant.pk}/award/"
    token = submitted()
    for _ in range(2):
        data = token | {
            "achievement": industry_achievement.pk,
            "certificate_number": "OSHA-10",
            "earned_on": timezone.localdate().isoformat(),
            "evidence": png_upload(),
        }
        assert client_for(case_manager).post(url, data).status_code == 302
    assert AwardRequest.objects.filter(participant=participant).count() == 1
