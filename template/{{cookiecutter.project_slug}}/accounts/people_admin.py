"""People in the Wagtail admin, built for a million civil servants.

Wagtail's own user admin, customised through its ``UserViewSet`` (see
``accounts.apps.PeopleAdminUsersConfig``):

* **scope** — every view reads through ``accounts.scope.people_in_scope``: an
  organisation administrator's list, edit, delete, history and export only ever reach the
  people of their subtrees; another person's id is "not found";
* **forms** — organisation (the searchable chooser, limited to scope), employee id,
  designation, grade, preferred language (the portal's languages), plus fields other apps
  add through the ``register_person_form_fields`` hook (``PersonFormExtension``), so this
  app never imports the apps above it. Groups and the superuser flag are offered only to
  those who may grant them;
* **search** — prefix matches on indexed columns (name, e-mail, username, employee id),
  never a ``LIKE '%…%'`` scan of the whole table; filters by organisation subtree (code),
  designation, status, group;
* **counts** — an unfiltered list on PostgreSQL shows the planner's row estimate ("about
  N people") instead of ``COUNT(*)`` over a million rows; other lists count at most
  ``COUNT_CAP`` rows;
* **export** — a streaming CSV of the people in scope, with the same search and filters.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

from accounts.scope import can_manage_person, people_in_scope
from organisations.choosers import OrganisationChooserWidget
from organisations.models import Organisation, OrganisationAdministrator
from organisations.scope import has_people_admin, is_national_admin, organisations_in_scope

User = get_user_model()

COUNT_CAP = 10_000
ESTIMATE_FROM = 100_000  # below this, a real count is cheap enough
SORT_MATCHES_FROM = 3  # search terms this long match few enough people to sort them
PERSON_FIELDS = ["organisation", "employee_id", "designation", "grade", "preferred_language"]
FORM_EXTENSIONS_HOOK = "register_person_form_fields"


# --- who may do what ---------------------------------------------------------------


class PeoplePermissionPolicy(ModelPermissionPolicy):
    """National administrators (and superusers) manage everyone; organisation
    administrators add, change and view the people of their subtrees; deleting people is
    for national administrators only (an HRMS status of "inactive" is the normal way out)."""

    def user_has_permission(self, user, action):
        if not (user.is_active and user.is_authenticated):
            return False
        if is_national_admin(user):
            return True
        if action in {"add", "change", "view"}:
            return has_people_admin(user)
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_manage_person(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return User._default_manager.none()
        return people_in_scope(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return User._default_manager.none()
        return people_in_scope(user)

    def users_with_any_permission(self, actions):
        return User._default_manager.filter(is_active=True)


# --- forms ------------------------------------------------------------------------


@dataclass
class PersonFormExtension:
    """Extra fields another app adds to the person forms, without accounts importing it.

    Register with ``@hooks.register("register_person_form_fields")`` returning one of
    these. ``fields()`` gives ``{name: form field}``; ``initial(person)`` their values for
    an existing person; ``save(person, cleaned_data)`` stores them after the person is saved.
    """

    fields: callable
    initial: callable
    save: callable


def form_extensions() -> list[PersonFormExtension]:
    return [hook() for hook in hooks.get_hooks(FORM_EXTENSIONS_HOOK)]


def language_choices():
    return [("", _("The portal's default language")), *settings.LANGUAGES]


class PersonFormMixin:
    """Civil-service fields, scope-limited organisation, and what the editor may grant."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        national = for_user is not None and is_national_admin(for_user)
        organisation = self.fields["organisation"]
        organisation.queryset = (
            organisations_in_scope(for_user) if for_user else Organisation.objects.none()
        )
        organisation.widget = OrganisationChooserWidget()
        organisation.required = not national
        self.fields["preferred_language"] = forms.ChoiceField(
            label=capfirst(User._meta.get_field("preferred_language").verbose_name),
            choices=language_choices(),
            required=False,
        )
        if for_user is None or not for_user.is_superuser:
            self.fields.pop("is_superuser", None)
        if not national:
            self.fields.pop("groups", None)
        else:
            self.administered = (
                OrganisationAdministrator.objects.filter(user=self.instance)
                .select_related("organisation")
                .order_by("organisation__path")
                .first()
                if self.instance.pk
                else None
            )
            self.fields["administers"] = forms.ModelChoiceField(
                label=_("Organisation administrator of"),
                queryset=Organisation.objects.all(),
                required=False,
                widget=OrganisationChooserWidget(),
                initial=self.administered.organisation_id if self.administered else None,
                help_text=_("Manages the people of this organisation and everything below it."),
            )
        self.extensions = form_extensions()
        self.extension_fields = []
        for extension in self.extensions:
            initial = extension.initial(self.instance) if self.instance.pk else {}
            for name, field in extension.fields().items():
                field.initial = initial.get(name, field.initial)
                self.fields[name] = field
                self.extension_fields.append(name)

    @property
    def person_field_names(self):
        return [*PERSON_FIELDS, *self.extension_fields]

    @property
    def role_field_names(self):
        return ["administers"] if "administers" in self.fields else []

    def _save_administration(self, person):
        if "administers" not in self.fields:
            return
        chosen = self.cleaned_data.get("administers")
        before = self.administered
        if before is not None and before.organisation_id != getattr(chosen, "pk", None):
            before.delete()
        if chosen is not None:
            OrganisationAdministrator.objects.get_or_create(user=person, organisation=chosen)

    def clean_employee_id(self):
        return self.cleaned_data.get("employee_id") or None  # unique: empty is "none"

    def save(self, commit=True):
        person = super().save(commit=commit)
        if commit:
            self._save_administration(person)
            for extension in self.extensions:
                extension.save(person, self.cleaned_data)
        return person


