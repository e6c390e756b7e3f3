"""Browsing the catalogue: search, facets and pagination for ``CatalogPage``.

The query count does not grow with the number of courses: one query per facet, one for
the page of courses, one for their competencies — a national catalogue holds thousands.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, When
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalog.languages import language_name
from catalog.models import CourseCompetency, CoursePage, LessonPage, ProviderPage
from competencies.texts import localised

COURSES_PER_PAGE = 12
MAX_QUERY_LENGTH = 200

# Duration buckets in learning hours: (key, label, lower bound inclusive, upper exclusive).
DURATION_BUCKETS = [
    ("short", _("Under 2 hours"), None, Decimal("2")),
    ("medium", _("2 to 6 hours"), Decimal("2"), Decimal("6")),
    ("long", _("6 hours or more"), Decimal("6"), None),
]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


def _duration_q(key: str) -> Q | None:
    for bucket_key, _label, low, high in DURATION_BUCKETS:
        if bucket_key == key:
            q = Q()
            if low is not None:
                q &= Q(duration_hours__gte=low)
            if high is not None:
                q &= Q(duration_hours__lt=high)
            return q
    return None


def published_courses():
    return CoursePage.objects.live().public()


def search_course_ids(query: str) -> list[int]:
    """Course ids matching a full-text query, best match first (Wagtail search backend:
    PostgreSQL full-text in production, SQLite FTS in development)."""
    return [course.pk for course in published_courses().search(query, operator="and")]


def filter_courses(queryset, params) -> tuple:
    """Apply the facet filters in ``params``; returns (queryset, selected values)."""
    selected = {
        "provider": params.get("provider", ""),
        "language": params.get("language", ""),
        "competency": params.get("competency", ""),
        "duration": params.get("duration", ""),
        "level": params.get("level", ""),
    }
    if selected["provider"].isdigit():
        queryset = queryset.filter(provider_id=int(selected["provider"]))
    if selected["language"]:
        queryset = queryset.filter(language=selected["language"])
    if selected["competency"].isdigit():
        queryset = queryset.filter(competencies__competency_id=int(selected["competency"]))
    if selected["level"]:
        queryset = queryset.filter(level=selected["level"])
    duration_q = _duration_q(selected["duration"])
    if duration_q is not None:
        queryset = queryset.filter(duration_q)
    return queryset, selected


def _facets(queryset, selected) -> dict[str, list[FacetOption]]:
    ids = queryset.values("pk")
    provider_counts = dict(
        queryset.values_list("provider_id").annotate(n=Count("pk", distinct=True)).order_by()
    )
    providers = ProviderPage.objects.live().filter(pk__in=provider_counts).order_by("title")
    language_counts = (
        queryset.values_list("language").annotate(n=Count("pk", distinct=True)).order_by("language")
    )
    competency_counts = (
        CourseCompetency.objects.filter(course__in=ids)
        .values_list("competency_id", "competency__name", "competency__framework__languages")
        .annotate(n=Count("course", distinct=True))
        .order_by("competency__code")
    )
    level_counts = dict(
        queryset.values_list("level").annotate(n=Count("pk", distinct=True)).order_by()
    )
    duration_counts = queryset.aggregate(
        **{
            key: Count("pk", filter=_duration_q(key), distinct=True)
            for key, *_rest in DURATION_BUCKETS
        }
    )
    reader_language = get_language()
    return {
        "provider": [
            FacetOption(
                str(p.pk), p.title, provider_counts[p.pk], selected["provider"] == str(p.pk)
            )
            for p in providers
        ],
        "language": [
            FacetOption(code, language_name(code, reader_language), n, selected["language"] == code)
            for code, n in language_counts
        ],
        "competency": sorted(
            (
                FacetOption(
                    str(pk),
                    localised(names, reader_language, (languages or ["en"])[0]),
                    n,
                    selected["competency"] == str(pk),
                )
                for pk, names, languages, n in competency_counts
            ),
            key=lambda option: option.label.casefold(),
        ),
        "duration": [
            FacetOption(key, label, duration_counts[key], selected["duration"] == key)
            for key, label, *_bounds in DURATION_BUCKETS
            if duration_counts[key]
        ],
        "level": [
            FacetOption(value, label, level_counts[value], selected["level"] == value)
            for value, label in CoursePage.Level.choices
            if value in level_counts
        ],
    }


def _matching_lessons(query: str, limit: int = 8) -> list[tuple[LessonPage, CoursePage]]:
    lessons = list(LessonPage.objects.live().public().search(query, operator="and")[:limit])
    # A lesson's course is two levels up (course → module → lesson): fetch all at once.
    course_paths = {lesson.path[: -2 * lesson.steplen] for lesson in lessons}
    courses = {c.path: c for c in published_courses().filter(path__in=course_paths)}
    return [
        (lesson, courses[lesson.path[: -2 * lesson.steplen]])
        for lesson in lessons
        if lesson.path[: -2 * lesson.steplen] in courses
    ]


def browse_catalogue(catalogue_page, request) -> dict:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    courses = published_courses().descendant_of(catalogue_page)
    courses, selected = filter_courses(courses, request.GET)
    if selected["competency"]:
        courses = courses.distinct()
    lessons = []
    if query:
        ids = search_course_ids(query)
        relevance = Case(
            *(When(pk=pk, then=position) for position, pk in enumerate(ids)),
            output_field=IntegerField(),
        )
        courses = courses.filter(pk__in=ids).order_by(relevance) if ids else courses.none()
        lessons = _matching_lessons(query)
    else:
        courses = courses.order_by("title")
    facets = _facets(courses, selected)
    listing = courses.select_related("provider").prefetch_related(
        Prefetch(
            "competencies",
            queryset=CourseCompetency.objects.select_related(
                "competency__framework", "target_level__framework"
            ),
        )
    )
    page = Paginator(listing, COURSES_PER_PAGE).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return {
        "query": query,
        "facets": facets,
        "selected": selected,
        "courses_page": page,
        "matching_lessons": lessons,
        "filter_querystring": filters.urlencode(),
        "has_filters": any(selected.values()) or bool(query),
    }
