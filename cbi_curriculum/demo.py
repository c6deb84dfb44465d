"""Demo CBI data: the curriculum pages, a group per partner with members and sessions,
past sessions closed with attendance, and one session today for each demo facilitator."""

import uuid
from datetime import time, timedelta

from django.utils import timezone
from wagtail.models import Page, Site

from lms.people.models import Organization, Participant, User
from lms.people.roles import Role

from .demo_content import LESSONS, outline_script
from .models import AttendanceStatus, CurriculumPage, Group, GroupSession, LessonPage
from .services import (
    attendance_mark,
    group_member_add,
    session_close,
    session_open,
    sessions_schedule,
)

CURRICULUM_SLUG = "thinking-it-through"


def seed_curriculum() -> CurriculumPage:
    existing = CurriculumPage.objects.filter(slug=CURRICULUM_SLUG).first()
    if existing is not None:
        return existing
    site = Site.objects.filter(is_default_site=True).first()
    parent = site.root_page if site else Page.get_first_root_node()
    curriculum = CurriculumPage(
        title="Thinking It Through at Work",
        slug=CURRICULUM_SLUG,
        intro="<p>A twelve-session cognitive-behavioral group on thinking, choices and "
        "working with others, written for this program.</p>",
        show_in_menus=False,
    )
    parent.add_child(instance=curriculum)
    for data in LESSONS:
        script = data.get("script") or outline_script(data)
        lesson = LessonPage(
            title=data["title"],
            slug=f"lesson-{data['number']}",
            number=data["number"],
            title_es=data["title_es"],
            purpose=data["purpose"],
            objectives=data["objectives"],
            duration_minutes=data.get("duration", 90),
            materials=data.get("materials", ""),
            room_setup=data.get("room_setup", ""),
            script=script,
            handouts=data.get("handouts", []),
            skill_name=data["skill_name"],
            skill_name_es=data["skill_name_es"],
            skill_steps=data["skill_steps"],
            homework=data["homework"],
            homework_es=data["homework_es"],
            fidelity_items=[{"type": "item", "value": {"text": text}} for text in data["fidelity"]],
        )
        curriculum.add_child(instance=lesson)
    return curriculum


def _group_for(org, curriculum, *, weekday, start_time, enrollment, starts_on):
    group, created = Group.objects.get_or_create(
        organization=org,
        name=f"{org.display_name} Thinking It Through",
        defaults={
            "curriculum": curriculum,
            "weekday": weekday,
            "start_time": start_time,
            "room": "Room 2",
            "enrollment": enrollment,
            "capacity": 12,
            "starts_on": starts_on,
        },
    )
    return group, created


DEMO_HANDOUT_TITLE = "Lesson 1 skill card (printable)"


