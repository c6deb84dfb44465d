"""The participant's wallet: share, download, print, hide, choose the name shown."""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms.people.access import participant_required
from lms.qr import qr_svg

from . import documents
from .app_settings import app_settings
from .forms import DisplayNameForm
from .selectors import wallet_credentials
from .services import credential_set_private, display_name_for, wallet_set_display_name
from .verification import verify_credential


def linkedin_url(credential, url: str) -> str:
    """LinkedIn's add-to-profile link for a certification."""
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": credential.achievement.name,
        "issueYear": credential.issued_at.year,
        "issueMonth": credential.issued_at.month,
        "certUrl": url,
        "certId": credential.public_id,
    }
    if app_settings.LINKEDIN_ORGANIZATION_ID:
        params["organizationId"] = app_settings.LINKEDIN_ORGANIZATION_ID
    else:
        params["organizationName"] = credential.issuer.name
    if credential.valid_until:
        params["expirationYear"] = credential.valid_until.year
        params["expirationMonth"] = credential.valid_until.month
    return "https://www.linkedin.com/profile/add?" + urlencode(params)


@require_GET
@participant_required
def wallet(request):
    items = []
    for credential in wallet_credentials(request.participant):
        url = documents.credential_url(credential.public_id)
        items.append(
            {
                "credential": credential,
                "url": url,
                "qr": qr_svg(url, box_size=5),
                "linkedin": linkedin_url(credential, url),
            }
        )
    form = DisplayNameForm(initial={"display_name": display_name_for(request.participant)})
    return render(request, "credentials/wallet.html", {"items": items, "name_form": form})


def _own(request, public_id):
    credential = wallet_credentials(request.participant).filter(public_id=public_id).first()
    if credential is None:
        raise Http404
    return credential


@require_POST
@participant_required
def wallet_privacy(request, public_id):
    credential = _own(request, public_id)
    private = request.POST.get("private") == "1"
    credential_set_private(participant=request.participant, credential=credential, private=private)
    if private:
        messages.success(request, _("Hidden: its link now says only that it is not shared."))
    else:
        messages.success(request, _("Shared: anyone with its link can check it."))
    return redirect("credentials:wallet")


@require_POST
@participant_required
def wallet_display_name(request):
    form = DisplayNameForm(request.POST)
    if form.is_valid():
        try:
            wallet_set_display_name(
                participant=request.participant, display_name=form.cleaned_data["display_name"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Saved. New credentials will show this name; issued ones keep theirs.")
            )
    else:
        messages.error(request, _("Enter a name of at most 120 characters."))
    return redirect("credentials:wallet")


@require_GET
@participant_required
def wallet_certificate(request, public_id):
    credential = _own(request, public_id)
    url = documents.credential_url(credential.public_id)
    result = verify_credential(json.loads(credential.signed_json))
    return render(
        request,
        "credentials/certificate.html",
        {"credential": credential, "result": result, "url": url, "qr": qr_svg(url)},
    )
