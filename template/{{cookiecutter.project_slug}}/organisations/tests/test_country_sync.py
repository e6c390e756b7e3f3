import io
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisations.country_sync import sync
from organisations.models import Organisation
from portal.country import get_country

LEVELS = [{"code": "ministry", "name": "Ministry"}, {"code": "department", "name": "Department"}]


def country_with(seed, regions=()):
    country = get_country()
    data = {
        **country.data,
        "regions": list(regions),
        "organisations": {"levels": LEVELS, "seed": seed},
    }
    return replace(country, data=data)


@pytest.mark.django_db
def test_an_organisation_moved_in_the_profile_moves_in_the_tree_with_its_people():
    from accounts.models import User

    seed = [
        {"code": "MOF", "name": "Finance", "level": "ministry"},
        {"code": "MOH", "name": "Health", "level": "ministry"},
        {"code": "AUDIT", "name": "Audit", "level": "department", "parent": "MOF"},
    ]
    sync(country_with(seed), io.StringIO())
    auditor = User.objects.create(
        username="auditor", organisation=Organisation.objects.get(code="AUDIT")
    )
    seed[2]["parent"] = "MOH"
    sync(country_with(seed), io.StringIO())
    audit = Organisation.objects.get(code="AUDIT")
    assert audit.get_parent().code == "MOH"
    assert list(Organisation.objects.get(code="MOF").get_descendants()) == []
    auditor.refresh_from_db()
    assert auditor.organisation == audit


@pytest.mark.django_db
def test_an_organisation_dropped_from_the_profile_is_deactivated_not_deleted():
    seed = [
        {"code": "MOF", "name": "Finance", "level": "ministry"},
        {"code": "OLD", "name": "Old Board", "level": "ministry"},
    ]
    sync(country_with(seed), io.StringIO())
    sync(country_with(seed[:1]), io.StringIO())
    assert Organisation.objects.get(code="OLD").is_active is False
    assert Organisation.objects.get(code="MOF").is_active is True


@pytest.mark.django_db
def test_renames_and_regions_are_applied_and_reported():
    regions = [{"code": "NORTH", "name": "North"}]
    seed = [{"code": "MOF", "name": "Finance", "level": "ministry"}]
    sync(country_with(seed, regions), io.StringIO())
    seed = [{"code": "MOF", "name": "Ministry of Finance", "level": "ministry", "region": "NORTH"}]
    out = io.StringIO()
    sync(country_with(seed, regions), out)
    organisation = Organisation.objects.get(code="MOF")
    assert organisation.name == "Ministry of Finance"
    assert organisation.region.code == "NORTH"
    assert "0 created, 1 updated" in out.getvalue()


@pytest.mark.django_db
def test_subtree_holds_the_organisation_and_everything_below():
    seed = [
        {"code": "MOF", "name": "Finance", "level": "ministry"},
        {"code": "TAX", "name": "Tax", "level": "department", "parent": "MOF"},
        {"code": "MOH", "name": "Health", "level": "ministry"},
    ]
    sync(country_with(seed), io.StringIO())
    codes = {o.code for o in Organisation.objects.get(code="MOF").subtree()}
    assert codes == {"MOF", "TAX"}


def national_seed(ministries: int, departments_each: int) -> list[dict]:
    seed = []
    for m in range(ministries):
        seed.append({"code": f"M{m}", "name": f"Ministry {m:03}", "level": "ministry"})
        seed += [
            {"code": f"M{m}-D{d}", "name": f"Dept {d:03}", "level": "department", "parent": f"M{m}"}
            for d in range(departments_each)
        ]
    return seed


def tree_problems():
    """treebeard's own consistency check: bad paths, orphans, wrong depth or numchild."""
    return [problem for problem in Organisation.find_problems() if problem]


@pytest.mark.django_db
def test_a_national_tree_is_written_in_bulk_not_one_query_per_organisation():
    with CaptureQueriesContext(connection) as small:
        sync(country_with(national_seed(3, 3)), io.StringIO())
    Organisation.objects.all().delete()
    with CaptureQueriesContext(connection) as large:
        sync(country_with(national_seed(30, 60)), io.StringIO())
    assert Organisation.objects.count() == 1830
    # Batched inserts: a few statements per thousand rows, where one per node made 1,830.
    assert len(large) <= len(small) + 1830 // 100
    assert tree_problems() == []
    ministry = Organisation.objects.get(code="M7")
    assert {o.code for o in ministry.get_children()} == {f"M7-D{d}" for d in range(60)}


@pytest.mark.django_db
def test_re_syncing_an_unchanged_profile_writes_nothing(django_assert_num_queries):
    country = country_with(national_seed(5, 5))
    sync(country, io.StringIO())
    out = io.StringIO()
    # One read of the tree and one of the role groups; no writes.
    with django_assert_num_queries(2) as captured:
        sync(replace(country, data={**country.data, "regions": []}), out)
    assert all(query["sql"].startswith("SELECT") for query in captured.captured_queries)
    assert "0 created, 0 updated" in out.getvalue()


@pytest.mark.django_db
def test_children_follow_name_order_after_renames_moves_and_additions():
    seed = national_seed(2, 3)
    sync(country_with(seed), io.StringIO())
    seed[1]["name"] = "Zebra crossings"  # M0-D0 sorts last among its siblings now
    seed[2]["parent"] = "M1"  # M0-D1 moves to the other ministry
    seed.append({"code": "NEW", "name": "Accounts", "level": "department", "parent": "M0"})
    out = io.StringIO()
    sync(country_with(seed), out)
    assert "1 created, 2 updated" in out.getvalue()
    assert tree_problems() == []
    names = [o.name for o in Organisation.objects.get(code="M0").get_children()]
    assert names == ["Accounts", "Dept 002", "Zebra crossings"]
    assert Organisation.objects.get(code="M0-D1").get_parent().code == "M1"


@pytest.mark.django_db
def test_an_organisation_added_by_an_administrator_keeps_its_place_on_re_sync():
    seed = national_seed(1, 1)
    sync(country_with(seed), io.StringIO())
    Organisation.objects.get(code="M0").add_child(
        code="LOCAL", name="Local unit", level="department"
    )
    sync(country_with(seed), io.StringIO())
    local = Organisation.objects.get(code="LOCAL")
    assert local.get_parent().code == "M0"
    assert local.is_active is True  # created in the admin: the sync never touches it
    assert local.synced_values is None
    assert tree_problems() == []
