from django.urls import reverse
from django.utils.translation import gettext as _

from lms.panels import NavItem, collect_nav
from lms.people.roles import ADMIN_ROLES, STAFF_ROLES, Role


def navigation(request):
    """The top navigation for the signed-in person's role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    if user.role == Role.PARTICIPANT:
        items = [
            NavItem(_("My dashboard"), reverse("participant:dashboard"), order=0),
            NavItem(_("My hours"), reverse("participant:hours"), order=50),
        ]
        items += collect_nav("participant_nav_items", request)
    elif user.role in STAFF_ROLES:
        items = [
            NavItem(_("Staff home"), reverse("staff:home"), order=0),
            NavItem(_("Participants"), reverse("staff:participants"), order=10),
            NavItem(_("Hours"), reverse("staff:hours_pending"), order=20),
        ]
        if user.role in ADMIN_ROLES:
            items.append(NavItem(_("Team"), reverse("staff:team"), order=80))
            items.append(NavItem(_("Audit trail"), reverse("staff:audit"), order=90))
        items += collect_nav("staff_nav_items", request)
    else:
        items = []
    return {"nav_items": sorted(items, key=lambda item: item.order)}
