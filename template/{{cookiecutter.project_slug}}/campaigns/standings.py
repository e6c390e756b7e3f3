"""What the public sees of a campaign: counters, progress and leaderboards, as one
JSON-ready dict, cached for ``CAMPAIGN_STANDINGS_CACHE_SECONDS``.

The HTML page and the JSON endpoint both read ``public_standings``, so under load a burst
of views costs one read of the live counters per campaign per cache period, and no view
ever counts enrolments.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from campaigns import counters
from campaigns.models import Campaign
from organisations.models import Organisation, Region

LEADERBOARD_SIZE = 10
_MISSING = "missing"


def cache_seconds() -> float:
    return getattr(settings, "CAMPAIGN_STANDINGS_CACHE_SECONDS", 2)


def _percent(value: float, target) -> int | None:
    if not target:
        return None
    return min(100, int(value * 100 / target))


def _named(tallies, model) -> list[dict]:
    names = dict(model.objects.filter(pk__in=[t.key for t in tallies]).values_list("pk", "name"))
    return [
        {"name": names.get(t.key, "?"), "completions": t.completions, "hours": t.hours_tenths / 10}
        for t in tallies
        if t.key in names
    ]


def build_standings(campaign: Campaign) -> dict:
    now = timezone.now()
    standings = counters.read(campaign.pk, top=LEADERBOARD_SIZE)
    hours = standings.hours_tenths / 10
    return {
        "campaign": campaign.slug,
        "name": campaign.name,
        "description": campaign.description,
        "scope": campaign.scope,
        "starts_at": campaign.starts_at.isoformat(),
        "ends_at": campaign.ends_at.isoformat(),
        "state": "upcoming"
        if now < campaign.starts_at
        else ("running" if now < campaign.ends_at else "ended"),
        "completions": standings.completions,
        "hours": hours,
        "target_completions": campaign.target_completions,
        "target_hours": campaign.target_hours,
        "completions_percent": _percent(standings.completions, campaign.target_completions),
        "hours_percent": _percent(hours, campaign.target_hours),
        "organisations": _named(standings.organisations, Organisation),
        "regions": _named(standings.regions, Region),
        "updated_at": now.isoformat(),
    }


def public_standings(slug: str) -> dict | None:
    """The published campaign's standings, or ``None`` (unknown or unpublished slug —
    remembered as briefly as a hit, so a flood of bad slugs does not reach the database)."""
    key = f"campaigns:standings:{slug}"
    found = cache.get(key)
    if found is None:
        campaign = Campaign.objects.published().filter(slug=slug).first()
        found = build_standings(campaign) if campaign else _MISSING
        cache.set(key, found, cache_seconds())
    return None if found == _MISSING else found


def home_cards(campaigns) -> list[dict]:
    """Name, link, end and progress of each campaign, totals read in one round trip."""
    totals = counters.totals_many(campaign.pk for campaign in campaigns)
    cards = []
    for campaign in campaigns:
        tally = totals[campaign.pk]
        hours = tally.hours_tenths / 10
        cards.append(
            {
                "campaign": campaign,
                "completions": tally.completions,
                "hours": hours,
                "completions_percent": _percent(tally.completions, campaign.target_completions),
                "hours_percent": _percent(hours, campaign.target_hours),
            }
        )
    return cards
