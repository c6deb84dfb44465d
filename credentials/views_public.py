"""Public pages and documents: no account needed.

A credential's page is checked afresh whenever its status may have changed (see
``public_cache``); the signature check itself is remembered per content and key.
"""

import json
from functools import lru_cache

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from lms.qr import qr_svg

from . import documents, public_cache
from .forms import VerifyUploadForm
from .images import BakedImageError, achievement_png, bake, unbake
from .models import Achievement, Issuer, IssuerKey, StatusList
from .selectors import public_credential
from .verification import INVALID, verify_credential

JSONLD = "application/ld+json"


def _jsonld(text: str) -> HttpResponse:
    response = HttpResponse(text, content_type=f"{JSONLD}; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@lru_cache(maxsize=1024)
def _qr(url: str) -> str:
    return qr_svg(url)


def _shared_credential(public_id):
    credential = public_credential(public_id)
    if credential is None:
        raise Http404(_("No such credential."))
    return credential


def _page(request, credential) -> tuple[HttpResponse, list]:
    """The employer's page, checked now: signature (remembered per content and key), key,
    status list and dates."""
    if credential.is_private:
        response = render(request, "credentials/public_private.html", {"shareable_page": True})
        response["X-Robots-Tag"] = "noindex"
        return response, []
    document = json.loads(credential.signed_json)
    result = verify_credential(document)
    url = documents.credential_url(credential.public_id)
    if document.get("id") != url:
        result.status, result.reason = INVALID, _("Its address does not match its content.")
    response = render(
        request,
        "credentials/public_credential.html",
        {
            "result": result,
            "credential": credential,
            "url": url,
            "qr": _qr(url),
            "shareable_page": public_cache.is_shareable(request),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response, [result.valid_from, result.valid_until]


def _signed_json(credential, *, download: bool) -> tuple[HttpResponse, list]:
    if credential.is_private:
        raise Http404(_("This credential is not shared."))
    response = _jsonld(credential.signed_json)
    if download:
        name = f"credential-{credential.public_id}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response, []


@require_safe
def credential_public(request, public_id):
    """The employer's page: genuine and current, or not. Also the JSON-LD for ld+json."""
    if public_cache.wants_jsonld(request):
        return public_cache.answer(
            request,
            lambda: _signed_json(_shared_credential(public_id), download=False),
        )
    return public_cache.answer(request, lambda: _page(request, _shared_credential(public_id)))


@require_safe
def credential_json(request, public_id):
    return public_cache.answer(
        request,
        lambda: _signed_json(_shared_credential(public_id), download=True),
    )


def _baked_png(credential) -> tuple[HttpResponse, list]:
    if credential.is_private:
        raise Http404(_("This credential is not shared."))
    png = bake(achievement_png(credential.achievement), credential.signed_json)
    response = HttpResponse(png, content_type="image/png")
    name = f"credential-{credential.public_id}.png"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response, []


@require_safe
def credential_png(request, public_id):
    return public_cache.answer(request, lambda: _baked_png(_shared_credential(public_id)))


@require_safe
@cache_control(max_age=300, public=True)
def issuer_document(request, slug):
    """The issuer's controller document (DID v1 + Multikey): its keys may assert credentials."""
    issuer = get_object_or_404(Issuer, slug=slug)
    keys = IssuerKey.objects.filter(issuer=issuer).select_related("issuer").order_by("created_at")
    return _jsonld(json.dumps(documents.controller_document(issuer, keys), indent=2))


@require_safe
@cache_control(max_age=300, public=True)
def key_document(request, slug, key_id):
    key = get_object_or_404(
        IssuerKey.objects.select_related("issuer"), issuer__slug=slug, key_id=key_id
    )
    return _jsonld(json.dumps(documents.key_document(key), indent=2))


def _signed_status_list(public_id) -> tuple[HttpResponse, list]:
    status = get_object_or_404(StatusList, public_id=public_id)
    if not status.signed_json:
        raise Http404
    return _jsonld(status.signed_json), []


@require_safe
def status_list(request, public_id):
    """The signed list verifiers read a credential's revocation from (renewed on publish)."""
    return public_cache.answer(request, lambda: _signed_status_list(public_id))


@require_safe
def achievement_document(request, slug):
    achievement = get_object_or_404(Achievement.objects.prefetch_related("alignments"), slug=slug)
    document = {"@context": list(documents.CREDENTIAL_CONTEXT)}
    document.update(documents.achievement_document(achievement))
    return _jsonld(json.dumps(document, indent=2))


@require_safe
@cache_control(max_age=3600, public=True)
def achievement_image(request, slug):
    achievement = get_object_or_404(Achievement, slug=slug)
    return HttpResponse(achievement_png(achievement), content_type="image/png")


def _document_from_upload(upload):
    data = upload.read()
    text = unbake(data) if data.startswith(b"\x89PNG") else data.decode("utf-8")
    return json.loads(text)


@require_http_methods(["GET", "POST"])
def verify_upload(request):
    """Drop a credential file (JSON or baked PNG) and get the same answer as its page."""
    result = None
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            form.add_error("file", _("The file is too large to be a credential."))
        else:
            try:
                document = _document_from_upload(upload)
            except (BakedImageError, UnicodeDecodeError, json.JSONDecodeError):
                form.add_error(
                    "file", _("This file is not a credential: choose its .json or .png file.")
                )
            except RecursionError:
                form.add_error("file", _("This file is nested too deeply to be a credential."))
            else:
                result = verify_credential(document)
    status = 400 if request.method == "POST" and result is None else 200
    return render(
        request, "credentials/verify_upload.html", {"form": form, "result": result}, status=status
    )
