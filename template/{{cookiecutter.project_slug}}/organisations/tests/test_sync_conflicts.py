"""Admin edits and country.yaml re-syncs: field by field, the profile wins only where the
profile itself changed since the last sync (see ``organisations.country_sync``)."""

import io

import pytest

from organisations.country_sync import sync
from organisations.models import Organisation, Region
from organisations.tests.test_country_sync import country_with, tree_problems

REGIONS = [{"code": "NORTH", "name": "North"}, {"code": "SOUTH", "name": "South"}]


def base_seed():
    return [
        {"code": "MOF", "name": "Finance", "level": "ministry", "region": "NORTH"},
        {"code": "MOH", "name": "Health", "level": "ministry"},
        {"code": "TAX", "name": "Tax", "level": "department", "parent": "MOF"},
    ]


def run(seed):
    out = io.StringIO()
    sync(country_with(seed, REGIONS), out)
    assert tree_problems() == []
    return out.getvalue()


def org(code):
    return Organisation.objects.get(code=code)


def admin_moves(code, under):
    org(code).move(org(under), "sorted-child")


@pytest.mark.django_db
def test_an_admin_rename_survives_a_re_sync_of_an_unchanged_profile():
    seed = base_seed()
    run(seed)
    Organisation.objects.filter(code="TAX").update(name="Revenue Authority")
    run(seed)
    assert org("TAX").name == "Revenue Authority"


@pytest.mark.django_db
def test_a_rename_in_the_profile_wins_over_an_admin_rename():
    seed = base_seed()
    run(seed)
    Organisation.objects.filter(code="TAX").update(name="Revenue Authority")
    seed[2]["name"] = "Tax and Customs"
    run(seed)
    assert org("TAX").name == "Tax and Customs"
    assert org("TAX").synced_values["name"] == "Tax and Customs"


@pytest.mark.django_db
def test_an_admin_move_survives_and_a_new_parent_in_the_profile_wins():
    seed = base_seed()
    run(seed)
    admin_moves("TAX", "MOH")
    run(seed)
    assert org("TAX").get_parent().code == "MOH"  # the profile still says MOF: unchanged
    seed.append({"code": "MOJ", "name": "Justice", "level": "ministry"})
    seed[2]["parent"] = "MOJ"
    run(seed)
    assert org("TAX").get_parent().code == "MOJ"


@pytest.mark.django_db
def test_level_and_region_follow_the_same_rule():
    seed = base_seed()
    run(seed)
    south = Region.objects.get(code="SOUTH")
    Organisation.objects.filter(code="MOF").update(level="department", region=south)
    run(seed)
    assert (org("MOF").level, org("MOF").region.code) == ("department", "SOUTH")
    seed[0]["region"] = None  # the country file now says "no region"
    run(seed)
    assert (org("MOF").level, org("MOF").region) == ("department", None)


@pytest.mark.django_db
def test_a_deactivated_organisation_stays_deactivated_while_the_profile_lists_it():
    seed = base_seed()
    run(seed)
    Organisation.objects.filter(code="MOH").update(is_active=False)
    run(seed)
    assert org("MOH").is_active is False
    seed[1]["name"] = "Ministry of Health"  # other fields still follow the profile
    run(seed)
    assert (org("MOH").name, org("MOH").is_active) == ("Ministry of Health", False)


@pytest.mark.django_db
def test_dropped_then_listed_again_reactivates_and_an_admin_reactivation_is_kept():
    seed = base_seed()
    run(seed)
    run(seed[:2])  # TAX dropped from the profile: deactivated, never deleted
    assert org("TAX").is_active is False
    Organisation.objects.filter(code="TAX").update(is_active=True)  # the admin disagrees
    run(seed[:2])
    assert org("TAX").is_active is True
    Organisation.objects.filter(code="TAX").update(is_active=False)
    run(seed)  # listed again: a change of the profile
    assert org("TAX").is_active is True


@pytest.mark.django_db
def test_organisations_created_in_the_admin_are_never_touched_and_follow_their_parent():
    seed = base_seed()
    run(seed)
    org("TAX").add_child(code="LOCAL", name="Local office", level="department")
    Organisation.objects.filter(code="LOCAL").update(is_active=False)
    seed[2]["parent"] = "MOH"
    run(seed)
    local = org("LOCAL")
    assert local.get_parent().code == "TAX"
    assert org("TAX").get_parent().code == "MOH"
    assert (local.name, local.is_active, local.synced_values) == ("Local office", False, None)


@pytest.mark.django_db
def test_a_kept_admin_parent_and_a_new_profile_parent_never_make_a_loop():
    seed = base_seed()
    run(seed)
    admin_moves("MOH", "TAX")  # the admin puts Health under Tax (which is under Finance)
    seed[0]["parent"] = "MOH"  # the profile now puts Finance under Health
    seed[0]["level"] = "department"
    run(seed)
    # Keeping Health under Tax would close a loop; the profile's parents win there.
    assert org("MOF").get_parent().code == "MOH"
    assert org("MOH").get_parent() is None
    assert org("TAX").get_parent().code == "MOF"


@pytest.mark.django_db
def test_an_organisation_from_before_values_were_recorded_is_adopted_by_the_profile():
    seed = base_seed()
    run(seed)
    Organisation.objects.filter(code="MOH").update(name="Old name", synced_values=None)
    run(seed)
    assert org("MOH").name == "Health"
    assert org("MOH").synced_values["name"] == "Health"
