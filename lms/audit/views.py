from django.core.paginator import Paginator
from django.shortcuts import render

from lms.people.access import staff_required
from lms.people.selectors import can_view_audit

from .selectors import audit_events_visible_to


@staff_required(can_view_audit)
def audit_list(request):
    events = audit_events_visible_to(request.user)
    action = request.GET.get("action", "")
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "audit/audit_list.html", {"page": page, "action": action})
