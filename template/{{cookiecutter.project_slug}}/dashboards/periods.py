"""Periods of the dashboards' time grains, in the country's time zone.

A day is a local calendar day, a week an ISO week (Monday first), a month a calendar
month. The boundaries of a period are local midnights made aware with ``zoneinfo``, so a
day with a daylight-saving change is 23 or 25 hours long and still one day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from dashboards.models import Grain


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def period_start(grain: str, day: date) -> date:
    if grain == Grain.DAY:
        return day
    if grain == Grain.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(grain: str, start: date) -> date:
    if grain == Grain.DAY:
        return start + timedelta(days=1)
    if grain == Grain.WEEK:
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_starts(grain: str, first: date, last: date) -> list[date]:
    """Every period of ``grain`` that overlaps the days ``first``..``last`` (inclusive)."""
    starts = []
    current = period_start(grain, first)
    while current <= last:
        starts.append(current)
        current = next_period(grain, current)
    return starts


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=local_zone())


def local_day(moment: datetime) -> date:
    return moment.astimezone(local_zone()).date()
