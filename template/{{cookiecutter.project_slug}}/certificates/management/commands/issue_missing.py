"""``manage.py issue_missing``: issue every certificate the rules say is due."""

from django.core.management.base import BaseCommand

from certificates.features import certificates_enabled
from certificates.tasks import issue_missing


class Command(BaseCommand):
    help = "Issue certificates for completed enrolments that have none and meet their rule."

    def handle(self, *args, **options):
        if not certificates_enabled():
            self.stdout.write("Certificates are switched off in country.yaml: nothing issued.")
            return
        counts = issue_missing()
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['checked']} completions without a certificate checked: "
                f"{counts['issued']} issued, {counts['not_due']} not due (rule not met)."
            )
        )
