"""Shared cache of the public answers about a credential (its page and its JSON).

A signed credential never changes; what can change is its status (revoked, hidden by its
holder, its key withdrawn) and, with time, its dates. The services that change a status call
``bump()`` once their transaction commits; every cached answer is stored under the current
version, so the next request after a change is answered afresh on every server. Each entry
also expires before the credential's next date boundary (valid from / valid until) and after
``CREDENTIALS_PUBLIC_CACHE_SECONDS`` at the latest, which bounds staleness even when the
shared cache was unreachable during a change.
"""

import hashlib
import uuid
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .app_settings import app_settings

_PREFIX = "credentials:public"
_ALL = f"{_PREFIX}:version"


def _version_key(public_id: str) -> str:
    return f"{_PREFIX}:version:{public_id}"


def bump(public_id: str | None = None) -> None:
    """Make cached answers stale after the current transaction commits: one credential's,
    or every credential's (``public_id=None``: an issuer's keys or lists changed)."""
    key = _version_key(public_id) if public_id else _ALL

    def write() -> None:
        cache.set(key, uuid.uuid4().hex[:12], None)

    transaction.on_commit(write)


def _version(public_id: str) -> str:
    found = cache.get_many([_ALL, _version_key(public_id)])
    return f"{found.get(_ALL, '0')}.{found.get(_version_key(public_id), '0')}"


def _entry_key(public_id: str, kind: str, version: str) -> str:
    return f"{_PREFIX}:answer:{public_id}:{kind}:{get_language() or ''}:{version}"


def _lifetime(boundaries, now: datetime) -> int:
    """Seconds until the next date at which the answer changes by itself, capped."""
    seconds = app_settings.PUBLIC_CACHE_SECONDS
    for moment in boundaries:
        if moment is not None and moment > now:
            seconds = min(seconds, int((moment - now).total_seconds()))
    return max(seconds, 0)


def is_shareable(request) -> bool:
    """Whether one visitor's answer may be served to another: nobody is signed in (no
    session cookie), so the page carries no name, menu or form token of anyone's."""
    from django.conf import settings

    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _finish(request, response: HttpResponse, etag: str, max_age: int | None) -> HttpResponse:
    """Validators and caching headers; a 304 when the visitor already has this answer."""
    response["ETag"] = etag
    if max_age is not None:
        response["Cache-Control"] = f"public, max-age={max_age}, s-maxage={max_age}"
    else:
        response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ("Accept", "Accept-Language", "Cookie"))
    if etag in request.headers.get("If-None-Match", ""):
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Vary", "X-Robots-Tag"):
            if header in response:
                not_modified[header] = response[header]
        return not_modified
    return response


def _etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def answer(request, public_id: str, kind: str, build) -> HttpResponse:
    """The cached answer of ``kind`` for this credential, or ``build()``'s, stored.

    ``build()`` returns ``(response, boundaries)``: a response whose body depends only on
    the credential, the language and the kind, and the dates at which it would change.
    Answers for a signed-in visitor are built each time and never stored.
    """
    shared = is_shareable(request)
    if not shared:
        response, _boundaries = build()
        return _finish(request, response, _etag(response.content), max_age=None)
    key = _entry_key(public_id, kind, _version(public_id))
    stored = cache.get(key)
    if stored is None:
        response, boundaries = build()
        if response.status_code != 200 or response.cookies:
            return response
        now = timezone.now()
        lifetime = _lifetime(boundaries, now)
        stored = {
            "body": response.content,
            "headers": dict(response.items()),
            "until": now.timestamp() + lifetime,
        }
        if lifetime:
            cache.set(key, stored, lifetime)
    response = HttpResponse(stored["body"])
    for name, value in stored["headers"].items():
        response[name] = value
    left = int(stored["until"] - timezone.now().timestamp())
    max_age = max(0, min(app_settings.PUBLIC_HTTP_MAX_AGE, left))
    return _finish(request, response, _etag(stored["body"]), max_age=max_age)
