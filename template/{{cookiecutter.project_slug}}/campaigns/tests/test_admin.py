"""The campaigns admin: national administrators run any campaign; organisation
administrators only their own subtree's, and another subtree's id finds nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.tests.conftest import make_campaign


def form_data(**fields):
    start = timezone.localtime() + timezone.timedelta(days=1)
    data = {
        "name": "Finance week",
        "slug": "finance-week",
        "description": "",
        "scope": Campaign.Scope.ORGANISATION,
        "region": "",
        "organisation": "",
        "starts_at": start.strftime("%Y-%m-%d 00:00"),
        "ends_at": (start + timezone.timedelta(days=7)).strftime("%Y-%m-%d 00:00"),
        "target_completions": "100",
        "target_hours": "",
        "is_published": "on",
    }
    return {**data, **fields}


def test_a_national_admin_creates_a_national_campaign_in_local_time(country, client, settings):
    client.force_login(country.world.national_admin)
    response = client.post(
        reverse("campaign_admin:add"),
        form_data(scope=Campaign.Scope.NATIONAL, slug="nlw", target_courses=[country.course.pk]),
    )
    assert response.status_code == 302, response.context["form"].errors
    campaign = Campaign.objects.get(slug="nlw")
    assert timezone.localtime(campaign.starts_at).strftime("%H:%M") == "00:00"
    assert str(campaign.starts_at.tzinfo) in ("UTC", "utc")
    assert campaign.created_by == country.world.national_admin
    assert list(campaign.target_courses.all()) == [country.course]


def test_an_organisation_admin_runs_campaigns_only_inside_their_subtree(country, client):
    world = country.world
    client.force_login(world.union_admin)
    national = client.post(
        reverse("campaign_admin:add"), form_data(scope=Campaign.Scope.NATIONAL, slug="x")
    )
    assert national.status_code == 200
    assert "scope" in national.context["form"].errors
    elsewhere = client.post(
        reverse("campaign_admin:add"), form_data(organisation=world.state.pk, slug="y")
    )
    assert "organisation" in elsewhere.context["form"].errors
    own = client.post(
        reverse("campaign_admin:add"), form_data(organisation=world.ministry.pk, slug="z")
    )
    assert own.status_code == 302
    assert list(Campaign.objects.values_list("slug", flat=True)) == ["z"]


def test_another_subtrees_campaign_is_not_listed_and_not_found(country, client):
    world = country.world
    mine = make_campaign(
        name="Union week", slug="u", scope=Campaign.Scope.ORGANISATION, organisation=world.office
    )
    theirs = make_campaign(
        name="State week", slug="s", scope=Campaign.Scope.ORGANISATION, organisation=world.state
    )
    national = make_campaign(name="National week", slug="n")
    client.force_login(world.union_admin)
    listing = client.get(reverse("campaign_admin:index")).content.decode()
    assert "Union week" in listing
    assert "State week" not in listing and "National week" not in listing
    assert client.get(reverse("campaign_admin:edit", args=[mine.pk])).status_code == 200
    for other in (theirs, national):
        assert client.get(reverse("campaign_admin:edit", args=[other.pk])).status_code == 404
        assert client.post(reverse("campaign_admin:delete", args=[other.pk])).status_code == 404
    assert Campaign.objects.count() == 3


@pytest.mark.parametrize("role", ["learner", "provider_editor"])
def test_people_without_administration_are_refused(country, client, role):
    client.force_login(getattr(country.world, role))
    response = client.get(reverse("campaign_admin:index"))
    assert response.status_code in {302, 403}
    assert "Finance" not in response.content.decode()


def test_end_before_start_is_refused_with_a_clear_error(country, client):
    client.force_login(country.world.national_admin)
    data = form_data(scope=Campaign.Scope.NATIONAL)
    data["ends_at"], data["starts_at"] = data["starts_at"], data["ends_at"]
    response = client.post(reverse("campaign_admin:add"), data)
    assert "A campaign must end after it starts." in str(response.context["form"].errors)
    assert not Campaign.objects.exists()
