"""The compliance report: assigned, completed and overdue courses per organisation, each
row covering its subtree, read from a roll-up that equals counting person by person;
with a CSV a spreadsheet cannot run; scoped; at a query cost that does not grow with the
data."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from assignments.compliance import compliance_rows, live_counts, refresh_counts
from assignments.factories import AssignmentFactory
from assignments.models import Assignment
from assignments.targets import assignees
from catalog.factories import CoursePageFactory
from learning.factories import EnrolmentFactory
from learning.models import Enrolment
from organisations.models import Organisation

pytestmark = pytest.mark.django_db

REPORT = "/admin/assignments/compliance/"


def brute_force(organisation, today, kind=None):
    """Person by person, course by course: what the report must say for ``organisation``."""
    due: dict[tuple[int, int], object] = {}
    for assignment in Assignment.objects.all():
        if kind and assignment.kind != kind:
            continue
        people = assignees(assignment).filter(organisation__path__startswith=organisation.path)
        for person in people:
            for course in assignment.courses.live():
                key = (person.pk, course.pk)
                due[key] = min(due.get(key, assignment.due_on), assignment.due_on)
    completed = {
        (e.user_id, e.course_id) for e in Enrolment.objects.filter(completed_at__isnull=False)
    }
    done = sum(1 for key in due if key in completed)
    late = sum(1 for key, day in due.items() if key not in completed and day < today)
    return len(due), done, late


@pytest.fixture
def mix(world, courses):
    """Assignments of every kind of target, completions, a move and a deactivation."""
    today = timezone.localdate()
    draft = CoursePageFactory(live=False, title="Draft course")
    people = [
        UserFactory(organisation=world.office, designation="Clerk"),
        UserFactory(organisation=world.office, designation="Inspector"),
        UserFactory(organisation=world.ministry, designation="Clerk"),
        UserFactory(organisation=world.district, designation="Clerk"),
        UserFactory(organisation=world.union, designation="Inspector"),
    ]
    AssignmentFactory(
        organisation=world.union, courses=[courses[0], draft], due_on=today - timedelta(days=3)
    )
    AssignmentFactory(
        target=Assignment.Target.DESIGNATIONS,
        designations=["clerk"],
        courses=courses,
        due_on=today + timedelta(days=3),
        kind=Assignment.Kind.RECOMMENDED,
    )
    AssignmentFactory(
        target=Assignment.Target.DESIGNATIONS,
        designations=["Inspector"],
        organisation=world.ministry,
        courses=[courses[1]],
        due_on=today - timedelta(days=1),
    )
    AssignmentFactory(
        target=Assignment.Target.PEOPLE,
        people=[people[3], people[4]],
        courses=[courses[0]],
        due_on=today - timedelta(days=10),
    )
    AssignmentFactory(organisation=world.ministry, include_subtree=False, courses=[courses[1]])
    EnrolmentFactory(user=people[0], course=courses[0], completed=True)
    EnrolmentFactory(user=people[2], course=courses[1], completed=True)
    EnrolmentFactory(user=people[3], course=courses[0])  # started, not finished
    people[1].organisation = world.state  # moved: now counts for the state
    people[1].save()
    people[2].is_active = False  # deactivated: no longer assigned
    people[2].save()
    refresh_counts()
    return people


def test_every_row_equals_a_person_by_person_count(world, mix):
    today = timezone.localdate()
    for parent in [world.union, world.ministry, world.state]:
        children = list(parent.get_children())
        report = compliance_rows(parent, children)
        total = report.total
        assert (total.assigned, total.completed, total.overdue) == brute_force(parent, today)
        assert live_counts(parent.path[:-4], today, None)[parent.path] == (
            total.assigned,
            total.completed,
            total.overdue,
        )
        for row in report.rows:
            organisation = row.organisation
            if organisation is None:
                continue
            assert (row.assigned, row.completed, row.overdue) == brute_force(organisation, today)
    total = compliance_rows(world.union, list(world.union.get_children()), "mandatory").total
    assert (total.assigned, total.completed, total.overdue) == brute_force(
        world.union, today, "mandatory"
    )
    assert total.assigned > 0 and total.completed > 0 and total.overdue > 0


def test_the_roll_up_follows_the_raw_tables_when_it_is_counted_again(world, mix, courses):
    before = compliance_rows(world.state, []).total
    newcomer = UserFactory(organisation=world.district, designation="CLERK")
    EnrolmentFactory(user=newcomer, course=courses[0], completed=True)
    assert compliance_rows(world.state, []).total.assigned == before.assigned  # not yet
    refresh_counts()
    after = compliance_rows(world.state, []).total
    assert after.assigned == before.assigned + 2  # the clerks' two courses
    assert after.completed == before.completed + 1
    assert (after.assigned, after.completed, after.overdue) == brute_force(
        world.state, timezone.localdate()
    )


def test_the_page_says_when_it_was_counted(client, world, courses):
    AssignmentFactory(organisation=world.union, courses=courses)
    client.force_login(world.national_admin)
    assert "Not counted yet" in client.get(REPORT).content.decode()
    refresh_counts()
    assert "Counted at" in client.get(REPORT).content.decode()


def test_the_page_rolls_up_subtrees_and_drills_down(client, world, mix):
    client.force_login(world.national_admin)
    html = client.get(REPORT).content.decode()
    assert "Union Government" in html and "Coastal State" in html
    union = client.get(f"{REPORT}?parent={world.union.pk}")
    assert union.status_code == 200
    rows, total = union.context["rows"], union.context["total"]
    assert total.assigned == brute_force(world.union, timezone.localdate())[0]
    assert sum(row.assigned for row in rows) == total.assigned
    assert any(row.organisation is None for row in rows)  # people directly in the union


def test_the_csv_matches_the_page_and_neutralises_formulas(client, world, mix):
    world.ministry.refresh_from_db()
    Organisation.objects.filter(pk=world.office.pk).update(name='=HYPERLINK("http://x")')
    client.force_login(world.national_admin)
    response = client.get(f"{REPORT}?parent={world.ministry.pk}&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["Organisation code", "Organisation", "Assigned", "Completed", "Overdue"]
    names = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in names
    assert not any(name.startswith("=") for name in names)
    page = client.get(f"{REPORT}?parent={world.ministry.pk}").context
    assert rows[-1][2:5] == [
        str(page["total"].assigned),
        str(page["total"].completed),
        str(page["total"].overdue),
    ]


def test_an_organisation_admin_sees_only_their_subtree(client, world, mix):
    client.force_login(world.union_admin)
    html = client.get(REPORT).content.decode()
    assert "Union Government" in html and "Coastal State" not in html
    assert client.get(f"{REPORT}?parent={world.state.pk}").status_code == 404
    assert client.get(f"{REPORT}?parent={world.district.pk}&format=csv").status_code == 404
    assert client.get(f"{REPORT}?parent={world.ministry.pk}&format=csv").status_code == 200


def test_the_report_costs_the_same_queries_for_1_or_50_assignments(
    client, world, courses, django_assert_max_num_queries
):
    AssignmentFactory(organisation=world.union, courses=courses)
    refresh_counts()
    client.force_login(world.national_admin)
    url = f"{REPORT}?parent={world.union.pk}"
    client.get(url)
    with django_assert_max_num_queries(30) as captured:
        client.get(url)
    one = len(captured)
    for index in range(49):
        person = UserFactory(organisation=world.office, designation=f"D{index}")
        AssignmentFactory(
            target=Assignment.Target.DESIGNATIONS, designations=[f"D{index}"], courses=courses
        )
        EnrolmentFactory(user=person, course=courses[0], completed=True)
    refresh_counts()
    with django_assert_max_num_queries(one):
        client.get(url)
