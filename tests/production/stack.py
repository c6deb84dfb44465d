"""The production shape, started by the tests: app servers, an S3 server, proxies, faults.

Everything listens on 127.0.0.1 ports chosen free at start and is stopped by the tests.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_HOST = "learn.example.org"
PUBLIC_ORIGIN = f"https://{PUBLIC_HOST}"
# Fernet key for the issuers' private keys (tests only).
KEY_ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, *, timeout: float, message: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(interval)


def reachable(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


# --- a TCP proxy that can be closed (an outage) and opened again ----------------------------


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target; ``close()`` leaves the port closed (refused)."""

    def __init__(self, target_port: int, target_host: str = "127.0.0.1"):
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()

    def open(self) -> "TcpProxy":
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def close(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update({client, upstream})
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


# --- a silent network partition: every packet of one port dropped (nftables) ---------------


def partition_unavailable_reason() -> str | None:
    """Why a partition cannot be simulated here, or None when it can."""
    nft = shutil.which("nft") or ("/usr/sbin/nft" if os.path.exists("/usr/sbin/nft") else None)
    if nft is None:
        return "nftables is not installed (apt-get install nftables; .ci/run installs it)"
    table = f"sector_probe_{os.getpid()}"
    probe = subprocess.run([nft, "add", "table", "inet", table], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"nftables refused a table here: {probe.stderr.strip()}"
    subprocess.run([nft, "delete", "table", "inet", table], capture_output=True)
    return None


class Partition:
    """Drop every packet to or from one loopback TCP port, as a silent partition would.

    Nothing is refused or reset: the peer simply goes quiet, which is what keepalives,
    ``tcp_user_timeout`` and ``connect_timeout`` exist for. Only this port is touched.
    """

    def __init__(self, port: int):
        self.port = port
        self.table = f"sector_partition_{port}"
        self.nft = shutil.which("nft") or "/usr/sbin/nft"

    def _nft(self, *args: str) -> None:
        subprocess.run([self.nft, *args], check=True, capture_output=True, text=True)

    def __enter__(self) -> "Partition":
        self._nft("add", "table", "inet", self.table)
        self._nft(
            "add",
            "chain",
            "inet",
            self.table,
            "out",
            "{ type filter hook output priority 0 ; }",
        )
        self._nft("add", "rule", "inet", self.table, "out", "tcp", "dport", str(self.port), "drop")
        self._nft("add", "rule", "inet", self.table, "out", "tcp", "sport", str(self.port), "drop")
        return self

    def __exit__(self, *exc) -> None:
        subprocess.run([self.nft, "delete", "table", "inet", self.table], capture_output=True)


# --- PostgreSQL: a database of its own for the servers -------------------------------------


def postgres_url(settings_dict: dict, name: str) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else f"{user}@"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{name}"


def _admin(settings_dict: dict):
    import psycopg

    return psycopg.connect(
        postgres_url(settings_dict, "postgres").replace("postgres://", "postgresql://"),
        autocommit=True,
    )


def clone_database(settings_dict: dict, template: str, name: str, attempts: int = 10) -> None:
    """A copy of the (migrated, seeded) test database.

    PostgreSQL copies a template only while nobody else is connected to it. Connections the
    test process left open in other threads (a live server's request threads, for one) are
    ended first; one that reconnects in between gets another try.
    """
    import psycopg

    with _admin(settings_dict) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for attempt in range(attempts):
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [template],
            )
            try:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return
            except psycopg.errors.ObjectInUse:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))


def drop_database(settings_dict: dict, name: str) -> None:
    with _admin(settings_dict) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- static files: the documented build step, once per test session -----------------------


def build_static(static_root: Path) -> None:
    """What `make static` runs after `npm ci`: collectstatic with the production storage."""
    env = {
        **clean_environment(),
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "static-build-only",
        "STATIC_ROOT": str(static_root),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


def clean_environment() -> dict:
    """This process's environment without what the test settings or pytest put there."""
    dropped = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        k: v
        for k, v in os.environ.items()
        if k not in dropped and not k.startswith(("PYTEST_", "AWS_", "REDIS_", "DB_"))
    }


# --- app servers: gunicorn with production settings -----------------------------------------


