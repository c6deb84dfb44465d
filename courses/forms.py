"""The H5P upload form used by the admin's H5P package views."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .h5p.checks import H5PPackageError, check_package
from .h5p.services import h5p_package_import
from .models import H5PPackage


class H5PPackageForm(WagtailAdminModelForm):
    package = forms.FileField(
        label=_("H5P file"),
        required=False,
        help_text=_("A .h5p file. It is checked before anything is unpacked."),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )

    class Meta:
        model = H5PPackage
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leave empty to use the title inside the package.")
        if self.instance.pk:
            del self.fields["package"]

    def clean_package(self):
        upload = self.cleaned_data.get("package")
        if upload is None:
            raise forms.ValidationError(_("Choose an .h5p file."), code="required")
        try:
            check_package(upload)
        except H5PPackageError as error:
            raise forms.ValidationError(error.messages, code=error.code) from error
        return upload

    def clean_title(self):
        title = self.cleaned_data.get("title", "").strip()
        if self.instance.pk and not title:
            raise forms.ValidationError(_("A package needs a title."), code="required")
        return title

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit=commit)
        package, _created = h5p_package_import(
            self.cleaned_data["package"],
            title=self.cleaned_data.get("title", ""),
            uploaded_by=getattr(self, "for_user", None),
        )
        self.instance = package
        return package
