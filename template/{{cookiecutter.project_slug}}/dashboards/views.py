"""The learning dashboard in the Wagtail admin (Reports menu), and its CSV exports.

National administrators see the whole country; organisation administrators their
subtrees only; anyone else gets 403. An organisation outside the viewer's scope in the
querystring is 404, for the page and every export alike: scope is the queryset the
filter form chooses from, never a hidden link.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dashboards import charts, queries
from dashboards.exports import csv_response
from dashboards.forms import DashboardFilterForm
from dashboards.models import Grain, RollupState
from dashboards.rollups import course_depth
from organisations.scope import has_people_admin, organisations_in_scope

HTML_ROWS = 50
HOUR = Decimal(3600)


def columns(names=None) -> list[tuple[str, str]]:
    every = [
        ("registrations", _("Registrations")),
        ("active_learners", _("Active learners")),
        ("enrolments", _("Enrolments")),
        ("completions", _("Completions")),
        ("certificates", _("Certificates")),
        ("credited_hours", _("Credited hours")),
        ("time_hours", _("Time spent (hours)")),
    ]
    return [column for column in every if names is None or column[0] in names]


COURSE_COLUMNS = (
    "active_learners",
    "enrolments",
    "completions",
    "certificates",
    "credited_hours",
    "time_hours",
)


def period_label(start, grain: str) -> str:
    """Short, in the reader's language: "Mar 2026" for a month, "Mar 2" for a day or week."""
    return date_format(start, "M Y" if grain == Grain.MONTH else "M j")


def _with_hours(row: queries.Row) -> queries.Row:
    seconds = row["time_seconds"]
    row.values["time_hours"] = (
        None if seconds is None else (Decimal(seconds) / HOUR).quantize(Decimal("0.1"))
    )
    return row


def tables(filters: queries.Filters) -> list[dict]:
    """The tables this filter can answer, in reading order: name, title, rows, columns."""
    place_columns = None if not filters.by_course else COURSE_COLUMNS
    found = [
        ("organisations", _("By organisation"), queries.by_organisation, place_columns),
        ("regions", _("By region"), queries.by_region, place_columns),
    ]
    if filters.grain == Grain.MONTH and queries.courses_available(filters):
        found += [
            ("courses", _("By course"), queries.by_course, COURSE_COLUMNS),
            ("providers", _("By provider"), queries.by_provider, COURSE_COLUMNS),
            ("competencies", _("By competency"), queries.by_competency, COURSE_COLUMNS),
        ]
    return [
        {"name": name, "title": title, "rows": fetch, "columns": columns(names)}
        for name, title, fetch, names in found
    ]


class LearningDashboardView(WagtailAdminTemplateMixin, View):
    template_name = "dashboards/admin/dashboard.html"
    page_title = gettext_lazy("Learning dashboard")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not has_people_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request):
        self._refuse_out_of_scope(request)
        form = DashboardFilterForm(request.GET, user=request.user)
        export = request.GET.get("export")
        if not form.is_valid():
            if export:
                raise Http404(_("Fix the filters first."))
            return self.render(form, None)
        filters = form.filters()
        if export:
            return self.export(filters, export)
        return self.render(form, filters)

    def _refuse_out_of_scope(self, request):
        pk = request.GET.get("organisation", "")
        if pk and not (
            pk.isdigit() and organisations_in_scope(request.user).filter(pk=int(pk)).exists()
        ):
            raise Http404(_("No such organisation in your scope."))

    def render(self, form, filters):
        context = self.get_context_data(form=form, filters=filters)
        if filters is not None:
            context.update(self.figures(filters))
        return TemplateResponse(self.request, self.template_name, context)

    def figures(self, filters) -> dict:
        series = [_with_hours(row) for row in queries.series(filters)]
        total = queries.totals(series)
        total["time_hours"] = (
            None
            if total["time_seconds"] is None
            else (Decimal(total["time_seconds"]) / HOUR).quantize(Decimal("0.1"))
        )
        labels = [period_label(row.key, filters.grain) for row in series]
        shown_tables = []
        for table in tables(filters):
            rows = [_with_hours(row) for row in table["rows"](filters)]
            shown_tables.append(
                {
                    **table,
                    "rows": rows[:HTML_ROWS],
                    "more": max(len(rows) - HTML_ROWS, 0),
                    "csv_url": self.csv_url(table["name"]),
                    "chart": (
                        charts.bar_chart(
                            [row.label for row in rows],
                            [row["completions"] for row in rows],
                            _("Completions"),
                        )
                        if table["name"] == "organisations" and rows
                        else None
                    ),
                }
            )
        state = RollupState.objects.filter(pk=1).values_list("refreshed_at", flat=True).first()
        return {
            "total": total,
            "headline": [
                (name, label, total.get(name))
                for name, label in columns(COURSE_COLUMNS if filters.by_course else None)
            ],
            "series": series,
            "series_columns": columns(COURSE_COLUMNS if filters.by_course else None),
            "series_chart": charts.column_chart(
                labels,
                [[row["enrolments"] for row in series], [row["completions"] for row in series]],
                [_("Enrolments"), _("Completions")],
            ),
            "series_summary": charts.describe_series(
                labels, [row["completions"] for row in series], _("Completions")
            ),
            "series_csv_url": self.csv_url("series"),
            "tables": shown_tables,
            "refreshed_at": state,
            "monthly_only": filters.grain != Grain.MONTH,
            "courses_unavailable": not queries.courses_available(filters),
            "course_depth": course_depth(),
        }

    def csv_url(self, name: str) -> str:
        query = self.request.GET.copy()
        query["export"] = name
        return f"{self.request.path}?{query.urlencode()}"

    def export(self, filters, name: str):
        if name == "series":
            rows = [_with_hours(row) for row in queries.series(filters)]
            wanted = columns(COURSE_COLUMNS if filters.by_course else None)
            first_column = _("Period starting")
        else:
            table = next((table for table in tables(filters) if table["name"] == name), None)
            if table is None:
                raise Http404(_("No such table."))
            rows = [_with_hours(row) for row in table["rows"](filters)]
            wanted = table["columns"]
            first_column = table["title"]
        header = [first_column, *[label for _name, label in wanted]]
        body = [[row.label, *[row[key] for key, _label in wanted]] for row in rows]
        stamp = f"{filters.first_period.isoformat()}_{filters.last.isoformat()}"
        return csv_response(f"learning-{name}-{filters.grain}-{stamp}.csv", header, body)
