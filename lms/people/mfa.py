"""The second factor for staff: who needs it, whether this session passed it, and code limits.

A staff session is trusted only when *this session* completed the second factor, as allauth
records it (``{"method": "mfa", ...}`` among the session's authentication records). Having a
TOTP device on the account is not enough: a password typed at any other door must not open
participant data.
"""

from allauth.account.authentication import get_authentication_records
from allauth.core import ratelimit
from allauth.mfa.base import forms as mfa_base_forms
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from .roles import STAFF_ROLES

# The allauth rate-limit action (configured in ACCOUNT_RATE_LIMITS) that counts wrong codes.
CODE_FAILURE_ACTION = "mfa_code_failed"


def needs_second_factor(user) -> bool:
    """Staff roles, superusers and Django staff must pass a second factor in every session."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.role in STAFF_ROLES or user.is_superuser or user.is_staff)
    )


def session_passed_second_factor(request, user) -> bool:
    """True when this session recorded a completed MFA step for ``user`` (code or recovery)."""
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def has_second_factor(user) -> bool:
    """The account has a TOTP device (recovery codes alone do not count)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def record_second_factor_on_activation(sender, request, user, authenticator, **kwargs):
    """Setting up TOTP proves a fresh code in this session: record it as allauth would.

    allauth records an "mfa" step when a code is used to sign in or reauthenticate, but not
    when a device is activated; without this a new staff member would be signed out right
    after enrolling.
    """
    from allauth.account.internal.flows.login import record_authentication

    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    record_authentication(
        request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
    )


# --- Wrong codes --------------------------------------------------------------------------
#
# allauth limits code attempts with its ``login_failed`` rate (per user, a short window), so a
# patient attacker who knows a staff password gets a fresh handful of guesses every few
# minutes, all day. Wrong codes are also counted here, per account across sessions and
# addresses, over longer windows; once a window is full even the right code is refused
# until it passes. A right code clears the count.


def _failure_key(user) -> str:
    return f"mfa-code-user-{user.pk}"


def code_attempts_blocked(request, user) -> bool:
    """True when this account has used up its wrong codes for now."""
    return not ratelimit.consume(
        request, action=CODE_FAILURE_ACTION, key=_failure_key(user), dry_run=True
    )


def code_failure_count(request, user) -> None:
    ratelimit.consume(request, action=CODE_FAILURE_ACTION, key=_failure_key(user))


def code_failures_clear(request, user) -> None:
    ratelimit.clear(request, action=CODE_FAILURE_ACTION, key=_failure_key(user))


TOO_MANY_CODES = _("Too many wrong codes. Wait a while, then try again.")


class CodeAttemptLimitMixin:
    """Refuse any code while the account is blocked; count each wrong one."""

    def clean_code(self):
        from allauth.core import context

        request = context.request
        if code_attempts_blocked(request, self.user):
            raise forms.ValidationError(TOO_MANY_CODES, code="too_many_codes")
        try:
            code = super().clean_code()
        except forms.ValidationError as error:
            if error.code == "incorrect_code":
                code_failure_count(request, self.user)
            raise
        code_failures_clear(request, self.user)
        return code


class AuthenticateForm(CodeAttemptLimitMixin, mfa_base_forms.AuthenticateForm):
    """The code step of signing in."""


class ReauthenticateForm(CodeAttemptLimitMixin, mfa_base_forms.ReauthenticateForm):
    """The code asked again before sensitive account changes."""


class ActivateTOTPForm(CodeAttemptLimitMixin, totp_forms.ActivateTOTPForm):
    """The first code from a newly added authenticator app."""
