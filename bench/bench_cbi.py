"""Benchmark the CBI session runner: attendance saves per second and runner render time
for a 25-person roster with some history.

    .venv/bin/python bench/bench_cbi.py            # SQLite test database
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_cbi.py

Runs against a throw-away test database (created and dropped here); about a minute.
"""

import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

SAVES = 500
RENDERS = 60
ROSTER = 25


def build():
    from cbi_curriculum.selectors import session_roster
    from cbi_curriculum.services import attendance_mark, session_close, session_open
    from lms.people.roles import Role
    from tests.cbi_curriculum.factories import (
        GroupFactory,
        GroupMemberFactory,
        GroupSessionFactory,
        build_curriculum,
    )
    from tests.factories import OrganizationFactory, ParticipantFactory, UserFactory

    org = OrganizationFactory(name="Bench Partner", slug="bench")
    facilitator = UserFactory(username="bench.facilitator", role=Role.FACILITATOR, organization=org)
    curriculum = build_curriculum(lessons=12, steps=7)
    lessons = list(curriculum.lessons())
    group = GroupFactory(organization=org, curriculum=curriculum, facilitators=[facilitator])
    people = ParticipantFactory.create_batch(ROSTER, organization=org)
    for person in people:
        GroupMemberFactory(group=group, participant=person)
    # History: eleven closed sessions with everyone marked and credited.
    for number, lesson in enumerate(lessons[:11], start=1):
        session = session_open(
            actor=facilitator,
            session=GroupSessionFactory(group=group, lesson=lesson, sequence=number),
        )
        for entry in session_roster(session):
            attendance_mark(
                actor=facilitator,
                session=session,
                participant_id=entry.participant_id,
                status="present",
                mark_id=uuid.uuid4(),
            )
        session_close(
            actor=facilitator,
            session=session,
            length_minutes=90,
            steps_delivered=[],
            fidelity_checked=[],
        )
    today = session_open(
        actor=facilitator,
        session=GroupSessionFactory(group=group, lesson=lessons[11], sequence=12),
    )
    return facilitator, today, people


def main():
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        facilitator, session, people = build()
        client = Client()
        client.force_login(facilitator, backend="django.contrib.auth.backends.ModelBackend")
        url = f"/staff/cbi/sessions/{session.pk}/attendance/"
        statuses = ["present", "late", "left_early", "absent", "excused"]
        client.get(f"/staff/cbi/sessions/{session.pk}/")  # warm up templates and caches
        started = time.perf_counter()
        for index in range(SAVES):
            body = {
                "participant": people[index % ROSTER].pk,
                "status": statuses[index % len(statuses)],
                "mark_id": str(uuid.uuid4()),
                "arrived_at": "10:10",
            }
            response = client.post(url, json.dumps(body), content_type="application/json")
            assert response.status_code == 200, response.content
        saves_per_second = SAVES / (time.perf_counter() - started)
        # A repeated mark (a retry) must change nothing.
        retry = {"participant": people[0].pk, "status": "present", "mark_id": str(uuid.uuid4())}
        client.post(url, json.dumps(retry), content_type="application/json")
        again = client.post(url, json.dumps(retry), content_type="application/json")
        assert again.json()["changed"] is False
        timings = []
        for _ in range(RENDERS):
            started = time.perf_counter()
            response = client.get(f"/staff/cbi/sessions/{session.pk}/")
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        timings.sort()
        print(f"database: {connection.vendor}")
        print(f"attendance saves: {SAVES} in a {ROSTER}-person roster, {saves_per_second:.0f}/s")
        print(
            f"runner page ({ROSTER} on roster, 11 closed sessions of history): "
            f"median {statistics.median(timings):.1f} ms, "
            f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
