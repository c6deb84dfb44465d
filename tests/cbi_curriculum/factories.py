"""Factories for CBI records; curriculum pages are built in the Wagtail tree by a helper."""

import uuid
from datetime import time, timedelta

import factory
from django.utils import timezone
from wagtail.models import Page, Site

from cbi_curriculum.demo_content import step
from cbi_curriculum.models import CurriculumPage, Group, GroupMember, GroupSession, LessonPage


def build_curriculum(lessons=3, *, title="Test curriculum", steps=3) -> CurriculumPage:
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_page if site else Page.get_first_root_node()
    curriculum = CurriculumPage(title=title, slug=f"cur-{uuid.uuid4().hex[:8]}")
    root.add_child(instance=curriculum)
    for number in range(1, lessons + 1):
        curriculum.add_child(
            instance=LessonPage(
                title=f"Lesson {number}",
                slug=f"lesson-{number}",
                number=number,
                purpose="To practise.",
                objectives="<p>Practise.</p>",
                duration_minutes=90,
                script=[step("new_skill", f"Step {i}", 30, "<p>Say.</p>") for i in range(steps)],
                fidelity_items=[{"type": "item", "value": {"text": "Modelled the skill"}}],
                homework="<p>Practise at home.</p>",
                homework_es="<p>Practica en casa.</p>",
            )
        )
    return curriculum


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Group {n}")
    weekday = factory.LazyFunction(lambda: timezone.localdate().weekday())
    start_time = time(10, 0)
    room = "Room 1"
    capacity = 30
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))

    @factory.post_generation
    def facilitators(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.facilitators.add(*extracted)


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    joined_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class GroupSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupSession

    sequence = factory.Sequence(lambda n: n + 1)
    scheduled_start = factory.LazyFunction(timezone.now)
    steps_planned = 3
