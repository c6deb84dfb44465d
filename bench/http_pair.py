"""Serve the product and a bare one-view Django app the same way, load both, print ratios.

The machine is shared and noisy, so absolute figures mean little; each figure is reported
beside the bare app's from the same run. Both run under gunicorn with the project's
`gunicorn.conf.py` (same workers and threads) and production settings for the product
(PostgreSQL, Redis). Load comes from `wrk` when installed (`apt-get install wrk`), else
from a threaded Python client; both report requests/s and the 99th percentile latency.
"""

import contextlib
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BARE_PATH = "/bare"


@dataclass
class Load:
    rate: float
    p99_ms: float
    errors: int
    tool: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(database_url: str, redis_url: str, workdir: Path) -> dict:
    """Production settings for loopback: no TLS redirect, logs quiet."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="bench-only-not-a-secret-0123456789abcdef",  # noqa: S106 - bench only
        CREDENTIALS_KEY_ENCRYPTION_KEY="YmVuY2gtb25seS1rZXktZW5jcnlwdGlvbi1rZXkxMjM=",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PUBLIC_BASE_URL="http://127.0.0.1:8000",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private"),
        GUNICORN_ACCESS_LOG="/dev/null",
        LOG_LEVEL="ERROR",
    )
    return env


def postgres_database(url: str, action: str) -> None:
    """Create (after dropping) or drop the benchmark's own PostgreSQL database."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if action == "create":
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def run_script(env: dict, script: str, what: str) -> str:
    """Run a set-up script with the product's settings; its standard output, or exit."""
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [PYTHON, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if out.returncode:
        raise SystemExit(f"{what} failed:\n{out.stderr[-3000:]}")
    return out.stdout


def _wait(port: int, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server on port {port} did not answer {path} in time")


@contextlib.contextmanager
def served(app: str, env: dict, ready_path: str):
    """gunicorn with the project's config serving ``app`` (a WSGI path); yields the port."""
    port = free_port()
    server_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    server = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", app, "--log-level", "warning"],
        cwd=ROOT,
        env=server_env,
    )
    try:
        _wait(port, ready_path)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def bare_environment(env: dict) -> dict:
    return {**env, "DJANGO_SETTINGS_MODULE": "", "PYTHONPATH": str(ROOT / "bench")}


def _wrk_ms(text: str) -> float:
    found = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    if found is None:  # wrk prints "-nan" when it has no latency to report
        return float("inf")
    number, unit = found.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def _wrk(url: str, seconds: float, connections: int, headers: dict) -> Load:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s", "--latency", url]
    for name, value in headers.items():
        args[1:1] = ["-H", f"{name}: {value}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = _wrk_ms(re.search(r"99%\s+(\S+)", out).group(1))
    errors = 0
    for match in re.finditer(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out):
        if match.group(1):
            errors += int(match.group(1))
        else:
            errors += sum(int(n) for n in re.findall(r"\d+", match.group(2)))
    return Load(rate, p99, errors, "wrk")


def _python(port: int, path: str, seconds: float, connections: int, headers: dict) -> Load:
    stop = time.monotonic() + seconds
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections

    def worker(slot: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[slot] += 1
                latencies[slot].append(time.perf_counter() - began)
            except OSError:
                errors[slot] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = sorted(x for slot in latencies for x in slot)
    p99 = every[int(len(every) * 0.99) - 1] * 1000 if every else float("inf")
    return Load(len(every) / seconds, p99, sum(errors), "python client")


def load(port: int, path: str, seconds: float, connections: int, headers=None) -> Load:
    headers = headers or {}
    if shutil.which("wrk"):
        return _wrk(f"http://127.0.0.1:{port}{path}", seconds, connections, headers)
    return _python(port, path, seconds, connections, headers)


def report(label: str, product: Load, bare: Load) -> dict:
    ratio = product.rate / bare.rate if bare.rate else 0.0
    print(
        f"{label}: {product.rate:,.0f} req/s, p99 {product.p99_ms:.1f} ms, errors "
        f"{product.errors} | bare app {bare.rate:,.0f} req/s, p99 {bare.p99_ms:.1f} ms "
        f"| ratio {ratio:.0%} ({product.tool})",
        flush=True,
    )
    return {"label": label, "ratio": ratio, "product": product, "bare": bare}
