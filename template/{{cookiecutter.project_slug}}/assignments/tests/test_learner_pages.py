"""What a signed-in learner sees first on the home page and in "my learning": the courses
assigned to them with their due dates, and the courses they can continue."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from assignments.factories import AssignmentFactory
from assignments.models import Assignment
from catalog.factories import CoursePageFactory
from learning import services
from learning.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db

# The first panel of courses to discover (catalog's featured and new courses): what is
# assigned and in progress comes before it.
DISCOVERY = 'class="home-panel home-panel--courses"'


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def person(world):
    world.union_person.designation = "Tax Inspector"
    world.union_person.save()
    return world.union_person


@pytest.fixture
def person_client(client, person):
    client.force_login(person)
    return client


def test_assigned_courses_show_above_everything_with_days_left_and_overdue(
    world, person, person_client, courses
):
    today = timezone.localdate()
    AssignmentFactory(
        organisation=world.union, courses=[courses[0]], due_on=today + timedelta(days=5)
    )
    AssignmentFactory(
        target=Assignment.Target.DESIGNATIONS,
        designations=["tax inspector"],
        courses=[courses[1]],
        due_on=today - timedelta(days=2),
    )
    page = person_client.get("/")
    html = page.content.decode()
    assert html.index("Assigned to you") < html.index(DISCOVERY)
    words = text(page)
    assert "Ethics in office Mandatory Due in 5 days" in words
    assert "Budget basics Mandatory Overdue by 2 days" in words
    # soonest (here: overdue) first
    assert words.index("Budget basics") < words.index("Ethics in office")


def test_a_completed_course_leaves_the_panel_and_one_assigned_twice_shows_once(
    world, person, person_client, courses
):
    today = timezone.localdate()
    AssignmentFactory(
        organisation=world.union,
        courses=courses,
        due_on=today + timedelta(days=9),
        kind=Assignment.Kind.RECOMMENDED,
    )
    AssignmentFactory(
        target=Assignment.Target.PEOPLE,
        people=[person],
        courses=[courses[0]],
        due_on=today + timedelta(days=1),
    )
    EnrolmentFactory(user=person, course=courses[1], completed=True)
    page = person_client.get("/")
    words = text(page)
    assigned = page.content.decode().split('class="home-panel home-panel--assigned"')[1]
    assigned = assigned.split("</section>")[0]
    assert assigned.count("Ethics in office") == 1
    assert "Ethics in office Mandatory Due in 1 day" in words
    assert "Budget basics" not in assigned


def test_nothing_assigned_elsewhere_shows_and_a_visitor_sees_no_panels(world, client, courses):
    AssignmentFactory(organisation=world.state, courses=courses)
    client.force_login(world.union_person)
    assert "Assigned to you" not in client.get("/").content.decode()
    client.logout()
    html = client.get("/").content.decode()
    assert "Assigned to you" not in html and "Continue learning" not in html


def test_continue_learning_goes_to_the_lesson_last_opened(person, person_client, tree):
    services.enrol(person, tree.course)
    services.record_lesson_opened(person, tree.lessons[2])
    page = person_client.get("/")
    html = page.content.decode()
    assert "Continue learning" in html
    assert html.index("Continue learning") < html.index(DISCOVERY)
    assert f'href="{tree.lessons[2].url}"' in html
    assert f"continue at “{tree.lessons[2].title}”" in html


def test_panels_come_in_contract_order(world, person, person_client, tree, courses):
    AssignmentFactory(organisation=world.union, courses=[courses[0]])
    services.enrol(person, tree.course)
    html = person_client.get("/").content.decode()
    assert html.index("Assigned to you") < html.index("Continue learning") < html.index(DISCOVERY)


def test_my_learning_lists_every_assigned_course(world, person, person_client, courses):
    extra = [CoursePageFactory(title=f"Extra {n}") for n in range(6)]
    AssignmentFactory(organisation=world.union, courses=[*courses, *extra])
    home = text(person_client.get("/"))
    assert "3 more assigned courses in my learning" in home
    page = person_client.get("/learning/").content.decode()
    assert page.index('id="assigned-title"') < page.index('id="in-progress-title"')
    mine = text(person_client.get("/learning/"))
    for course in [*courses, *extra]:
        assert course.title in mine


def _home_queries(client, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_the_home_page_costs_the_same_queries_for_1_or_50_assignments_and_enrolments(
    world, person, person_client, django_assert_max_num_queries
):
    first = CoursePageFactory()
    AssignmentFactory(organisation=world.union, courses=[first])
    EnrolmentFactory(user=person, course=first)
    person_client.get("/")  # warm Wagtail's site caches
    one = _home_queries(person_client, django_assert_max_num_queries, 40)
    more = [CoursePageFactory() for _ in range(49)]
    for index, course in enumerate(more):
        AssignmentFactory(
            target=Assignment.Target.PEOPLE if index % 2 else Assignment.Target.ORGANISATION,
            organisation=world.union,
            people=[person] if index % 2 else None,
            courses=[course],
        )
        EnrolmentFactory(user=person, course=course)
    fifty = _home_queries(person_client, django_assert_max_num_queries, one)
    assert fifty <= one


def test_my_learning_costs_the_same_queries_for_1_or_50_assignments(
    world, person, person_client, django_assert_max_num_queries
):
    AssignmentFactory(organisation=world.union, courses=[CoursePageFactory()])
    person_client.get("/learning/")
    with django_assert_max_num_queries(60) as captured:
        person_client.get("/learning/")
    one = len(captured)
    for _ in range(49):
        AssignmentFactory(organisation=world.union, courses=[CoursePageFactory()])
    with django_assert_max_num_queries(one):
        person_client.get("/learning/")
