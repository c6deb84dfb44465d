import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def force_login_with_mfa(client, user):
    """Sign ``client`` in as ``user``; for an account with TOTP, record the MFA step too.

    The staff gate trusts a session only when it passed the second factor, as allauth records
    it; this writes the same records allauth's sign-in (password, then code) would.
    """
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from django.test import RequestFactory

    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return client
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    record_authentication(request, user, "password", username=user.get_username())
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    session.save()
    return client
