"""Staff forms that write money-relevant rows are applied once per submission.

Each form carries a hidden one-time token (``SubmissionFormMixin``). The service claims it with
``claim_submission`` inside the transaction that writes the rows: the unique constraint lets one
request through; a double click or a retry raises ``AlreadySubmitted`` and writes nothing. If the
write fails, the claim rolls back with it and the same token may be sent again.
"""

import re
import uuid

from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

FIELD = "submission"
TOKEN = re.compile(r"^[0-9a-f]{32}$")
ALREADY_SAVED = _("This was already saved.")


class AlreadySubmitted(Exception):
    """This submission was applied before; nothing was written this time."""


def new_token() -> str:
    return uuid.uuid4().hex


def claim_submission(token: str | None, user, action: str) -> None:
    """Claim ``token`` once, inside the caller's transaction. ``None`` means no form (scripts)."""
    from lms.audit.models import Submission

    if token is None:
        return
    if not TOKEN.match(token):
        raise ValueError("Malformed submission token.")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim_submission must run inside the transaction that writes.")
    try:
        with transaction.atomic():
            Submission.objects.create(
                token=token, user=user if getattr(user, "pk", None) else None, action=action
            )
    except IntegrityError as exc:
        raise AlreadySubmitted(token) from exc


class SubmissionFormMixin(forms.Form):
    """Adds the hidden one-time ``submission`` token; a missing or bad one is a form error."""

    submission = forms.RegexField(regex=TOKEN, widget=forms.HiddenInput, initial=new_token)

    def full_clean(self):
        super().full_clean()
        if self.is_bound and FIELD in self._errors:
            del self._errors[FIELD]
            self.data = self.data.copy()  # shown again with a fresh token
            self.data[self.add_prefix(FIELD)] = new_token()
            self.add_error(
                None,
                _("This form is incomplete or out of date. Reload the page and try again."),
            )


def submissions_purge(*, days: int = 30) -> int:
    """Forget tokens older than ``days``: a form left open longer than that is sent afresh."""
    from datetime import timedelta

    from django.utils import timezone

    from lms.audit.models import Submission

    deleted, _by_model = Submission.objects.filter(
        created_at__lt=timezone.now() - timedelta(days=days)
    ).delete()
    return deleted
