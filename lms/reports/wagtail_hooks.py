from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from lms.panels import NavItem

from .metrics import METRICS_HOOK
from .providers import hours_metrics, participant_metrics
from .selectors import can_view_reports

# Core figures first: plugins register at the default order (0).
hooks.register(METRICS_HOOK, participant_metrics, order=-20)
hooks.register(METRICS_HOOK, hours_metrics, order=-10)


@hooks.register("staff_nav_items")
def reports_nav(request):
    if not can_view_reports(request.user):
        return []
    return [NavItem(_("Reports"), reverse("reports:dashboard"), order=80)]
