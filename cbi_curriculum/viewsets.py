"""Read-only admin listings of CBI records, scoped like the rest of the site.

Groups, members and sessions are changed through the staff pages (their services keep the
rules); the admin lets partner and program admins browse and inspect what was recorded.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lms.people.roles import ADMIN_ROLES
from lms.people.selectors import participants_visible_to

from .models import Attendance, Group, GroupSession
from .selectors import groups_visible_to


class ReadOnlyForAdmins(ModelPermissionPolicy):
    """Partner and program admins may view; nobody adds, edits or deletes here."""

    def user_has_permission(self, user, action):
        return action == "view" and getattr(user, "role", None) in ADMIN_ROLES

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def scoped(model, user):
    groups = groups_visible_to(user)
    if model is Group:
        return Group.objects.filter(pk__in=groups.values("pk"))
    if model is GroupSession:
        return GroupSession.objects.filter(group__in=groups)
    return Attendance.objects.filter(
        Q(session__group__in=groups) | Q(participant__in=participants_visible_to(user))
    )


class ScopedIndexView(IndexView):
    def get_base_queryset(self):
        return scoped(self.model, self.request.user)


class ScopedInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(scoped(self.model, self.request.user), pk=self.pk)


class ReadOnlyViewSet(ModelViewSet):
    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView
    inspect_view_enabled = True
    add_to_admin_menu = False
    exclude_form_fields: list = []


class GroupViewSet(ReadOnlyViewSet):
    model = Group
    icon = "group"
    list_display = ["name", "organization", "weekday", "start_time", "enrollment", "capacity"]
    list_filter = ["enrollment", "is_active"]


class GroupSessionViewSet(ReadOnlyViewSet):
    model = GroupSession
    icon = "date"
    list_display = ["__str__", "scheduled_start", "status", "length_minutes"]
    list_filter = ["status"]


class AttendanceViewSet(ReadOnlyViewSet):
    model = Attendance
    icon = "tick"
    list_display = ["session", "participant", "status", "credited_minutes", "is_makeup"]
    list_filter = ["status", "is_makeup"]
    inspect_view_fields = [
        "session",
        "participant",
        "status",
        "arrived_at",
        "left_at",
        "minutes",
        "credited_minutes",
        "homework_done",
        "is_makeup",
        "updated_at",
    ]


class CbiViewSetGroup(ViewSetGroup):
    menu_label = _("Group curriculum")
    menu_icon = "group"
    items = (
        GroupViewSet("cbi_groups"),
        GroupSessionViewSet("cbi_sessions"),
        AttendanceViewSet("cbi_attendance"),
    )


for _model in (Group, GroupSession, Attendance):
    register_permission_policy(_model, ReadOnlyForAdmins(_model))
