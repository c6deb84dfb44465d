"""The audit trail: who did what sensitive thing, when, in which organization."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.append_only import AppendOnlyModel


class AuditEvent(AppendOnlyModel):
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organization = models.ForeignKey(
        "people.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    message = models.CharField(_("what"), max_length=300)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return self.message


class Submission(models.Model):
    """One staff form submission, claimed in the same transaction as the rows it writes.

    The unique token makes a double click or a retried request a no-op (see lms.submissions).
    Rows only matter for as long as a form can be resubmitted; old ones may be purged.
    """

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    action = models.CharField(max_length=60)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return f"{self.action} {self.token}"
