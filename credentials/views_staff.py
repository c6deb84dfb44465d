"""Staff pages: record industry credentials, approve them (second person), revoke, rotate keys."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lms.people.access import staff_required
from lms.people.selectors import organizations_visible_to, participant_for
from lms.storage import private_file_response
from lms.submissions import ALREADY_SAVED, AlreadySubmitted

from .forms import AwardRequestForm, RevokeForm
from .models import AwardRequest, Issuer
from .permissions import can_award, can_manage_issuer, can_revoke, can_view_evidence
from .selectors import award_requests_visible_to, credentials_visible_to
from .services import (
    award_request_approve,
    award_request_create,
    award_request_reject,
    credential_revoke,
    issuer_key_rotate,
)


def _errors(request, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)


@staff_required(check=can_award)
def staff_credentials(request):
    credentials = credentials_visible_to(request.user).order_by("-issued_at", "-pk")[:100]
    pending = award_requests_visible_to(request.user).filter(status=AwardRequest.Status.PENDING)
    issuers = Issuer.objects.filter(
        organization__in=organizations_visible_to(request.user)
    ).order_by("name")
    rows = [{"credential": c, "can_revoke": can_revoke(request.user, c)} for c in credentials]
    return render(
        request,
        "credentials/staff_credentials.html",
        {
            "rows": rows,
            "pending": pending,
            "issuers": [
                {"issuer": i, "can_rotate": can_manage_issuer(request.user, i)} for i in issuers
            ],
            "revoke_form": RevokeForm(),
        },
    )


@staff_required(check=can_award)
@require_http_methods(["GET", "POST"])
def award_request_new(request, participant_pk):
    participant = participant_for(request.user, participant_pk)
    form = AwardRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            award_request_create(actor=request.user, participant=participant, **form.cleaned_data)
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return redirect("credentials:staff")
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                form.add_error(None, exc)
        else:
            messages.success(
                request, _("Recorded. A second staff member must approve it before it is issued.")
            )
            return redirect("credentials:staff")
    return render(
        request,
        "credentials/award_request_form.html",
        {"form": form, "participant": participant},
        status=400 if request.method == "POST" else 200,
    )


@staff_required(check=can_award)
def evidence(request, pk):
    """The uploaded certificate, to staff who may see the participant; never public."""
    award = get_object_or_404(award_requests_visible_to(request.user), pk=pk)
    if not can_view_evidence(request.user, award):
        raise PermissionDenied
    extension = award.evidence.name.rsplit(".", 1)[-1].lower()
    try:
        return private_file_response(award.evidence, f"certificate-{award.pk}.{extension}")
    except FileNotFoundError:
        raise Http404 from None


@require_POST
@staff_required(check=can_award)
def award_request_decide(request, pk):
    award = get_object_or_404(award_requests_visible_to(request.user), pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            award_request_approve(actor=request.user, request_pk=award.pk)
            messages.success(request, _("Approved and issued."))
        else:
            award_request_reject(actor=request.user, request_pk=award.pk)
            messages.success(request, _("Marked as not approved."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("credentials:staff")


@require_POST
@staff_required(check=can_award)
def revoke(request, public_id):
    credential = credentials_visible_to(request.user).filter(public_id=public_id).first()
    if credential is None:
        raise Http404
    if not can_revoke(request.user, credential):
        raise PermissionDenied
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason (it is kept internal)."))
        return redirect("credentials:staff")
    try:
        credential_revoke(actor=request.user, credential=credential, **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Revoked. Its public page now says so."))
    return redirect("credentials:staff")


@require_POST
@staff_required(check=can_award)
def rotate_key(request, slug):
    issuer = get_object_or_404(
        Issuer.objects.filter(organization__in=organizations_visible_to(request.user)), slug=slug
    )
    issuer_key_rotate(actor=request.user, issuer=issuer)
    messages.success(request, _("New signing key in use. Credentials signed before still verify."))
    return redirect("credentials:staff")
