"""``/healthz``: what a load balancer asks each app server before sending it people.

Answered first in the middleware stack, so a health check by IP address (no allowed host)
or over plain HTTP (no TLS redirect) still gets an answer. 200 when the database answers;
503 when it does not. A Redis outage is reported as ``degraded`` with 200: the server still
works without Redis.
"""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse

logger = logging.getLogger("lms.health")

HEALTH_PATH = "/healthz"


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: the database is unreachable (%s).", error)
        return "unavailable"
    return "ok"


def cache_state() -> str:
    try:
        cache.get("lms:healthz")
    except Exception as error:  # a cache without a fallback that fails
        logger.warning("Health check: the cache is unreachable (%s).", error)
        return "unavailable"
    return "degraded" if getattr(cache, "degraded", False) else "ok"


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") != HEALTH_PATH:
            return self.get_response(request)
        checks = {"database": database_state(), "cache": cache_state()}
        status = 200 if checks["database"] == "ok" else 503
        response = JsonResponse({"status": "ok" if status == 200 else "unavailable", **checks})
        response.status_code = status
        response["Cache-Control"] = "no-store"
        return response
