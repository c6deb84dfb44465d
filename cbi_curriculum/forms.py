from django import forms
from django.utils.translation import gettext_lazy as _

from lms.people.models import Participant, User
from lms.people.roles import Role
from lms.people.selectors import organizations_visible_to, participants_visible_to

from .models import CurriculumPage, Group


class GroupForm(forms.ModelForm):
    """A group of one of the organizations the admin may see; facilitators from the same one."""

    class Meta:
        model = Group
        fields = [
            "organization",
            "name",
            "curriculum",
            "facilitators",
            "weekday",
            "start_time",
            "room",
            "enrollment",
            "capacity",
            "starts_on",
            "is_active",
        ]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "facilitators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = organizations_visible_to(user).filter(kind="partner")
        self.fields["organization"].queryset = orgs
        if orgs.count() == 1:
            self.fields["organization"].initial = orgs.first()
        self.fields["curriculum"].queryset = CurriculumPage.objects.live()
        self.fields["facilitators"].queryset = User.objects.filter(
            role=Role.FACILITATOR, organization__in=orgs, is_active=True
        ).select_related("organization")

    def clean(self):
        data = super().clean()
        org = data.get("organization")
        wrong = [f for f in data.get("facilitators", []) if org and f.organization_id != org.pk]
        if wrong:
            self.add_error(
                "facilitators", _("Facilitators must work for the group's organization.")
            )
        curriculum = data.get("curriculum")
        if (
            self.instance.pk
            and curriculum
            and curriculum.pk != self.instance.curriculum_id
            and self.instance.sessions.exists()
        ):
            self.add_error(
                "curriculum",
                _("The group already has sessions of its curriculum; start a new group instead."),
            )
        return data


class MemberAddForm(forms.Form):
    participant = forms.ModelChoiceField(
        label=_("Participant"), queryset=Participant.objects.none()
    )
    joined_on = forms.DateField(
        label=_("Joined on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = (
            participants_visible_to(user)
            .filter(organization_id=group.organization_id, status=Participant.Status.ACTIVE)
            .exclude(cbi_memberships__group=group, cbi_memberships__left_on__isnull=True)
        )


class ScheduleForm(forms.Form):
    count = forms.IntegerField(label=_("Number of sessions"), min_value=1, max_value=52, initial=4)


class CloseForm(forms.Form):
    length_minutes = forms.IntegerField(
        label=_("Session length (minutes)"), min_value=1, max_value=24 * 60
    )
    steps_delivered = forms.MultipleChoiceField(
        label=_("Steps delivered"), required=False, widget=forms.CheckboxSelectMultiple
    )
    fidelity_checked = forms.MultipleChoiceField(
        label=_("Fidelity checklist"), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        label=_("Facilitator notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("About the session, not about any one person's health or history."),
    )

    def __init__(self, *args, lesson, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["steps_delivered"].choices = [
            (step.id, step.value["title"]) for step in lesson.script
        ]
        self.fields["fidelity_checked"].choices = [
            (item.id, item.value["text"]) for item in lesson.fidelity_items
        ]


class MakeUpForm(forms.Form):
    session = forms.IntegerField(widget=forms.HiddenInput)
