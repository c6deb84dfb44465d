"""Issuing, awarding, approving, revoking, rotating keys: the rules in credentials.services."""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from credentials import documents
from credentials.models import AwardRequest, Credential, IssuerKey
from credentials.services import (
    award_from_completion,
    award_request_approve,
    award_request_create,
    credential_issue,
    credential_revoke,
    credential_set_private,
    issuer_key_rotate,
    wallet_set_display_name,
)
from credentials.verification import REVOKED, VERIFIED, verify_credential
from lms import events
from lms.append_only import AppendOnlyError
from lms.people.roles import Role
from tests.credentials.conftest import png_upload
from tests.credentials.factories import AchievementFactory
from tests.factories import UserFactory


def test_issued_credential_is_an_ob3_achievement_credential(participant, credential):
    document = json.loads(credential.signed_json)
    assert document["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert "AchievementCredential" in document["type"]
    assert document["id"] == documents.credential_url(credential.public_id)
    assert document["id"].startswith("https://learn.example.org/credentials/c/")
    assert document["issuer"]["id"] == documents.issuer_url(credential.issuer)
    assert document["validFrom"].endswith("Z")
    identifiers = document["credentialSubject"]["identifier"]
    hashed = next(i for i in identifiers if i["hashed"])
    assert hashed["identityType"] == "emailAddress"
    assert hashed["identityHash"] == documents.identity_hash(
        participant.user.email.lower(), hashed["salt"]
    )
    assert participant.user.email not in credential.signed_json
    assert {
        "identityType": "name",
        "identityHash": "Alex",
        "hashed": False,
        "type": "IdentityObject",
    } in identifiers
    assert participant.legal_name not in credential.signed_json
    assert document["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert verify_credential(document).status == VERIFIED


def test_same_achievement_twice_gives_one_credential(participant, achievement):
    first, created = credential_issue(participant=participant, achievement=achievement)
    second, created_again = credential_issue(participant=participant, achievement=achievement)
    assert created and not created_again
    assert first.pk == second.pk
    assert Credential.objects.count() == 1


def test_renewable_achievement_issues_a_new_edition(participant):
    renewable = AchievementFactory(allows_renewal=True, validity_days=365)
    first, _ = credential_issue(participant=participant, achievement=renewable)
    second, created = credential_issue(participant=participant, achievement=renewable)
    assert created and (first.edition, second.edition) == (1, 2)
    assert second.valid_until is not None


def test_database_refuses_a_duplicate_edition(participant, credential):
    with pytest.raises(IntegrityError), transaction.atomic():
        Credential.objects.create(
            participant=participant,
            achievement=credential.achievement,
            issuer=credential.issuer,
            key=credential.key,
            signed_json="{}",
            display_name="x",
            status_list=credential.status_list,
            status_index=credential.status_index + 1 if credential.status_index < 100 else 0,
            issued_at=credential.issued_at,
        )


def test_signed_credential_cannot_be_edited_or_deleted(credential):
    credential.signed_json = credential.signed_json.replace("Forklift", "Crane")
    with pytest.raises(DatabaseError), transaction.atomic():
        credential.save()
    with pytest.raises(AppendOnlyError):
        Credential.objects.filter(pk=credential.pk).update(signed_json="{}")
    with pytest.raises(AppendOnlyError):
        Credential.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        credential.delete()


def test_completion_event_awards_matching_achievement_once(
    participant, django_capture_on_commit_callbacks, event_log
):
    from wagtail.models import Page

    page = Page.objects.get(depth=1)
    achievement = AchievementFactory(earned_by_page=page)
    AchievementFactory()  # not earned by this page
    received = event_log(events.credential_issued)
    with django_capture_on_commit_callbacks(execute=True):
        events.course_completed.send(
            sender=Page, participant=participant, course=page, on=date.today()
        )
    with django_capture_on_commit_callbacks(execute=True):
        events.curriculum_completed.send(
            sender=Page, participant=participant, curriculum=page, on=date.today()
        )
    assert list(Credential.objects.values_list("achievement", flat=True)) == [achievement.pk]
    assert len(received) == 1
    assert received[0][1]["participant"] == participant
    assert received[0][1]["industry"] is False


def test_completion_of_renewable_achievement_is_idempotent(participant):
    from wagtail.models import Page

    page = Page.objects.get(depth=1)
    AchievementFactory(earned_by_page=page, allows_renewal=True)
    award_from_completion(participant=participant, page=page)
    award_from_completion(participant=participant, page=page)
    assert Credential.objects.count() == 1


def _request(actor, participant, achievement):
    return award_request_create(
        actor=actor,
        participant=participant,
        achievement=achievement,
        certificate_number="OSHA-123",
        earned_on=date.today(),
        evidence=png_upload(),
    )


def test_industry_credential_needs_a_second_person(
    participant, case_manager, partner_admin, industry_achievement
):
    award = _request(case_manager, participant, industry_achievement)
    assert not Credential.objects.exists()
    with pytest.raises(ValidationError, match="second staff member"):
        award_request_approve(actor=case_manager, request_pk=award.pk)
    credential = award_request_approve(actor=partner_admin, request_pk=award.pk)
    award.refresh_from_db()
    assert award.status == AwardRequest.Status.APPROVED and award.credential == credential
    assert award.decided_by == partner_admin
    with pytest.raises(ValidationError, match="already been decided"):
        award_request_approve(actor=partner_admin, request_pk=award.pk)


def test_database_refuses_approval_by_the_checker(participant, case_manager, industry_achievement):
    award = _request(case_manager, participant, industry_achievement)
    award.status = AwardRequest.Status.REJECTED
    award.decided_by = case_manager
    with pytest.raises(IntegrityError), transaction.atomic():
        award.save()


def test_other_partners_staff_cannot_record_or_approve(
    participant, case_manager, other_case_manager, other_partner_admin, industry_achievement
):
    with pytest.raises(PermissionDenied):
        _request(other_case_manager, participant, industry_achievement)
    award = _request(case_manager, participant, industry_achievement)
    with pytest.raises(PermissionDenied):
        award_request_approve(actor=other_partner_admin, request_pk=award.pk)


def test_evidence_must_be_what_it_claims(participant, case_manager, industry_achievement):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("certificate.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError, match="not a PDF"):
        award_request_create(
            actor=case_manager,
            participant=participant,
            achievement=industry_achievement,
            certificate_number="1",
            earned_on=date.today(),
            evidence=fake,
        )
    script = SimpleUploadedFile("certificate.svg", b"<svg onload=alert(1)>")
    with pytest.raises(ValidationError, match="PDF, PNG or JPEG"):
        award_request_create(
            actor=case_manager,
            participant=participant,
            achievement=industry_achievement,
            certificate_number="1",
            earned_on=date.today(),
            evidence=script,
        )
    assert not AwardRequest.objects.exists()


def test_revocation_flips_the_status_bit(credential, partner_admin):
    status_before = json.loads(credential.status_list.signed_json)
    assert not documents.bit_is_set(
        status_before["credentialSubject"]["encodedList"], credential.status_index
    )
    credential_revoke(actor=partner_admin, credential=credential, reason="Issued in error")
    credential.refresh_from_db()
    credential.status_list.refresh_from_db()
    status_after = json.loads(credential.status_list.signed_json)
    assert documents.bit_is_set(
        status_after["credentialSubject"]["encodedList"], credential.status_index
    )
    assert verify_credential(json.loads(credential.signed_json)).status == REVOKED
    assert "Issued in error" not in credential.status_list.signed_json
    with pytest.raises(ValidationError, match="already revoked"):
        credential_revoke(actor=partner_admin, credential=credential, reason="again")


def test_revocation_cannot_be_undone_in_the_database(credential, partner_admin):
    credential = credential_revoke(actor=partner_admin, credential=credential, reason="error")
    credential.revoked_at = None
    credential.revocation_reason = ""
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE credentials_credential SET revoked_at = NULL WHERE id = %s",
            [credential.pk],
        )


@pytest.mark.parametrize(
    "who", ["other_partner_admin", "case_manager", "facilitator", "participant"]
)
def test_only_admins_of_the_issuer_revoke(request, credential, who):
    actor = request.getfixturevalue(who)
    actor = actor.user if hasattr(actor, "user") else actor
    with pytest.raises(PermissionDenied):
        credential_revoke(actor=actor, credential=credential, reason="no")


def test_program_admin_may_revoke_any_issuers_credential(credential, program_admin):
    credential_revoke(actor=program_admin, credential=credential, reason="fraud")


def test_key_rotation_keeps_old_credentials_verifying(
    participant, credential, partner_admin, client
):
    old_key = credential.key
    new_key = issuer_key_rotate(actor=partner_admin, issuer=credential.issuer)
    old_key.refresh_from_db()
    assert not old_key.is_active and new_key.is_active
    newer, _ = credential_issue(participant=participant, achievement=AchievementFactory())
    assert newer.key == new_key
    assert verify_credential(json.loads(credential.signed_json)).status == VERIFIED
    assert verify_credential(json.loads(newer.signed_json)).status == VERIFIED
    controller = client.get(f"/credentials/issuers/{credential.issuer.slug}").json()
    assert controller["assertionMethod"] == [documents.key_url(old_key), documents.key_url(new_key)]
    assert IssuerKey.objects.filter(issuer=credential.issuer, is_active=True).count() == 1


def test_other_partners_admin_cannot_rotate_keys(credential, other_partner_admin):
    with pytest.raises(PermissionDenied):
        issuer_key_rotate(actor=other_partner_admin, issuer=credential.issuer)


def test_making_private_leaves_the_status_list_alone(participant, credential):
    before = credential.status_list.signed_json
    credential_set_private(participant=participant, credential=credential, private=True)
    credential.refresh_from_db()
    credential.status_list.refresh_from_db()
    assert credential.is_private and credential.status_list.signed_json == before


def test_participant_cannot_hide_someone_elses_credential(other_participant, credential):
    with pytest.raises(PermissionDenied):
        credential_set_private(participant=other_participant, credential=credential, private=True)


def test_chosen_display_name_goes_into_new_credentials(participant, issue):
    wallet_set_display_name(participant=participant, display_name="  A.  Rivera ")
    credential = issue(participant)
    assert verify_credential(json.loads(credential.signed_json)).display_name == "A. Rivera"
    with pytest.raises(ValidationError):
        wallet_set_display_name(participant=participant, display_name="   ")


def test_expiry_follows_valid_until(participant):
    expiring = AchievementFactory(validity_days=30)
    credential, _ = credential_issue(participant=participant, achievement=expiring)
    document = json.loads(credential.signed_json)
    assert "validUntil" in document
    later = credential.valid_until + timedelta(seconds=1)
    assert verify_credential(document, now=later).status == "expired"
    assert verify_credential(document).status == VERIFIED


def test_issue_credential_command_prints_the_public_url(participant, achievement, capsys):
    call_command(
        "issue_credential", participant=participant.user.username, achievement=achievement.slug
    )
    url = capsys.readouterr().out.strip()
    credential = Credential.objects.get()
    assert url == f"https://learn.example.org/credentials/c/{credential.public_id}"


def test_issue_credential_command_explains_unknown_names(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No participant"):
        call_command("issue_credential", participant="nobody", achievement="x")


def test_participant_role_cannot_award(participant, industry_achievement):
    other = UserFactory(role=Role.FACILITATOR, organization=participant.organization)
    with pytest.raises(PermissionDenied):
        _request(other, participant, industry_achievement)
