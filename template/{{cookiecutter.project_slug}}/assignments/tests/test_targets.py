"""Who an assignment reaches: designations (anywhere, or within an organisation's
subtree), an organisation with or without the organisations below, named people; and the
reverse question a learner's pages ask, which must always give the same answer."""

import pytest

from accounts.factories import UserFactory
from accounts.models import User
from assignments.factories import AssignmentFactory
from assignments.models import Assignment
from assignments.targets import assignees, assignments_for

pytestmark = pytest.mark.django_db


def reached(assignment) -> set[str]:
    return set(assignees(assignment).values_list("username", flat=True))


@pytest.fixture
def officers(world):
    return {
        "tax-officer": UserFactory(
            username="tax-officer", organisation=world.office, designation="Section Officer"
        ),
        "ministry-officer": UserFactory(
            username="ministry-officer", organisation=world.ministry, designation="section officer "
        ),
        "state-officer": UserFactory(
            username="state-officer", organisation=world.district, designation="SECTION OFFICER"
        ),
        "gone-officer": UserFactory(
            username="gone-officer",
            organisation=world.office,
            designation="Section Officer",
            is_active=False,
        ),
        "tax-clerk": UserFactory(
            username="tax-clerk", organisation=world.office, designation="Clerk"
        ),
    }


def test_a_designation_reaches_its_holders_whatever_the_case_but_only_active_ones(world, officers):
    country_wide = AssignmentFactory(
        target=Assignment.Target.DESIGNATIONS, designations=["Section Officer"]
    )
    # "section officer " (a stray space in the HR record) is another designation.
    assert reached(country_wide) == {"tax-officer", "state-officer"}


def test_a_designation_within_an_organisation_stays_in_that_subtree(world, officers):
    in_union = AssignmentFactory(
        target=Assignment.Target.DESIGNATIONS,
        designations=["Section Officer", "Clerk"],
        organisation=world.union,
    )
    assert reached(in_union) >= {"tax-officer", "tax-clerk"}
    assert "state-officer" not in reached(in_union)
    only_ministry = AssignmentFactory(
        target=Assignment.Target.DESIGNATIONS,
        designations=["Clerk"],
        organisation=world.ministry,
        include_subtree=False,
    )
    assert reached(only_ministry) == set()


def test_an_organisation_with_or_without_the_organisations_below(world, officers):
    subtree = AssignmentFactory(organisation=world.ministry, include_subtree=True)
    alone = AssignmentFactory(organisation=world.ministry, include_subtree=False)
    assert {"tax-officer", "tax-clerk", "ministry-officer"} <= reached(subtree)
    assert "state-officer" not in reached(subtree)
    assert reached(alone) == set(
        User.objects.filter(organisation=world.ministry, is_active=True).values_list(
            "username", flat=True
        )
    )
    assert "tax-officer" not in reached(alone)


def test_named_people_are_exactly_those_named(world, officers):
    named = AssignmentFactory(
        target=Assignment.Target.PEOPLE,
        people=[officers["state-officer"], officers["tax-clerk"], officers["gone-officer"]],
    )
    assert reached(named) == {"state-officer", "tax-clerk"}


def test_a_person_moving_or_changing_designation_is_covered_without_any_rewrite(world, officers):
    union_wide = AssignmentFactory(organisation=world.union)
    person = officers["state-officer"]
    assert union_wide not in assignments_for(person)
    person.organisation = world.office
    person.save()
    person = User.objects.get(pk=person.pk)
    assert union_wide in assignments_for(person)


def test_a_persons_assignments_are_the_assignments_that_reach_them(world, officers):
    """The learner's side and the administrator's side must never disagree."""
    made = [
        AssignmentFactory(target=Assignment.Target.DESIGNATIONS, designations=["Section Officer"]),
        AssignmentFactory(
            target=Assignment.Target.DESIGNATIONS, designations=["clerk"], organisation=world.union
        ),
        AssignmentFactory(organisation=world.union),
        AssignmentFactory(organisation=world.ministry, include_subtree=False),
        AssignmentFactory(organisation=world.state),
        AssignmentFactory(
            target=Assignment.Target.PEOPLE, people=[officers["tax-clerk"], world.state_person]
        ),
    ]
    for person in User.objects.select_related("organisation"):
        expected = {a.pk for a in made if assignees(a).filter(pk=person.pk).exists()}
        assert set(assignments_for(person).values_list("pk", flat=True)) == expected, person
