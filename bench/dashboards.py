"""Time the learning dashboard over 10 million enrolments on PostgreSQL, against the
direct GROUP BY over the raw tables it would otherwise run.

    DATABASE_URL=postgres://user:pass@host:port/dash_bench \\
        .venv/bin/python bench/dashboards.py [--enrolments 10000000] [--people 1000000]

Generates a portal from the island-state example (or uses ``--portal``), migrates, and
seeds once (a database that already holds the rows is reused): ~11,000 organisations in
four levels over 12 regions, 100 courses of 5 providers with competencies, ``--people``
people, ``--enrolments`` enrolments over the last 13 months (45 % completed), learning
time for half of them and a certificate for a quarter of the completions (2 % revoked),
all with ``INSERT … SELECT generate_series``. Then it builds the roll-ups from nothing
(``check_rollups --repair``'s rebuild), times an incremental refresh, and times each
dashboard page through Django's test client beside the direct GROUP BY that answers the
same question from the raw tables, in the same run.

The bench adds indexes on the raw tables' timestamps (enrolled_at, completed_at,
issued_at, LearningTime.day) that the roll-up refresh reads by range; docs/dashboards.md
asks for them in the owning apps.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT_ROOT / "bench"))
from portal_runner import need_url, run_inside_portal, timed  # noqa: E402 - a sibling module

BRANCHES = (40, 25, 11)  # children per organisation at levels 2, 3 and 4 (~11,000 in all)
REGIONS = 12
PROVIDERS = 5
COURSES_PER_PROVIDER = 20
DAYS = 395  # the history spans about 13 months
TARGET_MS = 200
TARGET_SPEED_UP = 50
RANGE_INDEXES = [
    ("bench_enrolment_enrolled_at", "learning_enrolment", "enrolled_at"),
    ("bench_enrolment_completed_at", "learning_enrolment", "completed_at"),
    ("bench_certificate_issued_at", "certificates_certificate", "issued_at"),
    ("bench_learningtime_day", "learning_learningtime", "day"),
]


def outer(args) -> None:
    need_url("DATABASE_URL", "postgres", "…/dash_bench")
    run_inside_portal(
        __file__,
        args.portal,
        [
            f"--people={args.people}",
            f"--enrolments={args.enrolments}",
            *(["--check"] if args.check else []),
        ],
    )


def step(label: str, action):
    started = time.perf_counter()
    result = action()
    print(f"{label}: {time.perf_counter() - started:.1f} s", flush=True)
    return result


def seed_organisations() -> None:
    from organisations.models import Organisation, Region

    if Organisation.objects.filter(code__startswith="DB-").exists():
        return
    regions = [
        Region.objects.get_or_create(code=f"DB-R{n:02}", defaults={"name": f"Region {n:02}"})[0]
        for n in range(REGIONS)
    ]
    root = Organisation.get_first_root_node()
    rows, parents, counter = [], [(root.path, root.depth, None)], 0
    for level, children in enumerate(BRANCHES):
        next_parents = []
        base = root.numchild if level == 0 else 0
        for index, (path, depth, region) in enumerate(parents):
            for child in range(children):
                counter += 1
                own_region = regions[(index * children + child) % REGIONS] if level == 0 else region
                child_path = Organisation._get_path(path, depth + 1, base + child + 1)
                rows.append(
                    Organisation(
                        code=f"DB-{counter:06}",
                        name=f"Bench organisation {counter:06}",
                        level=root.level,
                        path=child_path,
                        depth=depth + 1,
                        numchild=BRANCHES[level + 1] if level + 1 < len(BRANCHES) else 0,
                        region=own_region,
                    )
                )
                next_parents.append((child_path, depth + 1, own_region))
        parents = next_parents
    Organisation.objects.bulk_create(rows, batch_size=5000)
    Organisation.objects.filter(pk=root.pk).update(numchild=root.numchild + BRANCHES[0])


def seed_courses() -> None:
    from catalog.factories import ProviderPageFactory, catalogue_page, course_tree
    from catalog.models import CourseCompetency, CoursePage
    from competencies.loader import load_framework_file
    from competencies.models import Competency
    from django.conf import settings

    if CoursePage.objects.filter(slug__startswith="bench-course-").exists():
        return
    load_framework_file(settings.GOVLEARN_FRAMEWORK_FILE)
    competencies = list(Competency.objects.order_by("code")[:20])
    catalogue = catalogue_page()
    number = 0
    for provider_number in range(PROVIDERS):
        provider = ProviderPageFactory(
            parent=catalogue,
            title=f"Bench provider {provider_number}",
            slug=f"bench-p{provider_number}",
        )
        for _course in range(COURSES_PER_PROVIDER):
            tree = course_tree(
                provider=provider,
                modules=1,
                lessons_per_module=1,
                title=f"Bench course {number:03}",
                slug=f"bench-course-{number:03}",
            )
            for offset in range(2):
                CourseCompetency.objects.create(
                    course=tree.course,
                    competency=competencies[(number + offset * 7) % len(competencies)],
                )
            number += 1


def seed_people(people: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM accounts_user WHERE username LIKE 'db-person-%%'")
        if cursor.fetchone()[0] >= people:
            return
        cursor.execute(
            """
            CREATE TEMP TABLE bench_leaf AS
            SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
            FROM organisations_organisation WHERE code LIKE 'DB-%%' AND numchild = 0
            """
        )
        cursor.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name,
                email, is_staff, is_active, date_joined, employee_id, organisation_id,
                designation, grade, preferred_language)
            SELECT '!', false, 'db-person-' || g, 'Bench', 'Person ' || g,
                'db-person-' || g || '@example.org', false, g %% 25 <> 0,
                now() - make_interval(days => ((g * 7919) %% %s)::int, secs => g %% 86400),
                'DB-' || g, leaf.id, 'Officer', 'G1', ''
            FROM generate_series(1::bigint, %s) AS g
            JOIN bench_leaf leaf ON leaf.n = g %% (SELECT count(*) FROM bench_leaf)
            """,
            [DAYS, people],
        )
        cursor.execute("ANALYZE accounts_user")


