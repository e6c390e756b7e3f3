"""Administrators assign learning in the Wagtail admin, each within their own scope: an
organisation administrator can target only their subtree, and another subtree's ids are
"not found" on every route."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assignments.factories import AssignmentFactory
from assignments.models import Assignment

pytestmark = pytest.mark.django_db

ADD = "/admin/assignments/add/"


def form_data(courses, **fields):
    data = {
        "title": "Integrity refresher",
        "courses": [course.pk for course in courses],
        "kind": "mandatory",
        "due_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "target": "organisation",
        "organisation": "",
        "include_subtree": "on",
        "designation_list": "",
        "people_list": "",
    }
    data.update(fields)
    return data


def test_a_national_admin_assigns_a_designation_across_the_country(client, world, courses):
    client.force_login(world.national_admin)
    response = client.post(
        ADD,
        form_data(courses, target="designations", designation_list="Section Officer\n clerk \n"),
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.organisation is None
    assert sorted(assignment.designations.values_list("designation", flat=True)) == [
        "CLERK",
        "SECTION OFFICER",
    ]
    assert assignment.created_by == world.national_admin
    assert set(assignment.courses.all()) == set(courses)
    listing = client.get("/admin/assignments/").content.decode()
    assert "Integrity refresher" in listing and "whole country" in listing


def test_an_organisation_admin_assigns_within_their_subtree(client, world, courses):
    client.force_login(world.union_admin)
    response = client.post(ADD, form_data(courses, organisation=world.ministry.pk))
    assert response.status_code == 302
    assert Assignment.objects.get().organisation == world.ministry


def test_an_organisation_admin_cannot_reach_outside_their_subtree(client, world, courses):
    client.force_login(world.union_admin)
    outside = client.post(ADD, form_data(courses, organisation=world.state.pk))
    assert outside.status_code == 200
    assert "organisation" in outside.context["form"].errors  # not a choice offered
    country_wide = client.post(
        ADD, form_data(courses, target="designations", designation_list="Clerk")
    )
    assert "Choose the organisation (in your part of the tree)" in country_wide.content.decode()
    stranger = client.post(
        ADD,
        form_data(
            courses,
            target="people",
            people_list=f"{world.union_person.username}\n{world.state_person.username}",
        ),
    )
    html = stranger.content.decode()
    assert "Not found among the people you manage: state-person" in html
    assert not Assignment.objects.exists()


def test_named_people_are_anchored_where_their_administrators_see_them(client, world, courses):
    client.force_login(world.union_admin)
    response = client.post(
        ADD, form_data(courses, target="people", people_list=world.union_person.username)
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert list(assignment.people.all()) == [world.union_person]
    assert assignment.organisation == world.office
    assert "Integrity refresher" in client.get("/admin/assignments/").content.decode()
    client.force_login(world.state_admin)
    assert "Integrity refresher" not in client.get("/admin/assignments/").content.decode()


def test_bad_input_names_the_field(client, world, courses):
    client.force_login(world.national_admin)
    response = client.post(
        ADD,
        form_data(
            [],
            target="organisation",
            due_on=(timezone.localdate() - timedelta(days=1)).isoformat(),
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The due date cannot be in the past." in html
    assert "Choose the organisation to assign to." in html
    assert "courses" in response.context["form"].errors
    assert not Assignment.objects.exists()


def test_another_subtrees_assignment_is_not_found_on_every_route(client, world, courses):
    theirs = AssignmentFactory(organisation=world.state, courses=courses, title="State plan")
    mine = AssignmentFactory(organisation=world.union, courses=courses, title="Union plan")
    client.force_login(world.union_admin)
    listing = client.get("/admin/assignments/").content.decode()
    assert "Union plan" in listing and "State plan" not in listing
    assert client.get(f"/admin/assignments/{theirs.pk}/edit/").status_code == 404
    assert client.get(f"/admin/assignments/{theirs.pk}/delete/").status_code == 404
    assert client.post(f"/admin/assignments/{theirs.pk}/delete/").status_code == 404
    assert (
        client.post(
            f"/admin/assignments/{theirs.pk}/edit/", form_data(courses, organisation=world.union.pk)
        ).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.organisation == world.state
    assert client.get(f"/admin/assignments/{mine.pk}/edit/").status_code == 200
    assert client.post(f"/admin/assignments/{mine.pk}/delete/").status_code == 302
    assert not Assignment.objects.filter(pk=mine.pk).exists()


@pytest.mark.parametrize("role", ["provider_editor", "reviewer", "learner"])
def test_people_who_administer_nothing_are_refused(client, world, role):
    client.force_login(world.roles()[role])
    for url in ["/admin/assignments/", ADD, "/admin/assignments/compliance/"]:
        assert client.get(url).status_code in (302, 403), url


def test_editing_keeps_the_form_filled_and_saves_changes(client, world, courses):
    assignment = AssignmentFactory(
        target=Assignment.Target.DESIGNATIONS,
        designations=["Clerk"],
        organisation=world.union,
        courses=courses,
    )
    client.force_login(world.union_admin)
    form = client.get(f"/admin/assignments/{assignment.pk}/edit/").content.decode()
    assert "CLERK" in form
    response = client.post(
        f"/admin/assignments/{assignment.pk}/edit/",
        form_data(
            courses[:1],
            target="designations",
            designation_list="Clerk\nTypist",
            organisation=world.ministry.pk,
            due_on=assignment.due_on.isoformat(),
        ),
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.organisation == world.ministry
    assert list(assignment.courses.all()) == courses[:1]
    assert sorted(assignment.designations.values_list("designation", flat=True)) == [
        "CLERK",
        "TYPIST",
    ]
