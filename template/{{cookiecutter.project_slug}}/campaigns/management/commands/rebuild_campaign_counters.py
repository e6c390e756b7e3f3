"""Recount campaigns from the raw tables and rewrite their live counters.

    python manage.py rebuild_campaign_counters            # running and just-ended ones
    python manage.py rebuild_campaign_counters --all
    python manage.py rebuild_campaign_counters --campaign learning-week-2026

Run it after restoring a database, after Redis lost its data, or after editing a past
campaign's dates or targets; the beat job does the same for recent campaigns.
"""

from django.core.management.base import BaseCommand, CommandError

from campaigns import counters
from campaigns.counting import campaigns_to_repair, rebuild
from campaigns.models import Campaign


class Command(BaseCommand):
    help = "Recount campaigns from enrolments and rewrite their live counters."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--campaign", metavar="SLUG", help="only this campaign")
        which.add_argument("--all", action="store_true", help="every campaign, past ones too")

    def handle(self, *args, campaign=None, all=False, **options):
        if campaign:
            campaigns = list(Campaign.objects.filter(slug=campaign))
            if not campaigns:
                raise CommandError(f"No campaign has the slug {campaign!r}.")
        elif all:
            campaigns = list(Campaign.objects.all())
        else:
            campaigns = list(campaigns_to_repair())
        for item in campaigns:
            rebuild(item)
            total = counters.tallies_from_rows(item.pk, None)[0]
            self.stdout.write(
                f"{item.slug}: {total.completions} completions, {total.hours_tenths / 10:g} hours"
            )
        self.stdout.write(f"{len(campaigns)} campaign(s) rebuilt")
