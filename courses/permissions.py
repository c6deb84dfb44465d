"""Who may do what with course content. Scope itself comes from the selectors."""

from lms.people.selectors import is_staff, participant_of

from .models import Enrollment, ModulePage


def can_download_module_document(user, modules) -> bool:
    """A document these modules use: staff (who may open every module), and participants
    enrolled in a course holding one of them."""
    if not getattr(user, "is_authenticated", False) or not modules:
        return False
    if is_staff(user) or user.is_superuser:
        return True
    participant = participant_of(user)
    if participant is None:
        return False
    courses = {module.path[: -ModulePage.steplen] for module in modules}
    return Enrollment.objects.filter(participant=participant, course__path__in=courses).exists()
