"""CBI curriculum pages (curriculum -> numbered lessons) and the records of running them:
groups, their sessions, attendance, make-up bookings and curriculum completions."""

import uuid

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .blocks import (
    RICH_FEATURES,
    FidelityItemBlock,
    HandoutStreamBlock,
    ScriptStepBlock,
    SkillStepBlock,
    in_spanish,
)


class CurriculumPage(Page):
    """A fixed CBI curriculum; its lessons are its child pages, in lesson-number order."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cbi_curriculum.LessonPage"]

    class Meta:
        verbose_name = _("CBI curriculum")

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("number", "pk")

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = self.lessons()
        return context


class LessonPage(Page):
    """One numbered lesson: what it is for, the timed facilitator script, handouts, homework."""

    number = models.PositiveSmallIntegerField(_("lesson number"))
    title_es = models.CharField(_("title (Spanish)"), max_length=255, blank=True)
    purpose = models.TextField(_("purpose"))
    objectives = RichTextField(_("objectives"), features=RICH_FEATURES)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=90)
    materials = RichTextField(_("materials"), blank=True, features=RICH_FEATURES)
    room_setup = models.TextField(_("room set-up"), blank=True)
    script = StreamField(
        [("step", ScriptStepBlock())], verbose_name=_("facilitator script"), blank=True
    )
    handouts = StreamField(HandoutStreamBlock(), verbose_name=_("handouts"), blank=True)
    skill_name = models.CharField(_("skill card title"), max_length=120, blank=True)
    skill_name_es = models.CharField(_("skill card title (Spanish)"), max_length=120, blank=True)
    skill_steps = StreamField(
        [("step", SkillStepBlock())], verbose_name=_("skill steps"), blank=True
    )
    homework = RichTextField(_("homework"), blank=True, features=RICH_FEATURES)
    homework_es = RichTextField(_("homework (Spanish)"), blank=True, features=RICH_FEATURES)
    fidelity_items = StreamField(
        [("item", FidelityItemBlock())], verbose_name=_("fidelity checklist"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("title_es"),
                FieldPanel("duration_minutes"),
                FieldPanel("purpose"),
                FieldPanel("objectives"),
                FieldPanel("materials"),
                FieldPanel("room_setup"),
            ],
            heading=_("Lesson"),
        ),
        FieldPanel("script"),
        MultiFieldPanel(
            [FieldPanel("skill_name"), FieldPanel("skill_name_es"), FieldPanel("skill_steps")],
            heading=_("Skill card"),
        ),
        FieldPanel("handouts"),
        MultiFieldPanel([FieldPanel("homework"), FieldPanel("homework_es")], heading=_("Homework")),
        FieldPanel("fidelity_items"),
    ]
    parent_page_types = ["cbi_curriculum.CurriculumPage"]
    subpage_types: list = []
    template = "cbi_curriculum/lesson_guide.html"

    class Meta:
        verbose_name = _("CBI lesson")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.pk else None
        if parent is not None:
            clash = LessonPage.objects.child_of(parent).filter(number=self.number)
            if clash.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"number": _("Another lesson of this curriculum has this number.")}
                )

    @property
    def planned_minutes(self) -> int:
        """Minutes of the script's steps, or the lesson's duration when it has no script."""
        total = sum(step.value["minutes"] for step in self.script)
        return total or self.duration_minutes

    @property
    def localized_title(self) -> str:
        return self.title_es if in_spanish() and self.title_es else self.title

    @property
    def localized_homework(self) -> str:
        return self.homework_es if in_spanish() and self.homework_es else self.homework

    @property
    def localized_skill_name(self) -> str:
        return self.skill_name_es if in_spanish() and self.skill_name_es else self.skill_name

    def serve(self, request, *args, **kwargs):
        """Signed-in people only: staff get the facilitator guide, participants the handouts."""
        from .views import lesson_page_serve

        return lesson_page_serve(self, request)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Group(models.Model):
    """A partner's CBI group: who facilitates it, when and where it meets, who may join."""

    class Enrollment(models.TextChoices):
        ROLLING = "rolling", _("Open (rolling): people join any week")
        CLOSED = "closed", _("Closed: the same people from lesson 1 to the end")

    organization = models.ForeignKey(
        "people.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="cbi_groups",
    )
    name = models.CharField(_("name"), max_length=120)
    curriculum = models.ForeignKey(
        CurriculumPage, verbose_name=_("curriculum"), on_delete=models.PROTECT, related_name="+"
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="cbi_groups_facilitated",
        limit_choices_to={"role": "facilitator"},
        blank=True,
    )
    weekday = models.PositiveSmallIntegerField(_("meets on"), choices=Weekday.choices)
    start_time = models.TimeField(_("start time"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    enrollment = models.CharField(
        _("enrollment"), max_length=10, choices=Enrollment.choices, default=Enrollment.ROLLING
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=12)
    starts_on = models.DateField(_("first session on or after"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name", "name"]
        verbose_name = _("CBI group")
        verbose_name_plural = _("CBI groups")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="cbi_group_unique_name"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="cbi_group_capacity_min"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="cbi_group_weekday_range"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_rolling(self) -> bool:
        return self.enrollment == self.Enrollment.ROLLING


class GroupMember(models.Model):
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="cbi_memberships"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["participant__preferred_name", "pk"]
        verbose_name = _("group member")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "participant"], name="cbi_member_once_per_group"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="cbi_member_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return f"member #{self.participant_id} of group #{self.group_id}"


class GroupSession(models.Model):
    """One meeting of a group, delivering one lesson."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        OPEN = "open", _("In progress")
        CLOSED = "closed", _("Closed")

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="sessions")
    lesson = models.ForeignKey(LessonPage, on_delete=models.PROTECT, related_name="+")
    sequence = models.PositiveIntegerField(_("session number"))
    scheduled_start = models.DateTimeField(_("scheduled start"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    length_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), null=True, blank=True)
    steps_delivered = models.JSONField(_("steps delivered"), default=list, blank=True)
    steps_planned = models.PositiveSmallIntegerField(_("steps planned"), default=0)
    fidelity_checked = models.JSONField(_("fidelity items checked"), default=list, blank=True)
    notes = models.TextField(_("facilitator notes"), blank=True)

    class Meta:
        ordering = ["scheduled_start", "pk"]
        verbose_name = _("group session")
        constraints = [
            models.UniqueConstraint(fields=["group", "sequence"], name="cbi_session_sequence"),
            models.CheckConstraint(
                condition=~Q(status="closed")
                | (Q(closed_at__isnull=False) & Q(length_minutes__isnull=False)),
                name="cbi_session_closed_has_time_and_length",
            ),
            models.CheckConstraint(
                condition=Q(status="scheduled") | Q(opened_at__isnull=False),
                name="cbi_session_open_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "scheduled_start"])]

    def __str__(self):
        return f"{self.group} #{self.sequence}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    LEFT_EARLY = "left_early", _("Left early")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)


class MakeUp(models.Model):
    """A participant booked into another group's session to make up a lesson they missed.

    The host group's facilitator sees only the name on that session's roster.
    """

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="cbi_makeups"
    )
    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="makeups")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("make-up booking")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "session"], name="cbi_makeup_once_per_session"
            )
        ]

    def __str__(self):
        return f"make-up of #{self.participant_id} in session #{self.session_id}"


class Attendance(models.Model):
    """One participant's mark in one session, upserted as the facilitator marks the roster."""

    session = models.ForeignKey(GroupSession, on_delete=models.PROTECT, related_name="attendance")
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="cbi_attendance"
    )
    status = models.CharField(_("status"), max_length=12, choices=AttendanceStatus.choices)
    arrived_at = models.TimeField(_("arrived at"), null=True, blank=True)
    left_at = models.TimeField(_("left at"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("minutes attended"),
        null=True,
        blank=True,
        help_text=_("Leave empty to count from the session length and arrival/leave times."),
    )
    credited_minutes = models.PositiveSmallIntegerField(
        _("minutes credited"), null=True, blank=True
    )
    homework_done = models.BooleanField(_("homework done"), default=False)
    note = models.CharField(_("participation note"), max_length=300, blank=True)
    is_makeup = models.BooleanField(_("make-up"), default=False)
    mark_id = models.UUIDField(default=uuid.uuid4)
    marked_at = models.DateTimeField(_("marked at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    # High-volume rows that reference no content: keep them out of Wagtail's usage index.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["session", "participant__preferred_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="cbi_attendance_once_per_session"
            ),
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(minutes__lte=24 * 60),
                name="cbi_attendance_minutes_at_most_a_day",
            ),
        ]
        indexes = [models.Index(fields=["participant", "status"])]

    def __str__(self):
        return f"{self.status}: #{self.participant_id} in session #{self.session_id}"

    @property
    def attended(self) -> bool:
        return self.status in ATTENDED


class CurriculumCompletion(models.Model):
    """The day a participant had attended every lesson of a curriculum (make-ups count)."""

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="cbi_completions"
    )
    curriculum = models.ForeignKey(CurriculumPage, on_delete=models.PROTECT, related_name="+")
    completed_on = models.DateField(_("completed on"))
    session = models.ForeignKey(GroupSession, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("curriculum completion")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "curriculum"], name="cbi_completion_once"
            )
        ]

    def __str__(self):
        return f"#{self.participant_id} completed curriculum #{self.curriculum_id}"
