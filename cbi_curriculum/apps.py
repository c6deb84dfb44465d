from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CbiCurriculumConfig(AppConfig):
    name = "cbi_curriculum"
    verbose_name = _("Group curriculum")

    def ready(self):
        from lms.documents import keep_references_fresh

        from .models import LessonPage

        keep_references_fresh(LessonPage)

    def seed_demo(self, stdout):
        from .demo import seed_demo

        seed_demo(stdout)

    def seed_scale(self, stdout, participants):
        from .demo import seed_scale

        seed_scale(stdout, participants)
