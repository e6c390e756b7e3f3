"""A chooser for organisations that works with 100,000 of them: a searchable, paginated
modal instead of a dropdown, offering only the organisations the person choosing may
manage (every one for a national administrator, their subtrees for an organisation
administrator, none for anyone else).

Use ``OrganisationChooserWidget`` on any form field whose queryset is an Organisation
queryset; narrow that queryset with ``organisations.scope.organisations_in_scope`` too,
since a chooser is a convenience and the form is what enforces scope.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet

from organisations.scope import organisations_in_scope


def search_organisations(queryset, query: str):
    """Name contains the words, or the code starts with them (both case-insensitive)."""
    query = query.strip()
    if not query:
        return queryset
    return queryset.filter(Q(name__icontains=query) | Q(code__istartswith=query))


class OrganisationSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search by name or code"),
        widget=forms.TextInput(attrs={"placeholder": _("Search by name or code")}),
        required=False,
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if query:
            self.is_searching = True
            self.search_query = query
            return search_organisations(objects, query)
        return objects


class ScopedMixin:
    """Only what the person choosing may manage; everything else is not found."""

    filter_form_class = OrganisationSearchForm
    ordering = "path"

    def get_object_list(self):
        return organisations_in_scope(self.request.user).select_related("region")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("code", label=_("Code")),
            Column("level", label=_("Level")),
        ]


class OrganisationChooseView(ScopedMixin, ChooseView):
    pass


class OrganisationChooseResultsView(ScopedMixin, ChooseResultsView):
    pass


class OrganisationChosenView(ChosenView):
    def get_object(self, pk):
        return organisations_in_scope(self.request.user).get(pk=pk)


class OrganisationChosenMultipleView(ChosenMultipleView):
    def get_objects(self, pks):
        return organisations_in_scope(self.request.user).filter(pk__in=pks)


class OrganisationChooserViewSet(ChooserViewSet):
    model = "organisations.Organisation"
    icon = "site"
    choose_one_text = _("Choose an organisation")
    choose_another_text = _("Choose another organisation")
    per_page = 25
    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    chosen_view_class = OrganisationChosenView
    chosen_multiple_view_class = OrganisationChosenMultipleView
    # Organisations are created in the tree, under a chosen parent, not from a modal.
    register_widget = False

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]


organisation_chooser_viewset = OrganisationChooserViewSet(
    "organisation_chooser", url_prefix="organisations/choose"
)
OrganisationChooserWidget = organisation_chooser_viewset.widget_class
