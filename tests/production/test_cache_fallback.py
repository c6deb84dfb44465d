"""With Redis unreachable the cache falls back to local memory: pages, sign-in, rate limits.

Real Redis (database 9) behind a proxy the test closes and opens; no mocks.
"""

import logging
import os
import time
import uuid

import pytest
from django.test import override_settings

from lms.cache import RedisCacheWithFallback, redacted
from tests.factories import TEST_PASSWORD

from .stack import Partition, TcpProxy, free_port, partition_unavailable_reason, reachable

REDIS_PORT = int(os.environ.get("TEST_REDIS_PORT", "6379"))
REDIS_DB = 9
RETRY = 0.2


@pytest.fixture
def redis_proxy():
    if not reachable(REDIS_PORT):
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI (127.0.0.1:{REDIS_PORT}).")
        pytest.skip(f"Redis is not running on 127.0.0.1:{REDIS_PORT}.")
    proxy = TcpProxy(REDIS_PORT).open()
    yield proxy
    proxy.close()


def make_cache(port: int, **options) -> RedisCacheWithFallback:
    return RedisCacheWithFallback(
        f"redis://127.0.0.1:{port}/{REDIS_DB}",
        {
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "FALLBACK_RETRY_SECONDS": RETRY,
                **options,
            },
        },
    )


def closed_port_caches(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "lms.cache.RedisCacheWithFallback",
            "LOCATION": f"redis://127.0.0.1:{port}/{REDIS_DB}",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "FALLBACK_RETRY_SECONDS": 30,
            },
        }
    }


def test_outage_is_served_from_memory_then_redis_comes_back(redis_proxy, caplog):
    cache = make_cache(redis_proxy.port)
    cache.set("before", "in redis")
    assert cache.get("before") == "in redis" and not cache.degraded

    redis_proxy.close()
    with caplog.at_level(logging.INFO, logger="lms.cache"):
        assert cache.get("before") is None  # a miss, not an error
        cache.set("during", "in memory")
        assert cache.get("during") == "in memory"
        assert cache.add("lock", 1) is True and cache.add("lock", 1) is False
        cache.set("count", 1)
        assert cache.incr("count") == 2
        assert cache.degraded
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, "one warning per outage, not one per call"
    assert "unreachable" in warnings[0].getMessage()

    redis_proxy.open()
    time.sleep(RETRY)  # the next call after the retry interval goes to Redis again
    assert cache.get("before") == "in redis"
    assert not cache.degraded
    assert cache.get("during") is None  # what was kept locally is gone with the outage
    cache.delete_many(["before"])


def test_a_closed_port_costs_no_wait_per_request():
    cache = make_cache(free_port())
    start = time.monotonic()
    for index in range(200):
        cache.set(f"k{index}", index)
        assert cache.get(f"k{index}") == index
    assert time.monotonic() - start < 2
    assert cache.degraded


def test_a_silent_redis_costs_one_short_wait_per_retry_interval(redis_proxy):
    reason = partition_unavailable_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    cache = make_cache(redis_proxy.port, FALLBACK_RETRY_SECONDS=30)
    cache.set("warm", 1)  # an open, pooled connection that then goes quiet
    with Partition(redis_proxy.port):
        start = time.monotonic()
        assert cache.get("warm") is None
        first = time.monotonic() - start
        start = time.monotonic()
        for _ in range(50):
            cache.get("warm")
        rest = time.monotonic() - start
    assert first < 1.5, f"the first call waited {first:.2f}s (socket timeout is 0.5s)"
    assert rest < 0.5, "later calls must not wait for Redis again"


def test_logged_address_hides_the_password():
    assert redacted("redis://:s3cret@cache.internal:6380/2") == "redis://cache.internal:6380/2"
    assert "s3cret" not in redacted("rediss://user:s3cret@cache.internal/0")


@pytest.mark.django_db
def test_sign_in_and_rate_limits_keep_working_while_redis_is_down(client, participant):
    with override_settings(CACHES=closed_port_caches(free_port())):
        login = {"login": participant.user.username, "password": TEST_PASSWORD}
        response = client.post("/accounts/login/", login)
        assert response.status_code == 302
        assert client.get("/me/").status_code == 200
        client.logout()
        for _attempt in range(5):
            refused = client.post("/accounts/login/", {**login, "password": "wrong"})
            assert "Too many" not in refused.content.decode()
        limited = client.post("/accounts/login/", login)
        assert limited.status_code == 200
        assert "Too many failed login attempts" in limited.content.decode()


@pytest.mark.django_db
def test_badge_png_and_pages_answer_while_redis_is_down(client, participant):
    from tests.credentials.factories import AchievementFactory

    achievement = AchievementFactory()
    with override_settings(CACHES=closed_port_caches(free_port())):
        image = client.get(f"/credentials/achievements/{achievement.slug}/image.png")
        assert image.status_code == 200
        assert (
            b"".join(image.streaming_content if image.streaming else [image.content])[:8]
            == b"\x89PNG\r\n\x1a\n"
        )
        assert client.get("/accounts/login/").status_code == 200
        assert client.get("/").status_code == 200
