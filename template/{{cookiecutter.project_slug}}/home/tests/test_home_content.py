"""What a visitor and a signed-in learner find on the home page, through the panels the
apps register (catalog, dashboards, learning, recommendations, assignments, campaigns)."""

import re
from datetime import timedelta
from itertools import pairwise

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from accounts.factories import UserFactory
from catalog.factories import CoursePageFactory, ProviderPageFactory, catalogue_page
from dashboards import rollups
from learning.factories import EnrolmentFactory
from organisations.models import Organisation
from portal.country import get_country

pytestmark = pytest.mark.usefixtures("source_strings", "synced_site")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The popular ranking is cached between views; each test starts without it."""
    cache.clear()
    yield
    cache.clear()


def person(username):
    """Someone the dashboards count: the roll-ups are by organisation."""
    return UserFactory(username=username, organisation=Organisation.objects.first())


def courses(count, provider=None, prefix="Course"):
    provider = provider or ProviderPageFactory()
    start = timezone.now() - timedelta(days=count + 1)
    made = []
    for n in range(count):
        course = CoursePageFactory(parent=provider, title=f"{prefix} {n:03d}")
        course.first_published_at = start + timedelta(days=n)
        course.save(update_fields=["first_published_at"])
        made.append(course)
    return made


def test_the_home_page_title_is_the_portal_name_once_and_other_pages_add_it(client):
    catalogue_page()
    name = escape(get_country().portal_name())
    home = client.get("/").content.decode()
    assert re.search(r"<title>(.*?)</title>", home, re.S).group(1).strip() == name
    listing = client.get("/courses/").content.decode()
    assert re.search(r"<title>(.*?)</title>", listing, re.S).group(1).strip() == (
        f"Courses · {name}"
    )


def test_a_visitor_can_search_the_catalogue_and_sees_new_and_popular_courses(client):
    made = courses(5)
    for learner_number in range(3):
        EnrolmentFactory(course=made[0], user=person(f"popular-{learner_number}"))
    rollups.refresh()
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    form = re.search(r'<form class="home-search" method="get" action="([^"]+)"', html)
    assert form and form.group(1) == catalogue_page().url
    assert '<label for="home-search-q">Search courses and lessons</label>' in html
    assert 'name="q"' in html
    assert "Sign in to start learning" in html
    assert "Newest courses" in html and "Course 004" in html  # the newest first
    assert "Popular courses" in html
    popular = html[html.index("Popular courses") :]
    assert "Course 000" in popular  # three enrolments, the others none
    assert "Continue learning" not in html and "Recommended for you" not in html
    # The search box really searches: the catalogue answers the same GET.
    assert client.get(form.group(1), {"q": "Course 003"}).status_code == 200


def test_a_signed_in_learner_continues_where_they_left_off(client, learner):
    made = courses(3)
    EnrolmentFactory(user=learner, course=made[1])
    client.force_login(learner)
    html = client.get("/").content.decode()
    assert "Continue learning" in html
    continuing = html[html.index("Continue learning") : html.index("Newest courses")]
    assert made[1].title in continuing
    assert "Sign in to start learning" not in html
    assert html.count("<h1") == 1
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert all(b - a <= 1 for a, b in pairwise(levels))  # no skipped level


def _home_queries(client) -> int:
    """Queries of one signed-in or anonymous view, after a first view warmed the caches a
    long-running process has warm; every panel must be there, so like is compared with like."""
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    for heading in ("Newest courses", "More new courses", "Popular courses"):
        assert heading in html
    return len(queries)


def test_the_home_page_costs_the_same_queries_with_ten_times_the_courses_and_enrolments(
    client, learner
):
    provider = ProviderPageFactory()
    few = courses(6, provider)
    learner.organisation = Organisation.objects.first()
    learner.save()
    EnrolmentFactory(user=learner, course=few[0])
    EnrolmentFactory(user=person("early"), course=few[1])
    rollups.refresh()
    client.force_login(learner)
    signed_in = _home_queries(client)
    client.logout()
    visitor = _home_queries(client)

    many = courses(60, provider, prefix="Later course")
    for number in range(10):
        someone = person(f"crowd-{number}")
        for course in many[:20]:
            EnrolmentFactory(user=someone, course=course)
    EnrolmentFactory(user=learner, course=many[5])
    rollups.refresh()
    cache.clear()  # the popular ranking expires with the roll-up's refresh
    assert _home_queries(client) <= visitor
    client.force_login(learner)
    assert _home_queries(client) <= signed_in
