"""Staff must have MFA before they reach any page with participant data."""

from allauth.mfa.utils import is_mfa_enabled
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from .roles import STAFF_ROLES

# Paths a staff member without MFA may still use: signing in and out, setting up MFA,
# switching language, and static files.
MFA_SETUP_ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/favicon.ico")


class StaffMfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and (user.role in STAFF_ROLES or user.is_superuser)
            and not request.path.startswith(MFA_SETUP_ALLOWED_PREFIXES)
            and not is_mfa_enabled(user)
        ):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return self.get_response(request)


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
