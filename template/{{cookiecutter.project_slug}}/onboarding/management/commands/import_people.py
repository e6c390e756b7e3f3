"""``manage.py import_people FILE.csv``: the HRMS import from the shell.

Prints what the run did; exits 1 when the file was refused or any row was rejected, so a
nightly job notices. ``--report OUT.csv`` writes the rejected rows with their reasons.
The run is recorded like one from the admin (without an uploader: the shell is trusted
with every organisation).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onboarding.models import ImportRun
from onboarding.runs import execute
from onboarding.uploads import max_upload_bytes


class Command(BaseCommand):
    help = "Import people from an HRMS CSV file (see onboarding/schemas/people.schema.json)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--report", type=Path, help="Write the rejected rows, with reasons, to this CSV."
        )

    def handle(self, *args, file: Path, report: Path | None, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        size = file.stat().st_size
        if size > max_upload_bytes():
            raise CommandError(
                f"{file}: {size:,} bytes is more than ONBOARDING_MAX_UPLOAD_BYTES "
                f"({max_upload_bytes():,}); split the file or raise the setting."
            )

        @contextmanager
        def opener():
            with open(file, "rb") as stream:
                yield stream

        run = ImportRun.objects.create(file_name=file.name[:255], file_size=size)
        if report is not None and report.exists():
            report.unlink()  # never leave an old report beside a run that rejected nothing
        result = execute(run, opener, report_to=report)
        run.refresh_from_db()
        if result is None:
            self.stderr.write(f"{file}: refused. {run.message}")
            raise SystemExit(1)
        for notice in result.notices:
            self.stdout.write(f"Notice: {notice}")
        self.stdout.write(
            f"{file}: {result.total} rows; {result.accepted} accepted "
            f"({result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged), {result.rejected} rejected."
        )
        if result.rejected:
            where = f" Rejected rows written to {report}." if report else ""
            self.stderr.write(f"{result.rejected} rows were rejected.{where}")
            raise SystemExit(1)
