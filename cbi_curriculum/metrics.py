"""CBI figures for the program reports (contract in lms/reports/metrics.py)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from lms.reports.metrics import Metric

from .models import ATTENDED, Attendance, AttendanceStatus, CurriculumCompletion, GroupSession


def cbi_metrics(participants, start, end) -> list[Metric]:
    """Attendance rate, sessions attended, lessons completed and curriculum completions in
    [start, end]; two queries whatever the amount of data."""
    marks = list(
        Attendance.objects.filter(
            participant__in=participants,
            session__status=GroupSession.Status.CLOSED,
            session__scheduled_start__date__gte=start,
            session__scheduled_start__date__lte=end,
        ).values_list("participant_id", "status", "session__lesson_id")
    )
    counted = [m for m in marks if m[1] != AttendanceStatus.EXCUSED]
    attended = [m for m in marks if m[1] in ATTENDED]
    rate = (
        (Decimal(100) * len(attended) / len(counted)).quantize(Decimal("0.1"))
        if counted
        else Decimal(0)
    )
    lessons = {(pid, lesson_id) for pid, _status, lesson_id in attended}
    completed = set(
        CurriculumCompletion.objects.filter(
            participant__in=participants, completed_on__gte=start, completed_on__lte=end
        ).values_list("participant_id", flat=True)
    )
    section = _("Group curriculum")
    return [
        Metric(
            section=section,
            key="cbi.attendance_rate",
            label=_("Group session attendance rate (%)"),
            definition=_(
                "Marks of present, late or left early, as a share of all marks in closed "
                "sessions held in the period; excused absences are left out."
            ),
            value=rate,
            is_people_count=False,
        ),
        Metric(
            section=section,
            key="cbi.sessions_attended",
            label=_("Group sessions attended"),
            definition=_(
                "Attendance marks of present, late or left early in closed sessions held "
                "in the period, make-ups included."
            ),
            value=len(attended),
            participant_ids=frozenset(pid for pid, _s, _l in attended),
            is_people_count=False,
        ),
        Metric(
            section=section,
            key="cbi.lessons_completed",
            label=_("Lessons completed"),
            definition=_(
                "Distinct pairs of participant and lesson attended in a closed session held "
                "in the period."
            ),
            value=len(lessons),
            participant_ids=frozenset(pid for pid, _l in lessons),
            is_people_count=False,
        ),
        Metric(
            section=section,
            key="cbi.curriculum_completed",
            label=_("Participants who completed the group curriculum"),
            definition=_(
                "Participants whose last owed lesson was attended in the period (every lesson "
                "of the curriculum attended, make-ups included)."
            ),
            value=len(completed),
            participant_ids=frozenset(completed),
        ),
    ]
