"""Server error pages: a 503 when a backing service is unreachable, JSON for JSON clients.

``handler500`` (in ``lms/urls.py``) receives every uncaught exception, including those raised
in middleware (the session or user lookup when the database is gone). It renders without the
request context: context processors would query the database that just failed.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger("lms.errors")

RETRY_AFTER_SECONDS = 10


def _unavailable_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:  # object storage (S3) that cannot be reached or answers too slowly
        from botocore.exceptions import ConnectionError as BotoConnectionError
        from botocore.exceptions import ReadTimeoutError

        errors += [BotoConnectionError, ReadTimeoutError]
    except ImportError:  # pragma: no cover - botocore is a dependency
        pass
    return tuple(errors)


UNAVAILABLE_ERRORS = _unavailable_errors()


def is_unavailable(error: BaseException | None) -> bool:
    """A fault of a backing service (database, storage) that a retry may get past."""
    return isinstance(error, UNAVAILABLE_ERRORS)


def wants_json(request) -> bool:
    """The client reads JSON: it sent JSON, asked for it first, or asked for a .json URL."""
    if request.path.endswith(".json") or request.content_type == "application/json":
        return True
    accepted = getattr(request, "accepted_types", None) or []
    for media_type in accepted:
        subtype = media_type.sub_type
        if subtype == "html":
            return False
        if subtype == "json" or subtype.endswith("+json"):
            return True
    return False


def _page(request, *, status: int, title: str, message: str, retry: bool) -> HttpResponse:
    try:
        body = loader.get_template("error_page.html").render(
            {"title": title, "message": message, "retry": retry}
        )
    except Exception:  # the error page must never fail (missing manifest, broken template)
        logger.exception("The error page could not be rendered.")
        return HttpResponse(f"{title}\n\n{message}\n", status=status, content_type="text/plain")
    return HttpResponse(body, status=status)


def service_unavailable(request) -> HttpResponse:
    """503 with Retry-After: the runner's and the player's queues retry on it."""
    message = _(
        "The site cannot reach its database or file storage right now. Nothing you already "
        "saved is lost. Please try again in a minute."
    )
    if wants_json(request):
        response = JsonResponse({"error": "unavailable", "message": message}, status=503)
    else:
        response = _page(
            request,
            status=503,
            title=_("The site is busy or being repaired"),
            message=message,
            retry=True,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs) -> HttpResponse:
    """handler500: 503 for backing-service faults; otherwise a plain 500 (JSON for JSON)."""
    if is_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    message = _("Something went wrong on our side. It has been recorded; please try again.")
    if wants_json(request):
        return JsonResponse({"error": "server_error", "message": message}, status=500)
    return _page(request, status=500, title=_("Something went wrong"), message=message, retry=False)
