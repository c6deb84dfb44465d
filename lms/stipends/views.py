"""Stipend pages: staff run, review, approve and export periods; record employment; participants
see what they are on track to receive. Views stay thin: services write, selectors read."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lms.audit.services import audit_record
from lms.people.access import participant_required, staff_required
from lms.people.selectors import participant_for
from lms.submissions import ALREADY_SAVED, AlreadySubmitted

from . import employment, exports, permissions, selectors, services
from .forms import (
    IncentiveRuleForm,
    JobPlacementForm,
    PolicyForm,
    RetentionCheckForm,
    TimesheetForm,
    TimesheetImportForm,
    WorksitePlacementForm,
)
from .models import IncentiveRule, JobPlacement, PayPeriod, StipendPolicy, WorksitePlacement
from .timesheet_import import timesheets_check, timesheets_import


def _form_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _current_period(*, save=False):
    find = services.pay_period_for if save else services.pay_period_dates
    try:
        return find(timezone.localdate())
    except ValidationError:
        return None


# --- Periods and statements ------------------------------------------------------------


@staff_required(permissions.can_run_statements)
def period_list(request):
    organizations = list(selectors.partner_organizations_visible_to(request.user))
    if not organizations:
        raise PermissionDenied
    slug = request.GET.get("org") or organizations[0].slug
    organization = next((o for o in organizations if o.slug == slug), None)
    if organization is None:
        raise Http404("No such organization.")
    current = _current_period()
    periods = selectors.recent_periods(timezone.localdate())
    return render(
        request,
        "stipends/period_list.html",
        {
            "organizations": organizations,
            "organization": organization,
            "current": current,
            "periods": selectors.periods_overview(request.user, organization, periods),
            "has_policy": StipendPolicy.objects.exists(),
        },
    )


@require_POST
@staff_required(permissions.can_run_statements)
def period_run(request, pk, org):
    period = get_object_or_404(PayPeriod, pk=pk)
    organization = selectors.organization_for(request.user, org)
    try:
        counts = services.statement_run(
            period=period, organization=organization, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Period computed: %(created)d new, %(updated)d changed, %(unchanged)d unchanged, "
                "%(locked)d already approved."
            )
            % counts,
        )
    return redirect("stipends:period_detail", pk=period.pk, org=organization.slug)


@require_POST
@staff_required(permissions.can_run_statements)
def current_period_run(request, org):
    period = _current_period(save=True)
    if period is None:
        messages.error(request, _("There is no stipend policy in force yet."))
        return redirect("stipends:periods")
    return period_run(request, pk=period.pk, org=org)


@staff_required(permissions.can_run_statements)
def period_detail(request, pk, org):
    period = get_object_or_404(PayPeriod, pk=pk)
    organization = selectors.organization_for(request.user, org)
    statements = selectors.period_statements(request.user, period, organization)
    return render(
        request,
        "stipends/period_detail.html",
        {
            "period": period,
            "organization": organization,
            "statements": statements,
            "totals": selectors.period_totals(statements),
            "can_approve": permissions.can_approve(request.user),
            "can_review": permissions.can_review(request.user),
        },
    )


@require_POST
@staff_required(permissions.can_review)
def period_review_all(request, pk, org):
    period = get_object_or_404(PayPeriod, pk=pk)
    organization = selectors.organization_for(request.user, org)
    done = services.statements_review_all(
        actor=request.user, period=period, organization=organization
    )
    messages.success(
        request,
        ngettext("%(count)d statement reviewed.", "%(count)d statements reviewed.", done)
        % {"count": done},
    )
    return redirect("stipends:period_detail", pk=period.pk, org=organization.slug)


@require_POST
@staff_required(permissions.can_approve)
def period_approve_all(request, pk, org):
    period = get_object_or_404(PayPeriod, pk=pk)
    organization = selectors.organization_for(request.user, org)
    done, problems = services.statements_approve_all(
        actor=request.user, period=period, organization=organization
    )
    messages.success(
        request,
        ngettext(
            "%(count)d statement approved and locked.",
            "%(count)d statements approved and locked.",
            done,
        )
        % {"count": done},
    )
    for problem in problems[:10]:
        messages.error(request, problem)
    return redirect("stipends:period_detail", pk=period.pk, org=organization.slug)


@staff_required(permissions.can_run_statements)
def statement_detail(request, pk):
    statement = selectors.statement_for(request.user, pk)
    return render(
        request,
        "stipends/statement_detail.html",
        {
            "statement": statement,
            "lines": selectors.statement_lines(statement),
            "can_review": permissions.can_review(request.user),
            "can_approve": permissions.can_approve(request.user)
            and statement.reviewed_by_id != request.user.pk,
        },
    )


@require_POST
@staff_required(permissions.can_run_statements)
def statement_decide(request, pk):
    statement = selectors.statement_for(request.user, pk)
    action = request.POST.get("action")
    service = {"review": services.statement_review, "approve": services.statement_approve}.get(
        action
    )
    if service is None:
        messages.error(request, _("Choose review or approve."))
    else:
        try:
            service(actor=request.user, statement=statement)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Statement reviewed.") if action == "review" else _("Statement approved."),
            )
    return redirect("stipends:statement_detail", pk=statement.pk)


@staff_required(permissions.can_run_statements)
def period_export(request, pk, org, fmt):
    period = get_object_or_404(PayPeriod, pk=pk)
    organization = selectors.organization_for(request.user, org)
    statements = list(selectors.approved_statements_for_export(request.user, period, organization))
    name = f"stipends-{organization.slug}-{period.start.isoformat()}"
    if fmt == "csv":
        response = HttpResponse(exports.statements_csv(statements), content_type="text/csv")
    else:
        response = HttpResponse(
            exports.statements_xlsx(statements),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    audit_record(
        request.user,
        "stipends.exported",
        organization=organization,
        obj=period,
        message=f"Payroll {fmt} for pay period #{period.pk}: {len(statements)} statements",
        changes={"format": fmt, "rows": len(statements)},
    )
    return response


# --- Policy -------------------------------------------------------------------------


@staff_required(permissions.can_run_statements)
def policy(request):
    can_edit = permissions.can_set_policy(request.user)
    policy_form = PolicyForm(prefix="policy")
    rule_form = IncentiveRuleForm(prefix="rule")
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if "policy-effective_from" in request.POST:
            policy_form = PolicyForm(request.POST, prefix="policy")
            if policy_form.is_valid():
                try:
                    services.stipend_policy_create(actor=request.user, **policy_form.cleaned_data)
                except AlreadySubmitted:
                    messages.info(request, ALREADY_SAVED)
                    return redirect("stipends:policy")
                except ValidationError as error:
                    _form_errors(policy_form, error)
                else:
                    messages.success(request, _("The new policy version is saved."))
                    return redirect("stipends:policy")
        else:
            rule_form = IncentiveRuleForm(request.POST, prefix="rule")
            if rule_form.is_valid():
                try:
                    services.incentive_rule_create(actor=request.user, **rule_form.cleaned_data)
                except AlreadySubmitted:
                    messages.info(request, ALREADY_SAVED)
                    return redirect("stipends:policy")
                except ValidationError as error:
                    _form_errors(rule_form, error)
                else:
                    messages.success(request, _("The incentive is saved."))
                    return redirect("stipends:policy")
    return render(
        request,
        "stipends/policy.html",
        {
            "policies": StipendPolicy.objects.all()[:20],
            "rules": IncentiveRule.objects.all(),
            "can_edit": can_edit,
            "policy_form": policy_form,
            "rule_form": rule_form,
        },
    )


# --- Employment ------------------------------------------------------------------------


@staff_required(permissions.can_record_employment)
def employment_detail(request, pk):
    participant = participant_for(request.user, pk)
    forms = {
        "job": JobPlacementForm(prefix="job"),
        "worksite": WorksitePlacementForm(prefix="worksite"),
        "retention": RetentionCheckForm(prefix="retention"),
        "timesheet": TimesheetForm(prefix="timesheet"),
    }
    if request.method == "POST":
        which = request.POST.get("form")
        handler = {
            "job": _job_post,
            "worksite": _worksite_post,
            "retention": _retention_post,
            "timesheet": _timesheet_post,
        }.get(which)
        if handler is None:
            raise Http404("Unknown form.")
        form, ok = handler(request, participant)
        if ok:
            return redirect("stipends:employment", pk=participant.pk)
        forms[which] = form
    return render(
        request,
        "stipends/employment.html",
        {"participant": participant, **selectors.employment_of(participant), "forms": forms},
    )


def _job_post(request, participant):
    form = JobPlacementForm(request.POST, prefix="job")
    if form.is_valid():
        try:
            employment.job_placement_record(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return form, True
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Job placement recorded."))
            return form, True
    return form, False


def _worksite_post(request, participant):
    form = WorksitePlacementForm(request.POST, prefix="worksite")
    if form.is_valid():
        try:
            employment.worksite_placement_record(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return form, True
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Worksite placement recorded."))
            return form, True
    return form, False


def _retention_post(request, participant):
    form = RetentionCheckForm(request.POST, prefix="retention")
    placement = JobPlacement.objects.filter(
        participant=participant, pk=request.POST.get("placement")
    ).first()
    if placement is None:
        form.is_valid()
        form.add_error(None, _("Choose the job this check is for."))
        return form, False
    if form.is_valid():
        try:
            employment.retention_check_record(
                actor=request.user, placement=placement, **form.cleaned_data
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return form, True
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Retention check recorded."))
            return form, True
    return form, False


def _timesheet_post(request, participant):
    form = TimesheetForm(request.POST, prefix="timesheet")
    placement = WorksitePlacement.objects.filter(
        participant=participant, pk=request.POST.get("placement")
    ).first()
    if placement is None:
        form.is_valid()
        form.add_error(None, _("Choose the worksite this timesheet is for."))
        return form, False
    if form.is_valid():
        try:
            _timesheet, created = employment.timesheet_record(
                actor=request.user,
                placement=placement,
                week_start=form.cleaned_data["week_start"],
                minutes=form.minutes(),
                submission=form.cleaned_data["submission"],
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return form, True
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Timesheet saved; its hours are in the ledger.")
                if created
                else _("This timesheet was already saved."),
            )
            return form, True
    return form, False


@staff_required(permissions.can_record_employment)
def timesheet_import(request):
    form = TimesheetImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read(2_000_001)
        if request.POST.get("commit") == "yes":
            report = timesheets_import(actor=request.user, content=content)
            if not report.has_errors:
                messages.success(
                    request,
                    ngettext(
                        "%(saved)d timesheet saved, %(same)d already saved before.",
                        "%(saved)d timesheets saved, %(same)d already saved before.",
                        report.saved,
                    )
                    % {"saved": report.saved, "same": report.duplicate_count},
                )
        else:
            report = timesheets_check(actor=request.user, content=content)
    return render(request, "stipends/timesheet_import.html", {"form": form, "report": report})


# --- Participants ----------------------------------------------------------------------


def participant_overview(participant, today: date) -> dict:
    period = _current_period()
    policy = services.policy_in_force(today)
    return {
        "estimate": selectors.participant_estimate(participant, period, policy)
        if period and policy
        else None,
        "last_statement": selectors.latest_approved_statement(participant),
        "incentives": selectors.incentives_overview(participant, today),
    }


@participant_required
def my_stipend(request):
    return render(
        request,
        "stipends/my_stipend.html",
        participant_overview(request.participant, timezone.localdate()),
    )
