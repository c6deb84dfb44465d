"""Staff views for participants, and the invitation link. Thin: rules live in services."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from lms.audit.services import audit_record
from lms.exports import spreadsheet_safe
from lms.hours.selectors import minutes_totals
from lms.panels import collect_panels
from lms.qr import qr_svg

from . import services
from .access import staff_required
from .forms import ParticipantForm, SetPasswordForm
from .messaging import invitation_text, sms_uri
from .models import Participant
from .selectors import (
    can_enroll,
    organizations_visible_to,
    participant_for,
    participants_visible_to,
)
from .signin import sign_in_after_password_set


@staff_required()
def participant_list(request):
    participants = participants_visible_to(request.user).select_related(
        "organization", "case_manager"
    )
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if query:
        participants = participants.filter(
            Q(preferred_name__icontains=query)
            | Q(legal_name__icontains=query)
            | Q(user__username__icontains=query)
        )
    if status in Participant.Status.values:
        participants = participants.filter(status=status)
    organizations = organizations_visible_to(request.user).filter(kind="partner")
    organization = request.GET.get("organization", "")
    if organization.isdigit():
        participants = participants.filter(organization__in=organizations.filter(pk=organization))
    page = Paginator(participants, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "people/participant_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "statuses": Participant.Status.choices,
            "organizations": organizations if len(organizations) > 1 else [],
            "organization": organization,
            "can_enroll": can_enroll(request.user),
        },
    )


@staff_required()
def participant_detail(request, pk):
    participant = participant_for(request.user, pk)
    return render(
        request,
        "people/participant_detail.html",
        {
            "participant": participant,
            "totals": minutes_totals(participant.hours_entries.all()),
            "invitation": participant.invitations.first(),
            "can_enroll": can_enroll(request.user),
            "panels": collect_panels("participant_detail_panels", request, participant),
        },
    )


@staff_required(can_enroll)
def participant_enroll(request):
    form = ParticipantForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organization = data.pop("organization")
        try:
            participant = services.participant_enroll(
                actor=request.user, organization=organization, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            invitation, raw = services.invitation_create(
                actor=request.user, participant=participant
            )
            request.session[f"invitation:{participant.pk}"] = raw
            messages.success(request, _("Enrolled. Give them the sign-in link below."))
            return redirect("staff:participant_invitation", pk=participant.pk)
    return render(request, "people/participant_form.html", {"form": form, "enrolling": True})


@staff_required(can_enroll)
def participant_edit(request, pk):
    participant = participant_for(request.user, pk)
    form = ParticipantForm(request.POST or None, instance=participant, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("staff:participant_detail", pk=participant.pk)
    return render(
        request,
        "people/participant_form.html",
        {"form": form, "participant": participant, "enrolling": False},
    )


@staff_required(can_enroll)
def participant_invitation(request, pk):
    """Show a just-created sign-in link once (with QR code); POST makes a new one."""
    participant = participant_for(request.user, pk)
    if request.method == "POST":
        _invitation, raw = services.invitation_create(actor=request.user, participant=participant)
        request.session[f"invitation:{participant.pk}"] = raw
        return redirect("staff:participant_invitation", pk=participant.pk)
    raw = request.session.pop(f"invitation:{participant.pk}", None)
    url = services.invitation_url(raw) if raw else None
    invitation = participant.invitations.first()
    message = invitation_text(participant, url, invitation.expires_at) if url else ""
    response = render(
        request,
        "people/participant_invitation.html",
        {
            "participant": participant,
            "url": url,
            "qr": qr_svg(url) if url else None,
            "invitation": invitation,
            "message": message,
            "sms": sms_uri(participant.phone, message) if url else None,
        },
    )
    # The link is shown once: never from a cache or the back button after sign-out.
    response["Cache-Control"] = "no-store"
    return response


@staff_required()
def participant_export(request):
    """CSV of the participants the user may see (no legal names or contacts leave by default)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="participants-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["id", "preferred_name", "organization", "case_manager", "status", "enrollment_date"]
    )
    rows = participants_visible_to(request.user).select_related("organization", "case_manager")
    count = 0
    for p in rows.iterator(chunk_size=500):
        count += 1
        writer.writerow(
            spreadsheet_safe(value)
            for value in (
                p.pk,
                p.preferred_name,
                p.organization.name,
                p.case_manager.username if p.case_manager else "",
                p.status,
                p.enrollment_date.isoformat(),
            )
        )
    audit_record(
        request.user,
        "participants.exported",
        organization=request.user.organization,
        message=f"Caseload CSV with {count} participants",
        changes={"format": "csv", "rows": count},
    )
    return response


@never_cache
def invitation_accept(request, token):
    """A participant opens their one-time link, sets a password and is signed in."""
    invitation = services.invitation_lookup(token)
    if invitation is None:
        return _invitation_response(render(request, "people/invitation_invalid.html", status=410))
    user = invitation.participant.user
    if request.user.is_authenticated and request.user.pk != user.pk:
        # Someone else is signed in here (often the case manager trying the link): setting
        # the password would sign them out and use up the participant's link.
        return _invitation_response(
            render(request, "people/invitation_signed_in.html", {"path": request.path})
        )
    form = SetPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                raw_token=token, password=form.cleaned_data["password1"]
            )
        except ValidationError:
            return _invitation_response(
                render(request, "people/invitation_invalid.html", status=410)
            )
        messages.success(
            request,
            _("Your password is set. Next time, sign in with your username: %(username)s")
            % {"username": user.username},
        )
        return sign_in_after_password_set(
            request, user, redirect_url=reverse("participant:dashboard")
        )
    return _invitation_response(
        render(request, "people/invitation_accept.html", {"form": form, "username": user.username})
    )


def _invitation_response(response):
    """The link's token is in the address: never send it to other sites as a referrer.

    ``same-origin`` (not ``no-referrer``): with no referrer at all Chromium posts
    ``Origin: null`` from the page and Django's CSRF check refuses the form and the
    language switch.
    """
    response["Referrer-Policy"] = "same-origin"
    return response
