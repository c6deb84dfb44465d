"""A double click or a retried request applies a staff form once (issue 11, item 6)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.audit.models import Submission
from lms.hours.models import HoursEntry, HoursStatus
from lms.hours.services import hours_correct
from lms.stipends.models import JobPlacement
from lms.submissions import AlreadySubmitted, claim_submission, new_token
from tests.factories import HoursEntryFactory
from tests.submissions import submitted
from tests.totp import force_login_with_mfa


def approved_row(participant, case_manager, minutes=45):
    return HoursEntryFactory(
        participant=participant,
        minutes=minutes,
        status=HoursStatus.APPROVED,
        decided_by=case_manager,
        decided_at=timezone.now(),
    )


def corrections_of(entry):
    return HoursEntry.objects.filter(corrects=entry)


@pytest.mark.django_db
def test_same_token_corrects_once(participant, case_manager):
    entry = approved_row(participant, case_manager)
    token = new_token()
    hours_correct(actor=case_manager, entry=entry, minutes=-15, note="Left early", submission=token)
    with pytest.raises(AlreadySubmitted):
        hours_correct(
            actor=case_manager, entry=entry, minutes=-15, note="Left early", submission=token
        )
    assert list(corrections_of(entry).values_list("minutes", flat=True)) == [-15]
    assert Submission.objects.get(token=token).user == case_manager


@pytest.mark.django_db
def test_different_tokens_correct_twice(participant, case_manager):
    entry = approved_row(participant, case_manager)
    for _ in range(2):
        hours_correct(
            actor=case_manager, entry=entry, minutes=-15, note="Late", submission=new_token()
        )
    assert corrections_of(entry).count() == 2


@pytest.mark.django_db
def test_a_refused_correction_leaves_its_token_unused(participant, case_manager):
    entry = approved_row(participant, case_manager)
    token = new_token()
    with pytest.raises(ValidationError):
        hours_correct(
            actor=case_manager, entry=entry, minutes=-60, note="Too much", submission=token
        )
    assert not Submission.objects.filter(token=token).exists()
    hours_correct(actor=case_manager, entry=entry, minutes=-30, note="Fixed", submission=token)
    assert corrections_of(entry).count() == 1


@pytest.mark.django_db
def test_malformed_token_is_refused(case_manager):
    with pytest.raises(ValueError):
        claim_submission("not-a-token", case_manager, "test")


@pytest.mark.django_db
def test_double_posted_correction_form_applies_once(client_for, case_manager, participant):
    entry = approved_row(participant, case_manager)
    client = client_for(case_manager)
    url = reverse("staff:hours_correct", args=[entry.pk])
    data = submitted({"minutes": "-15", "note": "Left early"})
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert second.redirect_chain[0][0] == first.url
    assert "This was already saved." in second.text
    assert corrections_of(entry).count() == 1


@pytest.mark.django_db
def test_correction_form_without_token_is_a_clear_400(client_for, case_manager, participant):
    entry = approved_row(participant, case_manager)
    url = reverse("staff:hours_correct", args=[entry.pk])
    for token in (None, "1234"):
        data = {"minutes": "-15", "note": "Left early"}
        if token:
            data["submission"] = token
        response = client_for(case_manager).post(url, data)
        assert response.status_code == 400
        assert "Reload the page and try again." in response.text
        assert 'name="submission" value="' in response.text  # a fresh token to try again
    assert corrections_of(entry).count() == 0


@pytest.mark.django_db
def test_double_posted_job_placement_applies_once(client_for, case_manager, participant):
    client = client_for(case_manager)
    url = reverse("stipends:employment", args=[participant.pk])
    data = submitted(prefix="job") | {
        "form": "job",
        "job-employer": "Solar Co",
        "job-job_title": "Installer",
        "job-sector": "green",
        "job-start_date": "2026-11-02",
        "job-hourly_wage": "24.50",
        "job-schedule": "full_time",
    }
    assert client.post(url, data).status_code == 302
    assert "This was already saved." in client.post(url, data, follow=True).text
    assert JobPlacement.objects.filter(participant=participant).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_identical_corrections_apply_once(case_manager, participant):
    """The issue's case: ten '-15 min' posts of one 45-minute row at once make one correction."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    entry = approved_row(participant, case_manager)
    url = reverse("staff:hours_correct", args=[entry.pk])
    data = submitted({"minutes": "-15", "note": "Left early"})
    clients = [force_login_with_mfa(Client(), case_manager) for _ in range(10)]
    barrier = threading.Barrier(len(clients))
    outcomes = []

    def post(client):
        try:
            barrier.wait()
            outcomes.append(client.post(url, data).status_code)
        except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes == [302] * 10
    assert list(corrections_of(entry).values_list("minutes", flat=True)) == [-15]
    assert Submission.objects.filter(token=data["submission"]).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_service_calls_with_one_token_apply_once(case_manager, participant):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    entry = approved_row(participant, case_manager)
    token = new_token()
    barrier = threading.Barrier(10)
    outcomes = []

    def correct():
        try:
            barrier.wait()
            hours_correct(
                actor=case_manager, entry=entry, minutes=-15, note="Late", submission=token
            )
            outcomes.append("applied")
        except AlreadySubmitted:
            outcomes.append("repeat")
        except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=correct) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes, key=str) == ["applied"] + ["repeat"] * 9
    assert corrections_of(entry).count() == 1


def test_old_submission_tokens_are_forgotten(case_manager, time_machine):
    from datetime import timedelta

    from django.core.management import call_command

    from lms.submissions import new_token

    old = Submission.objects.create(token=new_token(), user=case_manager, action="test")
    time_machine.move_to(timezone.now() + timedelta(days=31))
    recent = Submission.objects.create(token=new_token(), user=case_manager, action="test")
    call_command("purge_submissions")
    assert list(Submission.objects.all()) == [recent]
    assert not Submission.objects.filter(pk=old.pk).exists()
