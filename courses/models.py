"""Sector pages hold course pages, which hold module pages; plus the records of learning."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from lms.append_only import AppendOnlyError, AppendOnlyQuerySet, forbid_delete

from .blocks import ACTIVITY_BLOCK_TYPES, ModuleBodyBlock


class H5PPackage(models.Model):
    """An uploaded .h5p package, checked and unpacked under ``<prefix>/<content_hash>/``."""

    title = models.CharField(_("title"), max_length=255)
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    main_library = models.CharField(_("main library"), max_length=255, editable=False)
    license = models.CharField(_("license"), max_length=32, blank=True, editable=False)
    authors = models.JSONField(_("authors"), default=list, blank=True, editable=False)
    metadata = models.JSONField(default=dict, editable=False)
    file_count = models.PositiveIntegerField(default=0, editable=False)
    unpacked_bytes = models.PositiveBigIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("H5P package")
        verbose_name_plural = _("H5P packages")

    def __str__(self):
        return self.title

    @property
    def storage_prefix(self) -> str:
        from .app_settings import app_settings

        return f"{app_settings.H5P_STORAGE_PREFIX}/{self.content_hash}"


class SectorPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage", "wagtailcore.Page"]
    subpage_types = ["courses.CoursePage"]
    template = "courses/sector_page.html"

    class Meta:
        verbose_name = _("sector")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().order_by("path")
        return context


class CoursePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "ul"])
    expected_hours = models.DecimalField(
        _("expected hours"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("2.0"),
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    pass_mark_percent = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Scored activities and knowledge checks must reach this score."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("expected_hours"), FieldPanel("pass_mark_percent")], heading=_("Rules")
        ),
    ]
    parent_page_types = ["courses.SectorPage"]
    subpage_types = ["courses.ModulePage"]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course")

    def modules(self):
        return ModulePage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from .views import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(self, request))
        return context


class ModulePage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    expected_minutes = models.PositiveIntegerField(
        _("expected minutes"), default=30, validators=[MinValueValidator(1)]
    )
    body = StreamField(ModuleBodyBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("expected_minutes"),
        FieldPanel("body"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list = []
    template = "courses/module_page.html"

    class Meta:
        verbose_name = _("module")

    def activities(self) -> dict:
        """Blocks that count toward completion, by their stable block id (cached per instance)."""
        if getattr(self, "_activities", None) is None:
            self._activities = {
                block.id: block for block in self.body if block.block_type in ACTIVITY_BLOCK_TYPES
            }
        return self._activities

    def serve(self, request, *args, **kwargs):
        from .views import module_page_serve

        return module_page_serve(self, request, *args, **kwargs)


class Enrollment(models.Model):
    """A participant taking a course."""

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.CASCADE, related_name="course_enrollments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrollments")
    enrolled_at = models.DateTimeField(auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_module = models.ForeignKey(
        ModulePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_seen_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "course"], name="course_enrollment_once")
        ]

    def __str__(self):
        return f"{self.participant_id} in {self.course_id}"


class ActivityKind(models.TextChoices):
    H5P = "h5p", _("H5P activity")
    KNOWLEDGE_CHECK = "knowledge_check", _("Knowledge check")


class Statement(models.Model):
    """One xAPI statement or knowledge-check answer, stored once under its id. Append-only."""

    statement_id = models.UUIDField(unique=True)
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="course_statements"
    )
    module = models.ForeignKey(
        ModulePage, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    activity_key = models.CharField(max_length=64)
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    verb = models.CharField(max_length=40)
    score_raw = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    score_max = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    score_scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    success = models.BooleanField(null=True)
    completion = models.BooleanField(null=True)
    payload = models.JSONField(default=dict)
    stored_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["participant", "module", "activity_key"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(score_scaled__isnull=True)
                | (Q(score_scaled__gte=0) & Q(score_scaled__lte=1)),
                name="statement_scaled_in_bounds",
            ),
            models.CheckConstraint(
                condition=Q(score_raw__isnull=True)
                | (
                    Q(score_raw__gte=0)
                    & Q(score_max__gt=0)
                    & Q(score_raw__lte=models.F("score_max"))
                ),
                name="statement_raw_in_bounds",
            ),
        ]

    def __str__(self):
        return f"{self.verb} {self.activity_key} by {self.participant_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Statement rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        forbid_delete(self)


class ActivityProgress(models.Model):
    """Where a participant stands on one activity (best score so far)."""

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.CASCADE, related_name="activity_progress"
    )
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="+")
    activity_key = models.CharField(max_length=64)
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    attempts = models.PositiveIntegerField(default=0)
    best_scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    completed = models.BooleanField(default=False)
    last_statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "module", "activity_key"], name="activity_progress_once"
            ),
            models.CheckConstraint(
                condition=Q(best_scaled__isnull=True)
                | (Q(best_scaled__gte=0) & Q(best_scaled__lte=1)),
                name="activity_best_scaled_in_bounds",
            ),
        ]

    def __str__(self):
        return f"{self.activity_key} for {self.participant_id}"


class ModuleCompletion(models.Model):
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.CASCADE, related_name="module_completions"
    )
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    completed_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "module"], name="module_completed_once")
        ]

    def __str__(self):
        return f"module {self.module_id} done by {self.participant_id}"


class ActiveMinute(models.Model):
    """A clock minute in which a participant was active on a module page (tabs merge)."""

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.CASCADE, related_name="+"
    )
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="+")
    minute = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "module", "minute"], name="active_minute_once"
            )
        ]

    def __str__(self):
        return f"{self.minute:%Y-%m-%d %H:%M} on {self.module_id}"
