"""Load believable demo content so a fresh portal can be explored. Idempotent: running it
again updates the same records instead of adding copies."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.app_hooks import app_modules
from portal.country import get_country


class Command(BaseCommand):
    help = "Load demo content (organisations, people, courses…); safe to run repeatedly."

    def handle(self, *args, **options):
        call_command("sync_country", stdout=self.stdout)
        country = get_country()
        for label, module in app_modules("demo"):
            with transaction.atomic():
                self.stdout.write(f"{label}: ", ending="")
                module.seed(country, self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
