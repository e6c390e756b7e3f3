"""The HRMS people import at national size, on PostgreSQL.

Generates a portal from the island example with a tree of 1,000 organisations
(ministries → departments → offices, as ``profile_scale.py`` writes them), migrates it
on a private PostgreSQL database, writes HRMS files of 100,000 and 1,000,000 people
(names in Latin, Devanagari and Arabic script, a few quoted commas), and for each size
prints rows/s and peak memory of

* the first import (everyone new),
* a re-import of the same file (everything unchanged: nothing may be written),
* an import where 10 % of the people changed (designation, grade or organisation),

beside the baseline of the same run: the naive importer — ``csv.DictReader`` and one
``update_or_create`` per row — timed on 2,000 rows and extrapolated.

Needs the private services (``bash scripts/test-services.sh start``). Run with the
kit's virtualenv: ``.venv/bin/python bench/import_people.py [SIZES…]``. The database
(``BENCH_DATABASE_URL``, default ``people_import`` on the private cluster) is dropped
and created afresh. Each measurement runs in a fresh process so that peak memory is its
own; a process that only starts Django is measured too, for comparison.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

KIT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT_ROOT / "tests"))
sys.path.insert(0, str(KIT_ROOT / "bench"))
from portal_env import portal_env  # noqa: E402 - the tests' one environment for portals
from profile_scale import write_profile  # noqa: E402 - the same national-size tree

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://govlearn_test:govlearn_test@127.0.0.1:54329/people_import"
)
SIZES = (100_000, 1_000_000)
ORGANISATIONS = 1_000
BASELINE_ROWS = 2_000
HEADER = "employee_id,full_name,email,organisation_code,designation,grade,preferred_language,status"
GIVEN = ["Ravi", "Anita", "राम", "सीता", "محمد", "فاطمة", "Jean-Baptiste", "Aïcha"]
FAMILY = ["Sharma", "Okonkwo", "प्रसाद", "वर्मा", "الزهراء", "بن علي", "Dupont", "Benali"]


def organisation_codes(organisations: int) -> list[str]:
    """The codes ``write_profile`` gives: M…, D… and O… (offices hold most people)."""
    ministries = max(1, organisations // 200)
    departments = max(1, organisations // 10)
    return (
        [f"M{m}" for m in range(ministries)]
        + [f"D{d}" for d in range(departments - ministries)]
        + [f"O{o}" for o in range(organisations - departments)]
    )


def write_people(path: Path, rows: int, prefix: str, codes: list[str], changed_every=0) -> None:
    """One row per person; with ``changed_every`` every n-th person has changed."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\n")
        for n in range(rows):
            name = f"{GIVEN[n % len(GIVEN)]} {FAMILY[(n // 8) % len(FAMILY)]}"
            if n % 50 == 0:
                name = f'"{FAMILY[n % len(FAMILY)]}, {GIVEN[n % len(GIVEN)]}"'
            code, designation, grade = codes[n % len(codes)], "Section Officer", f"L{n % 14}"
            if changed_every and n % changed_every == 0:
                kind = (n // changed_every) % 3
                if kind == 0:
                    designation = "Under Secretary"
                elif kind == 1:
                    grade = f"L{n % 14 + 1}"
                else:
                    code = codes[(n + 1) % len(codes)]
            language = "fr" if n % 7 == 0 else ""
            status = "inactive" if n % 97 == 0 else "active"
            out.write(
                f"{prefix}{n:08d},{name},{prefix.lower()}{n}@civil.example,{code},"
                f"{designation},{grade},{language},{status}\n"
            )


def child(task: str, project: str, argument: str) -> None:
    """Run one measured step in this (fresh) process and print what it measured."""
    sys.path.insert(0, project)
    os.chdir(project)
    import django

    django.setup()
    from contextlib import contextmanager

    result = {}
    started = time.perf_counter()
    if task == "import":
        from onboarding.importer import PeopleImport

        @contextmanager
        def opener():
            with open(argument, "rb") as stream:
                yield stream

        outcome = PeopleImport().run(opener)
        result = {
            "rows": outcome.total,
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "rejected": outcome.rejected,
        }
    elif task == "naive":
        import csv

        from django.contrib.auth import get_user_model
        from organisations.models import Organisation

        User = get_user_model()
        with open(argument, encoding="utf-8", newline="") as stream:
            for count, row in enumerate(csv.DictReader(stream), start=1):
                first, _space, last = row["full_name"].rpartition(" ")
                User.objects.update_or_create(
                    employee_id=row["employee_id"],
                    defaults={
                        "username": row["employee_id"],
                        "first_name": first,
                        "last_name": last,
                        "email": row["email"],
                        "organisation": Organisation.objects.get(code=row["organisation_code"]),
                        "designation": row["designation"],
                        "grade": row["grade"],
                        "is_active": row["status"] == "active",
                    },
                )
                if count == BASELINE_ROWS:
                    break
        result = {"rows": BASELINE_ROWS}
    result["seconds"] = time.perf_counter() - started
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measured(task: str, project: Path, argument: Path | str, env) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", task, str(project), str(argument)],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def fresh_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(project: Path, env, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=project, env=env, check=True, capture_output=True
    )


