"""Staff reach participant data only from a session that passed the second factor."""

import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from .mfa import has_second_factor, needs_second_factor, session_passed_second_factor

logger = logging.getLogger("lms.security")

# Always reachable (no participant data): static files and the language switch.
ALWAYS_ALLOWED_PREFIXES = ("/static/", "/i18n/", "/jsi18n/", "/favicon.ico")
# What a staff member who has not set up TOTP yet may use: setting it up (which asks for the
# password again first) and signing out. Nothing else under /accounts/ (e-mail, password).
SETUP_URL_NAMES = ("mfa_activate_totp", "account_reauthenticate", "account_logout")


class StaffMfaRequiredMiddleware:
    """Gate every staff request on a completed second factor in *this* session.

    - Staff (and superusers, Django staff, anyone reaching the Wagtail admin) whose account has
      TOTP but whose session did not pass it are signed out and sent to allauth's sign-in,
      whatever door the session came from (Wagtail's login, a password reset, a future view).
    - Staff without TOTP yet may only set it up, sign out and switch language; activating it
      counts as passing the second factor (``mfa.record_second_factor_on_activation``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def setup_paths(self):
        return {reverse(name) for name in SETUP_URL_NAMES}

    @cached_property
    def admin_prefix(self):
        return reverse("wagtailadmin_home")

    def __call__(self, request):
        response = self.gate(request)
        return response if response is not None else self.get_response(request)

    def gate(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.path.startswith(ALWAYS_ALLOWED_PREFIXES):
            return None
        if not self.needs_second_factor(request, user):
            return None
        if session_passed_second_factor(request, user):
            return None
        if has_second_factor(user):
            return self.end_session(request, user)
        if request.path in self.setup_paths:
            return None
        return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)

    def needs_second_factor(self, request, user) -> bool:
        if needs_second_factor(user):
            return True
        # Anyone the admin would let in (a group given by hand) is staff there.
        return request.path.startswith(self.admin_prefix) and user.has_perm(
            "wagtailadmin.access_admin"
        )

    @staticmethod
    def end_session(request, user):
        """A password alone opened this session: end it and ask for both factors."""
        logger.warning("Ended a session of user %s that had not passed MFA", user.pk)
        logout(request)
        messages.info(request, _("For your safety, sign in again with your code."))
        if request.method in ("GET", "HEAD"):
            return redirect_to_login(request.get_full_path())
        return redirect(reverse("account_login"))


class PreferredLanguageMiddleware:
    """Use a signed-in person's preferred language unless they chose one in this browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            user_lang = self._user_language(request)
            if user_lang:
                request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = user_lang
        return self.get_response(request)

    @staticmethod
    def _user_language(request):
        # The session is loaded here; the user is not yet (AuthenticationMiddleware runs later).
        lang = request.session.get("preferred_language") if hasattr(request, "session") else None
        if lang and translation.check_for_language(lang):
            return lang
        return None
