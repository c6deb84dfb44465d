"""The hours ledger: one append-only row per credited span of time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.append_only import AppendOnlyModel


class HoursKind(models.TextChoices):
    MODULE = "module", _("Online module")
    CBI_SESSION = "cbi_session", _("Group session")
    WORK_EXPERIENCE = "work_experience", _("Work experience")
    COACHING = "coaching", _("Coaching")
    OTHER = "other", _("Other")


class HoursStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class HoursEntry(AppendOnlyModel):
    """Never edited or deleted: the only change is the one decision on a pending row.

    A correction is a new row whose ``corrects`` points at the row it reverses or adjusts.
    """

    mutable_fields = frozenset(["status", "decided_by", "decided_at", "note"])
    append_only_hint = "Add a correction row instead."

    participant = models.ForeignKey(
        "people.Participant", on_delete=models.PROTECT, related_name="hours_entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=HoursKind.choices)
    minutes = models.IntegerField(_("minutes"))
    date = models.DateField(_("date"))
    source = models.CharField(
        _("source"),
        max_length=200,
        unique=True,
        help_text=_("What produced these minutes; the same source never credits twice."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HoursStatus.choices, default=HoursStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours ledger")
        indexes = [
            models.Index(fields=["participant", "date"]),
            models.Index(fields=["status", "date"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(minutes=0), name="hours_entry_minutes_not_zero"),
            models.CheckConstraint(
                condition=Q(minutes__gt=0) | Q(corrects__isnull=False),
                name="hours_entry_negative_only_as_correction",
            ),
            models.CheckConstraint(
                condition=Q(minutes__lte=24 * 60) & Q(minutes__gte=-24 * 60),
                name="hours_entry_at_most_a_day",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="hours_entry_decision_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.minutes} min {self.kind} on {self.date}"

    @property
    def hours(self):
        return round(self.minutes / 60, 2)


# The one permitted update: a pending row receives its decision, nothing else changes.
DECISION_ONLY_UPDATE = (
    "OLD.status = 'pending' AND NEW.status IN ('approved', 'rejected')"
    " AND NEW.participant_id = OLD.participant_id AND NEW.minutes = OLD.minutes"
    " AND NEW.date = OLD.date AND NEW.kind = OLD.kind AND NEW.source = OLD.source"
    " AND NEW.corrects_id IS NOT DISTINCT FROM OLD.corrects_id"
)