def seed_learning(people: int, enrolments: int) -> None:
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM learning_enrolment")
        if cursor.fetchone()[0] >= enrolments:
            return
        cursor.execute(
            """
            CREATE TEMP TABLE bench_person AS
            SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
            FROM accounts_user WHERE username LIKE 'db-person-%%'
            """
        )
        cursor.execute("CREATE UNIQUE INDEX ON bench_person (n)")
        cursor.execute(
            """
            CREATE TEMP TABLE bench_course AS
            SELECT c.page_ptr_id AS id, row_number() OVER (ORDER BY c.page_ptr_id) - 1 AS n,
                   (SELECT l.page_ptr_id FROM catalog_lessonpage l
                    JOIN wagtailcore_page lp ON lp.id = l.page_ptr_id
                    WHERE lp.path LIKE p.path || '%%' ORDER BY lp.path LIMIT 1) AS lesson_id
            FROM catalog_coursepage c JOIN wagtailcore_page p ON p.id = c.page_ptr_id
            WHERE p.slug LIKE 'bench-course-%%'
            """
        )
        cursor.execute("CREATE UNIQUE INDEX ON bench_course (n)")
        cursor.execute("SELECT count(*) FROM bench_course")
        courses = cursor.fetchone()[0]
        # Person g %% people takes course (g / people * 7 + person) %% courses: distinct
        # courses for one person, so (user, course) stays unique.
        cursor.execute(
            """
            INSERT INTO learning_enrolment (user_id, course_id, enrolled_at, last_activity_at,
                completed_at, completion_announced_at, last_lesson_id)
            SELECT person.id, course.id, e.enrolled, e.enrolled,
                   CASE WHEN g %% 20 < 9 THEN LEAST(now(), e.enrolled
                        + make_interval(days => (g %% 31)::int, secs => (g * 13) %% 86400)) END,
                   NULL, NULL
            FROM generate_series(0::bigint, %s - 1) AS g
            CROSS JOIN LATERAL (SELECT now() - make_interval(
                days => ((g * 104729) %% %s)::int, secs => (g * 31) %% 86400) AS enrolled) e
            JOIN bench_person person ON person.n = g %% %s
            JOIN bench_course course ON course.n = ((g / %s) * 7 + g %% %s) %% %s
            """,
            [enrolments, DAYS, people, people, people, courses],
        )
        cursor.execute(
            """
            INSERT INTO learning_learningtime (user_id, lesson_id, course_id, day, seconds,
                last_reported_at)
            SELECT e.user_id, c.lesson_id, e.course_id,
                   (e.enrolled_at AT TIME ZONE %s)::date,
                   60 + e.id %% 3000, e.enrolled_at
            FROM learning_enrolment e JOIN bench_course c ON c.id = e.course_id
            WHERE e.id %% 2 = 0
            """,
            [settings.TIME_ZONE],
        )
        cursor.execute(
            "INSERT INTO certificates_issuerkey (key_id, public_multibase, first_used_at) "
            "VALUES ('bench-key', 'zBench', now()) ON CONFLICT DO NOTHING"
        )
        cursor.execute(
            """
            INSERT INTO certificates_certificate (public_id, enrolment_id, user_id, course_id,
                learner_name, course_title, provider_name, competencies, credited_hours, rule,
                language, issued_at, issuer_id, issuer_key_id, credential, revoked_at,
                revocation_reason)
            SELECT 'bench-' || e.id, e.id, e.user_id, e.course_id, 'Bench Person', 'Bench',
                   '', '[]', 1.0, 'completion', 'en', e.completed_at, 'did:bench',
                   (SELECT id FROM certificates_issuerkey WHERE key_id = 'bench-key'), '{}',
                   CASE WHEN e.id % 50 = 0 THEN e.completed_at + interval '1 day' END, ''
            FROM learning_enrolment e
            WHERE e.completed_at IS NOT NULL AND e.id % 4 = 0
            """
        )
        for table in ("learning_enrolment", "learning_learningtime", "certificates_certificate"):
            cursor.execute(f"ANALYZE {table}")


