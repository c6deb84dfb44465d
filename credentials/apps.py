from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "credentials"
    verbose_name = _("Credentials")

    def ready(self):
        from lms import events

        from . import listeners

        events.course_completed.subscribe(
            listeners.on_course_completed, uid="credentials.course_completed"
        )
        events.curriculum_completed.subscribe(
            listeners.on_curriculum_completed, uid="credentials.curriculum_completed"
        )

    def seed_demo(self, stdout):
        from .demo import seed_credentials

        seed_credentials(stdout)

    def seed_scale(self, stdout, participants):
        from .demo import seed_scale_credentials

        seed_scale_credentials(stdout, participants)
