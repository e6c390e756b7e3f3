from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from onboarding.uploads import max_upload_bytes


class PeopleFileForm(forms.Form):
    file = forms.FileField(
        label=_("HRMS file (CSV, UTF-8)"),
        help_text=_("One row per person; the first line names the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        limit = max_upload_bytes()
        if uploaded.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; files up to %(limit)s can be imported.")
                % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
            )
        if uploaded.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return uploaded
