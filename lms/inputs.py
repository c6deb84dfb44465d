"""Distrusted input, refused early with a clear message instead of a server error.

- ``RefuseNulMiddleware``: a NUL character in a query string, form field or JSON body is
  refused with 400 on every route. No text a person types contains one, and PostgreSQL's text
  and jsonb columns cannot store it (SQLite can, which is how it slipped through before).
- ``read_json``: the JSON body of an API request, bounded in size and nesting, every string
  and key checked; ``BadInput`` says what was wrong.
"""

import json

from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

MAX_DEPTH = 20


class BadInput(ValidationError):
    """A request body that cannot be used; ``messages[0]`` says why, ``code`` for machines."""


class _OutOfRange(ValueError):
    """A number no browser sends and no column holds (1e999999, NaN, 2**63)."""


def _refuse(value):
    raise _OutOfRange(value)


def _check_shape(data, max_depth: int) -> None:
    """Depth and NUL check without recursion (a hostile body cannot exhaust the stack)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > max_depth:
            raise BadInput(_("The request is nested too deeply."), code="too_deep")
        if isinstance(value, str):
            if "\x00" in value:
                raise BadInput(_("The request contains a NUL character."), code="nul_character")
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, depth))
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def read_json(body: bytes, *, max_bytes: int, max_depth: int = MAX_DEPTH, kind=(dict,)):
    """Parse an API body: at most ``max_bytes``, nesting at most ``max_depth``, no NUL,
    numbers finite and whole numbers within a browser's exact range, top level one of
    ``kind``. Raises ``BadInput``."""
    if len(body) > max_bytes:
        raise BadInput(_("The request is too large."), code="too_large")
    try:
        data = json.loads(
            body.decode("utf-8"),
            parse_constant=_refuse,  # NaN, Infinity
            parse_float=lambda text: _finite(float(text), text),
            parse_int=_safe_int,
        )
    except _OutOfRange:
        raise BadInput(_("A number in the request is out of range."), code="bad_number") from None
    except (ValueError, UnicodeDecodeError):
        raise BadInput(_("The request is not valid JSON."), code="bad_json") from None
    except RecursionError:
        raise BadInput(_("The request is nested too deeply."), code="too_deep") from None
    if not isinstance(data, kind):
        raise BadInput(_("The request is not valid JSON."), code="bad_json")
    _check_shape(data, max_depth)
    return data


MAX_SAFE_INTEGER = 2**53 - 1  # the largest whole number a browser's script can send exactly


def _safe_int(text: str) -> int:
    if len(text.lstrip("-")) > 16 or abs(int(text)) > MAX_SAFE_INTEGER:
        raise _OutOfRange(text)
    return int(text)


def _finite(number: float, text: str) -> float:
    if number in (float("inf"), float("-inf")):
        raise _OutOfRange(text)
    return number


def _has_nul(request) -> bool:
    query = request.META.get("QUERY_STRING", "")
    if "\x00" in request.path or "\x00" in query or "%00" in query:
        return True
    if request.method != "POST":
        return False
    content_type = request.content_type or ""
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return any(
            "\x00" in key or any("\x00" in v for v in values)
            for key, values in request.POST.lists()
        )
    if content_type.endswith("json"):
        body = request.body
        return b"\x00" in body or b"\\u0000" in body
    return False


class RefuseNulMiddleware:
    """400 for a NUL character anywhere a person's text arrives."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            message = _("The request contains a NUL character, which no text can hold.")
            if (request.content_type or "").endswith("json") or "json" in request.headers.get(
                "Accept", ""
            ):
                return JsonResponse({"error": "nul_character", "message": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
