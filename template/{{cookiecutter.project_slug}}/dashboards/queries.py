"""What the dashboards show, read from the roll-up tables only.

Every function here costs a fixed number of queries whatever the size of the country,
and reads ``OrganisationPeriod`` (by organisation, region and time) or ``CoursePeriod``
(by course, provider and competency, monthly). Both hold subtree totals, so a subtree or
the whole country is a few rows per period; the viewer's scope is applied by the caller
through ``Filters.roots``.

Active learners are distinct people, so they are never added up over periods (a person
active in two months is one learner in each) nor over courses (one person may follow
several): tables give them for the last period shown, and where a sum would be wrong
(by provider or competency, or several courses at once) they are ``None`` — shown "—".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext

from catalog.models import CoursePage, ProviderPage
from competencies.models import Competency
from dashboards.models import CoursePeriod, Grain, OrganisationPeriod
from dashboards.periods import next_period, period_starts
from dashboards.rollups import course_depth
from organisations.models import Organisation, Region

ADDITIVE = ("enrolments", "completions", "certificates", "credited_hours", "time_seconds")


@dataclass(frozen=True)
class Filters:
    """What a dashboard shows. ``roots`` None means the whole country."""

    first: date
    last: date
    grain: str = Grain.MONTH
    roots: tuple[Organisation, ...] | None = None
    region: Region | None = None
    course: CoursePage | None = None
    provider: ProviderPage | None = None
    competency: Competency | None = None

    @property
    def by_course(self) -> bool:
        """Narrowed to courses: only the monthly course roll-up can answer."""
        return any(item is not None for item in (self.course, self.provider, self.competency))

    @property
    def periods(self) -> list[date]:
        return period_starts(self.grain, self.first, self.last)

    @property
    def first_period(self) -> date:
        return self.periods[0]

    @property
    def last_period(self) -> date:
        return self.periods[-1]

    @property
    def end(self) -> date:
        """The day after the last whole period shown."""
        return next_period(self.grain, self.last_period)


@dataclass
class Row:
    """One line of a table: a label, its key (for links) and its figures."""

    label: str
    key: object = None
    values: dict = field(default_factory=dict)

    def __getitem__(self, name):
        """A figure by name; a KeyError otherwise, so templates find ``row.label``."""
        if name not in self.values:
            raise KeyError(name)
        return self.values[name]


def _place_q(filters: Filters) -> Q:
    """The subtree rows of the chosen roots (or the country's), in the chosen region."""
    if filters.roots is None:
        query = Q(organisation__isnull=True)
    else:
        query = Q(organisation__in=[root.pk for root in filters.roots])
    if filters.region is not None:
        query &= Q(region=filters.region)
    return query


def _course_q(filters: Filters) -> Q:
    query = Q()
    if filters.course is not None:
        query &= Q(course=filters.course)
    if filters.provider is not None:
        query &= Q(course__provider=filters.provider)
    if filters.competency is not None:
        query &= Q(course__competencies__competency=filters.competency)
    return query


def courses_available(filters: Filters) -> bool:
    """Course figures exist for the country and the top ``DASHBOARDS_COURSE_DEPTH`` levels."""
    return filters.roots is None or all(root.depth <= course_depth() for root in filters.roots)


def _periods_q(filters: Filters) -> Q:
    return Q(period_start__gte=filters.first_period, period_start__lt=filters.end)


def organisation_rows(filters: Filters, place: Q | None = None):
    """Rows of ``OrganisationPeriod`` for the place, grain and periods shown."""
    return OrganisationPeriod.objects.filter(
        _place_q(filters) if place is None else place, _periods_q(filters), grain=filters.grain
    ).order_by()


def course_rows(filters: Filters, place: Q | None = None):
    """Rows of ``CoursePeriod`` for the place, courses and months shown."""
    return CoursePeriod.objects.filter(
        _place_q(filters) if place is None else place, _course_q(filters), _periods_q(filters)
    ).order_by()


def _sums(with_registrations: bool, last_period: date | None, active: bool) -> dict:
    sums = {name: Sum(name) for name in ADDITIVE}
    if with_registrations:
        sums["registrations"] = Sum("registrations")
    if active:
        sums["active_learners"] = Sum(
            "active_learners", filter=Q(period_start=last_period) if last_period else Q()
        )
    return sums


def _clean(values: dict) -> dict:
    return {
        name: (value if value is not None else (Decimal(0) if name == "credited_hours" else 0))
        for name, value in values.items()
    }


def _active_is_exact(filters: Filters) -> bool:
    return not filters.by_course or filters.course is not None


def series(filters: Filters) -> list[Row]:
    """One row per period of the grain, every period shown even when empty (1 query)."""
    if filters.by_course:
        rows = course_rows(filters)
        measures = _sums(False, None, _active_is_exact(filters))
    else:
        rows = organisation_rows(filters)
        measures = _sums(True, None, True)
    found = {
        group.pop("period_start"): _clean(group)
        for group in rows.values("period_start").annotate(**measures)
    }
    empty = _clean(dict.fromkeys(measures))
    result = []
    for start in filters.periods:
        values = found.get(start, empty)
        if "active_learners" not in values:
            values = {**values, "active_learners": None}
        if filters.by_course:
            values = {**values, "registrations": None}
        result.append(Row(label=start.isoformat(), key=start, values=values))
    return result


def totals(series_rows: list[Row]) -> dict:
    """The headline: sums of the series; active learners of the last period only."""
    total: dict = dict.fromkeys((*ADDITIVE, "registrations"), 0)
    for row in series_rows:
        for name in total:
            value = row[name]
            total[name] = None if value is None or total[name] is None else total[name] + value
    total["active_learners"] = series_rows[-1]["active_learners"] if series_rows else None
    return total


def _grouped(queryset, key: str, measures: dict) -> list[tuple[object, dict]]:
    return [
        (group.pop(key), _clean(group))
        for group in queryset.values(key).annotate(**measures).order_by(key)
    ]


def by_organisation(filters: Filters) -> list[Row]:
    """The level below the chosen subtree (or the administered roots, or the top level of
    the country): each line is that organisation's whole subtree (2–3 queries)."""
    roots = filters.roots
    if roots is None:
        place = Q(organisation__depth=1)
    elif len(roots) == 1:
        root = roots[0]
        place = Q(organisation__path__startswith=root.path, organisation__depth=root.depth + 1)
    else:
        place = Q(organisation__in=[root.pk for root in roots])
    if filters.region is not None:
        place &= Q(region=filters.region)
    measures = _sums(not filters.by_course, filters.last_period, _active_is_exact(filters))
    rows_of = course_rows if filters.by_course else organisation_rows
    groups = dict(_grouped(rows_of(filters, place), "organisation", measures))
    names = Organisation.objects.in_bulk(list(groups))
    rows = [
        Row(label=names[pk].name, key=pk, values=_with_gaps(values))
        for pk, values in groups.items()
        if pk in names
    ]
    if roots is not None and len(roots) == 1:
        # The root's own staff: its subtree less its children's (disjoint sets of people).
        whole = dict(_grouped(rows_of(filters), "organisation", measures)).get(roots[0].pk)
        if whole:
            own = {
                name: value - sum(row.values[name] or 0 for row in rows)
                for name, value in whole.items()
                if value is not None
            }
            if any(own.values()):
                label = gettext("%(name)s (its own staff)") % {"name": roots[0].name}
                rows.append(Row(label=label, key=roots[0].pk, values=_with_gaps(own)))
    return _ordered(rows)


def by_region(filters: Filters) -> list[Row]:
    """Organisations grouped by their region (1 query)."""
    measures = _sums(not filters.by_course, filters.last_period, _active_is_exact(filters))
    source = course_rows(filters) if filters.by_course else organisation_rows(filters)
    groups = source.values("region", "region__name").annotate(**measures).order_by("region__name")
    rows = []
    for group in groups:
        key = group.pop("region")
        name = group.pop("region__name") or gettext("No region")
        rows.append(Row(label=name, key=key, values=_with_gaps(_clean(group))))
    return _ordered(rows)


def by_course(filters: Filters) -> list[Row]:
    """Courses, monthly roll-up (1 query); active learners are exact per course."""
    groups = (
        _course_source(filters)
        .values("course", "course__title")
        .annotate(**_sums(False, filters.last_period, True))
        .order_by("course__title")
    )
    rows = []
    for group in groups:
        key, title = group.pop("course"), group.pop("course__title")
        rows.append(Row(label=title, key=key, values=_with_gaps(_clean(group))))
    return _ordered(rows)


def by_provider(filters: Filters) -> list[Row]:
    groups = (
        _course_source(filters)
        .values("course__provider", "course__provider__title")
        .annotate(**_sums(False, None, False))
        .order_by("course__provider__title")
    )
    rows = []
    for group in groups:
        key = group.pop("course__provider")
        title = group.pop("course__provider__title") or gettext("No provider")
        rows.append(Row(label=title, key=key, values=_with_gaps(_clean(group))))
    return _ordered(rows)


def by_competency(filters: Filters) -> list[Row]:
    """Each course counts under every competency it develops (2 queries)."""
    groups = _grouped(
        _course_source(filters).filter(course__competencies__competency__isnull=False),
        "course__competencies__competency",
        _sums(False, None, False),
    )
    competencies = Competency.objects.select_related("framework").in_bulk(
        [key for key, _values in groups]
    )
    rows = []
    for key, values in groups:
        competency = competencies.get(key)
        if competency is not None:
            rows.append(Row(label=competency.label(), key=key, values=_with_gaps(values)))
    return _ordered(rows)


def _course_source(filters: Filters):
    """The course tables are monthly: callers show them for the month grain only."""
    if filters.grain != Grain.MONTH:
        raise ValueError("course, provider and competency tables are monthly")
    return course_rows(filters)


def _with_gaps(values: dict) -> dict:
    """Figures a table cannot give honestly are None (shown "—"), never a wrong sum."""
    values = dict(values)
    values.setdefault("active_learners", None)
    values.setdefault("registrations", None)
    return values


def _ordered(rows: list[Row]) -> list[Row]:
    """Most completions first, then by name: what a reader scans for."""
    return sorted(rows, key=lambda row: (-(row["completions"] or 0), row.label))
