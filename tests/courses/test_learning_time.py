"""Heartbeats become active minutes (tabs merge, idle gaps are not counted) and pending hours."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from courses.models import ActiveMinute
from courses.services import heartbeat_record, time_blocks
from lms.hours.models import HoursEntry, HoursKind, HoursStatus

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 17, 0, 5, tzinfo=UTC)


def beats(participant, module, seconds):
    for offset in seconds:
        heartbeat_record(
            participant=participant, module=module, now=START + timedelta(seconds=offset)
        )


def test_two_tabs_in_the_same_minutes_count_once(participant, enrolled, module):
    beats(participant, module, [0, 30, 60, 90])  # tab one
    beats(participant, module, [10, 40, 70, 100])  # tab two, same minutes
    assert ActiveMinute.objects.count() == 2


def test_idle_gap_is_not_counted(participant, enrolled, module):
    beats(participant, module, [0, 30])
    beats(participant, module, [30 * 60, 30 * 60 + 30])  # back after half an hour
    assert ActiveMinute.objects.count() == 2


def test_full_blocks_are_credited_pending_with_stable_sources(
    settings, participant, enrolled, module
):
    settings.COURSES_TIME_BLOCK_MINUTES = 5
    beats(participant, module, range(0, 11 * 60, 30))  # 11 active minutes
    entries = HoursEntry.objects.filter(participant=participant).order_by("source")
    assert [e.minutes for e in entries] == [5, 5]
    assert {e.kind for e in entries} == {HoursKind.MODULE}
    assert {e.status for e in entries} == {HoursStatus.PENDING}
    assert [e.source for e in entries] == [
        f"module-time:{participant.pk}:{module.pk}:1",
        f"module-time:{participant.pk}:{module.pk}:2",
    ]
    beats(participant, module, [0, 30, 60])  # repeats change nothing
    assert HoursEntry.objects.filter(participant=participant).count() == 2


def test_credit_is_capped_at_a_multiple_of_expected_time(settings, participant, enrolled, course):
    from .factories import module_page

    settings.COURSES_TIME_BLOCK_MINUTES = 5
    settings.COURSES_TIME_CAP_MULTIPLE = 1.5
    short = module_page(course, slug="short", minutes=8)  # cap: 12 minutes
    beats(participant, short, range(0, 40 * 60, 30))
    minutes = sorted(HoursEntry.objects.values_list("minutes", flat=True))
    assert sum(minutes) == 12
    assert minutes == [2, 5, 5]


def test_time_blocks_math(settings):
    settings.COURSES_TIME_BLOCK_MINUTES = 5
    settings.COURSES_TIME_CAP_MULTIPLE = 1
    assert time_blocks(12) == [(1, 5, 5), (2, 10, 5), (3, 12, 2)]
    assert time_blocks(10) == [(1, 5, 5), (2, 10, 5)]


def test_heartbeat_endpoint_needs_enrollment(client_for, participant, module):
    client = client_for(participant.user)
    url = reverse("courses:heartbeat")
    response = client.post(url, json.dumps({"module": module.pk}), content_type="application/json")
    assert response.status_code == 403
    assert not ActiveMinute.objects.exists()


def test_heartbeat_endpoint_records_a_minute(client_for, participant, enrolled, module):
    client = client_for(participant.user)
    url = reverse("courses:heartbeat")
    response = client.post(url, json.dumps({"module": module.pk}), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["active_minutes"] == 1
