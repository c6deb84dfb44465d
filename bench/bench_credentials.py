"""Credentials benchmark: issue 500 credentials in one batch, then load the verification page.

Usage: .venv/bin/python bench/bench_credentials.py [--seconds 10] [--clients 8]

Uses a throwaway SQLite database (or BENCH_DATABASE_URL), serves the site with gunicorn on
127.0.0.1 and drives it from a bounded load client on loopback (wrk when installed, else a
small threaded Python client). Every request re-verifies the signature and the status list.
"""

import argparse
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BATCH = 500


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def setup_environment(workdir: Path) -> dict:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "lms.settings.dev"
    env["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}"
    )
    env["MEDIA_ROOT"] = str(workdir / "media")
    env["LOG_LEVEL"] = "ERROR"
    return env


def issue_batch(env: dict) -> tuple[float, str]:
    """Create 500 participants and issue each a credential; returns (seconds, one public id)."""
    code = f"""
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
assert Credential.objects.filter(achievement=achievement).count() == {BATCH}
print(elapsed, Credential.objects.filter(achievement=achievement).first().public_id)
"""
    subprocess.run(  # noqa: S603 - our own interpreter and script
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [PYTHON, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[-2]), out[-1]


def wait_for(port: int, path: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


def python_load(port: int, path: str, seconds: float, clients: int) -> tuple[int, int]:
    """Bounded load: ``clients`` keep-alive connections for ``seconds``; (ok, errors)."""
    stop = time.monotonic() + seconds
    counts = [[0, 0] for _ in range(clients)]

    def worker(slot):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
                ok = response.status == 200 and b'data-status="verified"' in body
                counts[slot][0 if ok else 1] += 1
            except OSError:
                counts[slot][1] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(c[0] for c in counts), sum(c[1] for c in counts)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="bench-credentials-"))
    env = setup_environment(workdir)
    server = None
    try:
        began = time.monotonic()
        batch_seconds, public_id = issue_batch(env)
        print(f"Setup and batch took {time.monotonic() - began:.0f} s", flush=True)
        print(
            f"Issued {BATCH} credentials in one batch: {batch_seconds:.1f} s "
            f"({BATCH / batch_seconds:.0f} credentials/s)"
        )
        port = free_port()
        path = f"/credentials/c/{public_id}"
        server = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv
            [
                PYTHON,
                "-m",
                "gunicorn",
                "lms.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        print("gunicorn starting", flush=True)
        wait_for(port, path)
        print("gunicorn ready", flush=True)
        wrk = shutil.which("wrk")
        if wrk:
            completed = subprocess.run(  # noqa: S603 - wrk from PATH, fixed arguments
                [
                    wrk,
                    "-t2",
                    f"-c{args.clients}",
                    f"-d{int(args.seconds)}s",
                    f"http://127.0.0.1:{port}{path}",
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            line = next(x for x in completed.stdout.splitlines() if "Requests/sec" in x)
            rate, errors, tool = float(line.split()[-1]), 0, "wrk"
        else:
            ok, errors = python_load(port, path, args.seconds, args.clients)
            rate, tool = ok / args.seconds, "python client"
        print(
            f"Verification page: {rate:.1f} requests/s ({tool}, {args.clients} connections, "
            f"{args.seconds:.0f} s, gunicorn -w {args.workers}, errors: {errors})"
        )
        return {"batch_seconds": batch_seconds, "requests_per_second": rate, "errors": errors}
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=15)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
