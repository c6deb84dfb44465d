"""Benchmark: xAPI statements per second through the statement endpoint.

Builds a throwaway test database (SQLite by default, or the test copy of $DATABASE_URL),
one participant enrolled in a course whose module has an H5P activity, then posts
``--count`` distinct statements (and a tenth as many retries) through Django's test client:
the full stack of middleware, CSRF-exempt client, JSON parsing, validation, idempotent
storage and progress update.

    .venv/bin/python bench/bench_courses.py [--count 1000]
"""

import argparse
import json
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")


def build_fixture():
    from courses.h5p.services import h5p_package_import
    from courses.services import enrollment_create
    from tests.courses.factories import (
        course_page,
        h5p_block,
        make_zip,
        minimal_package_files,
        module_page,
    )
    from tests.factories import OrganizationFactory, ParticipantFactory

    organization = OrganizationFactory(name="Bench Partner", slug="bench")
    participant = ParticipantFactory(organization=organization)
    package, _created = h5p_package_import(make_zip(minimal_package_files()))
    course = course_page()
    module = module_page(course, slug="bench", blocks=[h5p_block(package, "quiz")])
    enrollment_create(participant=participant, course=course)
    return participant, module


def statement_body(module, raw):
    return json.dumps(
        {
            "module": module.pk,
            "activity": "quiz",
            "statement": {
                "id": str(uuid.uuid4()),
                "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
                "object": {"id": "http://example.org/activity"},
                "result": {"score": {"raw": raw, "max": 10, "min": 0}, "completion": True},
            },
        }
    )


def run(count: int) -> dict:
    from django.test import Client
    from django.urls import reverse

    from courses.models import Statement

    participant, module = build_fixture()
    client = Client()
    client.force_login(participant.user)
    url = reverse("courses:statements")
    bodies = [statement_body(module, i % 11) for i in range(count)]
    started = time.perf_counter()
    for body in bodies:
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 201, response.content
    elapsed = time.perf_counter() - started
    retries = bodies[: max(1, count // 10)]
    retry_started = time.perf_counter()
    for body in retries:
        assert client.post(url, body, content_type="application/json").status_code == 200
    retry_elapsed = time.perf_counter() - retry_started
    assert Statement.objects.count() == count
    return {
        "statements": count,
        "seconds": round(elapsed, 2),
        "statements_per_second": round(count / elapsed, 1),
        "retries_per_second": round(len(retries) / retry_elapsed, 1),
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        result = run(args.count)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    result["database"] = connection.vendor
    print(
        f"courses statement endpoint ({result['database']}): {result['statements']} statements "
        f"in {result['seconds']} s = {result['statements_per_second']} statements/s; "
        f"retries (no-op) {result['retries_per_second']}/s"
    )
    return result


if __name__ == "__main__":
    main()
