"""The ledger is append-only; corrections are new rows; a source credits once."""

import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from lms.append_only import AppendOnlyError
from lms.audit.models import AuditEvent
from lms.hours.models import HoursEntry, HoursKind, HoursStatus
from lms.hours.selectors import hours_by_week, minutes_totals
from lms.hours.services import hours_correct, hours_credit, hours_decide

pytestmark = pytest.mark.django_db


def credit(participant, source="test:1", minutes=60, **kwargs):
    return hours_credit(
        participant=participant,
        kind=HoursKind.COACHING,
        minutes=minutes,
        date=date(2026, 11, 2),
        source=source,
        **kwargs,
    )


def test_same_source_credits_once(participant):
    first, created = credit(participant)
    again, created_again = credit(participant, minutes=90)
    assert created and not created_again
    assert again.pk == first.pk
    assert HoursEntry.objects.count() == 1


def test_rows_cannot_be_edited_or_deleted_through_the_orm(participant):
    entry, _ = credit(participant)
    entry.minutes = 500
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        HoursEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        HoursEntry.objects.filter(pk=entry.pk).update(minutes=5)


def test_database_refuses_edits_that_bypass_the_orm(participant):
    entry, _ = credit(participant)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE hours_hoursentry SET minutes = 999 WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.minutes == 60


def test_database_refuses_a_second_decision(participant, case_manager):
    entry, _ = credit(participant)
    hours_decide(actor=case_manager, entry=entry, approve=True)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE hours_hoursentry SET status = 'rejected' WHERE id = %s", [entry.pk])


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgres_refuses_raw_deletes(participant):
    entry, _ = credit(participant)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM hours_hoursentry WHERE id = %s", [entry.pk])


def test_decision_is_recorded_once_and_audited(participant, case_manager):
    entry, _ = credit(participant)
    decided = hours_decide(actor=case_manager, entry=entry, approve=True)
    assert decided.status == HoursStatus.APPROVED
    assert decided.decided_by == case_manager and decided.decided_at
    with pytest.raises(ValidationError):
        hours_decide(actor=case_manager, entry=entry, approve=False)
    assert AuditEvent.objects.filter(action="hours.approved", object_id=str(entry.pk)).exists()


def test_staff_of_another_partner_cannot_decide(participant, other_case_manager):
    entry, _ = credit(participant)
    with pytest.raises(PermissionDenied):
        hours_decide(actor=other_case_manager, entry=entry, approve=True)


def test_facilitator_cannot_decide(participant, facilitator):
    entry, _ = credit(participant)
    with pytest.raises(PermissionDenied):
        hours_decide(actor=facilitator, entry=entry, approve=True)


def test_correction_row_changes_totals(participant, case_manager):
    entry, _ = credit(participant, approved_by=case_manager)
    correction = hours_correct(actor=case_manager, entry=entry, minutes=-15, note="Left early")
    assert correction.corrects == entry and correction.minutes == -15
    assert minutes_totals(participant.hours_entries.all())["approved"] == 45
    entry.refresh_from_db()
    assert entry.minutes == 60


def test_correction_cannot_go_below_zero(participant, case_manager):
    entry, _ = credit(participant, approved_by=case_manager)
    with pytest.raises(ValidationError):
        hours_correct(actor=case_manager, entry=entry, minutes=-61, note="Too much")


def test_correction_needs_a_reason(participant, case_manager):
    entry, _ = credit(participant, approved_by=case_manager)
    with pytest.raises(ValidationError):
        hours_correct(actor=case_manager, entry=entry, minutes=-5, note=" ")


def test_negative_rows_only_as_corrections(participant):
    with pytest.raises(ValidationError):
        credit(participant, minutes=-30)
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursEntry.objects.create(
            participant=participant, kind="coaching", minutes=-5, date=date.today(), source="x"
        )


def test_hours_by_week_groups_by_monday(participant, case_manager):
    credit(participant, source="a", approved_by=case_manager)  # Monday 2 Nov
    hours_credit(
        participant=participant, kind="module", minutes=30, date=date(2026, 11, 8), source="b"
    )
    weeks = hours_by_week(participant, weeks=2, today=date(2026, 11, 10))
    assert weeks[1]["start"] == date(2026, 11, 2)
    assert weeks[1]["approved_minutes"] == 60
    assert weeks[1]["pending_minutes"] == 30
    assert weeks[0]["approved_minutes"] == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_two_racing_requests_credit_one_row(participant):
    barrier = threading.Barrier(4)
    results = []

    def worker():
        barrier.wait()
        try:
            results.append(credit(participant, source="race:1")[1])
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert HoursEntry.objects.filter(source="race:1").count() == 1
    assert results.count(True) == 1
