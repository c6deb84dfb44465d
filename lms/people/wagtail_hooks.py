from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from lms.admin_views import ScopedReadOnlyViewSet, StaffReadOnlyPolicy

from .models import Organization, Participant
from .selectors import organizations_visible_to, participants_visible_to

register_permission_policy(Organization, StaffReadOnlyPolicy(Organization))
register_permission_policy(Participant, StaffReadOnlyPolicy(Participant))


class OrganizationViewSet(ScopedReadOnlyViewSet):
    model = Organization
    scope = staticmethod(organizations_visible_to)
    icon = "group"
    menu_label = _("Organizations")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "kind", "website"]
    inspect_view_fields = ["name", "short_name", "kind", "website", "email", "phone"]


class ParticipantViewSet(ScopedReadOnlyViewSet):
    model = Participant
    scope = staticmethod(participants_visible_to)
    icon = "user"
    menu_label = _("Participants")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["preferred_name", "organization", "status", "enrollment_date"]
    list_filter = ["status"]
    list_select_related = ("organization",)
    search_fields = ["preferred_name", "legal_name"]
    inspect_view_fields = [
        "preferred_name",
        "legal_name",
        "organization",
        "case_manager",
        "status",
        "enrollment_date",
        "preferred_language",
    ]


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return [
        OrganizationViewSet("organizations"),
        ParticipantViewSet("participants"),
    ]