def seed_handout_document(curriculum: CurriculumPage) -> None:
    """A printable handout document on lesson 1, kept in the private handouts collection."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from .documents import handout_collection

    Document = get_document_model()
    lesson = LessonPage.objects.child_of(curriculum).filter(number=1).first()
    if lesson is None or Document.objects.filter(title=DEMO_HANDOUT_TITLE).exists():
        return
    document = Document(title=DEMO_HANDOUT_TITLE, collection=handout_collection())
    text = f"{lesson.title}\n\n" + "\n".join(
        f"{number}. {step.value['text']}" for number, step in enumerate(lesson.skill_steps, 1)
    )
    document.file.save("lesson-1-skill-card.txt", ContentFile(text.encode()), save=False)
    document.save()
    lesson.handouts.append(
        ("document", {"title": "Skill card", "document": document, "document_es": None})
    )
    lesson.save_revision().publish()


def seed_demo(stdout=None) -> None:
    curriculum = seed_curriculum()
    seed_handout_document(curriculum)
    today = timezone.localdate()
    # Start three weeks ago on today's weekday: three past sessions, one today, more to come.
    starts_on = today - timedelta(days=21)
    for org in Organization.objects.filter(kind=Organization.Kind.PARTNER).order_by("slug"):
        facilitator = User.objects.filter(username=f"facilitator.{org.slug}").first()
        admin = User.objects.filter(username=f"admin.{org.slug}").first()
        if facilitator is None or admin is None:
            continue
        enrollment = (
            Group.Enrollment.CLOSED if org.slug == "covenant-house" else Group.Enrollment.ROLLING
        )
        group, created = _group_for(
            org,
            curriculum,
            weekday=today.weekday(),
            start_time=time(10, 0),
            enrollment=enrollment,
            starts_on=starts_on,
        )
        if not created:
            continue
        group.facilitators.add(facilitator)
        for participant in Participant.objects.filter(
            organization=org, user__username__startswith=f"participant.{org.slug}."
        ):
            group_member_add(actor=admin, group=group, participant=participant, joined_on=starts_on)
        sessions = sessions_schedule(group=group, count=8)
        for session in sessions:
            if timezone.localtime(session.scheduled_start).date() < today:
                _run_past_session(session, facilitator)
    if stdout is not None:
        stdout.write("CBI curriculum, groups and sessions are ready.")


def _run_past_session(session: GroupSession, facilitator: User) -> None:
    session = session_open(actor=facilitator, session=session)
    GroupSession.objects.filter(pk=session.pk).update(opened_at=session.scheduled_start)
    session.refresh_from_db()
    members = list(session.group.members.filter(left_on__isnull=True).order_by("participant__pk"))
    for index, member in enumerate(members):
        # Everyone comes, except the last member misses the second session (a lesson owed).
        status = (
            AttendanceStatus.ABSENT
            if session.sequence == 2 and index == len(members) - 1
            else AttendanceStatus.PRESENT
        )
        attendance_mark(
            actor=facilitator,
            session=session,
            participant_id=member.participant_id,
            status=status,
            mark_id=uuid.uuid4(),
            homework_done=session.sequence > 1 and status == AttendanceStatus.PRESENT,
        )
    lesson = LessonPage.objects.get(pk=session.lesson_id)
    session_close(
        actor=facilitator,
        session=session,
        length_minutes=lesson.planned_minutes,
        steps_delivered=[step.id for step in lesson.script],
        fidelity_checked=[item.id for item in lesson.fidelity_items],
        notes="Good energy; everyone took part in the role-play.",
    )


def seed_scale(stdout, participants) -> None:
    """Benchmark data: the scale participants in groups of twelve per partner, with six weeks
    of sessions closed through the services (so ledger rows and events are real)."""
    curriculum = seed_curriculum()
    today = timezone.localdate()
    starts_on = today - timedelta(days=42)
    by_org: dict[int, list] = {}
    for person in participants:
        if person.status == Participant.Status.ACTIVE:
            by_org.setdefault(person.organization_id, []).append(person)
    closed = 0
    for org in Organization.objects.filter(pk__in=by_org):
        facilitator = User.objects.filter(organization=org, role=Role.FACILITATOR).first()
        admin = User.objects.filter(organization=org, role=Role.PARTNER_ADMIN).first()
        if facilitator is None or admin is None:
            continue
        people = by_org[org.pk]
        for number, start in enumerate(range(0, len(people), 12), start=1):
            group, created = Group.objects.get_or_create(
                organization=org,
                name=f"Scale group {number}",
                defaults={
                    "curriculum": curriculum,
                    "weekday": (today.weekday() + number) % 7,
                    "start_time": time(9 + number % 8, 0),
                    "room": f"Room {number}",
                    "capacity": 12,
                    "starts_on": starts_on,
                },
            )
            if not created:
                continue
            group.facilitators.add(facilitator)
            for person in people[start : start + 12]:
                group_member_add(actor=admin, group=group, participant=person, joined_on=starts_on)
            for session in sessions_schedule(group=group, count=8):
                if session.scheduled_start < timezone.now():
                    _run_past_session(session, facilitator)
                    closed += 1
    if stdout is not None:
        stdout.write(f"CBI scale data: {closed} sessions closed.")