class AppServer:
    """One gunicorn process (one worker, threads), as a deployment runs it."""

    def __init__(self, name: str, env: dict, log_dir: Path):
        self.name = name
        self.env = env
        self.port = free_port()
        self.log_path = log_dir / f"{name}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def launch(self) -> "AppServer":
        environment = {
            **clean_environment(),
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "1",
            "GUNICORN_THREADS": "4",
            "GUNICORN_ACCESS_LOG": "-",
            **self.env,
        }
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lms.wsgi"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return self

    def wait_ready(self) -> "AppServer":
        wait_for(
            self._ready,
            timeout=90,
            message=f"{self.name} did not start:\n{self.log_tail()}",
            interval=0.2,
        )
        return self

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"{self.name} exited:\n{self.log_tail()}")
        try:
            response = requests.get(f"{self.url}/healthz", timeout=2)
        except requests.RequestException:
            return False
        return response.status_code == 200

    def signal_stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGINT)  # gunicorn's quick shutdown

    def wait_stopped(self) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


# --- a visitor behind the TLS proxy ---------------------------------------------------------


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_INPUT = re.compile(r'name="((?:[\w-]+-)?submission)" value="([0-9a-f]{32})"')


class Visitor:
    """One person's browser: one cookie jar, whichever server the proxy sends it to."""

    def __init__(self):
        self.session = requests.Session()
        self.cookies_seen: dict[str, bool] = {}  # name -> was it Secure when set

    def request(self, server: AppServer, method: str, path: str, **kwargs) -> requests.Response:
        headers = {
            "Host": PUBLIC_HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.7",
            **kwargs.pop("headers", {}),
        }
        if method not in {"GET", "HEAD"}:
            headers.setdefault("Origin", PUBLIC_ORIGIN)
            headers.setdefault("Referer", f"{PUBLIC_ORIGIN}{path}")
        kwargs.setdefault("timeout", 60)
        kwargs.setdefault("allow_redirects", False)
        response = self.session.request(method, f"{server.url}{path}", headers=headers, **kwargs)
        for cookie in self.session.cookies:
            # The proxy in front speaks TLS; the test speaks plain HTTP to the servers, so a
            # Secure cookie is sent on as the browser would send it over HTTPS.
            if cookie.secure:
                self.cookies_seen[cookie.name] = True
                cookie.secure = False
            else:
                self.cookies_seen.setdefault(cookie.name, False)
        return response

    def get(self, server, path, **kwargs):
        return self.request(server, "GET", path, **kwargs)

    def post(self, server, path, **kwargs):
        return self.request(server, "POST", path, **kwargs)

    def form_tokens(self, server, path) -> dict:
        """The CSRF token of the page at ``path`` and its first form's submission token."""
        page = self.get(server, path)
        assert page.status_code == 200, (path, page.status_code, page.text[:500])
        match = CSRF_INPUT.search(page.text)
        assert match, f"no CSRF token on {path}"
        submission = SUBMISSION_INPUT.search(page.text)
        return {"csrfmiddlewaretoken": match.group(1)} | (
            {submission.group(1): submission.group(2)} if submission else {}
        )

    def csrf_token(self, server, path) -> str:
        return self.form_tokens(server, path)["csrfmiddlewaretoken"]

    def submit(self, server, path, data=None, files=None, form_path=None):
        """Open the form page, then post it with its hidden tokens (as the browser would)."""
        tokens = self.form_tokens(server, form_path or path)
        return self.post(server, path, data={**tokens, **(data or {})}, files=files)

    def sign_in(self, server, username, password, totp_secret=None) -> None:
        """allauth's real flow: the sign-in form, then the TOTP step for staff."""
        response = self.submit(
            server, "/accounts/login/", {"login": username, "password": password}
        )
        assert response.status_code == 302, response.text[:2000]
        if totp_secret:
            assert response.headers["Location"].startswith("/accounts/2fa/authenticate/")
            from tests.totp import current_code

            if time.time() % 30 > 27:  # a code about to expire: wait for the next step
                time.sleep(30 - time.time() % 30 + 0.2)
            response = self.submit(
                server, "/accounts/2fa/authenticate/", {"code": current_code(totp_secret)}
            )
            assert response.status_code == 302, response.text[:2000]
        assert "/accounts/" not in response.headers["Location"], response.headers["Location"]
