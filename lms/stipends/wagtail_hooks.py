"""Stipends plug into the participant dashboard, the staff participant page, the navigation
and the program reports."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from lms.panels import NavItem, Panel
from lms.reports.metrics import METRICS_HOOK

from . import permissions
from .metrics import stipend_metrics
from .models import MilestoneReached
from .selectors import latest_approved_statement
from .views import participant_overview


@hooks.register("participant_dashboard_panels")
def stipend_dashboard_panel(request, participant):
    return Panel(
        template="stipends/panel_participant.html",
        context=participant_overview(participant, timezone.localdate()),
        order=30,
    )


@hooks.register("participant_detail_panels")
def stipend_staff_panel(request, participant):
    if not permissions.can_run_statements(request.user):
        return None
    return Panel(
        template="stipends/panel_staff.html",
        context={
            "participant": participant,
            "last_statement": latest_approved_statement(participant),
            "milestones": list(MilestoneReached.objects.filter(participant=participant)),
            "can_record": permissions.can_record_employment(request.user),
        },
        order=40,
    )


@hooks.register("participant_nav_items")
def stipend_participant_nav(request):
    return [NavItem(label=_("My stipend"), url=reverse("stipends:my_stipend"), order=30)]


@hooks.register("staff_nav_items")
def stipend_staff_nav(request):
    if not permissions.can_run_statements(request.user):
        return []
    return [NavItem(label=_("Stipends"), url=reverse("stipends:periods"), order=40)]


hooks.register(METRICS_HOOK, stipend_metrics)
