"""Load believable demo content so a fresh portal can be explored. Idempotent: running it
again updates the same records instead of adding copies.

Prints one aligned summary (what each app made, where to open the portal, who can sign
in and where their password comes from), never a line per page or task.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.app_hooks import app_modules
from portal.country import get_country
from portal.management.commands.sync_country import sync_country
from portal.seeding import Summary, aligned


class Command(BaseCommand):
    help = "Load demo content (organisations, people, courses…); safe to run repeatedly."

    def handle(self, *args, **options):
        country = get_country()
        summary = Summary()
        sync_country(country, summary)
        for label, module in app_modules("demo"):
            with transaction.atomic():
                module.seed(country, summary.step(label))
        self._print(country, summary)

    def _print(self, country, summary: Summary) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS(f"Demo content loaded into {country.portal_name()}:"))
        for line in aligned(summary.rows()):
            write(line)
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://127.0.0.1:8000"
        links = [("home page", "/"), *summary.links, ("administration", "/admin/")]
        write("Where to find it:")
        for line in aligned([(name, urljoin(f"{base}/", path)) for name, path in links]):
            write(line)
        if summary.accounts:
            write(f"Accounts ({summary.password}):" if summary.password else "Accounts:")
            for line in aligned(summary.accounts):
                write(line)
