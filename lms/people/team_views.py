"""Admins manage their organization's staff: add accounts and change roles (audited)."""

from allauth.account.forms import ResetPasswordForm
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .access import staff_required
from .selectors import can_view_audit, organizations_visible_to, staff_visible_to
from .team_forms import RoleForm, StaffCreateForm


@staff_required(can_view_audit)
def team(request):
    staff = (
        staff_visible_to(request.user)
        .select_related("organization")
        .order_by("organization__name", "role", "username")
    )
    return render(
        request,
        "people/team.html",
        {"staff": staff, "role_form": RoleForm(actor=request.user)},
    )


@staff_required(can_view_audit)
def team_add(request):
    organizations = organizations_visible_to(request.user)
    form = StaffCreateForm(request.POST or None, actor=request.user, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            user = services.staff_create(actor=request.user, **data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error)
        else:
            reset = ResetPasswordForm({"email": user.email})
            if reset.is_valid():
                reset.save(request)
            messages.success(request, _("Account added. A link to set a password was emailed."))
            return redirect("staff:team")
    return render(request, "people/team_add.html", {"form": form})


@require_POST
@staff_required(can_view_audit)
def team_role(request, pk):
    member = staff_visible_to(request.user).filter(pk=pk).first()
    if member is None:
        raise Http404
    form = RoleForm(request.POST, actor=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles in the list."))
    elif member == request.user:
        messages.error(request, _("You cannot change your own role."))
    else:
        try:
            services.role_assign(
                actor=request.user,
                user=member,
                role=form.cleaned_data["role"],
                organization=member.organization,
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Role changed."))
    return redirect("staff:team")
