"""Bring the database in line with ``country.yaml``: languages, home page, regions and
organisations. Safe to run after every deployment; it changes only what differs."""

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.app_hooks import app_modules
from portal.country import get_country


class Command(BaseCommand):
    help = "Apply country.yaml (languages, home page, regions, organisations) to the database."

    def handle(self, *args, **options):
        country = get_country()
        with transaction.atomic():
            for label, module in app_modules("country_sync"):
                self.stdout.write(f"{label}: ", ending="")
                module.sync(country, self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"{country.portal_name()} is in step with country.yaml")
        )
