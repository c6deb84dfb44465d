"""CBI's contributions to the shared pages: nav items, dashboard and detail panels, metrics."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from lms.documents import DOCUMENT_ACCESS_HOOK
from lms.panels import NavItem, Panel
from lms.people.roles import Role
from lms.reports.metrics import METRICS_HOOK

from .metrics import cbi_metrics
from .permissions import can_download_handout
from .selectors import curriculum_records, lessons_holding_document
from .views import participant_summary
from .viewsets import CbiViewSetGroup


@hooks.register("staff_nav_items")
def staff_nav(request):
    return [NavItem(_("Group sessions"), reverse("cbi_curriculum:home"), order=30)]


@hooks.register("participant_nav_items")
def participant_nav(request):
    return [NavItem(_("My group"), reverse("cbi_curriculum:my_group"), order=30)]


@hooks.register("participant_dashboard_panels")
def dashboard_panel(request, participant):
    summary = participant_summary(participant)
    if summary["membership"] is None and not summary["records"]:
        return None
    return Panel("cbi_curriculum/panels/dashboard.html", summary, order=30)


@hooks.register("participant_detail_panels")
def detail_panel(request, participant):
    """Shown to staff who already passed participant_for's scope check."""
    if request.user.role not in (
        Role.CASE_MANAGER,
        Role.PARTNER_ADMIN,
        Role.PROGRAM_ADMIN,
        Role.FACILITATOR,
    ):
        return None
    return Panel(
        "cbi_curriculum/panels/detail.html",
        {
            "records": curriculum_records(participant),
            "url": reverse("cbi_curriculum:participant_record", args=[participant.pk]),
        },
        order=30,
    )


hooks.register(METRICS_HOOK, cbi_metrics)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CbiViewSetGroup()


@hooks.register(DOCUMENT_ACCESS_HOOK)
def handout_access(user, document):
    """A document a live lesson uses is licensed curriculum material: its groups' people only."""
    lessons = lessons_holding_document(document)
    if not lessons:
        return None
    return can_download_handout(user, lessons)
