"""Database faults end cleanly under gunicorn with production settings.

The server reaches PostgreSQL through a proxy on a port of its own. A silent partition
(nftables drops that port's packets: no reset, no answer) must end each request with a 503
within the configured timeouts instead of tying up the worker; so must a statement that
waits too long, and a database that is down. JSON endpoints answer JSON (the runner's and
the player's retry queues read it), pages a plain 503 page; afterwards the server recovers
and nobody is signed out.
"""

import threading
import time

import psycopg
import pytest

from tests.factories import TEST_PASSWORD, OrganizationFactory, ParticipantFactory

from . import stack
from .conftest import production_env, require, running, with_production_password

pytestmark = pytest.mark.postgres

POSTGRES_PORT = 5432
CONNECT_TIMEOUT = 2  # libpq's smallest
TCP_USER_TIMEOUT = 1
STATEMENT_TIMEOUT = 5
TIMEOUTS = {
    "DB_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
    "DB_TCP_USER_TIMEOUT": str(TCP_USER_TIMEOUT),
    "DB_KEEPALIVES_IDLE": "1",
    "DB_KEEPALIVES_INTERVAL": "1",
    "DB_KEEPALIVES_COUNT": "1",
    "DB_STATEMENT_TIMEOUT": str(STATEMENT_TIMEOUT),
    "CONN_MAX_AGE": "60",
}
# Every request may meet a dead pooled connection (health check: TCP_USER_TIMEOUT) and then
# a reconnect that cannot succeed (CONNECT_TIMEOUT); a little more for the machine's load.
PARTITION_BOUND = CONNECT_TIMEOUT + TCP_USER_TIMEOUT + 3
JSON_ENDPOINTS = [
    "/courses/api/statements/",
    "/courses/api/heartbeat/",
    "/staff/cbi/sessions/1/attendance/",
]


def seed() -> None:
    participant = ParticipantFactory(
        organization=OrganizationFactory(slug="fault-partner"), user__username="fault.alex"
    )
    with_production_password(participant.user)


@pytest.fixture(scope="module")
def server(module_server_database, static_root, redis_server, tmp_path_factory):
    """One app server (for the module) whose database connections cross a proxy."""
    database_url = module_server_database(seed)
    proxy = stack.TcpProxy(POSTGRES_PORT).open()
    through_proxy = database_url.replace(f":{POSTGRES_PORT}/", f":{proxy.port}/")
    log_dir = tmp_path_factory.mktemp("faults")
    env = production_env(
        database_url=through_proxy,
        redis_url=f"redis://127.0.0.1:{redis_server}/9",
        static_root=static_root,
        media_root=log_dir / "media",
    )
    specs = {"faults": {**env, **TIMEOUTS, "CACHE_KEY_PREFIX": f"faults-{proxy.port}"}}
    with running(specs, log_dir) as (app,):
        yield app, proxy, database_url
    proxy.close()


@pytest.fixture
def partitions():
    reason = stack.partition_unavailable_reason()
    require(reason is None, f"A silent partition cannot be simulated: {reason}")


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def assert_json_503(response):
    assert response.status_code == 503, (response.status_code, response.text[:500])
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"] == "unavailable" and body["message"]
    assert int(response.headers["Retry-After"]) > 0


def post_json(visitor, app, path):
    return visitor.post(
        app,
        path,
        data='{"module": 1}',
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )


def signed_in(visitor, app):
    response = visitor.get(app, "/me/")
    return response.status_code == 200 and "/accounts/logout/" in response.text


def lock_sessions(database_url: str) -> psycopg.Connection:
    """Hold a lock that every request's session lookup waits behind (directly, no proxy)."""
    holder = psycopg.connect(database_url.replace("postgres://", "postgresql://"))
    holder.execute("LOCK TABLE django_session IN ACCESS EXCLUSIVE MODE")
    return holder


def waiting_on_lock(database_url: str) -> bool:
    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as conn:
        rows = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND query ILIKE '%django_session%'"
        ).fetchone()
    return rows[0] > 0


