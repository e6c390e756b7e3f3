"""What an operator reads after ``seed_demo`` (and so ``make dev``): one aligned summary
of what was made, where to open it and who can sign in; no line per page or task."""

import io
import re

import pytest
from django.core.management import call_command

from portal.country import get_country
from portal.seeding import Summary, aligned

PASSWORD = "a-demo-password-never-printed"


def seed(monkeypatch, password=PASSWORD) -> list[str]:
    monkeypatch.setenv("GOVLEARN_DEMO_PASSWORD", password)
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue().splitlines()


def block(lines, header_start):
    """The indented lines under the first header starting with ``header_start``."""
    start = next(n for n, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        rows.append(line)
    return rows


def text_column(rows) -> set[int]:
    """Where the text after each row's label starts (two spaces after the label column)."""
    return {re.match(r"  \S+(?: \S+)*?\s{2,}", row).end() for row in rows}


@pytest.mark.django_db
def test_seed_demo_prints_a_short_aligned_summary_with_urls_and_accounts(monkeypatch):
    lines = seed(monkeypatch)
    assert lines[0] == f"Demo content loaded into {get_country().portal_name()}:"
    assert len(lines) <= 40, "\n".join(lines)
    made = block(lines, "Demo content loaded")
    labels = [row.split()[0] for row in made]
    assert {"home", "organisations", "accounts", "catalog", "learning"} <= set(labels)
    assert len(labels) == len(set(labels))  # one row per app
    assert len(text_column(made)) == 1, "\n".join(made)
    catalog_row = next(row for row in made if row.split()[0] == "catalog")
    # The demo data's courses are in English and French; a profile gets those it enables.
    courses = 13 if "fr" in {lang.code for lang in get_country().languages} else 9
    assert f"{courses} courses from 6 providers ({courses} new)" in catalog_row
    links = dict(row.strip().rsplit(maxsplit=1) for row in block(lines, "Where to find it:"))
    assert links["home page"] == "http://testserver/"
    assert links["catalogue"] == "http://testserver/courses/"
    assert links["administration"] == "http://testserver/admin/"
    accounts_header = next(line for line in lines if line.startswith("Accounts ("))
    assert "GOVLEARN_DEMO_PASSWORD" in accounts_header
    accounts = block(lines, "Accounts (")
    assert len(text_column(accounts)) == 1
    usernames = [row.split()[0] for row in accounts]
    for username in ("admin", "national-admin", "org-admin", "provider-editor", "reviewer"):
        assert username in usernames
    output = "\n".join(lines)
    assert PASSWORD not in output
    # No dangling labels ("home: " alone on a line) and nothing per page or task.
    assert not [line for line in lines if re.fullmatch(r"\s*[\w-]+:\s*", line)]
    assert not re.search(r"Page created|Published:|state=RUNNING|succeeded in", output)


@pytest.mark.django_db
def test_without_a_password_the_summary_says_where_one_comes_from(monkeypatch):
    lines = seed(monkeypatch, password="")
    header = next(line for line in lines if line.startswith("Accounts ("))
    assert "no password" in header and "GOVLEARN_DEMO_PASSWORD" in header


def test_rows_line_up_whatever_the_label_lengths():
    summary = Summary()
    summary.step("a").write("first; ")
    summary.step("a").write("")
    summary.step("longer-label").write("second")
    summary.steps[0].write("more", ending="")
    assert aligned(summary.rows()) == ["  a             first; more", "  longer-label  second"]
