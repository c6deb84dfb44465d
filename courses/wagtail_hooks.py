"""Everything courses registers with Wagtail: the H5P admin, dashboard panels, nav, metrics."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.documents import DOCUMENT_ACCESS_HOOK, pages_holding
from lms.orphans import OWNERS_HOOK, FileOwner
from lms.panels import NavItem, Panel
from lms.people.selectors import is_staff
from lms.reports.metrics import METRICS_HOOK

from . import selectors
from .app_settings import app_settings
from .forms import H5PPackageForm
from .metrics import course_metrics
from .models import H5PPackage, ModulePage
from .permissions import can_download_module_document


class H5PPackageViewSet(SnippetViewSet):
    model = H5PPackage
    icon = "pick"
    menu_label = _("H5P packages")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["title", "main_library", "license", "file_count", "created_at"]
    search_fields = ["title", "main_library"]

    edit_handler = ObjectList(
        [FieldPanel("package"), FieldPanel("title")], base_form_class=H5PPackageForm
    )


register_snippet(H5PPackageViewSet)


def progress_panel(request, participant, *, is_self):
    return Panel(
        template="courses/progress_panel.html",
        context={
            "participant": participant,
            "rows": selectors.course_progress_for(participant),
            "week": selectors.module_minutes_this_week(participant),
            "is_self": is_self,
        },
        order=20,
    )


@hooks.register("participant_dashboard_panels")
def courses_dashboard_panel(request, participant):
    return progress_panel(request, participant, is_self=True)


@hooks.register("participant_detail_panels")
def courses_detail_panel(request, participant):
    return progress_panel(request, participant, is_self=False)


@hooks.register("staff_nav_items")
def courses_staff_nav(request):
    if not is_staff(request.user):
        return []
    return [NavItem(label=_("Courses"), url=reverse("courses:staff_courses"), order=40)]


hooks.register(METRICS_HOOK, course_metrics)


@hooks.register(DOCUMENT_ACCESS_HOOK)
def module_document_access(user, document):
    """A document a live module uses: enrolled participants and staff only."""
    modules = list(pages_holding(document, ModulePage).only("pk", "path"))
    if not modules:
        return None
    return can_download_module_document(user, modules)


@hooks.register(OWNERS_HOOK)
def h5p_files():
    """Unpacked package folders (h5p/<archive hash>/...) are owned while their package exists."""
    prefix = app_settings.H5P_STORAGE_PREFIX

    def kept(names):
        hashes = {name.split("/")[1] for name in names if name.count("/") >= 2}
        owned = set(
            H5PPackage.objects.filter(content_hash__in=hashes).values_list(
                "content_hash", flat=True
            )
        )
        return {name for name in names if name.count("/") >= 2 and name.split("/")[1] in owned}

    return [FileOwner("H5P package file", "default", prefix, kept)]
