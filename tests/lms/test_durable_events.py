"""What follows an event is durable: one task per subscriber, retries, and a reconcile command."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from courses.models import Enrollment
from courses.services import enrollment_create
from credentials.models import Credential
from lms import events
from lms.stipends.models import MilestoneKind, MilestoneReached
from tests.courses.factories import course_page
from tests.credentials.factories import AchievementFactory

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.fixture
def course(db):
    page = course_page()
    AchievementFactory(earned_by_page=page)
    return page


def complete(participant, course, capture):
    """Record the fact (a completed enrollment) and announce it, as the course service does."""
    with capture(execute=True), transaction.atomic():
        enrollment, _created = enrollment_create(participant=participant, course=course)
        Enrollment.objects.filter(pk=enrollment.pk).update(completed_on=date.today())
        events.course_completed.publish(participant=participant, course=course, on=date.today())


def milestones(participant):
    return MilestoneReached.objects.filter(
        participant=participant, milestone=MilestoneKind.COURSE_COMPLETED
    )


@pytest.fixture
def run_worker(monkeypatch):
    """``manage.py db_worker --batch`` in this test's transaction (it would close the test's
    connection between tasks, which ends the transaction on PostgreSQL)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def boom(sender, **payload):
    raise RuntimeError("a subscriber that always fails")


def test_a_failing_subscriber_does_not_stop_the_others(
    participant, course, django_capture_on_commit_callbacks
):
    events.course_completed.subscribe(boom, uid="test.boom")
    try:
        complete(participant, course, django_capture_on_commit_callbacks)
    finally:
        events.course_completed.unsubscribe("test.boom")
    assert Credential.objects.filter(participant=participant).count() == 1
    assert milestones(participant).count() == 1


def test_reconcile_completes_what_a_failure_left_missing_exactly_once(
    participant, course, django_capture_on_commit_callbacks, monkeypatch, capsys
):
    from lms.stipends import receivers

    with monkeypatch.context() as patched:
        patched.setattr(receivers, "milestone_reach", lambda **kwargs: boom(None))
        complete(participant, course, django_capture_on_commit_callbacks)
    assert Credential.objects.filter(participant=participant).count() == 1
    assert not milestones(participant).exists()

    call_command("reconcile", "--dry-run")
    assert "Would add 1 milestones and 0 credentials." in capsys.readouterr().out
    assert not milestones(participant).exists()

    call_command("reconcile")
    assert "Added 1 milestones and 0 credentials." in capsys.readouterr().out
    assert milestones(participant).count() == 1
    call_command("reconcile")
    assert "Added 0 milestones and 0 credentials." in capsys.readouterr().out
    assert Credential.objects.filter(participant=participant).count() == 1


def test_a_payload_survives_the_trip_through_a_task(participant, course):
    data = events.dump({"participant": participant, "course": course, "on": date(2026, 2, 3)})
    assert data["course"] == {"model": "courses.CoursePage", "pk": course.pk}
    loaded = events.load(data)
    assert loaded == {"participant": participant, "course": course, "on": date(2026, 2, 3)}
    assert type(loaded["course"]).__name__ == "CoursePage"


@override_settings(TASKS=DATABASE_TASKS)
def test_with_the_database_queue_tasks_exist_exactly_when_the_fact_does(
    participant, course, run_worker
):
    with transaction.atomic():
        events.course_completed.publish(participant=participant, course=course, on=date.today())
        transaction.set_rollback(True)  # the fact did not happen
    assert not DBTaskResult.objects.exists()
    with transaction.atomic():
        events.course_completed.publish(participant=participant, course=course, on=date.today())
    subscribers = set(events.course_completed.subscribers)
    assert DBTaskResult.objects.count() == len(subscribers) >= 2
    run_worker()
    assert Credential.objects.filter(participant=participant).count() == 1
    assert milestones(participant).count() == 1


@override_settings(TASKS=DATABASE_TASKS, EVENT_DELIVERY_ATTEMPTS=2)
def test_a_failed_delivery_is_tried_again_later_then_left_to_reconcile(
    participant, course, run_worker
):
    events.course_completed.subscribe(boom, uid="test.boom")
    try:
        with transaction.atomic():
            events.course_completed.publish(participant=participant, course=course, on=date.today())
        run_worker()
        retry = DBTaskResult.objects.filter(args_kwargs__args__1="test.boom", status="READY")
        assert retry.count() == 1
        assert retry.get().run_after > DBTaskResult.objects.earliest("enqueued_at").enqueued_at
        retry.update(run_after=timezone.now())
        run_worker()
        failed = DBTaskResult.objects.filter(args_kwargs__args__1="test.boom", status="FAILED")
        assert failed.count() == 2  # the first try and its one retry; no third
    finally:
        events.course_completed.unsubscribe("test.boom")
    assert milestones(participant).count() == 1  # the others were delivered meanwhile
