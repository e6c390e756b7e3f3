"""Time the people admin's list and search pages over a million people on PostgreSQL.

    DATABASE_URL=postgres://user:pass@host:port/people_admin \\
        .venv/bin/python bench/people_admin.py [--people 1000000] [--portal PATH]

Generates a portal from the island-state example (or uses ``--portal``), migrates the
database, seeds ``--people`` people over ~10,000 organisations with COPY (once: a database
that already holds them is reused), then times each page through Django's test client as
a national and as an organisation administrator. Baselines in the same run: a plain
``COUNT(*)`` of the table and the ``LIKE '%…%'`` search Wagtail would run by default.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT_ROOT / "bench"))
from portal_runner import need_url, run_inside_portal, timed  # noqa: E402 - a sibling module

ORGANISATIONS = 10_000
DESIGNATIONS = ["Section Officer", "Policy Officer", "Finance Analyst", "Nurse", "Teacher"]
FIRST = ["Amina", "Rahul", "Sofia", "Jean", "Leila", "Kofi", "Mere", "Ana", "Omar", "Grace"]
LAST = ["Okafor", "Verma", "Nunez", "Duval", "Haddad", "Mensah", "Tane", "Silva", "Farah"]


def outer(args) -> None:
    need_url("DATABASE_URL", "postgres", "…/people_admin")
    run_inside_portal(
        __file__,
        args.portal,
        [
            f"--people={args.people}",
        ],
    )


def seed(people: int) -> None:
    from accounts.models import User
    from django.db import connection
    from organisations.models import Organisation

    if Organisation.objects.count() < ORGANISATIONS:
        started = time.perf_counter()
        parent = Organisation.get_first_root_node()
        level = parent.level
        rows, base = [], parent.numchild
        for number in range(ORGANISATIONS):
            path = Organisation._get_path(parent.path, parent.depth + 1, base + number + 1)
            rows.append(
                Organisation(
                    code=f"B-{number:05}",
                    name=f"Bench office {number:05}",
                    level=level,
                    path=path,
                    depth=parent.depth + 1,
                )
            )
        Organisation.objects.bulk_create(rows, batch_size=2000)
        Organisation.objects.filter(pk=parent.pk).update(numchild=base + ORGANISATIONS)
        print(f"seeded {ORGANISATIONS:,} organisations in {time.perf_counter() - started:.1f} s")
    have = User.objects.count()
    if have >= people:
        print(f"reusing {have:,} people")
        return
    org_ids = list(Organisation.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    columns = (
        "password, is_superuser, username, first_name, last_name, email, is_staff, is_active, "
        "date_joined, employee_id, organisation_id, designation, grade, preferred_language"
    )
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY accounts_user ({columns}) FROM STDIN") as copy:
            for number in range(have, people):
                copy.write_row(
                    (
                        "!",
                        False,
                        f"person{number:07}",
                        FIRST[number % len(FIRST)],
                        f"{LAST[number % len(LAST)]}{number % 997}",
                        f"person{number:07}@example.org",
                        False,
                        number % 20 != 0,
                        "2026-01-01T00:00:00Z",
                        f"EMP-{number:07}",
                        org_ids[number % len(org_ids)],
                        DESIGNATIONS[number % len(DESIGNATIONS)],
                        f"G{number % 9}",
                        "",
                    )
                )
        cursor.execute("ANALYZE accounts_user")
    print(f"seeded {people - have:,} people with COPY in {time.perf_counter() - started:.1f} s")


def inside(people: int) -> None:
    import django

    django.setup()
    from accounts.models import User
    from accounts.people_admin import search_people
    from django.db import connection
    from django.db.models import Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse
    from organisations.models import Organisation, OrganisationAdministrator
    from organisations.scope import ensure_role_groups

    setup_test_environment()
    seed(people)
    national_group, _ = ensure_role_groups()
    national, _ = User.objects.get_or_create(username="bench-national")
    national.groups.add(national_group)
    office = Organisation.objects.get(code="B-00042")
    org_admin, _ = User.objects.get_or_create(username="bench-org-admin", organisation=office)
    OrganisationAdministrator.objects.get_or_create(user=org_admin, organisation=office)
    index = reverse("wagtailusers_users:index")
    pages = [
        ("list, unfiltered (estimate)", national, {}),
        ("list, page 500", national, {"p": "500"}),
        ("search surname prefix 'okafor12'", national, {"q": "okafor12"}),
        ("search one letter 'o'", national, {"q": "o"}),
        ("search employee id 'EMP-0123456'", national, {"q": "EMP-0123456"}),
        ("search employee id 'EMP-0999990'", national, {"q": "EMP-0999990"}),
        ("search e-mail 'person0999999@'", national, {"q": "person0999999@"}),
        ("search first + last 'amina okafor1'", national, {"q": "amina okafor1"}),
        ("filter organisation subtree", national, {"organisation": "B-00042"}),
        (
            "filter designation + inactive",
            national,
            {"designation": "section", "is_active": "false"},
        ),
        ("org admin's list (one office)", org_admin, {}),
    ]
    client = Client()
    client.force_login(national)
    client.get(reverse("wagtailadmin_home"))
    home_ms, _ = timed(lambda: client.get(reverse("wagtailadmin_home")))
    print(f"\n{'page':<40} {'median ms':>10} {'sql ms':>7} {'queries':>8}  shown")
    print(f"{'admin home (rendering baseline)':<40} {home_ms:>10.1f}")
    for label, user, params in pages:
        client.force_login(user)
        client.get(index, params)  # warm caches
        with CaptureQueriesContext(connection) as captured:
            milliseconds, response = timed(lambda params=params: client.get(index, params))
        assert response.status_code == 200, (label, response.status_code)
        count = len(captured.captured_queries) // 5
        sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000 / 5
        shown = response.content.decode().count('<td class="username')
        print(f"{label:<40} {milliseconds:>10.1f} {sql_ms:>7.1f} {count:>8}  {shown}")
    client.force_login(org_admin)
    export_ms, _ = timed(lambda: b"".join(client.get(reverse("people_export")).streaming_content))
    print(f"{'export CSV, org admin (1 office)':<40} {export_ms:>10.1f}")

    print("\nbaselines (what the admin avoids)")
    count_ms, total = timed(lambda: User.objects.count(), repeat=3)
    print(f"{'COUNT(*) of accounts_user':<40} {count_ms:>10.1f}  ({total:,} rows)")
    for word in ("okafor12", "person0999999"):
        contains_ms, _ = timed(
            lambda word=word: list(
                User.objects.filter(
                    Q(username__icontains=word)
                    | Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                    | Q(email__icontains=word)
                ).order_by("username")[:20]
            ),
            repeat=3,
        )
        label = f"icontains '{word}' (Wagtail default)"
        print(f"{label:<40} {contains_ms:>10.1f}")
        prefix_ms, _ = timed(
            lambda word=word: list(
                search_people(User.objects.all(), word).order_by("username")[:20]
            ),
            repeat=3,
        )
        print(f"{'  the same, prefix on indexes':<40} {prefix_ms:>10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--portal", help="a generated portal to use instead of a fresh one")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        inside(args.people)
    else:
        outer(args)


if __name__ == "__main__":
    main()
