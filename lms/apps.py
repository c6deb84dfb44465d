from django.apps import AppConfig


class LmsConfig(AppConfig):
    """The site itself: base templates, the demo and scale seeders, cross-app events."""

    name = "lms"
    verbose_name = "SECTOR Learning"
