"""A course's declared learning hours against its lessons' minutes: the editor is warned
when they disagree by more than half, and the save goes through all the same."""

import io
from decimal import Decimal
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.factories import UserFactory
from catalog.hours import format_minutes, hours_disagree, hours_warning, lessons_minutes
from catalog.models import CoursePage
from catalog.tests.test_editors import course_form

WARNING = "Check the course's duration or the lessons' estimated minutes."


@pytest.mark.parametrize(
    ("declared", "minutes", "warned"),
    [
        (Decimal("3.0"), 70, True),  # the issue: 180 minutes declared, 70 in the lessons
        (Decimal("1.0"), 70, False),
        (Decimal("1.7"), 70, False),  # 102 min: within half of 70 (35) either way
        (Decimal("1.8"), 70, True),  # 108 min: 38 over
        (Decimal("0.6"), 70, False),  # 36 min: 34 under
        (Decimal("0.5"), 70, True),  # 30 min: 40 under
        (Decimal("40.0"), 0, False),  # no lessons yet: nothing to compare
    ],
)
def test_hours_disagree_by_more_than_half_of_the_lessons_either_way(declared, minutes, warned):
    assert hours_disagree(declared, minutes) is warned


def test_minutes_read_as_people_write_them(source_strings):
    assert [format_minutes(m) for m in (45, 60, 70, 185)] == [
        "45 min",
        "1 h",
        "1 h 10 min",
        "3 h 5 min",
    ]


def test_lessons_minutes_count_drafts_too(tree):
    draft = tree.lessons[0]
    draft.estimated_minutes = 40
    draft.live = False
    draft.save()
    assert lessons_minutes(tree.course) == 40 + 4 * 15


@pytest.fixture
def admin_client(client, tree):
    client.force_login(UserFactory(username="admin", is_superuser=True))
    return client


def edit_course(client, course, hours: str):
    form = course_form(course.title, slug=course.slug, duration_hours=hours, language="en")
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    return unescape(client.post(url, form, follow=True).content.decode())


def test_saving_a_course_whose_hours_disagree_warns_the_editor_and_saves(admin_client, tree):
    # Five lessons of 15 minutes: 75 minutes, far from 3.5 hours.
    page = edit_course(admin_client, tree.course, "3.5")
    assert WARNING in page and "declares 3.5 learning hours" in page
    assert "1 h 15 min" in page
    draft = CoursePage.objects.get(pk=tree.course.pk).get_latest_revision_as_object()
    assert draft.duration_hours == Decimal("3.5")  # not blocked


def test_saving_a_course_whose_hours_agree_says_nothing(admin_client, tree):
    page = edit_course(admin_client, tree.course, "1.5")
    assert WARNING not in page


def test_the_course_form_says_what_the_lessons_add_up_to(admin_client, tree):
    url = reverse("wagtailadmin_pages:edit", args=[tree.course.pk])
    page = unescape(admin_client.get(url).content.decode())
    assert "This course's lessons add up to 1 h 15 min." in page
    # The factory's course declares 2.0 hours for 75 minutes: 45 over, more than half.
    assert WARNING in page


def test_saving_a_lesson_that_tips_the_total_warns_about_its_course(admin_client, tree):
    tree.course.duration_hours = Decimal("1.3")  # 78 minutes: agrees with 75
    tree.course.save()
    lesson = tree.lessons[0]
    form = nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "body": streamfield([("text", rich_text("<p>Much longer now.</p>"))]),
            "estimated_minutes": "120",
            "required": "on",
        }
    )
    url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    page = unescape(admin_client.post(url, form, follow=True).content.decode())
    assert WARNING in page and f"“{tree.course.title}” declares 1.3 learning hours" in page


def test_the_demo_courses_declare_what_their_lessons_add_up_to(synced_site):
    call_command("seed_demo", stdout=io.StringIO())
    courses = list(CoursePage.objects.all())
    assert courses
    assert [course.title for course in courses if hours_warning(course)] == []
