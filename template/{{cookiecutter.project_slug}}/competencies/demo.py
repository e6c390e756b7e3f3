"""Demo content: the country's own competency framework, so courses can be aligned."""

from django.conf import settings

from competencies.loader import load_framework_file


def seed(country, stdout) -> None:
    report = load_framework_file(settings.GOVLEARN_FRAMEWORK_FILE)
    created = report.created.get("competencies", 0)
    updated = sum(report.updated.values())
    stdout.write(
        f"framework {report.framework.code} {report.framework.version}"
        f" ({created} competencies new, {updated} records updated)"
    )
