"""Campaign counters under load, on PostgreSQL and Redis.

    DATABASE_URL=postgres://user:pass@host:port/camp_bench REDIS_URL=redis://host:port/7 \\
        .venv/bin/python bench/campaigns.py [--enrolments 1000000] [--threads 8] [--portal PATH]

Generates a portal from the island-state example (or uses ``--portal``), migrates, seeds
people over ~2,000 organisations and ``--enrolments`` enrolments (a third completed during
a running national learning week) with ``INSERT … SELECT generate_series`` (once: a
database that already holds them is reused), then prints:

* the baseline a page would pay without counters: the direct ``GROUP BY`` over enrolments,
  people and courses for the totals and the organisation leaderboard;
* the rebuild from raw tables (``INSERT … SELECT``) that repairs lost counters;
* completions arriving under load: ``--threads`` threads running the ``course_completed``
  receiver at once, completions per second, and whether counters still equal the rows;
* the public JSON feed's latency while that load runs, and after: from the cache, and on a
  cache miss (a Redis read);
* freshness: seconds from a completion being counted to the feed showing it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT_ROOT / "bench"))
from portal_runner import need_url, run_inside_portal, timed  # noqa: E402 - a sibling module

ORGANISATIONS = 2_000
PEOPLE = 200_000
COURSES = 20


def outer(args) -> None:
    need_url("DATABASE_URL", "postgres", "…/camp_bench")
    need_url("REDIS_URL", "redis", "redis://127.0.0.1:6379/7")
    run_inside_portal(
        __file__,
        args.portal,
        [
            f"--enrolments={args.enrolments}",
            f"--threads={args.threads}",
        ],
    )


def seed(enrolments: int):
    """Organisations, people, courses, a running national campaign, enrolments."""
    from campaigns.models import Campaign
    from catalog.factories import CoursePageFactory, ProviderPageFactory, catalogue_page
    from catalog.models import CoursePage
    from django.db import connection
    from django.utils import timezone
    from organisations.models import Organisation, Region

    now = timezone.now()
    campaign, _ = Campaign.objects.get_or_create(
        slug="bench-week",
        defaults={
            "name": "Bench learning week",
            "starts_at": now - timezone.timedelta(days=3),
            "ends_at": now + timezone.timedelta(days=30),
            "target_completions": enrolments // 2,
            "target_hours": enrolments,
            "is_published": True,
        },
    )
    if Organisation.objects.count() < ORGANISATIONS:
        started = time.perf_counter()
        regions = list(Region.objects.all()) or [Region.objects.create(code="R1", name="Region")]
        parent = Organisation.get_first_root_node()
        rows = [
            Organisation(
                code=f"B-{number:05}",
                name=f"Bench office {number:05}",
                level=parent.level,
                path=Organisation._get_path(
                    parent.path, parent.depth + 1, parent.numchild + number + 1
                ),
                depth=parent.depth + 1,
                region=regions[number % len(regions)],
            )
            for number in range(ORGANISATIONS)
        ]
        Organisation.objects.bulk_create(rows, batch_size=2000)
        Organisation.objects.filter(pk=parent.pk).update(numchild=parent.numchild + ORGANISATIONS)
        print(f"seeded {ORGANISATIONS:,} organisations in {time.perf_counter() - started:.1f} s")
    if CoursePage.objects.count() < COURSES:
        provider = ProviderPageFactory(parent=catalogue_page())
        for number in range(COURSES):
            CoursePageFactory(parent=provider, title=f"Bench course {number}")
    course_ids = list(CoursePage.objects.values_list("pk", flat=True)[:COURSES])
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM accounts_user")
        if cursor.fetchone()[0] < PEOPLE:
            started = time.perf_counter()
            cursor.execute(
                """
                INSERT INTO accounts_user (password, is_superuser, username, first_name,
                    last_name, email, is_staff, is_active, date_joined, employee_id,
                    organisation_id, designation, grade, preferred_language)
                SELECT '!', false, 'bench' || n, 'Bench', 'Person ' || n,
                    'bench' || n || '@example.org', false, true, now(), 'B-' || n,
                    (SELECT array_agg(id) FROM organisations_organisation)[1 + n %% %s],
                    'Officer', 'G1', ''
                FROM generate_series(1, %s) AS n
                """,
                [ORGANISATIONS, PEOPLE],
            )
            print(f"seeded {PEOPLE:,} people in {time.perf_counter() - started:.1f} s")
        cursor.execute("SELECT count(*) FROM learning_enrolment")
        have = cursor.fetchone()[0]
        if have < enrolments:
            started = time.perf_counter()
            # Person p takes courses p, p+1 … (mod COURSES): unique per (user, course).
            cursor.execute(
                """
                INSERT INTO learning_enrolment (user_id, course_id, enrolled_at, completed_at,
                    completion_announced_at)
                SELECT users.ids[1 + (n %% %(people)s)],
                    courses.ids[1 + ((n / %(people)s + n %% %(people)s) %% %(courses)s)],
                    now() - interval '20 days',
                    CASE WHEN n %% 3 = 0 THEN %(start)s + (n %% 200000) * interval '1 second'
                         WHEN n %% 3 = 1 THEN now() - interval '10 days' END,
                    CASE WHEN n %% 3 <> 2 THEN now() END
                FROM generate_series(%(have)s, %(want)s - 1) AS n,
                    (SELECT array_agg(id ORDER BY id) AS ids FROM accounts_user) AS users,
                    (SELECT %(course_ids)s::bigint[] AS ids) AS courses
                """,
                {
                    "people": PEOPLE,
                    "courses": len(course_ids),
                    "start": campaign.starts_at,
                    "have": have,
                    "want": min(enrolments, PEOPLE * len(course_ids)),
                    "course_ids": course_ids,
                },
            )
            cursor.execute("ANALYZE learning_enrolment")
            print(
                f"seeded {enrolments - have:,} enrolments in {time.perf_counter() - started:.1f} s"
            )
    return campaign, course_ids


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def inside(enrolments: int, threads: int) -> None:
    import django

    django.setup()
    from campaigns import counters
    from campaigns.counting import count_completion, rebuild
    from campaigns.standings import build_standings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone
    from learning.models import Enrolment

    setup_test_environment()
    campaign, course_ids = seed(enrolments)
    total = Enrolment.objects.count()
    print(f"\n{total:,} enrolments, {ORGANISATIONS:,} organisations, {threads} threads")

    direct_sql = """
        SELECT u.organisation_id, count(*), sum(coalesce(c.credited_hours, c.duration_hours))
        FROM learning_enrolment e
        JOIN accounts_user u ON u.id = e.user_id
        JOIN catalog_coursepage c ON c.page_ptr_id = e.course_id
        WHERE e.completed_at >= %s AND e.completed_at < %s
        GROUP BY u.organisation_id ORDER BY 2 DESC LIMIT 10
    """

    def direct():
        with connection.cursor() as cursor:
            cursor.execute(direct_sql, [campaign.starts_at, campaign.ends_at])
            return cursor.fetchall()

    direct_ms, _ = timed(direct, repeat=3)
    print(f"{'direct GROUP BY over raw tables (baseline)':<48} {direct_ms:>10.1f} ms")

    started = time.perf_counter()
    from campaigns.models import CampaignCompletion

    CampaignCompletion.objects.filter(campaign=campaign).delete()
    rebuild(campaign)
    rebuild_s = time.perf_counter() - started
    counted = CampaignCompletion.objects.filter(campaign=campaign).count()
    print(
        f"{'rebuild from raw tables (INSERT … SELECT)':<48} {rebuild_s * 1000:>10.1f} ms"
        f"  ({counted:,} completions)"
    )

    started = time.perf_counter()
    rebuild(campaign)
    print(
        f"{'rebuild again, nothing missing (the beat job)':<48}"
        f" {(time.perf_counter() - started) * 1000:>10.1f} ms"
    )
    build_ms, _ = timed(lambda: build_standings(campaign), repeat=20)
    print(f"{'standings from Redis + names (no HTTP, median)':<48} {build_ms:>10.2f} ms")

    # Completions arriving under load: fresh enrolments completed now, counted by threads.
    per_thread = 500
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM accounts_user")
        top_user = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, username, first_name,
                last_name, email, is_staff, is_active, date_joined, employee_id,
                organisation_id, designation, grade, preferred_language)
            SELECT '!', false, 'load' || n || '-' || %s, '', '', '', false, true, now(),
                'L-' || n || '-' || %s,
                (SELECT array_agg(id) FROM organisations_organisation)[1 + n %% %s],
                '', '', ''
            FROM generate_series(1, %s) AS n RETURNING id
            """,
            [top_user, top_user, ORGANISATIONS, threads * per_thread],
        )
        new_users = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            """
            INSERT INTO learning_enrolment (user_id, course_id, enrolled_at, completed_at)
            SELECT u, %s, now(), now() FROM unnest(%s::bigint[]) AS u RETURNING id
            """,
            [course_ids[0], new_users],
        )
        fresh = [row[0] for row in cursor.fetchall()]
    before = counters.read(campaign.pk).completions
    client = Client()
    url = reverse("campaigns:standings", args=[campaign.slug])
    latencies, stop = [], threading.Event()

    def poll():
        poller = Client()
        while not stop.is_set():
            started = time.perf_counter()
            poller.get(url)
            latencies.append((time.perf_counter() - started) * 1000)
        connection.close()

    def work(ids):
        for enrolment in Enrolment.objects.select_related("user__organisation", "course").filter(
            pk__in=ids
        ):
            count_completion(enrolment)
        connection.close()

    poller = threading.Thread(target=poll)
    poller.start()
    started = time.perf_counter()
    workers = [threading.Thread(target=work, args=(fresh[n::threads],)) for n in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    load_s = time.perf_counter() - started
    stop.set()
    poller.join()
    after = counters.read(campaign.pk)
    rows = CampaignCompletion.objects.filter(campaign=campaign).count()
    print(
        f"{'completions counted under load':<48} {len(fresh) / load_s:>10.0f} /s"
        f"  ({len(fresh):,} in {load_s:.1f} s; counters {after.completions:,} = rows {rows:,}:"
        f" {after.completions == rows}; +{after.completions - before:,})"
    )
    print(
        f"{'JSON feed during the load, p50 / p95':<48} {percentile(latencies, 0.5):>10.1f} ms"
        f"  / {percentile(latencies, 0.95):.1f} ms ({len(latencies)} requests)"
    )

    client.get(url)
    warm_ms, _ = timed(lambda: client.get(url), repeat=200)

    def cold():
        cache.delete(f"campaigns:standings:{campaign.slug}")
        return client.get(url)

    cold_ms, response = timed(cold, repeat=50)
    assert response.status_code == 200
    print(f"{'JSON feed from the cache (median)':<48} {warm_ms:>10.2f} ms")
    print(
        f"{'JSON feed on a cache miss: Redis read (median)':<48} {cold_ms:>10.2f} ms"
        f"  ({direct_ms / cold_ms:,.0f}x faster than the direct GROUP BY)"
    )

    # Freshness: a completion counted now → seconds until the feed shows it.
    spare = Enrolment.objects.filter(pk__in=fresh[:1]).values_list("user_id", flat=True)
    delays = []
    for course_id in course_ids[1:11]:
        enrolment = Enrolment.objects.create(
            user_id=spare[0], course_id=course_id, completed_at=timezone.now()
        )
        shown_before = client.get(url).json()["completions"]
        started = time.perf_counter()
        count_completion(Enrolment.objects.select_related("user", "course").get(pk=enrolment.pk))
        while client.get(url).json()["completions"] <= shown_before:
            time.sleep(0.05)
        delays.append(time.perf_counter() - started)
    cached = counters.settings.CAMPAIGN_STANDINGS_CACHE_SECONDS
    print(
        f"{'freshness: completion → feed, median / max':<48} {statistics.median(delays):>10.2f}"
        f" s  / {max(delays):.2f} s (standings cached {cached:g} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrolments", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--portal", help="a generated portal to use instead of a fresh one")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        inside(args.enrolments, args.threads)
    else:
        outer(args)


if __name__ == "__main__":
    main()