def add_range_indexes() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for name, table, column in RANGE_INDEXES:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")


def analyze_rollups() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("dashboards_organisationperiod", "dashboards_courseperiod"):
            cursor.execute(f"ANALYZE {table}")


def dashboard_queries(filters) -> None:
    """What the page asks the roll-ups: the series and every table it shows."""
    from dashboards import queries, views

    queries.totals(queries.series(filters))
    for table in views.tables(filters):
        table["rows"](filters)


def counts() -> dict:
    from django.db import connection

    found = {}
    with connection.cursor() as cursor:
        for table in (
            "organisations_organisation",
            "accounts_user",
            "learning_enrolment",
            "learning_learningtime",
            "certificates_certificate",
            "dashboards_organisationperiod",
            "dashboards_courseperiod",
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")
            found[table] = cursor.fetchone()[0]
    return found


def direct_group_by(filters) -> None:
    """The dashboard's tables computed from the raw tables: what the roll-ups replace."""
    from certificates.models import Certificate
    from dashboards.periods import local_midnight, local_zone
    from django.db.models import Count, Q, Sum
    from django.db.models.functions import Substr, Trunc
    from learning.models import Enrolment, LearningTime

    since, until = local_midnight(filters.first_period), local_midnight(filters.end)
    place = Q(user__organisation__isnull=False)
    if filters.roots is not None:
        subtree = Q(pk__in=[])
        for root in filters.roots:
            subtree |= Q(user__organisation__path__startswith=root.path)
        place &= subtree
    if filters.course is not None:
        place &= Q(course=filters.course)
    zone = local_zone()
    enrolled = Enrolment.objects.filter(place, enrolled_at__gte=since, enrolled_at__lt=until)
    completed = Enrolment.objects.filter(place, completed_at__gte=since, completed_at__lt=until)
    certified = Certificate.objects.filter(
        place, issued_at__gte=since, issued_at__lt=until, revoked_at__isnull=True
    )
    timed_rows = LearningTime.objects.filter(
        place, day__gte=filters.first_period, day__lt=filters.end
    )
    by_period = [
        enrolled.annotate(p=Trunc("enrolled_at", filters.grain, tzinfo=zone)),
        completed.annotate(p=Trunc("completed_at", filters.grain, tzinfo=zone)),
        certified.annotate(p=Trunc("issued_at", filters.grain, tzinfo=zone)),
    ]
    for queryset in by_period:
        list(queryset.order_by().values("p").annotate(n=Count("pk")))
    time_by_period = timed_rows.annotate(p=Trunc("day", filters.grain)).order_by().values("p")
    list(time_by_period.annotate(n=Sum("seconds"), a=Count("user", distinct=True)))
    prefix = len(filters.roots[0].path) + 4 if filters.roots else 4
    branch = Substr("user__organisation__path", 1, prefix)
    for queryset in (enrolled, completed):
        list(queryset.annotate(b=branch).order_by().values("b").annotate(n=Count("pk")))
        list(queryset.order_by().values("user__organisation__region").annotate(n=Count("pk")))
        list(queryset.order_by().values("course").annotate(n=Count("pk")))


def inside(people: int, enrolments: int, check: bool) -> None:
    import django

    django.setup()
    from accounts.models import User
    from catalog.models import CoursePage
    from dashboards import queries, rollups
    from dashboards.forms import default_range
    from dashboards.models import Grain
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone
    from organisations.models import Organisation, OrganisationAdministrator
    from organisations.scope import ensure_role_groups

    setup_test_environment()
    step("seed organisations", seed_organisations)
    step("seed 100 courses (Wagtail pages)", seed_courses)
    step(f"seed {people:,} people", lambda: seed_people(people))
    step(
        f"seed {enrolments:,} enrolments, time and certificates",
        lambda: seed_learning(people, enrolments),
    )
    step("index the raw tables' timestamps", add_range_indexes)
    report = step("build the roll-ups from nothing (full rebuild)", rollups.repair)
    print(f"  {report.days} days, {report.ranges} period ranges")
    step("ANALYZE the roll-up tables (autovacuum would, later)", analyze_rollups)
    refresh = step("incremental refresh (the beat job, nothing changed)", rollups.refresh)
    print(f"  {refresh.days} days recomputed, {refresh.ranges} period ranges")
    for table, number in counts().items():
        print(f"  {table:<34} {number:>12,}")

    national_group, _ = ensure_role_groups()
    national, _ = User.objects.get_or_create(username="bench-national")
    national.groups.add(national_group)
    ministry = Organisation.objects.filter(code__startswith="DB-", depth=2).order_by("path")[3]
    org_admin, _ = User.objects.get_or_create(username="bench-org-admin", organisation=ministry)
    OrganisationAdministrator.objects.get_or_create(user=org_admin, organisation=ministry)
    course = CoursePage.objects.filter(slug="bench-course-007").get()
    first, last = default_range()
    today = timezone.localdate()
    views = [
        ("national, 12 months by month", national, {}, queries.Filters(first, last)),
        (
            "national, 30 days by day",
            national,
            {"grain": "day", "first": (today - timedelta(days=29)).isoformat()},
            queries.Filters(today - timezone.timedelta(days=29), today, grain=Grain.DAY),
        ),
        (
            "national, one course, 12 months",
            national,
            {"course": course.pk},
            queries.Filters(first, last, course=course),
        ),
        (
            "organisation admin (a ministry), 12 months",
            org_admin,
            {},
            queries.Filters(first, last, roots=(ministry,)),
        ),
    ]
    url = "/admin/reports/learning/"
    client = Client()
    client.force_login(national)
    client.get("/admin/")
    home_ms, _ = timed(lambda: client.get("/admin/"))
    print(f"\nadmin home page (the admin's own rendering, for comparison): {home_ms:.1f} ms")
    print(
        f"\n{'dashboard page':<44} {'view ms':>8} {'sql ms':>7} {'queries':>8} "
        f"{'roll-up reads ms':>17} {'direct GROUP BY ms':>19} {'speed-up':>9}"
    )
    for label, user, params, filters in views:
        client.force_login(user)
        assert client.get(url, params).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            view_ms, response = timed(lambda params=params: client.get(url, params))
        assert response.status_code == 200, label
        sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000 / 5
        reads_ms, _ = timed(lambda filters=filters: dashboard_queries(filters))
        direct_ms, _ = timed(lambda filters=filters: direct_group_by(filters), repeat=3)
        speed_up = direct_ms / reads_ms
        verdict = "ok" if view_ms < TARGET_MS and speed_up >= TARGET_SPEED_UP else "MISSED"
        print(
            f"{label:<44} {view_ms:>8.1f} {sql_ms:>7.1f} {len(captured) // 5:>8} "
            f"{reads_ms:>17.1f} {direct_ms:>19.1f} {speed_up:>8.0f}x  {verdict}"
        )
    print(
        f"\ntargets: < {TARGET_MS} ms per dashboard page, ≥ {TARGET_SPEED_UP}x the direct GROUP BY"
    )
    if not check:
        return
    rollups.refresh()  # the bench's administrators registered after the build
    check_ms, differences = timed(rollups.check, repeat=1)
    print(
        f"check_rollups' recount from the raw tables: {check_ms / 1000:.1f} s, "
        f"{len(differences)} differences"
    )
    for difference in differences[:20]:
        print(f"  {difference}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--enrolments", type=int, default=10_000_000)
    parser.add_argument("--portal", help="an already generated portal to use")
    parser.add_argument(
        "--check", action="store_true", help="also time check_rollups' full recount"
    )
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        inside(args.people, args.enrolments, args.check)
    else:
        outer(args)


if __name__ == "__main__":
    main()
