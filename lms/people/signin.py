"""One door for signing in: allauth's. Other login and reset routes lead there.

allauth's sign-in records how the session authenticated and runs the MFA step for staff;
Wagtail's own login view (``/cms/login/``), its front-end login (``/_util/login/``) and its
admin password reset would log a person in (or set a password) without either.
"""

from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode


def to_sign_in(request, *args, **kwargs):
    """Wagtail's login routes: allauth's sign-in, keeping where the person was going."""
    url = reverse("account_login")
    next_url = request.GET.get(REDIRECT_FIELD_NAME)
    if next_url:
        # allauth checks that the address is on this site before following it.
        url += "?" + urlencode({REDIRECT_FIELD_NAME: next_url})
    return HttpResponseRedirect(url)


def to_password_reset(request, *args, **kwargs):
    """Wagtail's admin password reset: allauth's (rate-limited, no sign-in at the end)."""
    return HttpResponseRedirect(reverse("account_reset_password"))


def sign_in_after_password_set(request, user, *, redirect_url: str):
    """Sign ``user`` in through allauth's flow, as if they had typed their new password.

    The session records a password step and allauth's login stages run, so an account with
    a second factor is asked for its code before any session exists.
    """
    return perform_password_login(
        request,
        {"username": user.get_username()},
        Login(user=user, redirect_url=redirect_url),
    )
