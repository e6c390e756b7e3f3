"""The home page's featured and new courses: the editors' choice in their order, the
newest published courses when they chose none, never a course twice, never a draft."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from wagtail.models import Site

from catalog.factories import CoursePageFactory, ProviderPageFactory
from catalog.home_panels import FEATURED_SHOWN, featured_and_new_courses

pytestmark = pytest.mark.usefixtures("synced_site")


def dated_courses(count, prefix="Course"):
    provider = ProviderPageFactory()
    start = timezone.now() - timedelta(days=count + 1)
    made = []
    for n in range(count):
        course = CoursePageFactory(parent=provider, title=f"{prefix} {n}")
        course.first_published_at = start + timedelta(days=n)
        course.save(update_fields=["first_published_at"])
        made.append(course)
    return made


def home():
    return Site.objects.get(is_default_site=True).root_page.specific


def feature(page, courses):
    page.featured_courses = [("course", course) for course in courses]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def panel_titles(rf, page):
    request = rf.get("/")
    request.user = AnonymousUser()
    panel = featured_and_new_courses(request, page)
    if panel is None:
        return None
    context = panel.context
    return (
        [course.title for course in context["featured"]],
        [course.title for course in context["newest"]],
        context["chosen"],
    )


def test_without_a_choice_the_newest_published_courses_are_featured(rf):
    dated_courses(8)
    CoursePageFactory(title="Draft course", live=False)
    featured, newest, chosen = panel_titles(rf, home())
    assert not chosen
    assert featured == ["Course 7", "Course 6", "Course 5"][:FEATURED_SHOWN]
    assert newest == ["Course 4", "Course 3", "Course 2"]


def test_editors_choice_is_featured_in_their_order_and_not_repeated_as_new(rf, client):
    made = dated_courses(6)
    page = feature(home(), [made[1], made[0]])
    featured, newest, chosen = panel_titles(rf, page)
    assert chosen
    assert featured == ["Course 1", "Course 0"]
    assert newest == ["Course 5", "Course 4", "Course 3"]
    html = client.get("/").content.decode()
    assert "Featured courses" in html and "New courses" in html
    assert html.index("Course 1") < html.index("Course 0") < html.index("Course 5")


def test_an_unpublished_choice_drops_out_and_the_default_returns_when_none_is_left(rf):
    made = dated_courses(4)
    page = feature(home(), [made[0]])
    made[0].unpublish()
    featured, _newest, chosen = panel_titles(rf, page)
    assert not chosen and featured == ["Course 3", "Course 2", "Course 1"]


def test_an_empty_catalogue_shows_no_course_panel(rf):
    assert panel_titles(rf, home()) is None


def test_the_panel_costs_the_same_queries_for_ten_or_a_hundred_courses(
    rf, django_assert_max_num_queries
):
    made = dated_courses(10)
    page = feature(home(), made[:2])
    with django_assert_max_num_queries(4):
        panel_titles(rf, page)
    dated_courses(90, prefix="More")
    with django_assert_max_num_queries(4):
        panel_titles(rf, page)