class PersonCreationForm(PersonFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = [*UserCreationForm.Meta.fields, *PERSON_FIELDS]


class PersonEditForm(PersonFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*UserEditForm.Meta.fields, *PERSON_FIELDS]


# --- listing ------------------------------------------------------------------------


def search_people(queryset, query: str):
    """Prefix matches on indexed columns; two words also match first and last name."""
    words = query.split()
    if not words:
        return queryset
    if len(words) == 1:
        word = words[0]
        match = (
            Q(last_name__istartswith=word)
            | Q(first_name__istartswith=word)
            | Q(username__istartswith=word)
            | Q(employee_id__istartswith=word)
        )
        if "@" in word:
            match = Q(email__istartswith=word)
        return queryset.filter(match)
    first, last = words[0], " ".join(words[1:])
    return queryset.filter(
        Q(first_name__istartswith=first, last_name__istartswith=last)
        | Q(last_name__istartswith=first, first_name__istartswith=last)
    )


def estimated_rows(model) -> int | None:
    """PostgreSQL's own estimate of a table's rows (kept fresh by autovacuum), or None."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [model._meta.db_table],
        )
        row = cursor.fetchone()
    return row[0] if row and row[0] >= 0 else None


class PeoplePaginator(WagtailPaginator):
    """Counts that stay cheap over a million rows.

    ``estimate=True`` (an unfiltered national list) uses the planner's estimate when it
    is large; otherwise at most ``COUNT_CAP + 1`` rows are counted, and a list longer than
    that says "more than 10,000" (narrow it with a search or filter).
    """

    estimate = False

    @cached_property
    def count(self):
        self.approximate = False
        self.capped = False
        if self.estimate:
            estimate = estimated_rows(User)
            if estimate is not None and estimate >= ESTIMATE_FROM:
                self.approximate = True
                return estimate
        counted = self.object_list[: COUNT_CAP + 1].count()
        if counted > COUNT_CAP:
            self.capped = True
            return COUNT_CAP
        return counted

    @cached_property
    def items_count_label(self):
        count = self.count
        if self.approximate:
            return _("about %(count)s people") % {"count": f"{count:,}"}
        if self.capped:
            return _("more than %(count)s people") % {"count": f"{count:,}"}
        return super().items_count_label


class PeopleFilterSet(wagtail_users.UserFilterSet):
    organisation = django_filters.CharFilter(
        label=gettext_lazy("Organisation code (with everything below it)"),
        method="filter_organisation",
    )
    designation = django_filters.CharFilter(
        label=gettext_lazy("Designation starts with"),
        field_name="designation",
        lookup_expr="istartswith",
    )

    def filter_organisation(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        user = self.request.user if self.request else None
        scoped = organisations_in_scope(user)
        organisation = (
            scoped.filter(code=value).first() or scoped.filter(code__iexact=value).first()
        )
        if organisation is None:
            return queryset.none()
        return queryset.filter(organisation__path__startswith=organisation.path)

    class Meta(wagtail_users.UserFilterSet.Meta):
        fields = []


def scoped_people(request, filterset_class=PeopleFilterSet):
    """The people ``request.user`` manages, with the list's search and filters applied."""
    people = people_in_scope(request.user, User._default_manager.select_related("organisation"))
    filters = filterset_class(request.GET, queryset=people, request=request)
    if filters.is_valid():
        people = filters.qs
    return search_people(people, request.GET.get("q", ""))


class IndexView(wagtail_users.IndexView):
    filterset_class = PeopleFilterSet
    paginator_class = PeoplePaginator
    page_title = gettext_lazy("People")

    def get_base_queryset(self):
        return people_in_scope(self.request.user, super().get_base_queryset()).select_related(
            "organisation"
        )

    def search_queryset(self, queryset):
        return search_people(queryset, self.search_query) if self.is_searching else queryset

    def order_queryset(self, queryset):
        """While searching, sort the matches instead of walking the username index.

        The matches come from the prefix indexes; ordered by a bare column, PostgreSQL
        may instead walk that column's index hoping to meet 20 matches early, which for
        a rare term means reading most of a million rows. The same order, given as an
        expression no index provides, makes it sort the matches. A term of one or two
        letters matches so many people that walking the index is the faster way: those
        keep the plain order.
        """
        queryset = super().order_queryset(queryset)
        if not self.is_searching or len(self.search_query.strip()) < SORT_MATCHES_FROM:
            return queryset
        ordering = []
        for field in queryset.query.order_by:
            if not isinstance(field, str):
                ordering.append(field)
                continue
            expression = Concat(F(field.lstrip("-")), Value(""))
            ordering.append(expression.desc() if field.startswith("-") else expression.asc())
        return queryset.order_by(*ordering)

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(queryset, per_page, orphans, allow_empty_first_page)
        paginator.estimate = (
            is_national_admin(self.request.user) and not self.is_searching and not self.is_filtering
        )
        return paginator

    @cached_property
    def columns(self):
        """Wagtail's checkbox, name, username and status, with the civil-service columns;
        "access level" and "last login" make way for them."""
        by_name = {column.name: column for column in super().columns}
        by_name["username"].width = "14%"
        return [
            by_name["bulk_actions"],
            by_name["name"],
            by_name["username"],
            Column("employee_id", label=_("Employee ID"), width="12%"),
            Column(
                "organisation",
                label=_("Organisation"),
                accessor=lambda person: person.organisation or "—",
                width="18%",
            ),
            Column("designation", label=_("Designation"), width="14%"),
            by_name["is_active"],
        ]

    @cached_property
    def header_buttons(self):
        query = self.request.GET.urlencode()
        url = reverse("people_export") + (f"?{query}" if query else "")
        return [
            *super().header_buttons,
            HeaderButton(_("Export CSV"), url=url, icon_name="download"),
        ]


class ScopedObjectMixin:
    """Edit, delete and history find only people in scope: another subtree's id is a 404."""

    def get_object(self, *args, **kwargs):
        person = super().get_object(*args, **kwargs)
        if not people_in_scope(self.request.user).filter(pk=person.pk).exists():
            raise Http404
        return person


class CreateView(wagtail_users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class EditView(ScopedObjectMixin, wagtail_users.EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class DeleteView(ScopedObjectMixin, wagtail_users.DeleteView):
    pass


class HistoryView(ScopedObjectMixin, wagtail_users.HistoryView):
    pass


class PeopleViewSet(wagtail_users.UserViewSet):
    """Wagtail's user admin with scope, civil-service fields, fast search and export."""

    menu_label = gettext_lazy("People")
    add_to_settings_menu = False
    menu_order = 580
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    filterset_class = PeopleFilterSet
    create_template_name = "accounts/people_admin/create.html"
    edit_template_name = "accounts/people_admin/edit.html"

    def get_form_class(self, for_update=False):
        return PersonEditForm if for_update else PersonCreationForm

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.is_shown = lambda request: has_people_admin(request.user)
        return item


# --- export -------------------------------------------------------------------------

EXPORT_COLUMNS = [
    ("employee_id", gettext_lazy("Employee ID")),
    ("username", gettext_lazy("Username")),
    ("first_name", gettext_lazy("First name")),
    ("last_name", gettext_lazy("Last name")),
    ("email", gettext_lazy("E-mail")),
    ("organisation__code", gettext_lazy("Organisation code")),
    ("organisation__name", gettext_lazy("Organisation")),
    ("designation", gettext_lazy("Designation")),
    ("grade", gettext_lazy("Grade")),
    ("preferred_language", gettext_lazy("Preferred language")),
    ("is_active", gettext_lazy("Active")),
]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def _cell(value):
    """Text typed by people stays text in a spreadsheet: no formula runs from a cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    value = str(value)
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def export_rows(people):
    writer = csv.writer(_Echo())
    yield writer.writerow([str(label) for _name, label in EXPORT_COLUMNS])
    names = [name for name, _label in EXPORT_COLUMNS]
    for row in people.order_by("pk").values_list(*names).iterator(chunk_size=2000):
        yield writer.writerow([_cell(value) for value in row])


def export_people(request):
    """GET: CSV of the people ``request.user`` manages, with the list's search and filters."""
    if not has_people_admin(request.user):
        raise PermissionDenied
    response = StreamingHttpResponse(export_rows(scoped_people(request)), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="people.csv"'
    return response


__all__ = [
    "COUNT_CAP",
    "FORM_EXTENSIONS_HOOK",
    "PeoplePaginator",
    "PeopleViewSet",
    "PersonFormExtension",
    "export_people",
    "search_people",
]
