"""The PostgreSQL write path (``COPY`` and ``UPDATE … FROM``) on a real PostgreSQL.

Run by the integration lane with DATABASE_URL pointing at PostgreSQL; on any other
database these tests are skipped, since the path they check is not taken there.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from accounts.factories import UserFactory
from onboarding.tests.conftest import csv_text
from onboarding.writers import PostgresCopyWriter, writer_for

User = get_user_model()

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the COPY path runs on PostgreSQL only"
    ),
]


def rows(count: int, change: str = "") -> str:
    return csv_text(
        *(
            f"P-{n:05d},Person {n} {change}Name,p{n}@x.example,T-FIN,Officer,L{n % 5},,active"
            for n in range(count)
        )
    )


def test_copy_creates_updates_and_leaves_unchanged_rows_alone(import_csv, orgs):
    assert isinstance(writer_for(User), PostgresCopyWriter)
    quoted = csv_text('P-Q1,"O\'Brien, \\N ""Tab""",quote@x.example,T-FIN,"a\\tb, c",,,active')
    first = import_csv(rows(300), chunk_rows=128).result
    assert (first.created, first.rejected) == (300, 0)
    assert import_csv(quoted).result.created == 1
    odd = User.objects.get(employee_id="P-Q1")
    assert odd.get_full_name() == 'O\'Brien, \\N "Tab"' and odd.designation == "a\\tb, c"

    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text::bigint FROM accounts_user WHERE employee_id = 'P-00007'")
        (before,) = cursor.fetchone()
    again = import_csv(rows(300), chunk_rows=128).result
    assert (again.created, again.updated, again.unchanged) == (0, 0, 300)
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text::bigint FROM accounts_user WHERE employee_id = 'P-00007'")
        assert cursor.fetchone() == (before,)  # an unchanged row is not rewritten

    changed = import_csv(rows(300, change="New "), chunk_rows=128).result
    assert (changed.updated, changed.unchanged) == (300, 0)
    assert User.objects.get(employee_id="P-00007").first_name == "Person 7 New"


def test_the_database_rules_match_the_checks_on_postgresql(import_csv, orgs):
    """Addresses compare as the unique index compares them (SQL's UPPER), even where
    Python's case rules differ (ß): a clash is reported, never an IntegrityError."""
    UserFactory(employee_id="X-1", email="a@Straße.example")
    outcome = import_csv(
        csv_text(
            "X-2,Other,a@STRASSE.example,T-FIN,,,,active",
            "X-3,Other,A@straße.EXAMPLE,T-FIN,,,,active",
        )
    )
    assert outcome.rejected() == {
        3: ("email", "email: “A@straße.EXAMPLE” is already used by another account")
    }
    assert User.objects.filter(employee_id="X-2").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_chunks_are_written_while_the_next_is_checked(orgs):
    """The path a Celery task and the shell take: a second connection writes."""
    from unittest import mock

    from onboarding.tests.conftest import run_import
    from onboarding.writers import WritePipeline

    with mock.patch.object(
        WritePipeline, "submit", autospec=True, side_effect=WritePipeline.submit
    ) as submit:
        first = run_import(rows(350), chunk_rows=100).result
    assert submit.call_count == 4
    assert (first.created, first.rejected) == (350, 0)
    assert User.objects.filter(employee_id__startswith="P-").count() == 350

    broken = rows(250).replace("p120@x.example", "p7@x.example")  # a repeat across chunks
    outcome = run_import(broken, chunk_rows=100)
    assert (outcome.result.unchanged, outcome.result.rejected) == (249, 1)
    assert outcome.rejected() == {122: ("email", "email: “p7@x.example” already appears on line 9")}


def _user_indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [User._meta.db_table],
        )
        return dict(cursor.fetchall())


