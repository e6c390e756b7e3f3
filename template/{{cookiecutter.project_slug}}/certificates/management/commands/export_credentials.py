"""``manage.py export_credentials --limit N -o DIR``: issued credentials as JSON files.

One file per certificate, named ``<public id>.json``, written as rows stream from the
database (memory stays flat whatever N). Refuses to overwrite an existing file unless
``--force``; checks all target names before writing any.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.models import Certificate


class Command(BaseCommand):
    help = "Write issued credentials (newest first) as JSON files, one per certificate."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, required=True, help="how many credentials")
        parser.add_argument("-o", "--output", type=Path, required=True, help="directory")
        parser.add_argument("--force", action="store_true", help="overwrite existing files")

    def handle(self, *args, limit, output, force, **options):
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        if output.exists() and not output.is_dir():
            raise CommandError(f"{output}: exists and is not a directory.")
        rows = Certificate.objects.order_by("-issued_at", "-pk")[:limit]
        if not force and output.is_dir():
            ids = rows.values_list("public_id", flat=True)
            clashes = [pid for pid in ids.iterator() if (output / f"{pid}.json").exists()]
            if clashes:
                raise CommandError(
                    f"{output / (clashes[0] + '.json')}: already exists "
                    f"({len(clashes)} file(s) would be overwritten); use --force."
                )
        output.mkdir(parents=True, exist_ok=True)
        written = 0
        for public_id, credential in rows.values_list("public_id", "credential").iterator(
            chunk_size=1000
        ):
            target = output / f"{public_id}.json"
            temporary = target.with_suffix(".json.part")
            temporary.write_text(json.dumps(credential, ensure_ascii=False), encoding="utf-8")
            temporary.replace(target)
            written += 1
        self.stdout.write(self.style.SUCCESS(f"{written} credentials written to {output}"))
