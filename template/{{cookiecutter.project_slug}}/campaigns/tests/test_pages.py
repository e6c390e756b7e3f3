"""The public campaign page, its JSON feed and the home panel: what people see, at a
cost that does not grow with the number of completions or campaigns."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import Campaign
from campaigns.tests.conftest import complete, make_campaign
from campaigns.wagtail_hooks import running_campaigns_panel


def test_the_page_shows_counters_progress_and_leaderboards(country, person, client):
    world = country.world
    campaign = make_campaign(
        name="National Learning Week", slug="nlw", target_completions=4, target_hours=10
    )
    for organisation in (world.office, world.office, world.district):
        complete(person(organisation), country.course)
    response = client.get(campaign.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>National Learning Week</h1>" in page
    assert 'data-live="completions">3<' in page
    assert 'of 4 targeted (<span data-live="completions_percent">75</span>%)' in page
    with translation.override(settings.LANGUAGE_CODE):  # 4.5, as the page's language writes it
        hours = floatformat(4.5, 1)
    assert f'data-live="hours" data-decimals="1">{hours}<' in page  # 3 × 1.5 credited hours
    assert '<progress max="100" value="75"' in page
    office_row = page.index(f'<th scope="row">{world.office.name}</th>')
    district_row = page.index(f'<th scope="row">{world.district.name}</th>')
    assert office_row < district_row  # two completions rank above one
    assert "North Region" in page and "South Region" in page
    assert "campaigns/live.js" in page and "<script>" not in page


def test_the_json_feed_matches_and_is_served_from_the_cache(country, person, client):
    campaign = make_campaign(slug="feed", target_completions=10)
    complete(person(country.world.office), country.course)
    url = reverse("campaigns:standings", args=["feed"])
    first = client.get(url).json()
    assert (first["completions"], first["hours"], first["completions_percent"]) == (1, 1.5, 10)
    assert first["organisations"] == [
        {"name": country.world.office.name, "completions": 1, "hours": 1.5}
    ]
    assert first["state"] == "running"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    # Only the request transaction's savepoint (ATOMIC_REQUESTS) reaches the database.
    assert [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))] == []
    assert again.json() == first
    assert again["Cache-Control"] == "public, max-age=2"
    assert campaign.completions.count() == 1


def test_a_completion_shows_once_the_cache_period_is_over(country, person, client, settings):
    settings.CAMPAIGN_STANDINGS_CACHE_SECONDS = 0
    make_campaign(slug="fresh")
    url = reverse("campaigns:standings", args=["fresh"])
    assert client.get(url).json()["completions"] == 0
    complete(person(country.world.office), country.course)
    assert client.get(url).json()["completions"] == 1


@pytest.mark.parametrize("completions", [1, 25])
def test_a_cold_view_costs_the_same_whatever_the_completions(
    completions, country, person, client, django_assert_max_num_queries
):
    make_campaign(slug="flat")
    for index in range(completions):
        organisation = country.world.office if index % 2 else country.world.district
        complete(person(organisation), country.course)
    # The campaign, three aggregates over its own rows (no Redis in this lane), two name
    # lookups; plus base.html's site navigation (4) and the request's savepoint (2).
    with django_assert_max_num_queries(12):
        response = client.get(reverse("campaigns:page", args=["flat"]))
    assert response.status_code == 200


def test_unpublished_and_unknown_campaigns_are_not_found(country, client):
    make_campaign(slug="draft", is_published=False)
    assert client.get(reverse("campaigns:page", args=["draft"])).status_code == 404
    assert client.get(reverse("campaigns:standings", args=["nope"])).status_code == 404


def _panel(user):
    request = RequestFactory().get("/")
    request.user = user
    panel = running_campaigns_panel(request)  # this app's panel alone, not the others'
    if panel is None:
        return None, ""
    return panel, render_to_string(panel.template, panel.context, request=request)


def test_the_home_panel_shows_the_running_campaigns_that_concern_the_viewer(country, person):
    world = country.world
    make_campaign(name="National week", slug="n")
    make_campaign(name="North week", slug="r-n", scope=Campaign.Scope.REGION, region=country.north)
    make_campaign(name="South week", slug="r-s", scope=Campaign.Scope.REGION, region=country.south)
    make_campaign(
        name="Union week", slug="o-u", scope=Campaign.Scope.ORGANISATION, organisation=world.union
    )
    make_campaign(
        name="State week", slug="o-s", scope=Campaign.Scope.ORGANISATION, organisation=world.state
    )
    make_campaign(name="Draft week", slug="d", is_published=False)
    make_campaign(
        name="Past week",
        slug="p",
        starts_at=timezone.now() - timezone.timedelta(days=9),
        ends_at=timezone.now() - timezone.timedelta(days=2),
    )
    office_person = person(world.office)
    panel, html = _panel(office_person)
    assert panel.order == 30
    shown = [card["campaign"].name for card in panel.context["campaign_cards"]]
    assert sorted(shown) == ["National week", "North week", "Union week"]
    assert 'href="/campaigns/n/"' in html
    _panel_out, html_out = _panel(AnonymousUser())
    assert "National week" in html_out and "North week" not in html_out


def test_no_running_campaign_means_no_panel(country, person):
    make_campaign(
        slug="soon",
        starts_at=timezone.now() + timezone.timedelta(days=1),
        ends_at=timezone.now() + timezone.timedelta(days=8),
    )
    assert _panel(person(country.world.office)) == (None, "")


@pytest.mark.parametrize("campaigns", [1, 50])
def test_the_home_panel_costs_the_same_with_1_or_50_campaigns(
    campaigns, country, person, django_assert_max_num_queries
):
    learner = person(country.world.office)
    for index in range(campaigns):
        make_campaign(slug=f"c-{index}", target_completions=5)
    complete(learner, country.course)
    learner = type(learner).objects.get(pk=learner.pk)
    # the learner's organisation, the campaigns, their totals
    with django_assert_max_num_queries(3):
        panel, html = _panel(learner)
    assert len(panel.context["campaign_cards"]) == min(campaigns, 3)
    assert "1 course completed so far." in html
    assert "20% of the target of 5 completions" in html
