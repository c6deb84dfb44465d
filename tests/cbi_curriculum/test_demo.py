from django.core.management import call_command
from django.utils import timezone

from cbi_curriculum.models import CurriculumPage, Group, GroupSession
from cbi_curriculum.selectors import sessions_runnable_by
from lms.people.models import User


def test_seed_demo_builds_the_curriculum_groups_and_todays_session_once(db):
    call_command("seed_demo", "--quiet-logins", "--force")
    curriculum = CurriculumPage.objects.get(slug="thinking-it-through")
    lessons = list(curriculum.lessons())
    assert [lesson.number for lesson in lessons] == list(range(1, 13))
    assert all(lesson.fidelity_items for lesson in lessons)
    full = [lesson for lesson in lessons if "Outline" not in str(lesson.script[0].value["script"])]
    assert len(full) >= 4
    groups = Group.objects.count()
    assert groups == 6
    facilitator = User.objects.get(username="facilitator.chrysalis")
    today = timezone.localdate()
    todays = [
        s
        for s in sessions_runnable_by(facilitator)
        if timezone.localtime(s.scheduled_start).date() == today
    ]
    assert len(todays) == 1 and todays[0].status == GroupSession.Status.SCHEDULED
    assert GroupSession.objects.filter(status=GroupSession.Status.CLOSED).exists()
    call_command("seed_demo", "--quiet-logins", "--force")
    assert Group.objects.count() == groups
    assert CurriculumPage.objects.filter(slug="thinking-it-through").count() == 1
