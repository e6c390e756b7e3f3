"""The PostgreSQL write path (``COPY`` and ``UPDATE … FROM``) on a real PostgreSQL.

Run by the integration lane with DATABASE_URL pointing at PostgreSQL; on any other
database these tests are skipped, since the path they check is not taken there.
"""

from __future__ import annotations

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
