from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "lms.people"
    label = "people"
    verbose_name = _("People and organizations")

    def ready(self):
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_logged_in

        from .mfa import record_second_factor_on_activation

        user_logged_in.connect(remember_preferred_language, dispatch_uid="people.language")
        authenticator_added.connect(
            record_second_factor_on_activation, dispatch_uid="people.mfa_activation"
        )


def remember_preferred_language(sender, request, user, **kwargs):
    """Show pages in the person's preferred language unless they switch in this browser."""
    if request is not None and hasattr(request, "session"):
        request.session["preferred_language"] = getattr(user, "preferred_language", "en")
