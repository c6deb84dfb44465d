from django import forms
from django.utils.translation import gettext_lazy as _

from lms.submissions import SubmissionFormMixin

from .models import (
    WEEKDAYS,
    IncentiveRule,
    JobPlacement,
    RetentionCheck,
    StipendPolicy,
    WorksitePlacement,
)

DATE = forms.DateInput(attrs={"type": "date"})


class PolicyForm(SubmissionFormMixin, forms.ModelForm):
    class Meta:
        model = StipendPolicy
        fields = [
            "effective_from",
            "module_rate",
            "cbi_session_rate",
            "coaching_rate",
            "minimum_minutes",
            "period_cap",
            "year_cap",
            "year_start_month",
            "year_start_day",
            "period_days",
            "period_anchor",
        ]
        widgets = {"effective_from": DATE, "period_anchor": DATE}


class IncentiveRuleForm(SubmissionFormMixin, forms.ModelForm):
    class Meta:
        model = IncentiveRule
        fields = ["milestone", "amount", "effective_from"]
        widgets = {"effective_from": DATE}


class JobPlacementForm(SubmissionFormMixin, forms.ModelForm):
    class Meta:
        model = JobPlacement
        fields = ["employer", "job_title", "sector", "start_date", "hourly_wage", "schedule"]
        widgets = {"start_date": DATE}


class RetentionCheckForm(SubmissionFormMixin, forms.ModelForm):
    class Meta:
        model = RetentionCheck
        fields = ["days", "checked_on", "still_employed", "method", "note"]
        widgets = {"checked_on": DATE}


class WorksitePlacementForm(SubmissionFormMixin, forms.ModelForm):
    class Meta:
        model = WorksitePlacement
        fields = [
            "worksite",
            "supervisor",
            "supervisor_phone",
            "start",
            "end",
            "hourly_wage",
            "paid_by",
        ]
        widgets = {"start": DATE, "end": DATE}


class TimesheetForm(SubmissionFormMixin, forms.Form):
    week_start = forms.DateField(label=_("Week starting (Monday)"), widget=DATE)
    mon = forms.DecimalField(label=_("Monday hours"), min_value=0, max_value=24, required=False)
    tue = forms.DecimalField(label=_("Tuesday hours"), min_value=0, max_value=24, required=False)
    wed = forms.DecimalField(label=_("Wednesday hours"), min_value=0, max_value=24, required=False)
    thu = forms.DecimalField(label=_("Thursday hours"), min_value=0, max_value=24, required=False)
    fri = forms.DecimalField(label=_("Friday hours"), min_value=0, max_value=24, required=False)
    sat = forms.DecimalField(label=_("Saturday hours"), min_value=0, max_value=24, required=False)
    sun = forms.DecimalField(label=_("Sunday hours"), min_value=0, max_value=24, required=False)

    def minutes(self) -> dict:
        return {
            name: int(((self.cleaned_data.get(name) or 0) * 60).to_integral_value())
            for name in WEEKDAYS
        }


class TimesheetImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: participant_id, week_start (YYYY-MM-DD, a Monday), mon, tue, wed, thu, "
            "fri, sat, sun (hours per day)."
        ),
    )
