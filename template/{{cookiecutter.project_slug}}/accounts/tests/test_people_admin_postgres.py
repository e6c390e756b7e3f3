"""The PostgreSQL-only paths of the people admin: the row estimate instead of COUNT(*),
and prefix search served by the ``UPPER(col) text_pattern_ops`` indexes.

Run by the integration lane with DATABASE_URL pointing at PostgreSQL; skipped elsewhere.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import people_admin
from accounts.factories import UserFactory
from accounts.models import User
from organisations.tests.conftest import build_world


@pytest.fixture
def world(db):
    """Two top-level organisations and one person in every role (organisations' tests)."""
    return build_world()


pytestmark = [
    pytest.mark.integration,
    pytest.mark.usefixtures("source_strings"),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the estimate and indexes are PostgreSQL's"
    ),
]

INDEX = reverse("wagtailusers_users:index")


def analyse():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE accounts_user")


def whole_table_counts(queries):
    """COUNT queries over the people table that have no LIMIT inside them."""
    return [
        query["sql"]
        for query in queries
        if "COUNT(" in query["sql"].upper()
        and '"accounts_user"' in query["sql"]
        and "LIMIT" not in query["sql"].upper()
    ]


def test_an_unfiltered_national_list_shows_the_estimate_without_counting(
    client, world, monkeypatch
):
    UserFactory.create_batch(30, organisation=world.office)
    analyse()
    monkeypatch.setattr(people_admin, "ESTIMATE_FROM", 10)
    client.force_login(world.national_admin)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(INDEX).content.decode()
    estimate = people_admin.estimated_rows(User)
    assert estimate >= 30
    assert f"About {estimate:,} people" in page
    assert whole_table_counts(captured.captured_queries) == []


def test_a_filtered_list_counts_at_most_the_cap(client, world, monkeypatch):
    UserFactory.create_batch(12, organisation=world.district)
    analyse()
    monkeypatch.setattr(people_admin, "ESTIMATE_FROM", 10)
    monkeypatch.setattr(people_admin, "COUNT_CAP", 5)
    client.force_login(world.national_admin)
    page = client.get(INDEX, {"organisation": "STATE"}).content.decode()
    assert "More than 5 people" in page
    assert "About" not in page


def explain(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_prefix_search_uses_the_expression_indexes(world):
    plan = explain(people_admin.search_people(User.objects.all(), "okaf").values("pk"))
    for column in ("last_name", "first_name", "username", "employee_id"):
        assert f"person_prefix_{column}" in plan, plan
    mail = explain(people_admin.search_people(User.objects.all(), "a@b").values("pk"))
    assert "person_prefix_email" in mail, mail
    exact = explain(User.objects.filter(email__iexact="A@B.org").values("pk"))
    assert re.search("person_prefix_email|one_account_per_email", exact), exact
    assert not re.search(r"Seq Scan on accounts_user", plan)


def test_a_search_sorts_its_matches_instead_of_walking_the_username_index(client, world):
    client.force_login(world.national_admin)
    with CaptureQueriesContext(connection) as captured:
        client.get(INDEX, {"q": "okafor"})
    page_query = next(
        query["sql"]
        for query in captured.captured_queries
        if "person" not in query["sql"]
        and query["sql"].startswith('SELECT "accounts_user"."id"')
        and "LIKE" in query["sql"]
        and "ORDER BY" in query["sql"]
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {page_query}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Sort Key" in plan, plan  # the matches are sorted…
    assert "accounts_user_username_key" not in plan, plan  # …not met by walking the index
