"""Import people from an HRMS CSV: every good row written, every bad row reported.

The file is read twice as a stream (see ``reader``): a first pass refuses a file that
cannot be imported at all before anything is written; the second takes the rows in
chunks (``ONBOARDING_CHUNK_ROWS``, 20,000 by default). For each chunk the rows are
checked on their own (``rows``), then against the database with a fixed number of
set-based queries — organisation codes, the uploader's scope, people already known by
employee id, e-mail addresses and usernames held by other accounts — and only rows that
differ from what the database holds are written, in one transaction per chunk, by the
backend's writer (``writers``). Memory stays bounded by the chunk, plus 8 bytes per row
per unique column for finding repeated values.

On PostgreSQL outside a transaction (the Celery task, the shell) a large first load
builds the people table's search indexes once at the end instead of row by row
(``bulk_load``).

People are matched by ``employee_id``: a person who moves organisation keeps their
account and everything attached to it; ``status: inactive`` deactivates, never deletes.
Importing the same file twice writes nothing the second time. A run that stopped half
way can simply be run again: rows already written count as unchanged.
"""

from __future__ import annotations

import base64
import functools
import gc
import secrets
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from onboarding.bulk_load import (
    restore_suspended_indexes,
    suspended_search_indexes,
    worth_suspending,
)
from onboarding.reader import FileRefused, Scan, records, scan
from onboarding.report import RejectedRowsReport
from onboarding.rows import CheckedRow, RowChecker, split_full_name
from onboarding.schema import PeopleSchema, people_schema
from onboarding.writers import WritePipeline, writer_for
from organisations.models import Organisation
from organisations.scope import (
    NATIONAL_ADMINS,
    ORGANISATION_ADMINS,
    in_scope_q,
    is_national_admin,
    organisations_in_scope,
)

DEFAULT_CHUNK_ROWS = 20_000
LOOKUP_BATCH = 10_000  # values per IN (…) list: well under SQLite's variable limit

# The user fields each CSV column sets (full_name sets two).
FIELDS_OF_COLUMN = {
    "full_name": ("first_name", "last_name"),
    "email": ("email",),
    "organisation_code": ("organisation_id",),
    "designation": ("designation",),
    "grade": ("grade",),
    "preferred_language": ("preferred_language",),
    "status": ("is_active",),
}
_EXISTING = (
    "id",
    "employee_id",
    "is_superuser",
    *(name for names in FIELDS_OF_COLUMN.values() for name in names),
)

Opener = Callable[[], AbstractContextManager[BinaryIO]]


@dataclass
class ImportResult:
    """The counts a run reports; ``accepted`` rows are created, updated or unchanged."""

    total: int = 0
    done: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    notices: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged


