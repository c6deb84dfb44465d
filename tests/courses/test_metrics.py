"""The report metrics provider: completions by sector in the range, constant queries."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from courses.metrics import course_metrics
from courses.services import enrollment_create, knowledge_check_answer
from lms.people.models import Participant

from .factories import check_block, course_page, module_page, sector_page

pytestmark = pytest.mark.django_db


def complete(participant, module):
    knowledge_check_answer(
        participant=participant,
        module=module,
        activity_key="kc",
        attempt_id=uuid.uuid4(),
        answers={"0": 0, "1": 1},
    )


def by_key(metrics):
    return {(m.key, m.group): m for m in metrics}


def test_completions_by_sector_in_range(
    participant, other_participant, django_assert_max_num_queries
):
    construction = course_page(sector_page(), slug="a")
    it = course_page(sector_page(slug="it", title="Information technology"), slug="b")
    m1 = module_page(construction, slug="m1", blocks=[check_block("kc")])
    m2 = module_page(it, slug="m2", blocks=[check_block("kc")])
    module_page(it, slug="m3", blocks=[check_block("kc")])
    for person in (participant, other_participant):
        enrollment_create(participant=person, course=construction)
        enrollment_create(participant=person, course=it)
        complete(person, m1)
    complete(participant, m2)
    today = timezone.localdate()
    with django_assert_max_num_queries(3):
        metrics = by_key(course_metrics(Participant.objects.all(), today, today))
    assert metrics[("courses.module_completions", "")].value == 3
    assert metrics[("courses.module_completions", "Construction trades")].value == 2
    assert metrics[("courses.module_completions", "Information technology")].participant_ids == {
        participant.pk
    }
    assert metrics[("courses.course_completions", "Construction trades")].value == 2
    assert ("courses.course_completions", "Information technology") not in metrics
    scoped = by_key(
        course_metrics(Participant.objects.filter(pk=other_participant.pk), today, today)
    )
    assert scoped[("courses.module_completions", "")].participant_ids == {other_participant.pk}
    earlier = by_key(
        course_metrics(
            Participant.objects.all(), today - timedelta(days=9), today - timedelta(days=1)
        )
    )
    assert earlier[("courses.module_completions", "")].value == 0
