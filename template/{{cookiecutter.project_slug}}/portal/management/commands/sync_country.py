"""Bring the database in line with ``country.yaml``: languages, home page, regions and
organisations. Safe to run after every deployment; it changes only what differs."""

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.app_hooks import app_modules
from portal.country import get_country
from portal.seeding import Summary, aligned


def sync_country(country, summary: Summary) -> None:
    """Every app's ``country_sync.sync``, in INSTALLED_APPS order, in one transaction."""
    with transaction.atomic():
        for label, module in app_modules("country_sync"):
            module.sync(country, summary.step(label))


class Command(BaseCommand):
    help = "Apply country.yaml (languages, home page, regions, organisations) to the database."

    def handle(self, *args, **options):
        country = get_country()
        summary = Summary()
        sync_country(country, summary)
        self.stdout.write(
            self.style.SUCCESS(f"{country.portal_name()} is in step with country.yaml")
        )
        for line in aligned(summary.rows()):
            self.stdout.write(line)
