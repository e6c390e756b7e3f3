"""The organisation tree in the Wagtail admin: browse, search, add, rename, move,
deactivate and (rarely) delete.

Built for 100,000 organisations: a page shows one level (the children of one node,
paginated) or one page of search results, never the whole tree; parents are picked with
the searchable chooser, never a dropdown. Every view reads through
``organisations_in_scope``, so an organisation administrator who types another
subtree's id gets "not found", and nothing changes.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, ProtectedError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from organisations.choosers import OrganisationChooserWidget, search_organisations
from organisations.models import Organisation, Region
from organisations.scope import (
    administered_roots,
    has_people_admin,
    is_national_admin,
    organisations_in_scope,
)
from portal.country import get_country

PER_PAGE = 50


def level_names() -> dict[str, str]:
    """The profile's own level names, in the language of the request."""
    country = get_country()
    language = get_language()
    return {
        level["code"]: country.text(level["name"], language)
        for level in country.organisation_levels
    }


def references(organisation: Organisation) -> list[str]:
    """What still points at ``organisation``: people, administrators, any other record."""
    found = []
    for relation in Organisation._meta.related_objects:
        if not (relation.one_to_many or relation.one_to_one):
            continue
        related = relation.related_model._base_manager.filter(**{relation.field.name: organisation})
        if related.exists():
            found.append(str(relation.related_model._meta.verbose_name_plural))
    return found


class OrganisationAdminMixin(WagtailAdminTemplateMixin):
    """National and organisation administrators only; everything read through scope."""

    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not has_people_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def scoped(self):
        return organisations_in_scope(self.request.user)

    def get_organisation(self, pk) -> Organisation:
        return get_object_or_404(self.scoped, pk=pk)

    def is_administered_root(self, organisation: Organisation) -> bool:
        """An organisation administrator may not move, deactivate or delete their own root."""
        if is_national_admin(self.request.user):
            return False
        return any(root.pk == organisation.pk for root in administered_roots(self.request.user))

    def tree_url(self, organisation: Organisation | None = None) -> str:
        url = reverse("organisations_admin:index")
        return f"{url}?parent={organisation.pk}" if organisation else url

    def trail(self, organisation: Organisation | None) -> list[dict]:
        """Breadcrumbs from the top of the user's scope down to ``organisation``."""
        items = [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": self.tree_url(), "label": _("Organisations")},
        ]
        if organisation is None:
            return items
        national = is_national_admin(self.request.user)
        roots = administered_roots(self.request.user)
        chain = [*organisation.get_ancestors(), organisation]
        for node in chain:
            if national or any(node.path.startswith(root.path) for root in roots):
                items.append({"url": self.tree_url(node), "label": node.name})
        return items


class TreeView(OrganisationAdminMixin, TemplateView):
    template_name = "organisations/admin/tree.html"
    page_title = gettext_lazy("Organisations")

    @cached_property
    def parent(self) -> Organisation | None:
        pk = self.request.GET.get("parent")
        return self.get_organisation(pk) if pk else None

    @cached_property
    def query(self) -> str:
        return self.request.GET.get("q", "").strip()

    def rows(self):
        if self.query:
            return search_organisations(self.scoped, self.query).order_by("name", "code")
        if self.parent is not None:
            return self.parent.get_children()
        if is_national_admin(self.request.user):
            return Organisation.get_root_nodes()
        return self.scoped.filter(
            pk__in=[root.pk for root in administered_roots(self.request.user)]
        )

    def get_breadcrumbs_items(self):
        items = self.trail(self.parent)
        items[-1] = {**items[-1], "url": ""}
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.rows().select_related("region"), PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        ids = [organisation.pk for organisation in page]
        people = dict(
            get_user_model()
            ._default_manager.filter(organisation_id__in=ids)
            .values_list("organisation_id")
            .annotate(count=Count("id"))
            .values_list("organisation_id", "count")
        )
        levels = level_names()
        national = is_national_admin(self.request.user)
        roots = {root.pk for root in administered_roots(self.request.user)}
        context.update(
            page=page,
            rows=[
                {
                    "organisation": organisation,
                    "level": levels.get(organisation.level, organisation.level),
                    "people": people.get(organisation.pk, 0),
                    "protected": not national and organisation.pk in roots,
                }
                for organisation in page
            ],
            parent=self.parent,
            query=self.query,
            level_names=levels,
            can_add_top_level=national,
        )
        return context


class OrganisationForm(forms.ModelForm):
    """Name, code, level (one of the profile's) and region."""

    class Meta:
        model = Organisation
        fields = ["name", "code", "level", "region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"] = forms.ChoiceField(
            label=_("Level"), choices=list(level_names().items())
        )
        self.fields["region"].queryset = Region.objects.order_by("name")
        if self.instance.pk and self.instance.synced_values is not None:
            # The profile matches organisations by code: changing it would orphan this one.
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("Set by the country profile.")


class AddView(OrganisationAdminMixin, FormView):
    template_name = "organisations/admin/form.html"
    form_class = OrganisationForm
    page_title = gettext_lazy("Add an organisation")

    @cached_property
    def parent(self) -> Organisation | None:
        pk = self.request.GET.get("parent") or self.request.POST.get("parent")
        if pk:
            return self.get_organisation(pk)
        if not is_national_admin(self.request.user):
            raise PermissionDenied  # only a national administrator adds a top-level organisation
        return None

    def get_breadcrumbs_items(self):
        return [*self.trail(self.parent), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "parent": self.parent}

    def form_valid(self, form):
        organisation = form.save(commit=False)
        with transaction.atomic():
            if self.parent is None:
                Organisation.add_root(instance=organisation)
            else:
                self.parent.add_child(instance=organisation)
        messages.success(self.request, _("Organisation “%s” added.") % organisation.name)
        return HttpResponseRedirect(self.tree_url(self.parent))


