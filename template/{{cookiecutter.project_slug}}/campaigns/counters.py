"""Live campaign counters: totals and leaderboards by organisation and region.

With Redis configured (production) every counted completion bumps a few keys in one
``MULTI`` — ``HINCRBY`` on the totals, ``ZINCRBY`` on the organisation and region
leaderboards, ``HINCRBY`` on their hours — so reading the standings costs two round trips
whatever the number of completions, and thousands of workers counting at once never lock a
database row. The increments are sent after the counting transaction commits; the
``CampaignCompletion`` rows stay the truth, and ``replace_from_rows`` rewrites a campaign's
keys from them (atomically, through ``RENAME``) when Redis was lost or an increment never
arrived (a worker died between commit and increment). Reading a campaign whose keys are
missing repairs them first.

Without Redis (development on SQLite) the standings are aggregated from the
``CampaignCompletion`` rows of that one campaign — an indexed scan of the campaign's own
rows, never of the enrolments — and the views cache them for a couple of seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Sum

from campaigns.models import CampaignCompletion

REDIS_BACKEND = "django_redis.cache.RedisCache"


@dataclass(frozen=True)
class Tally:
    """Completions and credited hours (in tenths, to stay an integer) of one key."""

    key: int | None
    completions: int = 0
    hours_tenths: int = 0


@dataclass(frozen=True)
class Standings:
    completions: int = 0
    hours_tenths: int = 0
    organisations: list[Tally] = field(default_factory=list)
    regions: list[Tally] = field(default_factory=list)


def uses_redis() -> bool:
    return settings.CACHES["default"]["BACKEND"] == REDIS_BACKEND


def _redis():
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def _keys(campaign_id: int) -> dict[str, str]:
    base = f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:campaigns:{campaign_id}"
    return {
        name: f"{base}:{name}"
        for name in ("totals", "organisations", "organisation_hours", "regions", "region_hours")
    }


def add(campaign_ids, organisation_id, region_id, hours_tenths: int) -> None:
    """Count one completion for each campaign (called after the row was committed)."""
    if not uses_redis() or not campaign_ids:
        return
    pipe = _redis().pipeline(transaction=True)
    for campaign_id in campaign_ids:
        keys = _keys(campaign_id)
        pipe.hincrby(keys["totals"], "completions", 1)
        pipe.hincrby(keys["totals"], "hours_tenths", hours_tenths)
        if organisation_id is not None:
            pipe.zincrby(keys["organisations"], 1, organisation_id)
            pipe.hincrby(keys["organisation_hours"], organisation_id, hours_tenths)
        if region_id is not None:
            pipe.zincrby(keys["regions"], 1, region_id)
            pipe.hincrby(keys["region_hours"], region_id, hours_tenths)
    pipe.execute()


def tallies_from_rows(campaign_id: int, by: str | None) -> list[Tally]:
    """Tallies straight from the durable rows, grouped by ``by`` (or one total)."""
    rows = CampaignCompletion.objects.filter(campaign_id=campaign_id)
    if by is None:
        total = rows.aggregate(completions=Count("pk"), hours=Sum("hours_tenths"))
        return [Tally(None, total["completions"], total["hours"] or 0)]
    grouped = (
        rows.filter(**{f"{by}__isnull": False})
        .values(by)
        .annotate(completions=Count("pk"), hours=Sum("hours_tenths"))
        .order_by("-completions", "-hours", by)
    )
    return [Tally(row[by], row["completions"], row["hours"] or 0) for row in grouped]


def replace_from_rows(campaign_id: int) -> Standings:
    """Rewrite the campaign's Redis keys from its ``CampaignCompletion`` rows."""
    total = tallies_from_rows(campaign_id, None)[0]
    organisations = tallies_from_rows(campaign_id, "organisation_id")
    regions = tallies_from_rows(campaign_id, "region_id")
    standings = Standings(total.completions, total.hours_tenths, organisations, regions)
    if not uses_redis():
        return standings
    keys = _keys(campaign_id)
    fresh = {name: f"{key}:rebuilding" for name, key in keys.items()}
    pipe = _redis().pipeline(transaction=True)
    pipe.delete(*fresh.values())
    pipe.hset(
        fresh["totals"],
        mapping={"completions": total.completions, "hours_tenths": total.hours_tenths},
    )
    written = {"totals"}
    for prefix, tallies in (("organisation", organisations), ("region", regions)):
        if tallies:
            written |= {f"{prefix}s", f"{prefix}_hours"}
            pipe.zadd(fresh[f"{prefix}s"], {str(t.key): t.completions for t in tallies})
            pipe.hset(
                fresh[f"{prefix}_hours"], mapping={str(t.key): t.hours_tenths for t in tallies}
            )
    for name, key in keys.items():
        if name in written:
            pipe.rename(fresh[name], key)
        else:
            pipe.delete(key)
    pipe.execute()
    return standings


