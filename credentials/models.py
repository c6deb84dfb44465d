"""Achievements (snippets), issuers and their keys, status lists, credentials and award requests."""

import secrets

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable
from wagtail.search import index

from lms.append_only import AppendOnlyError
from lms.storage import private_storage

from .fair_chance import check_public_text

# Page types that can earn an achievement, named by string so credentials imports neither app.
EARNING_PAGE_TYPES = ("courses.CoursePage", "cbi_curriculum.CurriculumPage")
STATUS_LIST_SIZE = 131072  # bits; the spec's minimum, so one index says little about a person


def public_token() -> str:
    return secrets.token_urlsafe(18)


class EarningPageChooserPanel(PageChooserPanel):
    """A page chooser limited to the course and curriculum page types that are installed."""

    def get_form_options(self):
        installed = []
        for label in EARNING_PAGE_TYPES:
            try:
                installed.append(apps.get_model(label))
            except LookupError:
                continue
        self.page_type = installed or None
        return super().get_form_options()


class Sector(models.TextChoices):
    CONSTRUCTION = "construction", _("Construction trades")
    IT = "it", _("Information technology")
    HEALTH_CARE = "health_care", _("Health care")
    GREEN = "green", _("Green jobs and solar")
    ANIMATION = "animation", _("Animation and visual effects")
    WORKPLACE = "workplace", _("Workplace skills")


class AchievementType(models.TextChoices):
    """A subset of the Open Badges 3.0 AchievementType vocabulary."""

    BADGE = "Badge", _("Badge")
    CERTIFICATE = "Certificate", _("Certificate")
    CERTIFICATION = "Certification", _("Certification")
    COURSE = "Course", _("Course")
    LICENSE = "License", _("License")
    COMPETENCY = "Competency", _("Competency")
    ACHIEVEMENT = "Achievement", _("Achievement")


class Achievement(index.Indexed, ClusterableModel):
    """What a credential says someone achieved. Public text: never name a program as such."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=1000)
    criteria = models.TextField(
        _("criteria"), max_length=2000, help_text=_("What a person did to earn it, in plain words.")
    )
    earned_by_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("earned by completing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A course or curriculum; completing it awards this achievement."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty to draw one from the name and sector."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    achievement_type = models.CharField(
        _("achievement type"),
        max_length=20,
        choices=AchievementType.choices,
        default=AchievementType.BADGE,
    )
    defining_body = models.CharField(
        _("defined by"),
        max_length=200,
        blank=True,
        help_text=_("The body behind a third-party industry credential, e.g. OSHA."),
    )
    field_of_study = models.CharField(_("field of study"), max_length=120, blank=True)
    validity_days = models.PositiveIntegerField(
        _("valid for (days)"), null=True, blank=True, help_text=_("Empty: does not expire.")
    )
    allows_renewal = models.BooleanField(
        _("allows renewal"),
        default=False,
        help_text=_("Whether a person may hold this achievement more than once."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("criteria"),
        EarningPageChooserPanel("earned_by_page"),
        MultiFieldPanel(
            [
                FieldPanel("achievement_type"),
                FieldPanel("sector"),
                FieldPanel("defining_body"),
                FieldPanel("field_of_study"),
            ],
            heading=_("Kind"),
        ),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("validity_days"), FieldPanel("allows_renewal")], heading=_("Validity")
        ),
        InlinePanel("alignments", label=_("Alignments")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")

    def __str__(self):
        return self.name

    @property
    def is_industry(self) -> bool:
        return bool(self.defining_body)

    def clean(self):
        super().clean()
        check_public_text(
            name=self.name,
            description=self.description,
            criteria=self.criteria,
            defining_body=self.defining_body,
            field_of_study=self.field_of_study,
        )


class AchievementAlignment(Orderable):
    """A framework, occupation or standard the achievement aligns to (OB 3.0 Alignment)."""

    achievement = ParentalKey(Achievement, on_delete=models.CASCADE, related_name="alignments")
    target_name = models.CharField(_("name"), max_length=200)
    target_url = models.URLField(_("URL"))
    target_framework = models.CharField(_("framework"), max_length=200, blank=True)
    target_code = models.CharField(_("code"), max_length=60, blank=True)

    panels = [
        FieldPanel("target_name"),
        FieldPanel("target_url"),
        FieldPanel("target_framework"),
        FieldPanel("target_code"),
    ]


class Issuer(models.Model):
    """An organization as an Open Badges issuer Profile."""

    organization = models.OneToOneField(
        "people.Organization", on_delete=models.PROTECT, related_name="issuer"
    )
    slug = models.SlugField(unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("website"))
    email = models.EmailField(_("email"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("issuer")
        verbose_name_plural = _("issuers")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug and self.organization_id:
            # The slug is part of every issued credential's issuer id: set once, never changed.
            self.slug = slugify(self.organization.slug)[:50]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        check_public_text(name=self.name, url=self.url, email=self.email)
        if self.pk:
            stored = Issuer.objects.filter(pk=self.pk).values_list("organization_id", flat=True)
            if stored and stored[0] != self.organization_id:
                raise ValidationError(
                    {"organization": _("An issuer cannot move to another organization.")}
                )


class IssuerKey(models.Model):
    """An Ed25519 key. One active key signs; retired keys stay published so old proofs verify."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="keys")
    key_id = models.SlugField(max_length=40)
    public_key_multibase = models.CharField(max_length=100, unique=True)
    encrypted_private_key = models.TextField(editable=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["issuer", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "key_id"], name="credentials_key_id_unique"),
            models.UniqueConstraint(
                fields=["issuer"], condition=Q(is_active=True), name="credentials_one_active_key"
            ),
        ]

    def __str__(self):
        return f"{self.issuer.slug}/{self.key_id}"

    def __repr__(self):  # never show the key material
        return f"<IssuerKey {self}>"


