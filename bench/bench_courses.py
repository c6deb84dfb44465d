"""xAPI ingestion benchmark: statements per second from concurrent signed-in participants.

Usage: .venv/bin/python bench/bench_courses.py [--seconds 10] [--participants 20] [--batch 10]

Production settings on PostgreSQL (BENCH_DATABASE_URL, default the local `bench_courses`
database, created and dropped) and Redis (BENCH_REDIS_URL), served by gunicorn with the
project's config beside `bench/bare_app.py`. Each of ``--participants`` signed-in
participants (own session, own connection) posts new statements to the statement endpoint
for the given time: first one per request (as the player did), then in batches of
``--batch`` (as it does now); then 10% of the batches again (retries, stored once). The
bare app's requests/s from the same run is printed beside each figure, with the ratio.
Goal (issue: speed near the ceiling): at least 300 statements/s.
"""

import argparse
import http.client
import json
import os
import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path

import http_pair

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_courses"
CSRF = "benchcsrfsecret0123456789abcdefg"  # 32 characters: a CSRF secret, cookie and header

SETUP = """
import django
django.setup()
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from courses.h5p.services import h5p_package_import
from courses.services import enrollment_create
from tests.courses.factories import course_page, h5p_block, make_zip, minimal_package_files
from tests.courses.factories import module_page
from tests.factories import OrganizationFactory, ParticipantFactory
organization = OrganizationFactory(name="Bench Partner", slug="bench")
package, _created = h5p_package_import(make_zip(minimal_package_files()))
course = course_page()
module = module_page(course, slug="bench", blocks=[h5p_block(package, "quiz")])
engine = import_module(settings.SESSION_ENGINE)
for i in range({participants}):
    person = ParticipantFactory(organization=organization)
    enrollment_create(participant=person, course=course)
    session = engine.SessionStore()
    session[SESSION_KEY] = str(person.user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = person.user.get_session_auth_hash()
    session.create()
    print("SESSION", session.session_key)
print("MODULE", module.pk)
"""


def statement(raw: int) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": "http://example.org/activity"},
        "result": {"score": {"raw": raw, "max": 10, "min": 0}, "completion": True},
    }


def body(module: int, batch: int) -> tuple[bytes, list]:
    if batch == 1:
        item = statement(3)
        return json.dumps({"module": module, "activity": "quiz", "statement": item}).encode(), [
            item
        ]
    items = [{"activity": "quiz", "statement": statement(i % 10)} for i in range(batch)]
    return json.dumps({"module": module, "statements": items}).encode(), items


def post_load(port, module, sessions, seconds, batch, replay=None):
    """Every participant posts for ``seconds``; returns (statements/s, p99 ms, errors, sent)."""
    stop = time.monotonic() + seconds
    latencies, errors, sent = [], [0], []
    lock = threading.Lock()

    def participant(session_key):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {
            "Content-Type": "application/json",
            "X-CSRFToken": CSRF,
            "Cookie": f"sessionid={session_key}; csrftoken={CSRF}",
        }
        bodies = list(replay or [])
        while time.monotonic() < stop and (replay is None or bodies):
            payload, items = bodies.pop() if replay else body(module, batch)
            began = time.perf_counter()
            conn.request("POST", "/courses/api/statements/", payload, headers)
            response = conn.getresponse()
            response.read()
            with lock:
                latencies.append(time.perf_counter() - began)
                if response.status >= 300:
                    errors[0] += 1
                else:
                    sent.append((payload, items))
        conn.close()

    threads = [threading.Thread(target=participant, args=(key,)) for key in sessions]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("inf")
    statements = sum(len(items) for _payload, items in sent)
    return statements / elapsed, p99, errors[0], sent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--participants", type=int, default=20)
    parser.add_argument("--batch", type=int, default=10)
    args = parser.parse_args(argv)
    database = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    workdir = Path(tempfile.mkdtemp(prefix="bench-courses-"))
    env = http_pair.production_environment(database, redis, workdir)
    http_pair.postgres_database(database, "create")
    try:
        http_pair.manage(env, "migrate", "--noinput", "-v0")
        http_pair.manage(env, "collectstatic", "--noinput", "-v0")
        out = http_pair.run_script(env, SETUP.format(participants=args.participants), "Set-up")
        lines = out.split("\n")
        sessions = [line.split()[1] for line in lines if line.startswith("SESSION")]
        module = int(next(line.split()[1] for line in lines if line.startswith("MODULE")))
        with (
            http_pair.served("lms.wsgi", env, "/healthz") as product,
            http_pair.served(
                "bench.bare_app:application", http_pair.bare_environment(env), "/bare"
            ) as bare,
        ):
            print(f"{len(sessions)} participants, {args.seconds:.0f} s each", flush=True)
            post_load(product, module, sessions[:2], 2, args.batch)  # warm up
            for label, size in (("one per request", 1), (f"batches of {args.batch}", args.batch)):
                rate, p99, errors, sent = post_load(product, module, sessions, args.seconds, size)
                yardstick = http_pair.load(bare, "/bare", args.seconds, len(sessions))
                print(
                    f"{label}: {rate:,.0f} statements/s, p99 {p99:.1f} ms per request, errors "
                    f"{errors} | bare app {yardstick.rate:,.0f} req/s | statements per bare "
                    f"request {rate / yardstick.rate:.0%}",
                    flush=True,
                )
            replay = sent[: max(1, len(sent) // 10)]
            rate, p99, errors, _sent = post_load(
                product, module, sessions[:1], 60, args.batch, replay=replay
            )
            print(f"retries (already stored): {rate:,.0f} statements/s, errors {errors}")
    finally:
        http_pair.postgres_database(database, "drop")
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