def line(label: str, rows: int, figures: dict) -> None:
    rate = rows / figures["seconds"]
    counts = ", ".join(
        f"{figures[name]:,} {name}"
        for name in ("created", "updated", "unchanged", "rejected")
        if figures.get(name)
    )
    print(
        f"{label:<34} {rows:>10,} {figures['seconds']:>8.1f} {rate:>10,.0f} "
        f"{figures['peak_mb']:>8.0f}  {counts}"
    )


def main(sizes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        profile = scratch / "profile.yaml"
        write_profile(profile, ORGANISATIONS)
        out = scratch / "out"
        subprocess.run(
            [sys.executable, "-m", "govlearn", "new", str(profile), "-o", str(out), "--no-git"],
            env={**os.environ, "PYTHONPATH": str(KIT_ROOT / "installer")},
            check=True,
            capture_output=True,
        )
        project = next(out.iterdir())
        env = portal_env(DJANGO_SETTINGS_MODULE="portal.settings.dev", DATABASE_URL=DATABASE_URL)
        fresh_database(DATABASE_URL)
        manage(project, env, "migrate", "--noinput", "-v0")
        manage(project, env, "sync_country")
        codes = organisation_codes(ORGANISATIONS)
        idle = measured("idle", project, "-", env)

        baseline_file = scratch / "baseline.csv"
        write_people(baseline_file, BASELINE_ROWS, "N", codes)
        naive = measured("naive", project, baseline_file, env)
        naive_rate = BASELINE_ROWS / naive["seconds"]
        print(
            f"PostgreSQL, {ORGANISATIONS:,} organisations. Baseline (naive update_or_create, "
            f"{BASELINE_ROWS:,} rows): {naive_rate:,.0f} rows/s, peak {naive['peak_mb']:.0f} MB. "
            f"A process that only starts Django peaks at {idle['peak_mb']:.0f} MB."
        )
        print(f"{'step':<34} {'rows':>10} {'seconds':>8} {'rows/s':>10} {'peak MB':>8}  outcome")
        for size in sizes:
            prefix = "A" if size < 1_000_000 else "B"
            first_file, changed_file = scratch / f"{size}.csv", scratch / f"{size}-changed.csv"
            write_people(first_file, size, prefix, codes)
            write_people(changed_file, size, prefix, codes, changed_every=10)
            megabytes = first_file.stat().st_size / 1e6
            first = measured("import", project, first_file, env)
            again = measured("import", project, first_file, env)
            changed = measured("import", project, changed_file, env)
            line(f"{size:,} ({megabytes:.0f} MB): first import", size, first)
            line(f"{size:,}: re-import, unchanged", size, again)
            line(f"{size:,}: 10 % changed", size, changed)
            print(
                f"{'':<34} naive importer, extrapolated to {size:,} rows: "
                f"{size / naive_rate / 60:,.0f} min; first import is "
                f"{(size / first['seconds']) / naive_rate:,.0f} times faster"
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main(tuple(int(size) for size in sys.argv[1:]) or SIZES)
