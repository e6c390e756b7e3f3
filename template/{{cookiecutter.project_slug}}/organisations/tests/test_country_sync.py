import io
from dataclasses import replace

import pytest

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