class EditView(OrganisationAdminMixin, FormView):
    template_name = "organisations/admin/form.html"
    form_class = OrganisationForm
    page_title = gettext_lazy("Edit organisation")

    @cached_property
    def organisation(self) -> Organisation:
        return self.get_organisation(self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.organisation}

    def get_breadcrumbs_items(self):
        return [*self.trail(self.organisation), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "organisation": self.organisation}

    def form_valid(self, form):
        organisation = form.save(commit=False)
        # Children are ordered by name: a rename may change this node's place among them.
        Organisation.objects.filter(pk=organisation.pk).update(
            name=organisation.name,
            code=organisation.code,
            level=organisation.level,
            region=organisation.region,
        )
        organisation.refresh_from_db()
        parent = organisation.get_parent(update=True)
        with transaction.atomic():
            if parent is not None:
                organisation.move(parent, "sorted-child")
            else:
                organisation.move(Organisation.get_first_root_node(), "sorted-sibling")
        messages.success(self.request, _("Organisation “%s” saved.") % organisation.name)
        return HttpResponseRedirect(self.tree_url(parent))


class MoveForm(forms.Form):
    target = forms.ModelChoiceField(
        label=gettext_lazy("New parent"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=OrganisationChooserWidget,
        help_text=gettext_lazy("Leave empty to make it a top-level organisation."),
    )

    def __init__(self, *args, organisation, scoped, national, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.national = national
        self.fields["target"].queryset = scoped
        if not national:
            self.fields["target"].required = True
            self.fields["target"].help_text = ""

    def clean_target(self):
        target = self.cleaned_data["target"]
        if target is not None and target.path.startswith(self.organisation.path):
            raise forms.ValidationError(_("An organisation cannot move under itself."))
        return target


class MoveView(OrganisationAdminMixin, FormView):
    template_name = "organisations/admin/form.html"
    form_class = MoveForm
    page_title = gettext_lazy("Move organisation")

    @cached_property
    def organisation(self) -> Organisation:
        organisation = self.get_organisation(self.kwargs["pk"])
        if self.is_administered_root(organisation):
            raise PermissionDenied
        return organisation

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisation": self.organisation,
            "scoped": self.scoped,
            "national": is_national_admin(self.request.user),
        }

    def get_breadcrumbs_items(self):
        return [*self.trail(self.organisation), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "organisation": self.organisation}

    def form_valid(self, form):
        target = form.cleaned_data["target"]
        with transaction.atomic():
            if target is None:
                self.organisation.move(Organisation.get_first_root_node(), "sorted-sibling")
            else:
                self.organisation.move(target, "sorted-child")
        messages.success(self.request, _("Organisation “%s” moved.") % self.organisation.name)
        return HttpResponseRedirect(self.tree_url(target))


class SetActiveView(OrganisationAdminMixin, View):
    """POST only: deactivate or reactivate one organisation (its people keep it)."""

    active = False
    http_method_names = ["post"]

    def post(self, request, pk):
        organisation = self.get_organisation(pk)
        if self.is_administered_root(organisation):
            raise PermissionDenied
        Organisation.objects.filter(pk=organisation.pk).update(is_active=self.active)
        message = _("“%s” reactivated.") if self.active else _("“%s” deactivated.")
        messages.success(request, message % organisation.name)
        return HttpResponseRedirect(self.tree_url(organisation.get_parent()))


class DeleteView(OrganisationAdminMixin, TemplateView):
    """Only an organisation created in the admin, with no children and nothing pointing at it."""

    template_name = "organisations/admin/delete.html"
    page_title = gettext_lazy("Delete organisation")

    @cached_property
    def organisation(self) -> Organisation:
        organisation = self.get_organisation(self.kwargs["pk"])
        if self.is_administered_root(organisation):
            raise PermissionDenied
        return organisation

    def reasons(self) -> list[str]:
        organisation = self.organisation
        found = []
        if organisation.synced_values is not None:
            found.append(_("it comes from the country profile"))
        if organisation.get_children_count():
            found.append(_("it has organisations below it"))
        for name in references(organisation):
            found.append(_("%s still point at it") % name)
        return found

    def get_breadcrumbs_items(self):
        return [*self.trail(self.organisation), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "organisation": self.organisation,
            "reasons": self.reasons(),
        }

    def post(self, request, pk):
        reasons = self.reasons()
        parent = self.organisation.get_parent()
        if reasons:
            messages.error(
                request,
                _("“%(name)s” cannot be deleted: %(reasons)s. Deactivate it instead.")
                % {"name": self.organisation.name, "reasons": "; ".join(reasons)},
            )
            return HttpResponseRedirect(self.tree_url(parent))
        try:
            with transaction.atomic():
                self.organisation.delete()
        except ProtectedError:
            messages.error(request, _("Something still points at it. Deactivate it instead."))
            return HttpResponseRedirect(self.tree_url(parent))
        messages.success(request, _("“%s” deleted.") % self.organisation.name)
        return HttpResponseRedirect(self.tree_url(parent))