SEARCH_INDEXES = {"person_name", "person_prefix_last_name", "person_prefix_email"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_first_load_builds_the_search_indexes_once_at_the_end(orgs, settings):
    """Many new people: the search indexes are dropped while rows go in, and come back
    exactly as they were; the unique ones stay throughout, so their rules hold."""
    from unittest import mock

    from onboarding.models import SuspendedIndex
    from onboarding.tests.conftest import run_import
    from onboarding.writers import WritePipeline

    settings.ONBOARDING_BULK_MIN_ROWS = 100
    before = _user_indexes()
    assert set(before) >= SEARCH_INDEXES
    during = []

    def write_and_look(self, *args):
        during.append(set(_user_indexes()))
        return real_write(self, *args)

    real_write = WritePipeline._write
    with mock.patch.object(WritePipeline, "_write", write_and_look):
        outcome = run_import(rows(350).replace("p200@x.example", "p7@x.example"), chunk_rows=100)
    assert (outcome.result.created, outcome.result.rejected) == (349, 1)
    assert outcome.rejected() == {202: ("email", "email: “p7@x.example” already appears on line 9")}
    assert during and all(not (SEARCH_INDEXES & names) for names in during)
    assert all({"accounts_user_employee_id_key", "one_account_per_email"} <= n for n in during)
    assert _user_indexes() == before
    assert not SuspendedIndex.objects.exists()

    again = run_import(rows(350), chunk_rows=100)  # nothing new: nothing is suspended
    assert (again.result.created, again.result.unchanged) == (1, 349)
    assert _user_indexes() == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_load_that_fails_half_way_still_builds_its_indexes_again(orgs, settings):
    from unittest import mock

    from onboarding.models import SuspendedIndex
    from onboarding.tests.conftest import run_import
    from onboarding.writers import WritePipeline

    settings.ONBOARDING_BULK_MIN_ROWS = 100
    before = _user_indexes()
    calls = []

    def fail_second(self, *args):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_write(self, *args)

    real_write = WritePipeline._write
    with mock.patch.object(WritePipeline, "_write", fail_second), pytest.raises(OSError):
        run_import(rows(350), chunk_rows=100)
    assert _user_indexes() == before
    assert not SuspendedIndex.objects.exists()
    assert User.objects.filter(employee_id__startswith="P-").count() == 100  # chunk one


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_indexes_a_killed_load_left_out_come_back_at_the_next_import_and_migrate(orgs):
    """A process killed mid-load cannot clean up: its record can."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    from onboarding.apps import _restore_suspended_indexes
    from onboarding.models import SuspendedIndex
    from onboarding.tests.conftest import run_import

    before = _user_indexes()

    def kill_mid_load():
        SuspendedIndex.objects.create(
            name="person_prefix_last_name",
            table=User._meta.db_table,
            definition=before["person_prefix_last_name"],
        )
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX person_prefix_last_name")

    kill_mid_load()
    assert "person_prefix_last_name" not in _user_indexes()
    run_import(rows(3))
    assert _user_indexes() == before and not SuspendedIndex.objects.exists()

    # Every deploy's migrate: the app's post_migrate receiver (called as migrate calls it;
    # a real migrate inside a test would recreate content types under other tests' feet).
    kill_mid_load()
    config = apps.get_app_config("onboarding")
    assert post_migrate.has_listeners(config)
    _restore_suspended_indexes(sender=config, using="default")
    assert _user_indexes() == before and not SuspendedIndex.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_imports_a_file_of_several_chunks(real_worker, orgs):
    """The Celery task's path: a large first load in a worker, written through the
    pipeline with the search indexes suspended, and the run records every row."""
    import time

    from django.core.files.base import ContentFile

    from onboarding.models import ImportRun
    from onboarding.tasks import import_people

    size = 20_000 + 500  # more than one chunk of the default size
    content = rows(size).replace("p20100@x.example", "p3@x.example")
    run = ImportRun(file_name="people.csv", file_size=len(content))
    run.upload.save("upload.csv", ContentFile(content.encode()), save=False)
    run.save()
    import_people.delay(run.pk)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status not in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING):
            break
        time.sleep(0.5)
    assert run.status == ImportRun.Status.FINISHED, run.message + real_worker.log_text()
    assert (run.rows_total, run.created, run.rejected) == (size, size - 1, 1)
    assert User.objects.filter(employee_id__startswith="P-").count() == size - 1
    with run.report.open("rb") as report:
        rejected = list(csv.DictReader(io.StringIO(report.read().decode("utf-8"))))
    assert [(row["line"], row["column"]) for row in rejected] == [("20102", "email")]
