"""The dashboard's filters, read from the querystring so a view can be bookmarked."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminPageChooser

from catalog.models import CoursePage, ProviderPage
from competencies.models import Competency
from dashboards.models import Grain
from dashboards.periods import period_start
from dashboards.queries import Filters, courses_available
from dashboards.rollups import course_depth, daily_days, first_daily_day
from organisations.choosers import OrganisationChooserWidget
from organisations.models import Region
from organisations.scope import administered_roots, is_national_admin, organisations_in_scope

MAX_YEARS = 10


class CompetencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.label()}"


def default_range(today=None):
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    first = period_start(Grain.MONTH, today)
    for _step in range(11):
        first = period_start(Grain.MONTH, first - timedelta(days=1))
    return first, today


class DashboardFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation (with everything below it)"),
        queryset=None,
        required=False,
        widget=OrganisationChooserWidget,
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False
    )
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.all(),
        required=False,
        widget=AdminPageChooser(target_models=[CoursePage]),
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=ProviderPage.objects.order_by("title"), required=False
    )
    competency = CompetencyChoiceField(
        label=_("Competency"),
        queryset=Competency.objects.filter(is_retired=False)
        .select_related("framework")
        .order_by("code"),
        required=False,
    )
    first = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    last = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    grain = forms.ChoiceField(label=_("Show by"), choices=Grain.choices)

    def __init__(self, data, user, **kwargs):
        first, last = default_range()
        defaults = {"first": first.isoformat(), "last": last.isoformat(), "grain": Grain.MONTH}
        merged = {**defaults, **{key: value for key, value in data.items() if value != ""}}
        super().__init__(merged, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = organisations_in_scope(user)

    def clean(self):
        cleaned = super().clean()
        first, last, grain = cleaned.get("first"), cleaned.get("last"), cleaned.get("grain")
        if first and last:
            if first > last:
                self.add_error("last", _("“To” must be on or after “From”."))
            elif (last - first).days > 366 * MAX_YEARS:
                self.add_error("first", _("Choose at most ten years."))
            elif grain == Grain.DAY and first < first_daily_day(timezone.localdate()):
                self.add_error(
                    "grain",
                    _(
                        "Daily figures are kept for the last %(days)d days; choose a later "
                        "“From” date, or weeks or months."
                    )
                    % {"days": daily_days()},
                )
        narrowed = any(cleaned.get(name) for name in ("course", "provider", "competency"))
        if narrowed and grain and grain != Grain.MONTH:
            self.add_error(
                "grain",
                _("Figures by course, provider or competency are monthly: choose “Month”."),
            )
        if narrowed and not self.errors and not courses_available(self.filters()):
            self.add_error(
                None,
                _(
                    "Figures by course, provider or competency are kept for the top "
                    "%(levels)d levels of organisations: choose one of those."
                )
                % {"levels": course_depth()},
            )
        return cleaned

    def filters(self) -> Filters:
        cleaned = self.cleaned_data
        organisation = cleaned.get("organisation")
        if organisation is not None:
            roots = (organisation,)
        elif is_national_admin(self.user):
            roots = None
        else:
            roots = tuple(administered_roots(self.user))
        return Filters(
            first=cleaned["first"],
            last=cleaned["last"],
            grain=cleaned["grain"],
            roots=roots,
            region=cleaned.get("region"),
            course=cleaned.get("course"),
            provider=cleaned.get("provider"),
            competency=cleaned.get("competency"),
        )
