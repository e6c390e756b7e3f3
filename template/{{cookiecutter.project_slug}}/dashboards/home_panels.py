"""The home page's "popular courses" (``home.panels``): most enrolments lately.

Counted from the roll-up the dashboards keep anyway (``CoursePeriod``, the country's
rows for the last few months), never by grouping the raw enrolments on a page view: at
ten million enrolments that would be seconds per visit. The ranking is cached for as long
as the roll-ups stay unrefreshed; each view then reads only the few courses it shows (one
query, one for their competencies), so the cost stays flat as courses and enrolments grow.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Sum, prefetch_related_objects
from django.utils import timezone
from wagtail import hooks

from catalog.catalogue import published_courses
from catalog.home_panels import card_prefetch
from dashboards.models import CoursePeriod
from dashboards.periods import local_day, period_start
from home.panels import HOME_PANELS_HOOK, HomePanel

POPULAR_SHOWN = 3
POPULAR_MONTHS = 3  # this month and the two before it
CACHE_KEY = "home:popular-course-ids:v1"
# The roll-ups are refreshed every 15 minutes by default (dashboards.refresh_rollups).
CACHE_SECONDS = 15 * 60


def popular_course_ids(today=None) -> list[int]:
    """Live courses with the most enrolments in the last ``POPULAR_MONTHS`` months, most
    first, read from the country-wide monthly roll-up (a few rows per course)."""
    today = today or local_day(timezone.now())
    since = period_start("month", today)
    for _month in range(POPULAR_MONTHS - 1):
        since = period_start("month", since - timedelta(days=1))
    rows = (
        CoursePeriod.objects.filter(
            organisation__isnull=True, period_start__gte=since, course__live=True
        )
        .values("course_id")
        .annotate(total=Sum("enrolments"))
        .filter(total__gt=0)
        .order_by("-total", "course_id")[: POPULAR_SHOWN * 2]
    )
    return [row["course_id"] for row in rows]


def cached_popular_course_ids() -> list[int]:
    return cache.get_or_set(CACHE_KEY, popular_course_ids, CACHE_SECONDS)


@hooks.register(HOME_PANELS_HOOK)
def popular_courses(request, page=None) -> HomePanel | None:
    ids = cached_popular_course_ids()
    if not ids:
        return None
    found = published_courses().select_related("provider").in_bulk(ids)
    courses = [found[pk] for pk in ids if pk in found][:POPULAR_SHOWN]
    if not courses:
        return None
    prefetch_related_objects(courses, card_prefetch())
    return HomePanel(
        order=50,
        template="dashboards/includes/home_popular.html",
        context={"courses": courses, "months": POPULAR_MONTHS},
    )