def read(campaign_id: int, top: int = 10) -> Standings:
    """The campaign's totals and its ``top`` organisations and regions."""
    if not uses_redis():
        total = tallies_from_rows(campaign_id, None)[0]
        return Standings(
            total.completions,
            total.hours_tenths,
            tallies_from_rows(campaign_id, "organisation_id")[:top],
            tallies_from_rows(campaign_id, "region_id")[:top],
        )
    redis = _redis()
    keys = _keys(campaign_id)
    pipe = redis.pipeline(transaction=False)
    pipe.hgetall(keys["totals"])
    pipe.zrevrange(keys["organisations"], 0, top - 1, withscores=True)
    pipe.zrevrange(keys["regions"], 0, top - 1, withscores=True)
    totals, organisations, regions = pipe.execute()
    if not totals:  # Redis lost the campaign (restart, eviction): the rows are the truth
        standings = replace_from_rows(campaign_id)
        return Standings(
            standings.completions,
            standings.hours_tenths,
            standings.organisations[:top],
            standings.regions[:top],
        )
    pipe = redis.pipeline(transaction=False)
    pipe.hmget(keys["organisation_hours"], [key for key, _score in organisations] or ["-"])
    pipe.hmget(keys["region_hours"], [key for key, _score in regions] or ["-"])
    organisation_hours, region_hours = pipe.execute()
    return Standings(
        int(totals.get(b"completions", 0)),
        int(totals.get(b"hours_tenths", 0)),
        _tallies(organisations, organisation_hours),
        _tallies(regions, region_hours),
    )


def _tallies(ranked, hours) -> list[Tally]:
    return [
        Tally(int(key), int(score), int(spent or 0))
        for (key, score), spent in zip(ranked, hours, strict=False)
    ]


def totals_many(campaign_ids) -> dict[int, Tally]:
    """Totals of several campaigns in one round trip (or one query without Redis)."""
    campaign_ids = list(campaign_ids)
    if not campaign_ids:
        return {}
    if not uses_redis():
        grouped = (
            CampaignCompletion.objects.filter(campaign_id__in=campaign_ids)
            .values("campaign_id")
            .annotate(completions=Count("pk"), hours=Sum("hours_tenths"))
            .order_by()
        )
        found = {
            row["campaign_id"]: Tally(row["campaign_id"], row["completions"], row["hours"])
            for row in grouped
        }
        return {pk: found.get(pk, Tally(pk)) for pk in campaign_ids}
    pipe = _redis().pipeline(transaction=False)
    for campaign_id in campaign_ids:
        pipe.hgetall(_keys(campaign_id)["totals"])
    result = {}
    for campaign_id, totals in zip(campaign_ids, pipe.execute(), strict=True):
        if not totals:
            standings = replace_from_rows(campaign_id)
            result[campaign_id] = Tally(campaign_id, standings.completions, standings.hours_tenths)
        else:
            result[campaign_id] = Tally(
                campaign_id, int(totals.get(b"completions", 0)), int(totals.get(b"hours_tenths", 0))
            )
    return result
