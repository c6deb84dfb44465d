from django import forms
from django.utils.translation import gettext_lazy as _

from lms.submissions import SubmissionFormMixin


class CorrectionForm(SubmissionFormMixin, forms.Form):
    minutes = forms.IntegerField(
        label=_("Change in minutes"),
        min_value=-1440,
        max_value=1440,
        help_text=_("Use a minus sign to take minutes away, for example -30."),
    )
    note = forms.CharField(label=_("Why"), max_length=300)


class DecisionForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple)
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    note = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = queryset
