"""The home page's "featured" and "new" courses (``home.panels``), for everyone.

Featured: the courses editors chose on the home page, in their order; with none chosen
(or none of them still published), the newest published courses. New: the newest
published courses not already featured. Four queries whatever the catalogue's size: the
chosen courses, the newest ones (``first_published_at`` is indexed), and each list's
competencies.
"""

from __future__ import annotations

from django.db.models import F, Prefetch, prefetch_related_objects
from wagtail import hooks

from catalog.catalogue import published_courses
from catalog.models import CourseCompetency
from home.panels import HOME_PANELS_HOOK, HomePanel

FEATURED_SHOWN = 3
NEW_SHOWN = 3


def card_prefetch() -> Prefetch:
    """What ``catalog/includes/course_card.html`` reads of a course's competencies."""
    return Prefetch(
        "competencies",
        queryset=CourseCompetency.objects.select_related(
            "competency__framework", "target_level__framework"
        ),
    )


def featured_and_new(chosen_ids: list[int]) -> tuple[list, list, bool]:
    """(featured, new, chosen by editors): two course lists without a course twice."""
    courses = published_courses().select_related("provider")
    featured = []
    if chosen_ids:
        found = courses.in_bulk(chosen_ids[:FEATURED_SHOWN])
        featured = [found[pk] for pk in chosen_ids[:FEATURED_SHOWN] if pk in found]
    chosen = bool(featured)
    wanted = NEW_SHOWN + (0 if chosen else FEATURED_SHOWN)
    newest = list(
        courses.exclude(pk__in=[course.pk for course in featured]).order_by(
            F("first_published_at").desc(nulls_last=True), "-pk"
        )[:wanted]
    )
    if not chosen:
        featured, newest = newest[:FEATURED_SHOWN], newest[FEATURED_SHOWN:]
    prefetch_related_objects([*featured, *newest], card_prefetch())
    return featured, newest, chosen


@hooks.register(HOME_PANELS_HOOK)
def featured_and_new_courses(request, page=None) -> HomePanel | None:
    chosen_ids = page.featured_course_ids() if hasattr(page, "featured_course_ids") else []
    featured, newest, chosen = featured_and_new(chosen_ids)
    if not featured:
        return None
    return HomePanel(
        order=40,
        template="catalog/includes/home_courses.html",
        context={"featured": featured, "newest": newest, "chosen": chosen},
    )
