from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StipendsConfig(AppConfig):
    name = "lms.stipends"
    label = "stipends"
    verbose_name = _("Stipends, incentives and employment")
