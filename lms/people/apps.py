from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "lms.people"
    label = "people"
    verbose_name = _("People and organizations")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(remember_preferred_language, dispatch_uid="people.language")


def remember_preferred_language(sender, request, user, **kwargs):
    """Show pages in the person's preferred language unless they switch in this browser."""
    if request is not None and hasattr(request, "session"):
        request.session["preferred_language"] = getattr(user, "preferred_language", "en")
