"""``manage.py load_framework [PATH]``: load or re-load the country's competency framework."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from competencies.framework_file import FrameworkFileError
from competencies.loader import load_framework_file


class Command(BaseCommand):
    help = (
        "Load the competency framework file (default: settings.GOVLEARN_FRAMEWORK_FILE). "
        "Re-loading a newer version updates records in place by UUID."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, help="a framework YAML file")

    def handle(self, *args, path=None, **options):
        path = path or Path(settings.GOVLEARN_FRAMEWORK_FILE)
        try:
            report = load_framework_file(path)
        except FrameworkFileError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Loaded {path}: {report.summary()}"))
