from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from lms.admin_views import ScopedReadOnlyViewSet, StaffReadOnlyPolicy

from .models import HoursEntry
from .selectors import hours_visible_to

register_permission_policy(HoursEntry, StaffReadOnlyPolicy(HoursEntry))


class HoursEntryViewSet(ScopedReadOnlyViewSet):
    """The ledger in the admin: read-only; decisions and corrections happen on staff pages."""

    model = HoursEntry
    scope = staticmethod(hours_visible_to)
    icon = "time"
    menu_label = _("Hours ledger")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["participant", "date", "kind", "minutes", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ("participant",)
    inspect_view_fields = [
        "participant",
        "date",
        "kind",
        "minutes",
        "status",
        "source",
        "decided_by",
        "decided_at",
        "note",
        "corrects",
    ]


@hooks.register("register_admin_viewset")
def register_hours_viewset():
    return HoursEntryViewSet("hours_ledger")
