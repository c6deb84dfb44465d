"""Read-only Wagtail admin viewsets whose every query goes through a scoping selector.

Records with rules (enrollment, the ledger) are written only through their services and staff
pages; the admin lists and inspects them within the viewer's scope.
"""

from django.http import Http404
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from lms.people.selectors import is_staff


class StaffReadOnlyPolicy(BasePermissionPolicy):
    """Staff roles may view (within their scope); nobody adds, edits or deletes here."""

    def user_has_permission(self, user, action):
        return action == "view" and is_staff(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model._default_manager.none()


class ScopedIndexView(IndexView):
    scope = None  # a selector: fn(user) -> QuerySet

    def get_base_queryset(self):
        queryset = type(self).scope(self.request.user)
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        return queryset

    list_select_related = ()


class ScopedInspectView(InspectView):
    scope = None

    def get_object(self, queryset=None):
        obj = type(self).scope(self.request.user).filter(pk=self.pk).first()
        if obj is None:
            raise Http404
        return obj


class ScopedReadOnlyViewSet(ModelViewSet):
    """Index and inspect only, scoped by ``scope`` (a selector taking the user)."""

    scope = None
    list_select_related = ()
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list = []  # nothing is edited here

    @property
    def index_view_class(self):
        return type(
            "ScopedIndex",
            (ScopedIndexView,),
            {"scope": staticmethod(self.scope), "list_select_related": self.list_select_related},
        )

    @property
    def inspect_view_class(self):
        return type("ScopedInspect", (ScopedInspectView,), {"scope": staticmethod(self.scope)})
