"""``check_rollups``: are the dashboards' numbers what the raw tables say?

First brings the roll-ups current exactly as the scheduled job would, then recounts
everything from the raw tables, prints each difference (naming the roll-up and its key)
and exits 1 if there is any. ``--repair`` throws the roll-ups away and rebuilds them,
then checks again.
"""

from django.core.management.base import BaseCommand, CommandError

from dashboards import rollups


class Command(BaseCommand):
    help = (
        "Refresh the dashboard roll-ups and compare them with the raw tables (exit 1 if unequal)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="Rebuild every roll-up from the raw tables."
        )

    def handle(self, *args, repair=False, **options):
        if repair:
            report = rollups.repair()
            self.stdout.write(f"Rebuilt the roll-ups: {report.days} days, {report.ranges} ranges.")
        else:
            report = rollups.refresh()
            self.stdout.write(f"Refreshed the roll-ups: {report.days} days recomputed.")
        differences = rollups.check()
        for difference in differences:
            self.stdout.write(str(difference))
        if differences:
            raise CommandError(
                f"{len(differences)} difference(s) between the roll-ups and the raw tables; "
                "run with --repair to rebuild.",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS("The roll-ups equal the raw tables."))
