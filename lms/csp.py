"""The site's Content-Security-Policy: one strict policy for the site, a wider one for the CMS.

Pages load scripts, styles and fonts only from this site (or the static files' CDN), so an
injected ``<script>`` or ``onclick`` runs nowhere; inline scripts need the request's nonce
(``{{ request.csp_nonce }}``). The Wagtail admin (``/cms/``) keeps its own inline styles and
scripts and its previews, so it gets a wider policy. Responses that set their own policy (the
sandboxed H5P player and its files, private file downloads) keep theirs.

``CSP_REPORT_ONLY=1`` sends the policy as ``Content-Security-Policy-Report-Only``: browsers
report what it would block to ``/csp-report/`` (logged) without blocking, for trying a change.
"""

import json
import logging
from functools import cached_property
from urllib.parse import urlsplit

from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("lms.csp")

REPORT_PATH = "/csp-report/"
MAX_REPORT_BYTES = 8 * 1024


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def asset_origins() -> list[str]:
    """Where static files come from besides this site (a CDN in STATIC_URL)."""
    return [origin for origin in [_origin(settings.STATIC_URL)] if origin]


def media_origins() -> list[str]:
    """Where images, audio and video come from besides this site (object storage, a CDN)."""
    found = [_origin(settings.MEDIA_URL), *getattr(settings, "LMS_CSP_MEDIA_ORIGINS", [])]
    return [origin for origin in dict.fromkeys(found) if origin]


def site_directives() -> dict:
    assets = asset_origins()
    media = media_origins()
    return {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, *assets],
        # style attributes (progress bars' widths) are allowed; style elements need the nonce
        "style-src": [SELF, UNSAFE_INLINE, *assets],
        "font-src": [SELF, *assets],
        "img-src": [SELF, "data:", "blob:", *assets, *media],
        "media-src": [SELF, "blob:", *media],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "report-uri": REPORT_PATH,
    }


def admin_directives() -> dict:
    """Wagtail's admin writes inline scripts and styles and previews pages in frames."""
    directives = site_directives()
    directives["script-src"] = [SELF, UNSAFE_INLINE, *asset_origins()]
    directives["img-src"] = [*directives["img-src"], "https:"]  # embeds' and avatars' images
    directives["frame-src"] = [SELF, "https:"]  # embed previews (video sites)
    return directives


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the policy chosen by path and the report-only switch."""

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    @cached_property
    def policies(self) -> tuple[dict, dict]:
        return site_directives(), admin_directives()

    @cached_property
    def headers(self) -> tuple[str, str]:
        """The site's and the CMS's policy as header text, built once per process."""
        site, admin = self.policies
        return build_policy(config=site), build_policy(config=admin)

    def process_response(self, request, response):
        """The common case (no per-view change, no nonce) without rebuilding the policy."""
        changed = any(
            getattr(response, name, None)
            for name in ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro",
                         "_csp_update_ro", "_csp_replace_ro")
        )  # fmt: skip
        if changed or getattr(request, "_csp_nonce", None):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (404, 500):
            return response  # Django's debug pages
        header, exempt = (
            (HEADER_REPORT_ONLY, "_csp_exempt_ro")
            if settings.LMS_CSP_REPORT_ONLY
            else (HEADER, "_csp_exempt")
        )
        if header not in response and not getattr(response, exempt, False):
            site, admin = self.headers
            response[header] = admin if request.path.startswith(self.admin_prefix) else site
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only != settings.LMS_CSP_REPORT_ONLY:
            return PolicyParts(nonce=parts.nonce)  # nothing in the other header
        if parts.config is None:
            site, admin = self.policies
            parts.config = admin if request.path.startswith(self.admin_prefix) else site
        return parts


@csrf_exempt
@require_POST
def csp_report(request):
    """Browsers post what the policy blocked (or would block); kept in the log, bounded."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if length > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        report = json.loads(request.body).get("csp-report", {})
    except (ValueError, AttributeError):
        return HttpResponse(status=400)
    if isinstance(report, dict):
        logger.warning(
            "CSP %s blocked %s on %s",
            str(report.get("effective-directive") or report.get("violated-directive"))[:80],
            str(report.get("blocked-uri"))[:200],
            str(report.get("document-uri"))[:200],
        )
    return HttpResponse(status=204)
