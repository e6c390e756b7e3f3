"""What an editor picks when aligning a course to the competency framework.

A framework holds hundreds of competencies, so the competency is chosen in a modal that
searches codes, names and competency areas (the framework models are not in Wagtail's
search index: they are reloaded from a file, so the chooser searches the database
directly). A framework has a handful of proficiency levels, so the target level is a plain
select of the live levels, grouped by framework, lowest rank first; ``CourseCompetency``
checks that the level belongs to the competency's framework.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from competencies.models import Competency, ProficiencyLevel


class CompetencySearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search by code, name or area")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(
                Q(code__icontains=query)
                | Q(name__icontains=query)
                | Q(group__name__icontains=query)
            )
            self.is_searching = True
            self.search_query = query
        return objects


class CompetencyListing:
    """Live competencies with what their labels read, in framework order."""

    filter_form_class = CompetencySearchForm
    ordering = ["framework", "position"]

    def get_object_list(self):
        return Competency.objects.filter(is_retired=False).select_related(
            "framework", "group__framework"
        )

    @property
    def columns(self):
        return [
            self.title_column,
            Column("group", label=_("Competency area"), accessor=lambda c: c.group.label()),
        ]


class CompetencyChooseView(CompetencyListing, ChooseView):
    pass


class CompetencyChooseResultsView(CompetencyListing, ChooseResultsView):
    pass


class CompetencyChooserViewSet(ChooserViewSet):
    model = Competency
    icon = "tick-inverse"
    choose_one_text = _("Choose a competency")
    choose_another_text = _("Choose another competency")
    edit_item_text = None
    per_page = 25
    choose_view_class = CompetencyChooseView
    choose_results_view_class = CompetencyChooseResultsView


competency_chooser_viewset = CompetencyChooserViewSet("course_competency_chooser")


class ProficiencyLevelSelect(forms.Select):
    """The live proficiency levels, grouped by framework, in one query per form."""

    def optgroups(self, name, value, attrs=None):
        groups: dict[int, tuple[str, list]] = {}
        levels = (
            ProficiencyLevel.objects.filter(is_retired=False)
            .select_related("framework")
            .order_by("framework_id", "rank")
        )
        for level in levels:
            framework = groups.setdefault(level.framework_id, (level.framework.label(), []))
            framework[1].append((level.pk, f"{level.rank}. {level.label()}"))
        self.choices = [("", _("(no particular level)")), *groups.values()]
        return super().optgroups(name, value, attrs)
