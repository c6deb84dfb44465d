"""Credentials benchmark: issuing in a batch, then the public answers beside a bare app.

Usage: .venv/bin/python bench/bench_credentials.py [--seconds 10] [--connections 16]

Production settings on PostgreSQL (BENCH_DATABASE_URL, default the local `bench_credentials`
database, created and dropped) and Redis (BENCH_REDIS_URL). It issues 500 credentials in
one transaction, builds the static files, then serves the product and `bench/bare_app.py`
with the same gunicorn config and loads each public answer (page, `.json`, the JSON-LD by
`Accept`, the status list) and the bare view, printing each pair's requests/s, p99 and
ratio. Goal (issue: speed near the ceiling): at least 50% of the bare app, p99 under 50 ms
at 16 connections.
"""

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import http_pair

BATCH = 500
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_credentials"

ISSUE = f"""
import time, django
django.setup()
from django.db import transaction
from lms.people.models import Organization, Participant, User
from lms.people.roles import Role
from credentials.demo import seed_credentials
from credentials.models import Achievement, Credential
from credentials.services import credential_issue
seed_credentials()
org = Organization.objects.get(slug="chrysalis")
users = User.objects.bulk_create(
    [User(username=f"bench.{{i}}", role=Role.PARTICIPANT, organization=org) for i in range({BATCH})]
)
people = Participant.objects.bulk_create(
    [Participant(user=u, organization=org, preferred_name=f"Bench {{i}}", legal_name="Bench")
     for i, u in enumerate(users)]
)
achievement = Achievement.objects.get(slug="construction-readiness")
start = time.perf_counter()
with transaction.atomic():
    for person in people:
        credential_issue(participant=person, achievement=achievement)
elapsed = time.perf_counter() - start
credential = Credential.objects.filter(achievement=achievement).first()
print(elapsed, credential.public_id, credential.status_list.public_id)
"""


def main(argv=None) -> list:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args(argv)
    database = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    workdir = Path(tempfile.mkdtemp(prefix="bench-credentials-"))
    env = http_pair.production_environment(database, redis, workdir)
    http_pair.postgres_database(database, "create")
    try:
        began = time.monotonic()
        http_pair.manage(env, "migrate", "--noinput", "-v0")
        http_pair.manage(env, "collectstatic", "--noinput", "-v0")
        out = http_pair.run_script(env, ISSUE, "Issuing")
        out = out.split()
        seconds, public_id, status_id = float(out[-3]), out[-2], out[-1]
        print(f"Set-up took {time.monotonic() - began:.0f} s", flush=True)
        print(f"Issued {BATCH} credentials in one batch: {seconds:.1f} s ({BATCH / seconds:.0f}/s)")
        subprocess.run(["redis-cli", "-u", redis, "FLUSHDB"], capture_output=True)  # noqa: S607
        page = f"/credentials/c/{public_id}"
        targets = [
            ("public page", page, {}),
            ("credential .json", f"{page}.json", {}),
            ("JSON-LD by Accept", page, {"Accept": "application/ld+json"}),
            ("status list", f"/credentials/status/{status_id}", {}),
        ]
        results = []
        with (
            http_pair.served("lms.wsgi", env, page) as product,
            http_pair.served(
                "bench.bare_app:application", http_pair.bare_environment(env), "/bare"
            ) as bare,
        ):
            print(f"Load: {args.connections} connections, {args.seconds:.0f} s each", flush=True)
            for label, path, headers in targets:
                http_pair.load(product, path, 2, args.connections, headers)  # warm up
                mine = http_pair.load(product, path, args.seconds, args.connections, headers)
                yardstick = http_pair.load(bare, "/bare", args.seconds, args.connections)
                results.append(http_pair.report(label, mine, yardstick))
        return results
    finally:
        http_pair.postgres_database(database, "drop")
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
