from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User
from .roles import STAFF_ROLES, Role


def staff_role_choices(actor):
    roles = [r for r in Role if r in STAFF_ROLES]
    if actor.role != Role.PROGRAM_ADMIN:
        roles = [r for r in roles if r != Role.PROGRAM_ADMIN]
    return [(r.value, r.label) for r in roles]


class StaffCreateForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), help_text=_("We send the sign-in link here."))
    role = forms.ChoiceField(label=_("Role"))
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)

    def __init__(self, *args, actor, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = staff_role_choices(actor)
        self.fields["organization"].queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("That username is taken. Try another."))
        return username


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = staff_role_choices(actor)
