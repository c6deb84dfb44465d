"""Site-level views: where each person lands, the staff home and the participant dashboard."""

from django.shortcuts import redirect, render
from django.utils import timezone

from lms.hours.selectors import hours_by_week, pending_hours_visible_to
from lms.panels import collect_panels
from lms.people.access import participant_required, staff_required
from lms.people.roles import Role
from lms.people.selectors import participants_visible_to


def home_for_user(request):
    """After sign-in: participants to their dashboard, staff to theirs."""
    user = request.user
    if not user.is_authenticated:
        return redirect("account_login")
    if user.role == Role.PARTICIPANT:
        return redirect("participant:dashboard")
    if user.is_staff_role:
        return redirect("staff:home")
    if user.is_superuser:
        return redirect("wagtailadmin_home")
    return redirect("/")


@participant_required
def participant_dashboard(request):
    participant = request.participant
    this_week = hours_by_week(participant, weeks=1, today=timezone.localdate())[0]
    return render(
        request,
        "lms/participant_dashboard.html",
        {
            "participant": participant,
            "this_week": this_week,
            "panels": collect_panels("participant_dashboard_panels", request, participant),
        },
    )


@staff_required()
def staff_home(request):
    participants = participants_visible_to(request.user)
    return render(
        request,
        "lms/staff_home.html",
        {
            "participant_count": participants.count(),
            "active_count": participants.filter(status="active").count(),
            "pending_count": pending_hours_visible_to(request.user).count(),
        },
    )
