"""Staff report pages: the dashboard, the people behind a figure, the quarterly export."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lms.audit.services import audit_record
from lms.people.access import staff_required
from lms.people.models import Organization
from lms.people.roles import Role
from lms.people.selectors import organizations_visible_to

from .app_settings import app_settings
from .dashboard import dashboard_charts
from .exports import report_csv, report_filename, report_xlsx
from .forms import ReportRangeForm
from .periods import preset_periods
from .selectors import (
    SuppressedFigure,
    can_view_reports,
    report_build,
    report_organization,
    report_people,
)


def _range_form(request) -> ReportRangeForm:
    organizations = None
    if request.user.role == Role.PROGRAM_ADMIN:
        organizations = organizations_visible_to(request.user).filter(
            kind=Organization.Kind.PARTNER
        )
    return ReportRangeForm(request.GET, organizations=organizations)


def _query(form) -> str:
    data = form.cleaned_data
    params = {"start": data["start"].isoformat(), "end": data["end"].isoformat()}
    if data.get("organization"):
        params["organization"] = data["organization"]
    return urlencode(params)


def _organization(request, form) -> Organization | None:
    """The chosen partner; a partner admin naming any other than their own gets a 404."""
    slug = form.cleaned_data.get("organization") or request.GET.get("organization")
    return report_organization(request.user, slug)


@staff_required(check=can_view_reports)
def dashboard(request):
    form = _range_form(request)
    context = {
        "form": form,
        "presets": preset_periods(timezone.localdate()),
        "suppress_below": app_settings.SUPPRESS_BELOW,
    }
    if form.is_valid():
        organization = _organization(request, form)
        report = report_build(
            request.user,
            organization,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
        context.update(report=report, charts=dashboard_charts(report), query=_query(form))
    status = 200 if form.is_valid() else 400
    return render(request, "reports/dashboard.html", context, status=status)


@staff_required(check=can_view_reports)
def people(request):
    form = _range_form(request)
    if not form.is_valid():
        return render(request, "reports/dashboard.html", {"form": form}, status=400)
    organization = _organization(request, form)
    context = {"query": _query(form), "start": form.cleaned_data["start"]}
    context["end"] = form.cleaned_data["end"]
    try:
        row, column, participants = report_people(
            request.user,
            organization,
            column=request.GET.get("column", ""),
            key=request.GET.get("metric", ""),
            group=request.GET.get("group", ""),
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
    except SuppressedFigure:
        return render(request, "reports/people_suppressed.html", context, status=403)
    page = Paginator(participants, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context.update(row=row, column=column, page=page, page_query=params.urlencode())
    return render(request, "reports/people.html", context)


@staff_required(check=can_view_reports)
def export(request, fmt):
    form = _range_form(request)
    if not form.is_valid():
        return render(request, "reports/dashboard.html", {"form": form}, status=400)
    organization = _organization(request, form)
    report = report_build(
        request.user,
        organization,
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
        suppress_small=True,
    )
    if fmt == "xlsx":
        response = HttpResponse(
            report_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(report, fmt)}"'
    audit_record(
        request.user,
        "reports.exported",
        organization=organization or request.user.organization,
        message=f"Quarterly report {fmt} {report.start.isoformat()}..{report.end.isoformat()}",
    )
    return response
