"""The organisation tree in the Wagtail admin, as a national administrator uses it."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from organisations.models import Organisation
from organisations.tests.conftest import profile_levels, refreshed
from portal.country import get_country

pytestmark = pytest.mark.usefixtures("source_strings")

TREE = reverse("organisations_admin:index")


@pytest.fixture
def national(client, world):
    client.force_login(world.national_admin)
    return client


def test_the_tree_shows_the_profiles_own_level_names_and_counts(national, world):
    page = national.get(TREE).content.decode()
    country = get_country()
    for level in country.organisation_levels:
        assert country.text(level["name"]) in page
    assert "Union Government" in page and "Coastal State" in page
    assert "Tax Office" not in page  # one level at a time, never the whole tree


def test_browsing_shows_children_with_breadcrumbs_to_the_root(national, world):
    response = national.get(TREE, {"parent": world.ministry.pk})
    page = response.content.decode()
    assert "Tax Office" in page
    assert f"?parent={world.union.pk}" in page  # the breadcrumb back up to the root
    assert "Coastal State" not in page


def test_children_are_paginated_with_flat_queries(national, world, django_assert_max_num_queries):
    _top, below = profile_levels()
    for number in range(10):
        world.state.add_child(code=f"S{number:03}", name=f"Branch {number:03}", level=below)
        world.state.refresh_from_db()
    with django_assert_max_num_queries(40) as few:
        national.get(TREE, {"parent": world.state.pk})
    for number in range(10, 120):
        world.state.add_child(code=f"S{number:03}", name=f"Branch {number:03}", level=below)
        world.state.refresh_from_db()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = national.get(TREE, {"parent": world.state.pk}).content.decode()
    assert "Branch 000" in page and "Branch 049" in page and "Branch 050" not in page
    last = national.get(TREE, {"parent": world.state.pk, "p": 3}).content.decode()
    assert "North District" in last and "Page 3 of 3" in last


def test_search_finds_by_name_or_code(national, world):
    assert "Tax Office" in national.get(TREE, {"q": "tax"}).content.decode()
    found = national.get(TREE, {"q": "st-d"}).content.decode()
    assert "North District" in found and "Tax Office" not in found


def test_add_under_a_parent_with_a_profile_level(national, world):
    _top, below = profile_levels()
    url = reverse("organisations_admin:add") + f"?parent={world.ministry.pk}"
    response = national.post(url, {"name": "Customs", "code": "MOF-CUS", "level": below})
    assert response.status_code == 302
    customs = Organisation.objects.get(code="MOF-CUS")
    assert customs.get_parent().pk == world.ministry.pk
    assert customs.synced_values is None  # the sync will leave it alone
    refused = national.post(url, {"name": "Odd", "code": "ODD", "level": "galaxy"})
    assert refused.status_code == 200 and "galaxy" in refused.content.decode()
    assert not Organisation.objects.filter(code="ODD").exists()
    assert Organisation.find_problems() == ([], [], [], [], [])


def test_rename_keeps_children_in_name_order(national, world):
    _top, below = profile_levels()
    world.union.refresh_from_db()
    world.union.add_child(code="MOA", name="Ministry of Agriculture", level=below)
    url = reverse("organisations_admin:edit", args=[world.ministry.pk])
    national.post(url, {"name": "Aardvark Ministry", "code": "UNION-FIN", "level": below})
    names = [child.name for child in refreshed(world.union).get_children()]
    assert names == ["Aardvark Ministry", "Ministry of Agriculture"]
    assert Organisation.find_problems() == ([], [], [], [], [])


def test_moving_a_subtree_takes_its_people_along(national, world):
    url = reverse("organisations_admin:move", args=[world.ministry.pk])
    assert national.post(url, {"target": world.state.pk}).status_code == 302
    office = refreshed(world.office)
    assert office.get_parent().pk == world.ministry.pk
    assert refreshed(world.ministry).get_parent().pk == world.state.pk
    assert refreshed(world.state).path in refreshed(world.office).path
    world.union_person.refresh_from_db()
    assert world.union_person.organisation_id == world.office.pk
    under_itself = national.post(url, {"target": world.office.pk})
    assert "cannot move under itself" in under_itself.content.decode()
    assert Organisation.find_problems() == ([], [], [], [], [])


def test_deactivate_and_reactivate(national, world):
    national.post(reverse("organisations_admin:deactivate", args=[world.office.pk]))
    assert refreshed(world.office).is_active is False
    listing = national.get(TREE, {"parent": world.ministry.pk}).content.decode()
    assert reverse("organisations_admin:reactivate", args=[world.office.pk]) in listing
    national.post(reverse("organisations_admin:reactivate", args=[world.office.pk]))
    assert refreshed(world.office).is_active is True


def test_delete_is_refused_while_anything_points_at_the_organisation(national, world):
    url = reverse("organisations_admin:delete", args=[world.office.pk])
    page = national.get(url).content.decode()
    assert "cannot be deleted" in page and "users" in page.lower()
    response = national.post(url, follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert Organisation.objects.filter(pk=world.office.pk).exists()


def test_a_profile_organisation_is_never_deleted(national, world):
    Organisation.objects.filter(pk=world.district.pk).update(synced_values={"name": "x"})
    national.post(reverse("organisations_admin:delete", args=[world.district.pk]))
    assert Organisation.objects.filter(pk=world.district.pk).exists()


def test_an_unreferenced_admin_made_leaf_can_be_deleted(national, world):
    _top, below = profile_levels()
    spare = refreshed(world.district).add_child(code="SPARE", name="Spare", level=below)
    national.post(reverse("organisations_admin:delete", args=[spare.pk]))
    assert not Organisation.objects.filter(code="SPARE").exists()
    assert refreshed(world.district).numchild == 0


def test_the_chooser_searches_and_paginates(national, world):
    _top, below = profile_levels()
    for number in range(40):
        refreshed(world.state).add_child(
            code=f"C{number:02}", name=f"Clinic {number:02}", level=below
        )
    results = national.get(reverse("organisation_chooser:choose_results"), {"q": "clinic"})
    page = results.content.decode()
    assert "Clinic 00" in page and "Clinic 24" in page and "Clinic 25" not in page
    second = national.get(reverse("organisation_chooser:choose_results"), {"q": "clinic", "p": 2})
    assert "Clinic 39" in second.content.decode()


def test_the_django_admin_lists_organisations(client, world):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:organisations_organisation_changelist"))
    assert response.status_code == 200
    assert "Union Government" in response.content.decode()
    change = client.get(reverse("admin:organisations_organisation_change", args=[world.union.pk]))
    assert change.status_code == 200
