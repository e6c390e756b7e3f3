"""Demo assignments to the demo learners (``demo_data/assignments.json``): a mandatory
course by designation, one to named people due in a few days, one already overdue, and
recommended learning for the first top-level organisation — so the home page, "my
learning" and the compliance report show something at once.

Due dates are relative to the day of the first seeding. Idempotent: an assignment is
matched by its title and left as it is once it exists.
"""

import json
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from assignments.compliance import refresh_counts
from assignments.forms import common_organisation
from assignments.models import AssignedDesignation, AssignedPerson, Assignment
from assignments.targets import normalise_designation
from catalog.models import CoursePage
from organisations.models import Organisation

DEMO_FILE = Path(__file__).with_name("demo_data") / "assignments.json"


def seed(country, stdout) -> None:
    rows = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["assignments"]
    admin = User.objects.filter(username="admin").first()
    top = Organisation.get_root_nodes().filter(is_active=True).first()
    made = 0
    for row in rows:
        if Assignment.objects.filter(title=row["title"]).exists():
            continue
        courses = list(CoursePage.objects.live().filter(slug__in=row["courses"]))
        if not courses:
            continue
        with transaction.atomic():
            made += _create(row, courses, admin, top)
    counted = refresh_counts()
    stdout.write(
        f"{made} assignments added ({len(rows)} in the demo data); "
        f"compliance counted for {counted} organisation rows"
    )


def _create(row, courses, admin, top) -> int:
    target = row["target"]
    people = list(
        User.objects.filter(username__in=row.get("people", [])).select_related("organisation")
    )
    if target == Assignment.Target.PEOPLE and not people:
        return 0
    if target == Assignment.Target.ORGANISATION and top is None:
        return 0
    assignment = Assignment.objects.create(
        title=row["title"],
        kind=row["kind"],
        due_on=timezone.localdate() + timedelta(days=row["due_in_days"]),
        target=target,
        organisation={
            Assignment.Target.ORGANISATION: top,
            Assignment.Target.PEOPLE: common_organisation(people),
        }.get(target),
        created_by=admin,
    )
    assignment.courses.set(courses)
    AssignedDesignation.objects.bulk_create(
        AssignedDesignation(assignment=assignment, designation=normalise_designation(d))
        for d in row.get("designations", [])
    )
    AssignedPerson.objects.bulk_create(
        AssignedPerson(assignment=assignment, user=person) for person in people
    )
    return 1
