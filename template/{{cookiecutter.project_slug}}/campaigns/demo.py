"""A running national learning week (``demo_data/campaigns.json``), counted from the demo's
completions through the same rebuild operators run, so its page shows figures at once.

Dates are relative to today in the country's time zone: the week started a couple of
days ago at local midnight. Idempotent: an existing campaign keeps its dates.
"""

import json
from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from campaigns.counting import rebuild
from campaigns.models import Campaign

CAMPAIGNS_FILE = Path(__file__).with_name("demo_data") / "campaigns.json"


def _in_language(texts: dict, country) -> str:
    return texts.get(country.default_language.code) or texts["en"]


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def seed(country, stdout) -> None:
    created = 0
    for row in json.loads(CAMPAIGNS_FILE.read_text(encoding="utf-8"))["campaigns"]:
        start_day = timezone.localdate() - timedelta(days=row["starts_days_ago"])
        campaign, was_created = Campaign.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": _in_language(row["name"], country),
                "description": _in_language(row["description"], country),
                "scope": row["scope"],
                "starts_at": _local_midnight(start_day),
                "ends_at": _local_midnight(start_day + timedelta(days=row["days"])),
                "target_completions": row["target_completions"],
                "target_hours": row["target_hours"],
                "is_published": True,
            },
        )
        created += was_created
        rebuild(campaign)
    stdout.write(f"{created} demo campaign(s) created, counters rebuilt")
