"""Fixtures for the HRMS import: a small organisation tree of its own (so the tests do
not depend on a profile's codes), administrators of both kinds, and a helper that runs
an import of a CSV given as text and returns its result and report rows."""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from accounts.factories import UserFactory
from onboarding.importer import ImportResult, PeopleImport
from onboarding.report import RejectedRowsReport
from organisations.models import Organisation, OrganisationAdministrator
from organisations.scope import NATIONAL_ADMINS, ORGANISATION_ADMINS, ensure_role_groups

HEADER = "employee_id,full_name,email,organisation_code,designation,grade,preferred_language,status"


@pytest.fixture(autouse=True)
def _source_strings(source_strings):
    """The tests read messages in their source strings, whatever the default language."""


@dataclass
class Orgs:
    finance: Organisation
    budget: Organisation
    health: Organisation
    closed: Organisation


@pytest.fixture
def orgs(db):
    finance = Organisation.add_root(code="T-FIN", name="Finance", level="ministry")
    budget = finance.add_child(code="T-FIN-BUDGET", name="Budget", level="department")
    health = Organisation.add_root(code="T-HEALTH", name="Health", level="ministry")
    closed = Organisation.add_root(code="T-OLD", name="Closed", level="ministry", is_active=False)
    return Orgs(Organisation.objects.get(pk=finance.pk), budget, health, closed)


@pytest.fixture
def national_admin(db):
    ensure_role_groups()
    user = UserFactory(username="national", employee_id="ADM-NAT")
    user.groups.add(Group.objects.get(name=NATIONAL_ADMINS))
    return user


@pytest.fixture
def finance_admin(db, orgs):
    """Administers the finance ministry (and its budget department), not health."""
    ensure_role_groups()
    user = UserFactory(username="finance-admin", employee_id="ADM-FIN", organisation=orgs.finance)
    user.groups.add(Group.objects.get(name=ORGANISATION_ADMINS))
    OrganisationAdministrator.objects.create(user=user, organisation=orgs.finance)
    return user


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


@dataclass
class Outcome:
    result: ImportResult
    report: list[dict]

    def rejected(self) -> dict[int, tuple[str, str]]:
        """Line → (columns, reasons) of every rejected row."""
        return {int(row["line"]): (row["column"], row["reason"]) for row in self.report}


def run_import(content: str | bytes, uploader=None, chunk_rows=None) -> Outcome:
    data = content.encode("utf-8") if isinstance(content, str) else content

    @contextmanager
    def opener():
        yield io.BytesIO(data)

    report = io.StringIO()
    result = PeopleImport(uploader, report=RejectedRowsReport(report), chunk_rows=chunk_rows).run(
        opener
    )
    report.seek(0)
    return Outcome(result, list(csv.DictReader(report)))


@pytest.fixture
def import_csv(db):
    return run_import
