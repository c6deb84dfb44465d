"""Hours: staff approve pending rows and add corrections; participants see theirs by week."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lms.people.access import participant_required, staff_required
from lms.people.selectors import can_decide_hours
from lms.submissions import ALREADY_SAVED, AlreadySubmitted

from . import services
from .forms import CorrectionForm, DecisionForm
from .selectors import hours_by_week, hours_visible_to, pending_hours_visible_to


@staff_required()
def pending(request):
    entries = pending_hours_visible_to(request.user)[:200]
    return render(
        request,
        "hours/pending.html",
        {"entries": entries, "can_decide": can_decide_hours(request.user)},
    )


@require_POST
@staff_required(can_decide_hours)
def decide(request):
    form = DecisionForm(request.POST, queryset=pending_hours_visible_to(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose at least one row, then approve or reject."))
        return redirect("staff:hours_pending")
    approve = form.cleaned_data["decision"] == "approve"
    done = 0
    for entry in form.cleaned_data["entries"]:
        try:
            services.hours_decide(
                actor=request.user, entry=entry, approve=approve, note=form.cleaned_data["note"]
            )
            done += 1
        except ValidationError:
            continue  # decided meanwhile by someone else: nothing to do
    messages.success(
        request,
        ngettext("%(count)d row decided.", "%(count)d rows decided.", done) % {"count": done},
    )
    return redirect("staff:hours_pending")


@staff_required(can_decide_hours)
def correct(request, pk):
    entry = get_object_or_404(hours_visible_to(request.user).select_related("participant"), pk=pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = redirect("staff:participant_detail", pk=entry.participant_id)
        try:
            services.hours_correct(actor=request.user, entry=entry, **form.cleaned_data)
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return done
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errs in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Correction added."))
            return done
    status = 400 if form.is_bound and form.non_field_errors() else 200
    return render(request, "hours/correct.html", {"entry": entry, "form": form}, status=status)


@participant_required
def my_hours(request):
    weeks = hours_by_week(request.participant, today=timezone.localdate())
    return render(request, "hours/my_hours.html", {"weeks": weeks})
