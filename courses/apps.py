from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Sector courses")

    def ready(self):
        from django.db.models.signals import post_delete

        from .h5p.services import h5p_package_files_delete
        from .models import H5PPackage

        post_delete.connect(h5p_package_files_delete, sender=H5PPackage)

        from lms.documents import keep_references_fresh

        from .models import ModulePage

        keep_references_fresh(ModulePage)

    def seed_demo(self, stdout):
        from .demo import seed_courses

        seed_courses(stdout)

    def seed_scale(self, stdout, participants):
        from .demo import seed_scale_courses

        seed_scale_courses(stdout, participants)
