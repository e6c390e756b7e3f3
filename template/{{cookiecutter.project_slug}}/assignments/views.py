"""Assigned learning in the Wagtail admin: list, add, edit, delete, and the compliance
report with its CSV — for national and organisation administrators only.

Every view reads through ``scoped_assignments`` / ``organisations_in_scope``: an
organisation administrator sees the assignments anchored in their subtrees, and an id
from another subtree is "not found" on every route, the CSV included.
"""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from assignments.compliance import compliance_rows, root_rows
from assignments.forms import AssignmentForm
from assignments.models import Assignment
from organisations.models import Organisation
from organisations.scope import (
    administered_roots,
    has_people_admin,
    in_scope_q,
    is_national_admin,
    organisations_in_scope,
)

PER_PAGE = 50


def scoped_assignments(user):
    """Assignments ``user`` may see and manage: all for a national administrator, those
    anchored in their subtrees for an organisation administrator, none otherwise."""
    return Assignment.objects.filter(in_scope_q(user, "organisation"))


class AssignmentAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not has_people_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("assignments_admin:index"), "label": _("Assigned learning")},
            {"url": "", "label": self.get_page_title()},
        ]


class IndexView(AssignmentAdminMixin, TemplateView):
    template_name = "assignments/admin/index.html"
    page_title = gettext_lazy("Assigned learning")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignments = (
            scoped_assignments(self.request.user)
            .select_related("organisation", "created_by")
            .annotate(course_count=Count("courses", distinct=True))
            .order_by("-due_on", "-pk")
        )
        context["page"] = Paginator(assignments, PER_PAGE).get_page(self.request.GET.get("p"))
        return context


class AssignmentFormView(AssignmentAdminMixin, FormView):
    template_name = "assignments/admin/form.html"
    form_class = AssignmentForm
    instance = None

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "for_user": self.request.user,
            "instance": self.instance,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "assignment": self.instance}

    def form_valid(self, form):
        assignment = form.save()
        messages.success(self.request, _("Assignment “%s” saved.") % assignment.title)
        return HttpResponseRedirect(reverse("assignments_admin:index"))


class AddView(AssignmentFormView):
    page_title = gettext_lazy("Assign learning")


class EditView(AssignmentFormView):
    page_title = gettext_lazy("Edit assignment")

    def dispatch(self, request, *args, **kwargs):
        if has_people_admin(request.user):
            self.instance = get_object_or_404(scoped_assignments(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class DeleteView(AssignmentAdminMixin, TemplateView):
    template_name = "assignments/admin/delete.html"
    page_title = gettext_lazy("Delete assignment")

    @cached_property
    def assignment(self) -> Assignment:
        return get_object_or_404(scoped_assignments(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "assignment": self.assignment}

    def post(self, request, pk):
        title = self.assignment.title
        self.assignment.delete()
        messages.success(request, _("Assignment “%s” deleted.") % title)
        return HttpResponseRedirect(reverse("assignments_admin:index"))


class ComplianceView(AssignmentAdminMixin, TemplateView):
    """Assigned, completed and overdue courses per organisation, one level of the tree
    at a time (each row is that organisation's whole subtree)."""

    template_name = "assignments/admin/compliance.html"
    page_title = gettext_lazy("Compliance")

    @cached_property
    def parent(self) -> Organisation | None:
        pk = self.request.GET.get("parent")
        if not pk:
            return None
        if not str(pk).isdigit():
            raise Http404
        return get_object_or_404(organisations_in_scope(self.request.user), pk=pk)

    @cached_property
    def kind(self) -> str | None:
        kind = self.request.GET.get("kind") or None
        return kind if kind in Assignment.Kind.values else None

    def report(self):
        user = self.request.user
        if self.parent is not None:
            children = list(self.parent.get_children().select_related("region"))
            return compliance_rows(self.parent, children, self.kind)
        if is_national_admin(user):
            return compliance_rows(None, list(Organisation.get_root_nodes()), self.kind)
        return root_rows(administered_roots(user), self.kind)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report()
        rows, total = report.rows, report.total
        query = self.request.GET.copy()
        query.pop("format", None)
        context.update(
            parent=self.parent,
            rows=rows,
            total=total,
            kind=self.kind or "",
            kinds=Assignment.Kind.choices,
            counted_at=report.counted_at,
            refresh_minutes=settings.GOVLEARN_COMPLIANCE_REFRESH_MINUTES,
            csv_query=query.urlencode(),
            up=self._up_link(),
        )
        return context

    def _up_link(self) -> str | None:
        if self.parent is None:
            return None
        above = self.parent.get_parent()
        if (
            above is not None
            and organisations_in_scope(self.request.user).filter(pk=above.pk).exists()
        ):
            return f"?parent={above.pk}"
        return "?"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def csv_response(self) -> HttpResponse:
        report = self.report()
        rows, total = report.rows, report.total
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = self.parent.code if self.parent else "all"
        response["Content-Disposition"] = f'attachment; filename="compliance-{safe_name(name)}.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Organisation code"),
                _("Organisation"),
                _("Assigned"),
                _("Completed"),
                _("Overdue"),
                _("Completed (%)"),
            ]
        )
        for row in [*rows, total]:
            if row is total:
                code, name = "", _("Total")
            elif row.organisation is None:
                code, name = self.parent.code, _("Directly in %s") % self.parent.name
            else:
                code, name = row.organisation.code, row.organisation.name
            writer.writerow(
                [
                    neutralise(code),
                    neutralise(name),
                    row.assigned,
                    row.completed,
                    row.overdue,
                    row.percent_completed,
                ]
            )
        return response


def neutralise(value: str) -> str:
    """A spreadsheet must not run a cell as a formula: text starting with = + - @ (or a
    tab or carriage return) gets a leading apostrophe."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def safe_name(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum() or ch in "-_")[:60] or "report"
