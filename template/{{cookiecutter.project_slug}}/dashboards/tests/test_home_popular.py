"""The home page's popular courses come from the dashboards' roll-up, cached: a view
never groups the raw enrolments, however many there are."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.factories import UserFactory
from catalog.factories import CoursePageFactory, ProviderPageFactory
from dashboards import rollups
from dashboards.home_panels import popular_courses
from learning.factories import EnrolmentFactory
from organisations.models import Organisation

pytestmark = pytest.mark.usefixtures("synced_site")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def enrol(course, count, prefix):
    organisation = Organisation.objects.first()
    for n in range(count):
        EnrolmentFactory(
            course=course, user=UserFactory(username=f"{prefix}-{n}", organisation=organisation)
        )


def shown(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    panel = popular_courses(request)
    return None if panel is None else [course.title for course in panel.context["courses"]]


def test_most_enrolled_courses_first_and_drafts_never(rf):
    provider = ProviderPageFactory()
    quiet, busy, busiest = (CoursePageFactory(parent=provider, title=t) for t in "ABC")
    hidden = CoursePageFactory(parent=provider, title="Withdrawn")
    enrol(quiet, 1, "q")
    enrol(busy, 2, "b")
    enrol(busiest, 4, "c")
    enrol(hidden, 5, "h")
    hidden.unpublish()
    rollups.refresh()
    assert shown(rf) == ["C", "B", "A"]


def test_no_enrolments_no_panel(rf):
    CoursePageFactory()
    rollups.refresh()
    assert shown(rf) is None


def test_a_view_reads_the_cached_ranking_not_the_enrolments(rf):
    provider = ProviderPageFactory()
    courses = [CoursePageFactory(parent=provider, title=f"Course {n}") for n in range(5)]
    for number, course in enumerate(courses):
        enrol(course, number + 1, f"p{number}")
    rollups.refresh()
    shown(rf)  # the first view ranks and caches
    for number, course in enumerate(courses):
        enrol(course, 3, f"more{number}")  # ten times the enrolments, after the ranking
    rollups.refresh()
    with CaptureQueriesContext(connection) as queries:
        assert shown(rf) == ["Course 4", "Course 3", "Course 2"]
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert len(queries) == 3  # view restrictions (public pages), the courses, competencies
    assert "learning_enrolment" not in sql and "dashboards_courseperiod" not in sql
