"""Time assigned learning at scale on PostgreSQL: the compliance report, a learner's home
panel and a reminder batch, over many people and their enrolments.

    DATABASE_URL=postgres://user:pass@host:port/assign_bench \\
        .venv/bin/python bench/assignments.py [--people 200000] [--portal PATH]

Generates a portal from the island-state example (or uses ``--portal``), migrates,
seeds 20 ministries of 50 offices each, ``--people`` people with COPY, an enrolment in each of
two courses per person (a third completed) with ``INSERT … SELECT`` (once: a database that
already holds them is reused), and assignments of every target kind. Then prints median
times: rebuilding the compliance roll-up (the beat job), the report read from it, a
learner's home panel, a reminder batch. Baselines in the same run: the same counts
straight from the raw tables, and one query per assignment and course (what a report
built on the ORM's per-assignment querysets would do).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT_ROOT / "bench"))
from portal_runner import need_url, run_inside_portal, timed  # noqa: E402 - a sibling module

MINISTRIES, OFFICES = 20, 50
DESIGNATIONS = ["Section Officer", "Policy Officer", "Finance Analyst", "Nurse", "Teacher"]


def outer(args) -> None:
    need_url("DATABASE_URL", "postgres", "…/assign_bench")
    run_inside_portal(
        __file__,
        args.portal,
        [
            f"--people={args.people}",
        ],
    )


def seed(people: int):
    from accounts.models import User
    from catalog.factories import CoursePageFactory
    from catalog.models import CoursePage
    from django.db import connection
    from organisations.models import Organisation

    level = Organisation.get_first_root_node().level
    if not Organisation.objects.filter(code="M-00").exists():
        started = time.perf_counter()
        for m in range(MINISTRIES):
            ministry = Organisation.add_root(code=f"M-{m:02}", name=f"Ministry {m:02}", level=level)
            for o in range(OFFICES):
                ministry.add_child(
                    code=f"M-{m:02}-{o:02}", name=f"Office {m:02}-{o:02}", level=level
                )
        print(f"seeded {MINISTRIES * OFFICES:,} offices in {time.perf_counter() - started:.1f} s")
    courses = list(CoursePage.objects.filter(title__startswith="Bench course").order_by("title"))
    if len(courses) < 3:
        courses = [CoursePageFactory(title=f"Bench course {n}") for n in range(3)]
    have = User.objects.count()
    if have < people:
        offices = list(
            Organisation.objects.filter(depth=2, code__startswith="M-").values_list("pk", flat=True)
        )
        started = time.perf_counter()
        columns = (
            "password, is_superuser, username, first_name, last_name, email, is_staff, "
            "is_active, date_joined, employee_id, organisation_id, designation, grade, "
            "preferred_language"
        )
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY accounts_user ({columns}) FROM STDIN") as copy:
                for n in range(have, people):
                    copy.write_row(
                        (
                            "!",
                            False,
                            f"p{n:07}",
                            "Bench",
                            f"Person{n % 997}",
                            f"p{n:07}@example.org",
                            False,
                            n % 20 != 0,
                            "2026-01-01T00:00:00Z",
                            f"BE-{n:07}",
                            offices[n % len(offices)],
                            DESIGNATIONS[n % len(DESIGNATIONS)],
                            "G5",
                            "",
                        )
                    )
            for index, course in enumerate(courses[:2]):
                cursor.execute(
                    "INSERT INTO learning_enrolment (user_id, course_id, enrolled_at, completed_at)"
                    " SELECT id, %s, now(), CASE WHEN id %% 3 = %s THEN now() END"
                    " FROM accounts_user WHERE username LIKE 'p%%'"
                    " ON CONFLICT DO NOTHING",
                    [course.pk, index],
                )
            cursor.execute("ANALYZE accounts_user")
            cursor.execute("ANALYZE learning_enrolment")
        print(
            f"seeded {people - have:,} people and their enrolments in "
            f"{time.perf_counter() - started:.1f} s"
        )
    return courses


def make_assignments(courses):
    from accounts.models import User
    from assignments.factories import AssignmentFactory
    from assignments.models import Assignment
    from django.utils import timezone
    from organisations.models import Organisation

    if Assignment.objects.filter(title__startswith="Bench").exists():
        return
    today = timezone.localdate()
    AssignmentFactory(
        title="Bench national designation",
        target=Assignment.Target.DESIGNATIONS,
        designations=["Section Officer"],
        courses=[courses[0]],
        due_on=today,
    )
    for ministry in Organisation.objects.filter(depth=1, code__startswith="M-"):
        AssignmentFactory(
            title=f"Bench {ministry.code}", organisation=ministry, courses=courses[1:]
        )
    named = list(User.objects.filter(username__startswith="p").order_by("pk")[:1000])
    AssignmentFactory(
        title="Bench named people",
        target=Assignment.Target.PEOPLE,
        people=named,
        courses=[courses[2]],
        organisation=None,
    )


def inside(people: int) -> None:
    import django

    django.setup()
    from accounts.models import User
    from assignments.compliance import compliance_rows, live_counts, refresh_counts
    from assignments.duties import duties_for
    from assignments.models import Assignment
    from assignments.reminders import people_to_remind
    from assignments.targets import assignees
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone
    from organisations.models import Organisation

    setup_test_environment()
    courses = seed(people)
    make_assignments(courses)
    from django.db import connection

    with connection.cursor() as cursor:  # what autovacuum does on a live database
        for model in (Assignment, Organisation):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
        for table in ("assignedperson", "assigneddesignation", "assignment_courses"):
            cursor.execute(f"ANALYZE assignments_{table}")
    today = timezone.localdate()
    national, _ = User.objects.get_or_create(username="bench-national", is_superuser=True)
    ministry = Organisation.objects.get(code="M-03")
    roots = list(Organisation.get_root_nodes())
    children = list(ministry.get_children())
    person = User.objects.filter(username="p0000003").select_related("organisation").first()
    client = Client()
    client.force_login(national)
    url = "/admin/assignments/compliance/"
    refresh_counts(today)
    client.get(url)

    print(f"\n{User.objects.count():,} people, {Assignment.objects.count()} assignments")
    print(f"{'measure':<52} {'median ms':>10}")
    rows = [
        ("rebuild the roll-up (the beat job, 3 kinds)", lambda: refresh_counts(today), 1),
        ("report, national, from the roll-up", lambda: compliance_rows(None, roots), 5),
        (
            "report, one ministry (50 offices), roll-up",
            lambda: compliance_rows(ministry, children),
            5,
        ),
        ("report page through the test client, national", lambda: client.get(url), 5),
        ("live count from raw tables, national", lambda: live_counts("", today, None), 3),
        (
            "live count from raw tables, one ministry",
            lambda: live_counts(ministry.path, today, None),
            3,
        ),
        ("learner's assigned courses (home panel)", lambda: duties_for(person, today), 5),
    ]
    national_assignment = Assignment.objects.get(title="Bench national designation")
    ids = [courses[0].pk]
    rows.append(
        (
            "one reminder batch query (500 of the national one)",
            lambda: list(people_to_remind(national_assignment, "before-1", ids, 0)[:500]),
            3,
        )
    )
    results = {}
    for label, action, repeat in rows:
        milliseconds, results[label] = timed(action, repeat=repeat)
        print(f"{label:<52} {milliseconds:>10.1f}")
    total = results[rows[1][0]].total
    print(
        f"  (national total: {total.assigned:,} assigned, {total.completed:,} completed, "
        f"{total.overdue:,} overdue)"
    )

    def per_assignment():
        counted = 0
        for assignment in Assignment.objects.prefetch_related("courses"):
            for course in assignment.courses.all():
                reached = assignees(assignment)
                counted += reached.count()
                reached.filter(
                    enrolments__course=course, enrolments__completed_at__isnull=False
                ).count()
        return counted

    baseline_ms, _ = timed(per_assignment, repeat=1)
    print(
        f"\nbaseline: one COUNT per assignment and course {baseline_ms:>14.1f} ms "
        "(and it neither de-duplicates nor rolls up by organisation)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--portal")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    inside(args.people) if args.inside else outer(args)


if __name__ == "__main__":
    main()
