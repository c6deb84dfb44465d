from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StipendsConfig(AppConfig):
    name = "lms.stipends"
    label = "stipends"
    verbose_name = _("Stipends, incentives and employment")

    def ready(self):
        from . import receivers

        receivers.connect()

    def seed_demo(self, stdout):
        from .demo import seed_demo

        seed_demo(stdout)

    def seed_scale(self, stdout, participants):
        from .demo import seed_scale

        seed_scale(stdout, participants)
