"""People routes that take an id refuse another subtree's people and change nothing:
edit, delete, history, bulk actions, export and the xAPI statements API."""

import pytest
from django.urls import reverse

from accounts.models import User
from organisations.tests.conftest import build_world


@pytest.fixture
def world(db):
    """Two top-level organisations and one person in every role (organisations' tests)."""
    return build_world()


REFUSED = {302, 403, 404}


def state_of(person):
    return User.objects.filter(pk=person.pk).values("is_active", "email", "organisation_id").get()


def bulk(action, *people):
    url = reverse("wagtail_bulk_action", args=["accounts", "user", action])
    return url + "?" + "&".join(f"id={person.pk}" for person in people)


def test_edit_delete_history_of_another_subtree_are_not_found(client, world):
    client.force_login(world.union_admin)
    other = world.state_person
    before = state_of(other)
    for name in ("edit", "delete", "history"):
        url = reverse(f"wagtailusers_users:{name}", args=[other.pk])
        assert client.get(url).status_code in REFUSED, name
    edit = reverse("wagtailusers_users:edit", args=[other.pk])
    client.post(edit, {"username": other.username, "email": "x@example.org", "is_active": ""})
    client.post(reverse("wagtailusers_users:delete", args=[other.pk]))
    assert state_of(other) == before
    # Nor a wider administrator filed under their own organisation.
    edit_national = reverse("wagtailusers_users:edit", args=[world.national_admin.pk])
    assert client.get(edit_national).status_code in REFUSED


def test_an_organisation_admin_edits_people_in_their_subtree(client, world):
    client.force_login(world.union_admin)
    person = world.union_person
    edit = reverse("wagtailusers_users:edit", args=[person.pk])
    assert client.get(edit).status_code == 200
    data = {
        "username": person.username,
        "email": "moved@example.org",
        "first_name": "Ada",
        "last_name": "Okafor",
        "organisation": world.ministry.pk,
        "designation": "Deputy Secretary",
        "is_active": "on",
    }
    assert client.post(edit, data).status_code == 302
    person.refresh_from_db()
    assert (person.organisation, person.designation) == (world.ministry, "Deputy Secretary")
    # Moving someone out of their subtree is refused: the chooser's queryset is the scope.
    data["organisation"] = world.district.pk
    assert client.post(edit, data).status_code == 200
    person.refresh_from_db()
    assert person.organisation == world.ministry


def test_bulk_actions_find_only_people_in_scope(client, world):
    client.force_login(world.union_admin)
    other = world.state_person
    before = state_of(other)
    for action in ("set_active_state", "delete", "assign_role"):
        assert client.get(bulk(action, other)).status_code in REFUSED, action
        client.post(bulk(action, other), {"mark_as_active": "False", "action": "add"})
    assert state_of(other) == before
    page = client.get(bulk("set_active_state", other, world.union_person)).content.decode()
    assert other.username not in page
    # Their own people: the organisation administrator may deactivate them.
    client.post(bulk("set_active_state", world.union_person), {"mark_as_active": "False"})
    assert state_of(world.union_person)["is_active"] is False


def test_the_export_of_a_provider_editor_or_learner_is_refused(client, world):
    for person in (world.provider_editor, world.learner):
        client.force_login(person)
        assert client.get(reverse("people_export")).status_code in REFUSED


@pytest.fixture
def records(world):
    from django.core.management import call_command

    from catalog.factories import course_tree
    from learning import services

    call_command("sync_country", stdout=open("/dev/null", "w"))  # noqa: SIM115
    course = course_tree().course
    for person in (world.union_person, world.state_person):
        User.objects.filter(pk=person.pk).update(employee_id=f"EMP-{person.pk}")
        person.refresh_from_db()
        services.enrol(person, course)
    return course


def actors(client):
    response = client.get("/api/xapi/statements/")
    assert response.status_code == 200, response.content[:300]
    return {statement["actor"]["account"]["name"] for statement in response.json()["statements"]}


def test_the_statements_api_follows_scope(client, world, records):
    mine, theirs = f"EMP-{world.union_person.pk}", f"EMP-{world.state_person.pk}"
    client.force_login(world.union_admin)
    assert actors(client) == {mine}
    client.force_login(world.national_admin)
    assert actors(client) == {mine, theirs}
    client.force_login(world.provider_editor)
    assert actors(client) == set()
