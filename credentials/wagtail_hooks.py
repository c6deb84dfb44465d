"""Admin registration and the hooks through which lms shows credentials."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.orphans import OWNERS_HOOK, FileOwner, field_owner
from lms.panels import NavItem, Panel
from lms.people.selectors import is_staff, participant_of
from lms.reports.metrics import METRICS_HOOK

from .metrics import credential_metrics
from .models import EVIDENCE_FOLDER, Achievement, AwardRequest, Issuer
from .permissions import can_award, can_award_to
from .selectors import wallet_credentials


class AchievementViewSet(SnippetViewSet):
    model = Achievement
    icon = "pick"
    menu_label = _("Achievements")
    list_display = ["name", "achievement_type", "sector", "defining_body"]
    list_filter = ["achievement_type", "sector"]
    search_fields = ["name"]


register_snippet(AchievementViewSet)


class IssuerViewSet(SnippetViewSet):
    """Issuer Profiles: the public name, website, e-mail and image; keys are never shown."""

    model = Issuer
    icon = "group"
    menu_label = _("Issuers")
    list_display = ["name", "organization", "url"]
    panels = [
        FieldPanel("organization"),
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("email"),
        FieldPanel("image"),
    ]


register_snippet(IssuerViewSet)


@hooks.register("participant_nav_items")
def wallet_nav(request):
    if participant_of(request.user) is None:
        return []
    return [NavItem(_("My credentials"), reverse("credentials:wallet"), order=60)]


@hooks.register("staff_nav_items")
def staff_nav(request):
    if not can_award(request.user):
        return []
    return [NavItem(_("Credentials"), reverse("credentials:staff"), order=40)]


@hooks.register("participant_dashboard_panels")
def wallet_panel(request, participant):
    credentials = list(wallet_credentials(participant)[:1])
    count = wallet_credentials(participant).count() if credentials else 0
    return Panel(
        template="credentials/panel_wallet.html",
        context={"count": count, "latest": credentials[0] if credentials else None},
        order=40,
    )


@hooks.register("participant_detail_panels")
def staff_panel(request, participant):
    if not is_staff(request.user):
        return None
    return Panel(
        template="credentials/panel_staff.html",
        context={
            "participant": participant,
            "credentials": list(wallet_credentials(participant)[:20]),
            "can_award": can_award_to(request.user, participant),
        },
        order=40,
    )


hooks.register(METRICS_HOOK, credential_metrics)


@hooks.register(OWNERS_HOOK)
def evidence_files():
    return [
        field_owner("credential evidence", "private", EVIDENCE_FOLDER, AwardRequest, "evidence"),
        # Where evidence lived before it moved to the private storage: nothing owns it now.
        FileOwner("old public evidence", "default", "private", lambda names: set()),
    ]
