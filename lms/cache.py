"""A Redis cache that keeps the site answering while Redis is unreachable.

django-redis's ``IGNORE_EXCEPTIONS`` turns every cache error into a miss, which would make
allauth's rate limits (kept in the cache) let everything through. Instead, while Redis cannot
be reached this backend serves the standard cache API from this process's local memory, so
pages, sign-in and rate limits keep working (a limit then counts per process). It tries Redis
again after ``FALLBACK_RETRY_SECONDS`` and logs each change of state once.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger("lms.cache")

UNAVAILABLE = (RedisError, ConnectionInterrupted, OSError)
FALLBACK_METHODS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "decr",
    "set_many",
    "delete_many",
    "clear",
)


def redacted(location: str) -> str:
    """The Redis address without its password, for logs."""
    parts = urlsplit(location)
    host = parts.hostname or parts.path or location
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path if parts.hostname else ''}"


class Outage:
    """Whether one Redis address is considered down in this process (shared by threads)."""

    _by_location: dict[str, "Outage"] = {}
    _registry_lock = threading.Lock()

    def __init__(self, location: str):
        self.location = location
        self.retry_at = 0.0
        self.down = False
        self.lock = threading.Lock()

    @classmethod
    def of(cls, location: str) -> "Outage":
        with cls._registry_lock:
            return cls._by_location.setdefault(location, cls(location))

    def skip_primary(self) -> bool:
        return self.down and time.monotonic() < self.retry_at

    def failed(self, error: BaseException, retry_seconds: float) -> None:
        with self.lock:
            first = not self.down
            self.down = True
            self.retry_at = time.monotonic() + retry_seconds
        if first:
            logger.warning(
                "Redis cache at %s is unreachable (%s: %s); serving the cache from this "
                "process's memory and retrying every %s s.",
                redacted(self.location),
                type(error).__name__,
                error,
                retry_seconds,
            )
        else:
            logger.info("Redis cache at %s is still unreachable.", redacted(self.location))

    def recovered(self) -> bool:
        with self.lock:
            was_down, self.down = self.down, False
        if was_down:
            logger.warning("Redis cache at %s is reachable again.", redacted(self.location))
        return was_down


def _with_fallback(name: str):
    primary = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if self.outage.skip_primary():
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            result = primary(self, *args, **kwargs)
        except UNAVAILABLE as error:
            self.outage.failed(error, self.retry_seconds)
            return getattr(self.fallback, name)(*args, **kwargs)
        if self.outage.down and self.outage.recovered():
            # What was kept locally during the outage must not come back at the next one.
            self.fallback.clear()
        return result

    method.__name__ = name
    method.__doc__ = f"{name} on Redis, or on local memory while Redis is unreachable."
    return method


class RedisCacheWithFallback(RedisCache):
    """django-redis, falling back to a per-process memory cache during a Redis outage.

    Extra ``OPTIONS``: ``FALLBACK_RETRY_SECONDS`` (default 5) and ``FALLBACK_MAX_ENTRIES``
    (default 10000). Keep ``SOCKET_CONNECT_TIMEOUT`` and ``SOCKET_TIMEOUT`` short so an
    unreachable Redis costs one short wait per process per retry interval, not per request.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("FALLBACK_RETRY_SECONDS", 5))
        max_entries = int(options.pop("FALLBACK_MAX_ENTRIES", 10000))
        super().__init__(server, {**params, "OPTIONS": options})
        self.outage = Outage.of(str(server))
        self.fallback = LocMemCache(
            f"lms-cache-fallback:{server}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "OPTIONS": {"MAX_ENTRIES": max_entries},
            },
        )

    @property
    def degraded(self) -> bool:
        """True while this process serves the cache from memory."""
        return self.outage.down


for _name in FALLBACK_METHODS:
    setattr(RedisCacheWithFallback, _name, _with_fallback(_name))