class StatusList(models.Model):
    """One issuer's revocation bitstring, published as a signed BitstringStatusListCredential."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="status_lists")
    public_id = models.CharField(max_length=40, unique=True, default=public_token)
    size = models.PositiveIntegerField(default=STATUS_LIST_SIZE)
    used = models.PositiveIntegerField(default=0)
    signed_json = models.TextField(blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["issuer", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(used__lte=F("size")), name="status_list_not_over")
        ]

    def __str__(self):
        return f"Status list {self.public_id}"


class CredentialQuerySet(models.QuerySet):
    def delete(self):
        raise AppendOnlyError("Credentials cannot be deleted; revoke them instead.")

    def update(self, **kwargs):
        if {"signed_json", "public_id", "status_index", "status_list"} & set(kwargs):
            raise AppendOnlyError("A signed credential cannot be changed.")
        return super().update(**kwargs)


# The only change the database allows on a credential row: revocation (once) and privacy.
CREDENTIAL_UPDATE_ALLOWED = (
    "OLD.signed_json = NEW.signed_json AND OLD.public_id = NEW.public_id"
    " AND OLD.status_index = NEW.status_index AND OLD.status_list_id = NEW.status_list_id"
    " AND OLD.participant_id = NEW.participant_id AND OLD.achievement_id = NEW.achievement_id"
    " AND (OLD.revoked_at IS NULL OR (NEW.revoked_at IS NOT NULL"
    " AND OLD.revoked_at = NEW.revoked_at))"
)


class Credential(models.Model):
    """A signed AchievementCredential, stored exactly as signed. Revocation is status, not edits."""

    public_id = models.CharField(max_length=40, unique=True, default=public_token)
    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="credentials"
    )
    achievement = models.ForeignKey(
        Achievement, on_delete=models.PROTECT, related_name="credentials"
    )
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="credentials")
    key = models.ForeignKey(IssuerKey, on_delete=models.PROTECT, related_name="credentials")
    edition = models.PositiveIntegerField(default=1)
    signed_json = models.TextField()
    display_name = models.CharField(max_length=120)
    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    status_index = models.PositiveIntegerField()
    issued_at = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)
    is_private = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=300, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=200, blank=True)

    objects = CredentialQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "achievement", "edition"],
                name="credentials_one_per_edition",
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="credentials_status_index_unique"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="credentials_revocation_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["issuer", "issued_at"])]

    def __str__(self):
        return f"Credential {self.public_id}"

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Credentials cannot be deleted; revoke them instead.")


EVIDENCE_FOLDER = "credentials/evidence"


def evidence_path(instance, filename):
    """A random name in the private storage: the upload's own name may hold personal data."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"{EVIDENCE_FOLDER}/{secrets.token_hex(16)}.{extension}"


class AwardRequest(models.Model):
    """A staff-recorded industry credential waiting for a second person's approval."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved and issued")
        REJECTED = "rejected", _("Not approved")

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="award_requests"
    )
    achievement = models.ForeignKey(Achievement, on_delete=models.PROTECT, related_name="+")
    certificate_number = models.CharField(_("certificate number"), max_length=80)
    earned_on = models.DateField(_("date earned"))
    evidence = models.FileField(
        _("certificate (PDF or photo)"),
        upload_to=evidence_path,
        storage=private_storage,
        validators=[FileExtensionValidator(["pdf", "png", "jpg", "jpeg"])],
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    credential = models.OneToOneField(
        Credential, on_delete=models.PROTECT, null=True, blank=True, related_name="award_request"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("checked_by")),
                name="award_request_second_person",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_by__isnull=False),
                name="award_request_decided_by_someone",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(credential__isnull=False),
                name="award_request_approved_has_credential",
            ),
        ]

    def __str__(self):
        return f"Award request #{self.pk}"


class WalletPreference(models.Model):
    """The name a participant wants on credentials issued to them from now on."""

    participant = models.OneToOneField(
        "people.Participant", on_delete=models.CASCADE, related_name="wallet_preference"
    )
    display_name = models.CharField(_("name shown on your credentials"), max_length=120)

    def __str__(self):
        return f"Wallet preference of participant #{self.participant_id}"
