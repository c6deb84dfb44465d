"""View guards. Scope itself comes from the selectors; these only check who may open a view."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .selectors import is_staff, participant_of


def staff_required(check=is_staff):
    """Signed-in staff who pass ``check``; others get 403 (anonymous: the sign-in page)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def participant_required(view):
    """Signed-in participants; the view receives their record as ``request.participant``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        participant = participant_of(request.user)
        if participant is None:
            raise PermissionDenied
        request.participant = participant
        return view(request, *args, **kwargs)

    return wrapper
