"""Fixtures for the production-shape and fault tests: each part is started here, then stopped."""

import contextlib
import os

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection, connections

from tests.factories import TEST_PASSWORD

from . import stack

REDIS_PORT = int(os.environ.get("TEST_REDIS_PORT", "6379"))
POSTGRES_ONLY = (
    "The production shape runs on PostgreSQL, as production does "
    "(CI's PostgreSQL pass runs it; set DATABASE_URL=postgres://...)."
)


def require(condition: bool, reason: str) -> None:
    """Skip with a reason on a developer's machine; fail in CI, where it must run."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def redis_server():
    require(stack.reachable(REDIS_PORT), f"Redis is required (127.0.0.1:{REDIS_PORT}).")
    return REDIS_PORT


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """One `make static` build (collectstatic, hashed and compressed) shared by every server."""
    root = tmp_path_factory.mktemp("static")
    stack.build_static(root)
    assert (root / "staticfiles.json").exists()
    return root


def with_production_password(*users) -> None:
    """Test users are hashed with MD5 (fast tests); production servers only accept PBKDF2."""
    hasher = PBKDF2PasswordHasher()
    for user in users:
        user.password = hasher.encode(TEST_PASSWORD, hasher.salt(), iterations=1000)
        user.save(update_fields=["password"])


@contextlib.contextmanager
def servers_database(suffix: str):
    """A database of the servers' own: a copy of the migrated test database with what the
    caller seeded in it (call the yielded function once seeding is committed); dropped after.
    """
    settings_dict = dict(connection.settings_dict)
    template = settings_dict["NAME"]
    name = f"{template}_{suffix}"[:60].lower()

    def copy() -> str:
        connections.close_all()  # a template database may have no other sessions
        stack.clone_database(settings_dict, template, name)
        return stack.postgres_url(settings_dict, name)

    try:
        yield copy
    finally:
        stack.drop_database(settings_dict, name)


@pytest.fixture
def server_database(request):
    """servers_database() for one test (marked django_db(transaction=True))."""
    if connection.vendor != "postgresql":
        pytest.skip(POSTGRES_ONLY)
    with servers_database(request.node.name[:24]) as copy:
        yield copy


@pytest.fixture(scope="module")
def module_server_database(request, django_db_setup, django_db_blocker):
    """servers_database() for a module: seed with the yielded function's ``seed`` argument.

    The test database is put back as transactional tests leave it (flushed, then the
    migrated baseline restored).
    """
    if connection.vendor != "postgresql":
        pytest.skip(POSTGRES_ONLY)
    from django.core.management import call_command

    from tests.baseline import ensure_baseline

    suffix = request.module.__name__.rsplit(".", 1)[-1][:24]
    with django_db_blocker.unblock(), servers_database(suffix) as copy:

        def seeded(seed) -> str:
            ensure_baseline()
            seed()
            return copy()

        try:
            yield seeded
        finally:
            call_command("flush", verbosity=0, interactive=False)
            ensure_baseline()
            connections.close_all()


@contextlib.contextmanager
def running(specs: dict, log_dir):
    """Start app servers ``{name: env}`` side by side; stop them all afterwards."""
    launched = [stack.AppServer(name, env, log_dir) for name, env in specs.items()]
    try:
        for server in launched:
            server.launch()
        yield [server.wait_ready() for server in launched]
    finally:
        for server in launched:
            server.signal_stop()
        for server in launched:
            server.wait_stopped()


@pytest.fixture
def servers(tmp_path):
    """``start({name: env, ...})`` starts app servers; all stop after the test."""
    with contextlib.ExitStack() as stack_of_servers:
        yield lambda specs: stack_of_servers.enter_context(running(specs, tmp_path))


def production_env(*, database_url: str, redis_url: str, static_root, media_root) -> dict:
    """What an operator sets on every app server (README, "Running in production")."""
    return {
        "SECRET_KEY": "production-shape-test-secret-" + "x" * 30,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": stack.PUBLIC_HOST,
        "PUBLIC_BASE_URL": stack.PUBLIC_ORIGIN,
        "CSRF_TRUSTED_ORIGINS": stack.PUBLIC_ORIGIN,
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "CREDENTIALS_KEY_ENCRYPTION_KEY": stack.KEY_ENCRYPTION_KEY,
        # The test speaks plain HTTP to the servers and sets X-Forwarded-Proto like the proxy.
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
