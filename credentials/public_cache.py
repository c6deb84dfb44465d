"""Shared cache of the public answers about a credential (its page, JSON, PNG, status list).

A signed credential never changes; what can change is its status (revoked, hidden by its
holder, its key withdrawn) and, with time, its dates. The services that change a status call
``bump()`` once their transaction commits, which changes the one version every stored answer
was kept under, so the next request after a change is answered afresh on every server.
Changes are rare and answers cheap to rebuild, so one version for all is enough. Each entry
also expires before the credential's next date boundary (valid from / valid until) and after
``CREDENTIALS_PUBLIC_CACHE_SECONDS`` at the latest, which bounds staleness even when the
shared cache was unreachable during a change.

The views build an answer with ``answer()``; ``PublicAnswerCacheMiddleware`` (early in the
stack) stores the finished response, headers of the inner middleware included, and answers
the next anonymous visitor from one cache round trip, before sessions, sign-in and the rest.
Each server also remembers a hit for ``LOCAL_SECONDS`` (a burst on one link then costs no
round trip at all), so another server may show a change up to that long after it commits.
"""

import hashlib
import time
import uuid
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request

from .app_settings import app_settings

_PREFIX = "credentials:public"
_VERSION = f"{_PREFIX}:version"
# Where cached answers live; anything else passes the middleware untouched.
PUBLIC_PREFIXES = ("/credentials/c/", "/credentials/status/")
JSONLD = "application/ld+json"
LOCAL_SECONDS = 1.0
_LOCAL_LIMIT = 512
# entry key -> (monotonic deadline, stored entry): this process's memory of recent hits
_recent: dict[str, tuple[float, dict]] = {}


def bump(public_id: str | None = None) -> None:
    """Make every cached answer stale once the current transaction commits (``public_id``
    names the credential that changed, for the reader; all answers are renewed)."""

    def write() -> None:
        cache.set(_VERSION, uuid.uuid4().hex[:12], None)
        _recent.clear()

    transaction.on_commit(write)


def wants_jsonld(request) -> bool:
    accept = request.headers.get("Accept", "")
    return JSONLD in accept or ("application/json" in accept and "text/html" not in accept)


def is_shareable(request) -> bool:
    """Whether one visitor's answer may be served to another: nobody is signed in (no
    session cookie), so the page carries no name, menu or form token of anyone's."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _entry_key(request) -> str:
    kind = "ld" if wants_jsonld(request) else "html"
    path = hashlib.sha256(request.path.encode()).hexdigest()[:32]
    return f"{_PREFIX}:answer:{path}:{kind}:{get_language_from_request(request)}"


def _lifetime(boundaries, now: datetime) -> int:
    """Seconds until the next date at which the answer changes by itself, capped."""
    seconds = app_settings.PUBLIC_CACHE_SECONDS
    for moment in boundaries:
        if moment is not None and moment > now:
            seconds = min(seconds, int((moment - now).total_seconds()))
    return max(seconds, 0)


def _etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def _cache_control(max_age: int) -> str:
    return f"public, max-age={max_age}, s-maxage={max_age}"


def answer(request, build, *, fresh_for: int | None = None) -> HttpResponse:
    """``build()``'s answer with validators and caching headers, marked for the middleware.

    ``build()`` returns ``(response, boundaries)``: a response whose body depends only on
    the path, the language and ``Accept``, and the dates at which it would change. Answers
    for a signed-in visitor are private and never stored.
    """
    response, boundaries = build()
    if response.status_code != 200:
        return response
    response["ETag"] = _etag(response.content)
    patch_vary_headers(response, ("Accept", "Accept-Language", "Cookie"))
    if not is_shareable(request):
        response["Cache-Control"] = "private, no-cache"
        return response
    lifetime = _lifetime(boundaries, timezone.now())
    if fresh_for is not None:
        lifetime = min(lifetime, fresh_for)
    response["Cache-Control"] = _cache_control(min(app_settings.PUBLIC_HTTP_MAX_AGE, lifetime))
    request.public_answer_lifetime = lifetime
    return response


def _not_modified(request, response: HttpResponse) -> HttpResponse:
    etag = response.get("ETag")
    if not etag or etag not in request.headers.get("If-None-Match", ""):
        return response
    not_modified = HttpResponseNotModified()
    for header in ("ETag", "Cache-Control", "Vary", "X-Robots-Tag", "Content-Language"):
        if header in response:
            not_modified[header] = response[header]
    return not_modified


class PublicAnswerCacheMiddleware:
    """Answer anonymous GETs of public credential documents from the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PUBLIC_PREFIXES):
            return self.get_response(request)
        if request.method != "GET" or not is_shareable(request):
            return _not_modified(request, self.get_response(request))
        key = _entry_key(request)
        now = timezone.now().timestamp()
        remembered = _recent.get(key)
        if remembered and remembered[0] > time.monotonic() and remembered[1]["until"] > now:
            return _not_modified(request, self._from_store(remembered[1], now))
        found = cache.get_many([_VERSION, key])
        version = found.get(_VERSION, "0")
        stored = found.get(key)
        if stored and stored["version"] == version and stored["until"] > now:
            self._remember(key, stored)
            return _not_modified(request, self._from_store(stored, now))
        response = self.get_response(request)
        lifetime = getattr(request, "public_answer_lifetime", 0)
        if lifetime and response.status_code == 200 and not response.cookies:
            entry = {
                "version": version,
                "body": response.content,
                "headers": dict(response.items()),
                "until": now + lifetime,
            }
            cache.set(key, entry, lifetime)
        return _not_modified(request, response)

    @staticmethod
    def _remember(key: str, stored: dict) -> None:
        if len(_recent) >= _LOCAL_LIMIT:
            _recent.clear()
        _recent[key] = (time.monotonic() + LOCAL_SECONDS, stored)

    @staticmethod
    def _from_store(stored: dict, now: float) -> HttpResponse:
        response = HttpResponse(stored["body"])
        for name, value in stored["headers"].items():
            response[name] = value
        left = int(stored["until"] - now)
        response["Cache-Control"] = _cache_control(
            max(0, min(app_settings.PUBLIC_HTTP_MAX_AGE, left))
        )
        return response
