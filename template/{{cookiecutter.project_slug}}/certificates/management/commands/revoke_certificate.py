"""``manage.py revoke_certificate ID --reason TEXT``: what the admin's revoke action does.

ID is a certificate's public id or its credential ``id`` URL (https://…/verify/<id>/).
"""

from django.core.management.base import BaseCommand, CommandError

from certificates.revocation import RevocationError, find_certificate, revoke


class Command(BaseCommand):
    help = "Revoke a certificate; verifiers see it as revoked, with the reason."

    def add_arguments(self, parser):
        parser.add_argument("certificate", help="public id or credential id URL")
        parser.add_argument("--reason", required=True, help="why (shown to verifiers)")

    def handle(self, *args, certificate, reason, **options):
        found = find_certificate(certificate)
        if found is None:
            raise CommandError(f"{certificate}: no certificate with this id was issued here.")
        try:
            revoke(found, reason)
        except RevocationError as error:
            raise CommandError(f"{found.public_id}: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"{found.public_id} revoked."))
