from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .app_settings import app_settings
from .periods import program_quarter


class ReportRangeForm(forms.Form):
    """The date range (inclusive) and, for program admins, one partner to look at."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    organization = forms.ChoiceField(label=_("Partner"), required=False)

    def __init__(self, data=None, *, organizations=None, today=None):
        today = today or timezone.localdate()
        quarter = program_quarter(today)
        defaults = {"start": quarter.start.isoformat(), "end": quarter.end.isoformat()}
        merged = {**defaults, **{k: v for k, v in (data or {}).items() if v}}
        super().__init__(merged)
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].choices = [("", _("Whole program, by partner"))] + [
                (org.slug, org.display_name) for org in organizations
            ]

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}-errors"}
                )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end date must be on or after the start date."))
            elif end - start > timedelta(days=app_settings.MAX_RANGE_DAYS):
                self.add_error(
                    "end",
                    _("Choose a range of at most %(days)s days.")
                    % {"days": app_settings.MAX_RANGE_DAYS},
                )
        return cleaned
