"""Demo dashboards: the roll-ups built from whatever the other apps' demos recorded.

Runs after ``learning`` and ``certificates`` in ``seed_demo`` (INSTALLED_APPS order), so
the dashboard shows the demo learners' enrolments, completions and time at once, instead
of after the first beat run.
"""

from dashboards import rollups


def seed(country, stdout) -> None:
    report = rollups.refresh()
    stdout.write(f"roll-ups current ({report.days} days recomputed)")