def test_silent_partition_ends_each_request_with_a_503_within_the_timeouts(server, partitions):
    app, proxy, database_url = server
    alex = stack.Visitor()
    alex.sign_in(app, "fault.alex", TEST_PASSWORD)
    assert signed_in(alex, app)  # a pooled connection (CONN_MAX_AGE) now crosses the proxy

    with stack.Partition(proxy.port):
        for path in JSON_ENDPOINTS:
            response, seconds = timed(lambda path=path: post_json(alex, app, path))
            assert_json_503(response)
            assert seconds < PARTITION_BOUND, f"{path} took {seconds:.1f}s"
        page, seconds = timed(lambda: alex.get(app, "/me/"))
        assert page.status_code == 503 and seconds < PARTITION_BOUND
        assert page.headers["Content-Type"].startswith("text/html")
        assert "try again" in page.text and "Traceback" not in page.text
        health = alex.get(app, "/healthz")
        assert health.status_code == 503 and health.json()["database"] == "unavailable"

    stack.wait_for(lambda: signed_in(alex, app), timeout=10, message="no recovery")
    saved = post_json(alex, app, "/courses/api/heartbeat/")
    assert saved.status_code != 503  # the retry now reaches the application again


def test_partition_in_the_middle_of_a_query_frees_the_worker(server, partitions):
    app, proxy, database_url = server
    alex = stack.Visitor()
    alex.sign_in(app, "fault.alex", TEST_PASSWORD)
    assert signed_in(alex, app)

    holder = lock_sessions(database_url)
    outcome = {}

    def visit():
        outcome["response"] = post_json(alex, app, "/courses/api/heartbeat/")
        outcome["ended"] = time.monotonic()

    request = threading.Thread(target=visit)
    try:
        request.start()  # its session query is now on the wire, waiting for an answer
        stack.wait_for(lambda: waiting_on_lock(database_url), timeout=10, message="no wait")
        with stack.Partition(proxy.port):
            cut = time.monotonic()
            request.join(timeout=STATEMENT_TIMEOUT + 10)
            assert not request.is_alive(), "the request hung through the partition"
    finally:
        holder.close()
    assert_json_503(outcome["response"])
    seconds = outcome["ended"] - cut
    assert seconds < STATEMENT_TIMEOUT, (
        f"ended {seconds:.1f}s after the cut: keepalives and tcp_user_timeout must end it "
        "before the statement timeout could"
    )
    stack.wait_for(lambda: signed_in(alex, app), timeout=10, message="no recovery")


def test_a_statement_that_waits_too_long_is_cut_at_the_statement_timeout(server):
    app, proxy, database_url = server
    alex = stack.Visitor()
    alex.sign_in(app, "fault.alex", TEST_PASSWORD)
    holder = lock_sessions(database_url)
    try:
        response, seconds = timed(lambda: post_json(alex, app, "/courses/api/statements/"))
    finally:
        holder.close()
    assert_json_503(response)
    assert STATEMENT_TIMEOUT - 0.5 < seconds < STATEMENT_TIMEOUT + 4, f"{seconds:.1f}s"
    assert signed_in(alex, app)


def test_a_database_that_is_down_answers_503_at_once_then_recovers(server):
    app, proxy, database_url = server
    alex = stack.Visitor()
    alex.sign_in(app, "fault.alex", TEST_PASSWORD)
    proxy.close()  # connections reset, the port refuses
    try:
        for path in JSON_ENDPOINTS:
            response, seconds = timed(lambda path=path: post_json(alex, app, path))
            assert_json_503(response)
            assert seconds < 2
        page = alex.get(app, "/me/")
        assert page.status_code == 503 and page.headers["Retry-After"]
        staff_page = alex.get(app, "/cms/")
        assert staff_page.status_code == 503
    finally:
        proxy.open()
    stack.wait_for(lambda: signed_in(alex, app), timeout=10, message="no recovery")
