from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .models import Organization, Participant
from .selectors import case_managers_for, organizations_visible_to


class ParticipantForm(forms.ModelForm):
    """Enrollment and edits. Deliberately no fields for diagnoses or offenses."""

    class Meta:
        model = Participant
        fields = [
            "preferred_name",
            "legal_name",
            "phone",
            "email",
            "organization",
            "case_manager",
            "enrollment_date",
            "status",
            "preferred_language",
        ]
        widgets = {"enrollment_date": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "preferred_name": _("The name the person wants to be called. Shown on their pages."),
            "legal_name": _("Only staff see this, for payroll and records."),
            "email": _("Optional. Many participants sign in with a username instead."),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = organizations_visible_to(actor).filter(kind=Organization.Kind.PARTNER)
        self.fields["organization"].queryset = orgs
        if orgs.count() == 1:
            self.fields["organization"].initial = orgs.first()
        self.fields["case_manager"].queryset = case_managers_for(orgs)
        if not self.instance.pk:
            self.fields["status"].initial = Participant.Status.ACTIVE


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters. A short sentence is easy to remember."),
    )
    password2 = forms.CharField(
        label=_("Type it again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        elif data.get("password1"):
            try:
                password_validation.validate_password(data["password1"], self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
