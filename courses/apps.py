from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Sector courses")

    def seed_demo(self, stdout):
        from .demo import seed_courses

        seed_courses(stdout)

    def seed_scale(self, stdout, participants):
        from .demo import seed_scale_courses

        seed_scale_courses(stdout, participants)
