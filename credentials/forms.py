from django import forms
from django.utils.translation import gettext_lazy as _

from lms.submissions import SubmissionFormMixin

from .models import Achievement


class AwardRequestForm(SubmissionFormMixin, forms.Form):
    achievement = forms.ModelChoiceField(
        label=_("Industry credential"),
        queryset=Achievement.objects.exclude(defining_body="").order_by("name"),
    )
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=80)
    earned_on = forms.DateField(
        label=_("Date earned"), widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence = forms.FileField(
        label=_("Certificate (PDF or photo)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (kept internal, never shown publicly)"),
        max_length=300,
        widget=forms.TextInput,
    )


class DisplayNameForm(forms.Form):
    display_name = forms.CharField(label=_("Name shown on your credentials"), max_length=120)


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Credential file (.json or baked .png)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.png,application/json,image/png"}),
    )
