"""Scope: an organisation administrator reaches their own subtree and nothing else, by
any route that takes an id; roles without people administration reach none of it."""

import pytest
from django.urls import reverse

from accounts.scope import can_manage_person, people_in_scope
from organisations.models import Organisation
from organisations.scope import (
    administered_roots,
    in_scope_q,
    is_national_admin,
    organisations_in_scope,
)
from organisations.tests.conftest import profile_levels

REFUSED = {302, 403, 404}


def snapshot():
    return list(Organisation.objects.order_by("pk").values_list("pk", "path", "name", "is_active"))


def test_scope_functions_follow_the_roles(world):
    assert is_national_admin(world.national_admin)
    assert not is_national_admin(world.union_admin)
    assert [org.code for org in administered_roots(world.union_admin)] == ["UNION"]
    assert set(organisations_in_scope(world.union_admin).values_list("code", flat=True)) == {
        "UNION",
        "UNION-FIN",
        "UNION-TAX",
    }
    assert organisations_in_scope(world.national_admin).count() == 5
    for nobody in (world.provider_editor, world.reviewer, world.learner):
        assert not organisations_in_scope(nobody).exists()
        assert not people_in_scope(nobody).exists()
    from accounts.models import User

    mine = set(User.objects.filter(in_scope_q(world.union_admin, "organisation")))
    assert world.union_person in mine and world.state_person not in mine
    assert can_manage_person(world.union_admin, world.union_person)
    assert not can_manage_person(world.union_admin, world.state_person)
    assert not can_manage_person(world.union_admin, world.national_admin)  # a wider admin


def test_a_nested_administration_counts_once(world):
    from organisations.models import OrganisationAdministrator

    OrganisationAdministrator.objects.create(user=world.union_admin, organisation=world.office)
    world.union_admin.__dict__.pop("_organisation_scope", None)
    assert [org.code for org in administered_roots(world.union_admin)] == ["UNION"]


def test_every_tree_route_refuses_another_subtree_and_changes_nothing(client, world):
    client.force_login(world.union_admin)
    _top, below = profile_levels()
    before = snapshot()
    other = world.district
    gets = [
        reverse("organisations_admin:index") + f"?parent={other.pk}",
        reverse("organisations_admin:edit", args=[other.pk]),
        reverse("organisations_admin:move", args=[other.pk]),
        reverse("organisations_admin:delete", args=[other.pk]),
        reverse("organisations_admin:add") + f"?parent={other.pk}",
        reverse("organisations_admin:add"),  # a new top-level organisation
        reverse("organisation_chooser:chosen", args=[other.pk]),
    ]
    for url in gets:
        assert client.get(url).status_code in REFUSED, url
    posts = [
        (reverse("organisations_admin:edit", args=[other.pk]), {"name": "Taken", "level": below}),
        (reverse("organisations_admin:move", args=[other.pk]), {"target": world.union.pk}),
        (reverse("organisations_admin:deactivate", args=[other.pk]), {}),
        (reverse("organisations_admin:reactivate", args=[other.pk]), {}),
        (reverse("organisations_admin:delete", args=[other.pk]), {}),
        (reverse("organisations_admin:add") + f"?parent={other.pk}", {"name": "X", "code": "X"}),
        # Into another subtree: the target is not in scope, so the form refuses it.
        (reverse("organisations_admin:move", args=[world.office.pk]), {"target": other.pk}),
        # Their own root is theirs to edit, not to move, deactivate or delete.
        (reverse("organisations_admin:move", args=[world.union.pk]), {"target": world.office.pk}),
        (reverse("organisations_admin:deactivate", args=[world.union.pk]), {}),
        (reverse("organisations_admin:delete", args=[world.union.pk]), {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in REFUSED or (
            response.status_code == 200 and "error-message" in response.content.decode()
        ), url
    assert snapshot() == before
    chooser = client.get(reverse("organisation_chooser:choose_results"), {"q": "district"})
    assert "North District" not in chooser.content.decode()
    page = client.get(reverse("organisations_admin:index"), {"q": "o"}).content.decode()
    assert "Coastal State" not in page and "North District" not in page


def test_inside_their_subtree_an_organisation_admin_manages_the_tree(client, world):
    client.force_login(world.union_admin)
    _top, below = profile_levels()
    add = reverse("organisations_admin:add") + f"?parent={world.ministry.pk}"
    assert client.post(add, {"name": "Customs", "code": "CUS", "level": below}).status_code == 302
    customs = Organisation.objects.get(code="CUS")
    move = reverse("organisations_admin:move", args=[customs.pk])
    assert client.post(move, {"target": world.union.pk}).status_code == 302
    assert Organisation.objects.get(code="CUS").get_parent().code == "UNION"


@pytest.mark.parametrize("role", ["provider_editor", "reviewer", "learner"])
def test_other_roles_reach_no_people_or_organisation_view(client, world, role):
    client.force_login(getattr(world, role))
    before = snapshot()
    urls = [
        reverse("organisations_admin:index"),
        reverse("organisations_admin:edit", args=[world.office.pk]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:edit", args=[world.union_person.pk]),
        reverse("people_export"),
    ]
    for url in urls:
        assert client.get(url).status_code in REFUSED, url
    client.post(reverse("organisations_admin:deactivate", args=[world.office.pk]))
    assert snapshot() == before
    chooser = client.get(reverse("organisation_chooser:choose_results"))
    assert "Tax Office" not in chooser.content.decode()