def _batches(values, size: int = LOOKUP_BATCH) -> Iterator[list]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _without_cycle_collection(method):
    """Run ``method`` with Python's cycle collector paused (and restored after).

    An import holds tens of thousands of fresh rows, dicts and lists at a time, and the
    collector walks all of them again every few thousand allocations: a quarter to a
    third of the import's Python time went there. The rows hold no reference cycles, so
    reference counting frees them as before; only the collector's walks are saved."""

    @functools.wraps(method)
    def paused(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return method(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


def _unusable_passwords(count: int) -> Iterator[str]:
    """``count`` passwords nobody knows, as Django's ``make_password(None)`` makes them
    (the unusable prefix, then 40 random characters), from one read of the system's
    random source: one read per person cost a tenth of a first import."""
    pool = base64.urlsafe_b64encode(secrets.token_bytes(30 * count)).decode("ascii")
    for start in range(0, 40 * count, 40):
        yield UNUSABLE_PASSWORD_PREFIX + pool[start : start + 40]


class _FirstOccurrences:
    """Rejects the second and later rows carrying a value of a unique column.

    The first pass found which hashes occur more than once; only rows with those hashes
    are remembered here, by their real value, so memory holds the repeats alone.
    """

    def __init__(self, schema: PeopleSchema, found: Scan):
        self.watch = [
            (rule, found.header.columns[rule.name], found.repeated[rule.name])
            for rule in schema.unique_fields
            if found.repeated.get(rule.name)
        ]
        self.first_line: dict[tuple[str, str], int] = {}

    def check(self, row: CheckedRow) -> None:
        for rule, index, repeated in self.watch:
            value = row.cells[index].strip() if index < len(row.cells) else ""
            key = rule.key(value)
            if not value or hash(key) not in repeated:
                continue
            first = self.first_line.setdefault((rule.name, key), row.line)
            if first != row.line:
                row.reject(
                    rule.name,
                    _("“%(value)s” already appears on line %(line)d")
                    % {
                        "value": value,
                        "line": first,
                    },
                )


class PeopleImport:
    """One import of one file, on behalf of ``uploader`` (``None``: the shell, national)."""

    def __init__(
        self,
        uploader=None,
        *,
        report: RejectedRowsReport | None = None,
        on_progress: Callable[[ImportResult], None] | None = None,
        chunk_rows: int | None = None,
    ):
        self.uploader = uploader
        self.national = uploader is None or is_national_admin(uploader)
        self.report = report
        self.on_progress = on_progress or (lambda result: None)
        self.chunk_rows = chunk_rows or getattr(
            settings, "ONBOARDING_CHUNK_ROWS", DEFAULT_CHUNK_ROWS
        )
        self.schema = people_schema()
        self.result = ImportResult()
        self.User = get_user_model()

    # -- the two passes -------------------------------------------------------------

    @_without_cycle_collection
    def scan(self, open_file: Opener) -> Scan:
        """First pass; raises ``FileRefused`` for a file that cannot be imported."""
        with open_file() as binary:
            found = scan(binary, self.schema)
        self.result.total = found.total_rows
        if found.header.extra:
            self.result.notices.append(
                _("These columns are not part of the format and were ignored: %(columns)s.")
                % {"columns": ", ".join(found.header.extra)}
            )
        return found

    @_without_cycle_collection
    def run(self, open_file: Opener, found: Scan | None = None) -> ImportResult:
        found = found or self.scan(open_file)
        if not self.national and "organisation_code" not in found.header.columns:
            # Scope is checked through each row's organisation: without it, refuse.
            raise FileRefused(
                _(
                    "Line 1: the column organisation_code is needed to import for the "
                    "organisations you administer."
                )
            )
        if self.report is not None:
            self.report.start(found.header.names)
        checker = RowChecker(self.schema, found.header)
        repeats = _FirstOccurrences(self.schema, found)
        self.columns = [name for name in FIELDS_OF_COLUMN if name in found.header.columns]
        self.fields = [name for column in self.columns for name in FIELDS_OF_COLUMN[column]]
        self.writer = writer_for(self.User)
        restore_suspended_indexes()
        self.pipeline = WritePipeline.when_useful(self.User)
        self.bulk = ExitStack()
        self.bulk_decided = False
        try:
            for chunk in self._checked_chunks(open_file, checker, repeats):
                self._import_chunk(chunk)
        finally:
            try:
                if self.pipeline is not None:
                    self.pipeline.close()
            finally:
                self.bulk.close()  # after the last write: builds suspended indexes again
        self.on_progress(self.result)
        return self.result

    def _checked_chunks(
        self, open_file: Opener, checker: RowChecker, repeats: _FirstOccurrences
    ) -> Iterator[list[CheckedRow]]:
        """The second pass: the rows checked on their own, ``chunk_rows`` at a time."""
        chunk: list[CheckedRow] = []
        with open_file() as binary:
            for line, cells in records(binary):
                row = checker.check(line, cells)
                repeats.check(row)
                chunk.append(row)
                if len(chunk) >= self.chunk_rows:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk

    # -- one chunk ------------------------------------------------------------------

    def _import_chunk(self, rows: list[CheckedRow]) -> None:
        with transaction.atomic():
            self.writer.begin_chunk()
            good = [row for row in rows if row.ok]
            organisations = self._organisations(good)
            good = [row for row in good if row.ok]
            existing = self._existing_people(good)
            self._check_people(good, existing)
            good = [row for row in good if row.ok]
            self._check_addresses(good, existing)
            self._check_usernames([row for row in good if row.ok], existing)
            created, changed = [], []
            now = timezone.now()
            passwords = _unusable_passwords(
                sum(row.ok and row.values["employee_id"] not in existing for row in good)
            )
            for row in rows:
                if not row.ok:
                    continue
                wanted = self._wanted(row, organisations)
                person = existing.get(row.values["employee_id"])
                if person is None:
                    created.append(self._new_person(row, wanted, now, next(passwords)))
                elif any(person[name] != value for name, value in wanted.items()):
                    changed.append((person["id"], {**person, **wanted}))
                else:
                    self.result.unchanged += 1
            if self.pipeline is None:
                self.writer.insert(created)
                self.writer.update(changed, self.fields)
        if not self.bulk_decided:
            self._decide_bulk_load(new_in_chunk=len(created), rows_in_chunk=len(rows))
        if self.pipeline is not None:
            self.pipeline.submit(created, changed, self.fields)
        self.result.created += len(created)
        self.result.updated += len(changed)
        for row in rows:
            if not row.ok:
                self.result.rejected += 1
                if self.report is not None:
                    self.report.add(row)
        self.result.done += len(rows)
        self.on_progress(self.result)

    def _decide_bulk_load(self, new_in_chunk: int, rows_in_chunk: int) -> None:
        """After the first chunk: if the file goes on as it began, will it add enough
        people to make building the search indexes afresh cheaper than keeping them?"""
        self.bulk_decided = True
        remaining = self.result.total - self.result.done
        expected_new = new_in_chunk * remaining // max(rows_in_chunk, 1)
        if worth_suspending(self.User, expected_new):
            self.bulk.enter_context(suspended_search_indexes(self.User))

    def _organisations(self, rows: list[CheckedRow]) -> dict[str, int]:
        """Code → id of the chunk's organisations; rows naming others are rejected."""
        if "organisation_code" not in self.columns:
            return {}
        codes = {row.values["organisation_code"] for row in rows}
        found: dict[str, tuple[int, bool]] = {}
        for batch in _batches(codes):
            found.update(
                (code, (pk, active))
                for code, pk, active in Organisation.objects.filter(code__one_of=batch).values_list(
                    "code", "pk", "is_active"
                )
            )
        in_scope = None
        if not self.national:
            in_scope = set()
            for batch in _batches(pk for pk, _active in found.values()):
                in_scope.update(
                    organisations_in_scope(self.uploader)
                    .filter(pk__one_of=batch)
                    .values_list("pk", flat=True)
                )
        for row in rows:
            code = row.values["organisation_code"]
            if code not in found:
                row.reject("organisation_code", _("no organisation has the code “%s”") % code)
            elif not found[code][1]:
                row.reject("organisation_code", _("the organisation “%s” is closed") % code)
            elif in_scope is not None and found[code][0] not in in_scope:
                row.reject(
                    "organisation_code",
                    _("the organisation “%s” is not one you administer") % code,
                )
        return {code: pk for code, (pk, _active) in found.items()}

    def _existing_people(self, rows: list[CheckedRow]) -> dict[str, dict]:
        people = {}
        for batch in _batches(row.values["employee_id"] for row in rows):
            found = self.User.objects.filter(employee_id__one_of=batch).values_list(*_EXISTING)
            for values in found:
                person = dict(zip(_EXISTING, values, strict=True))
                people[person["employee_id"]] = person
        return people

    def _check_people(self, rows: list[CheckedRow], existing: dict[str, dict]) -> None:
        """Nobody changes a superuser by import; organisation administrators change only
        people in their subtrees who hold no administrative role, so no one can take over
        a wider account by giving it their own e-mail address."""
        protected: set[int] = {p["id"] for p in existing.values() if p["is_superuser"]}
        if not self.national:
            ids = [person["id"] for person in existing.values()]
            in_scope: set[int] = set()
            for batch in _batches(ids):
                people = self.User.objects.filter(pk__one_of=batch)
                in_scope.update(
                    people.filter(in_scope_q(self.uploader, "organisation")).values_list(
                        "pk", flat=True
                    )
                )
                protected.update(
                    people.filter(
                        Q(is_staff=True)
                        | Q(groups__name__in=[NATIONAL_ADMINS, ORGANISATION_ADMINS])
                        | Q(administered_organisations__isnull=False)
                    ).values_list("pk", flat=True)
                )
            for row in rows:
                person = existing.get(row.values["employee_id"])
                if person is not None and person["id"] not in in_scope:
                    row.reject(
                        "employee_id",
                        _("this person works in an organisation you do not administer"),
                    )
        for row in rows:
            person = existing.get(row.values["employee_id"])
            if row.ok and person is not None and person["id"] in protected:
                row.reject(
                    "employee_id",
                    _("this person is an administrator; their account is not changed by import")
                    if not person["is_superuser"]
                    else _("this is a superuser account, which import never changes"),
                )

    def _check_addresses(self, rows: list[CheckedRow], existing: dict[str, dict]) -> None:
        """An address already used by another account (whatever its case) is refused."""
        if "email" not in self.columns:
            return
        asked: dict[str, list[CheckedRow]] = {}
        for row in rows:
            email = row.values["email"]
            person = existing.get(row.values["employee_id"])
            if person is None or person["email"].lower() != email.lower():
                forms = {email.upper()}
                if not email.isascii():  # Python's upper() turns ß into SS, SQL's keeps it
                    forms.add("".join(c if len(c.upper()) > 1 else c.upper() for c in email))
                for form in forms:
                    asked.setdefault(form, []).append(row)
        for batch in _batches(asked):
            holders = (
                self.User.objects.exclude(email="")  # as the partial unique index does
                .annotate(address=Upper("email"))
                .filter(address__one_of=batch)
                .values_list("address", "employee_id")
            )
            for address, employee_id in holders:
                for row in asked[address]:
                    if employee_id != row.values["employee_id"] and row.ok:
                        row.reject(
                            "email",
                            _("“%s” is already used by another account") % row.values["email"],
                        )

    def _check_usernames(self, rows: list[CheckedRow], existing: dict[str, dict]) -> None:
        """A new person's username is their employee id; it must be free."""
        new = {
            row.values["employee_id"]: row
            for row in rows
            if row.values["employee_id"] not in existing
        }
        for batch in _batches(new):
            for username in self.User.objects.filter(username__one_of=batch).values_list(
                "username", flat=True
            ):
                new[username].reject(
                    "employee_id",
                    _("the username “%s” is already taken by another account") % username,
                )

    # -- what to write --------------------------------------------------------------

    def _wanted(self, row: CheckedRow, organisations: dict[str, int]) -> dict:
        """The user fields this row sets. An empty preferred_language leaves the
        person's own choice alone; every other column is the HRMS's word."""
        values = row.values
        wanted = {}
        if "full_name" in self.columns:
            wanted["first_name"], wanted["last_name"] = split_full_name(values["full_name"])
        if "email" in self.columns:
            wanted["email"] = values["email"]
        if "organisation_code" in self.columns:
            wanted["organisation_id"] = organisations[values["organisation_code"]]
        for name in ("designation", "grade"):
            if name in self.columns:
                wanted[name] = values[name]
        if values.get("preferred_language"):
            wanted["preferred_language"] = values["preferred_language"]
        if "status" in self.columns:
            wanted["is_active"] = values["status"] == "active"
        return wanted

    def _new_person(self, row: CheckedRow, wanted: dict, now, password: str) -> dict:
        """A new account: username from the employee id, a password nobody knows (they
        sign in by single sign-on or set one by password reset)."""
        return {
            **wanted,
            "employee_id": row.values["employee_id"],
            "username": row.values["employee_id"],
            "password": password,
            "date_joined": now,
        }
