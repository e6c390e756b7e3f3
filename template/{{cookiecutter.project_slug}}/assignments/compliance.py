"""The compliance report: per organisation, how many assigned courses are completed and
how many are overdue — for the chosen organisation's children, each with its subtree.

The unit is an **assigned course**: one course assigned to one active person. A course
assigned to the same person twice counts once, with the earliest due date. A course is
*completed* when the person's enrolment in it is, whenever that happened; *overdue* when
it is not completed and its due date (country time) has passed. People without an
organisation are not in any organisation's row.

How it stays fast: the report reads a roll-up, ``ComplianceCount`` — one row per
organisation and kind — summed by materialised-path prefix in one query, so even the
national view reads at most one row per organisation, never the people. A beat job
(``assignments.refresh_compliance``, every ``GOVLEARN_COMPLIANCE_REFRESH_MINUTES``)
rebuilds it from the raw tables with one set-based SQL statement per kind, whatever the
number of people, assignments or organisations: assignments are expanded to people by
joins (named people through their table, organisations by materialised-path prefix,
designations by ``UPPER(designation)``), de-duplicated per person and course, joined to
enrolments on their unique (user, course) index and grouped by organisation. The same
statement, narrowed to a subtree, is ``live_counts`` — what tests and the roll-up check
compare against. Plain SQL with parameters, valid on PostgreSQL and SQLite; nothing a
person typed reaches it as code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from assignments.models import AssignedDesignation, AssignedPerson, Assignment, ComplianceCount
from catalog.models import CoursePage
from learning.models import Enrolment
from organisations.models import Organisation


@dataclass
class ComplianceRow:
    organisation: Organisation | None  # None: people directly in the parent organisation
    assigned: int = 0
    completed: int = 0
    overdue: int = 0

    @property
    def open(self) -> int:
        return self.assigned - self.completed

    @property
    def percent_completed(self) -> int:
        return round(100 * self.completed / self.assigned) if self.assigned else 0


def _tables() -> dict[str, str]:
    courses = Assignment.courses.through._meta
    return {
        "assignment": Assignment._meta.db_table,
        "assignment_courses": courses.db_table,
        "course_column": courses.get_field("coursepage").column,
        "person": AssignedPerson._meta.db_table,
        "designation": AssignedDesignation._meta.db_table,
        "user": get_user_model()._meta.db_table,
        "organisation": Organisation._meta.db_table,
        "page": CoursePage._meta.get_field("page_ptr").related_model._meta.db_table,
        "enrolment": Enrolment._meta.db_table,
    }


_IN_TARGET_ORGANISATION = "(uo.id = ao.id OR (a.include_subtree AND uo.path LIKE ao.path || '%%'))"

_SQL = """
WITH pairs AS (
    SELECT u.id AS user_id, uo.path AS path, ac.{course_column} AS course_id, a.due_on AS due_on
    FROM {assignment} a
    JOIN {assignment_courses} ac ON ac.assignment_id = a.id
    JOIN {person} ap ON ap.assignment_id = a.id
    JOIN {user} u ON u.id = ap.user_id
    JOIN {organisation} uo ON uo.id = u.organisation_id
    WHERE a.target = 'people' AND u.is_active AND uo.path LIKE %(parent)s || '%%' {kind}
  UNION ALL
    SELECT u.id, uo.path, ac.{course_column}, a.due_on
    FROM {assignment} a
    JOIN {assignment_courses} ac ON ac.assignment_id = a.id
    JOIN {organisation} ao ON ao.id = a.organisation_id
    JOIN {organisation} uo ON {in_target}
    JOIN {user} u ON u.organisation_id = uo.id
    WHERE a.target = 'organisation' AND u.is_active AND uo.path LIKE %(parent)s || '%%' {kind}
  UNION ALL
    SELECT u.id, uo.path, ac.{course_column}, a.due_on
    FROM {assignment} a
    JOIN {assignment_courses} ac ON ac.assignment_id = a.id
    JOIN {designation} ad ON ad.assignment_id = a.id
    JOIN {user} u ON UPPER(u.designation) = ad.designation
    JOIN {organisation} uo ON uo.id = u.organisation_id
    LEFT JOIN {organisation} ao ON ao.id = a.organisation_id
    WHERE a.target = 'designations' AND u.is_active AND uo.path LIKE %(parent)s || '%%' {kind}
      AND (a.organisation_id IS NULL OR {in_target})
),
assigned AS (
    SELECT p.user_id, p.course_id, MIN(p.path) AS path, MIN(p.due_on) AS due_on
    FROM pairs p
    JOIN {page} cp ON cp.id = p.course_id
    WHERE cp.live
    GROUP BY p.user_id, p.course_id
)
SELECT {key} AS prefix,
       COUNT(*),
       SUM(CASE WHEN e.completed_at IS NOT NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN e.completed_at IS NULL AND s.due_on < %(today)s THEN 1 ELSE 0 END)
FROM assigned s
LEFT JOIN {enrolment} e ON e.user_id = s.user_id AND e.course_id = s.course_id
GROUP BY {key}
"""


def live_counts(
    parent_path: str, today: date, kind: str | None, per_organisation: bool = False
) -> dict[str, tuple]:
    """Assigned, completed, overdue counted from the raw tables: per path prefix one level
    below ``parent_path``, or per organisation path when ``per_organisation``."""
    kind_sql = "AND a.kind = %(kind)s" if kind else ""
    key = "s.path" if per_organisation else "SUBSTR(s.path, 1, %(prefix)s)"
    sql = _SQL.format(**_tables(), kind=kind_sql, in_target=_IN_TARGET_ORGANISATION, key=key)
    params = {
        "prefix": len(parent_path) + Organisation.steplen,
        "today": today,
        "parent": parent_path,
        "kind": kind or "",
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {prefix: (n, done or 0, late or 0) for prefix, n, done, late in cursor.fetchall()}


KINDS = ["", *Assignment.Kind.values]  # "" counts both kinds together


def refresh_counts(today: date | None = None) -> int:
    """Rebuild the ``ComplianceCount`` roll-up from the raw tables (what the beat job
    runs): one set-based query per kind, then the rows swapped in one transaction, so
    a report never reads a half-built roll-up."""
    today = today or timezone.localdate()
    now = timezone.now()
    ids = dict(Organisation.objects.values_list("path", "id"))
    rows = [
        ComplianceCount(
            organisation_id=ids[path],
            kind=kind,
            assigned=assigned,
            completed=completed,
            overdue=overdue,
            counted_at=now,
        )
        for kind in KINDS
        for path, (assigned, completed, overdue) in live_counts(
            "", today, kind or None, per_organisation=True
        ).items()
        if path in ids
    ]
    with transaction.atomic():
        ComplianceCount.objects.all().delete()
        ComplianceCount.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def rolled_up(parent_path: str, kind: str | None) -> tuple[dict[str, tuple], datetime | None]:
    """The roll-up summed per path prefix one level below ``parent_path`` (one query),
    and when it was counted."""
    prefix = Substr("organisation__path", 1, len(parent_path) + Organisation.steplen)
    found = (
        ComplianceCount.objects.filter(kind=kind or "", organisation__path__startswith=parent_path)
        .annotate(prefix=prefix)
        .values("prefix")
        .annotate(
            n=Sum("assigned"), done=Sum("completed"), late=Sum("overdue"), at=Max("counted_at")
        )
        .order_by()
    )
    counts, counted_at = {}, None
    for row in found:
        counts[row["prefix"]] = (row["n"], row["done"], row["late"])
        counted_at = max(filter(None, [counted_at, row["at"]]), default=None)
    return counts, counted_at


@dataclass
class Report:
    rows: list[ComplianceRow]
    total: ComplianceRow
    counted_at: datetime | None


def _total(organisation, rows) -> ComplianceRow:
    return ComplianceRow(
        organisation,
        assigned=sum(r.assigned for r in rows),
        completed=sum(r.completed for r in rows),
        overdue=sum(r.overdue for r in rows),
    )


def compliance_rows(parent: Organisation | None, children, kind: str | None = None) -> Report:
    """One row per organisation in ``children`` (its whole subtree), a row for the people
    directly in ``parent`` when there are any, and the total; from the roll-up."""
    parent_path = parent.path if parent else ""
    counts, counted_at = rolled_up(parent_path, kind)
    rows = [ComplianceRow(child, *counts.get(child.path, (0, 0, 0))) for child in children]
    direct = []
    if parent is not None and parent.path in counts:
        direct = [ComplianceRow(None, *counts[parent.path])]
    everything = [ComplianceRow(None, *values) for values in counts.values()]
    return Report([*direct, *rows], _total(parent, everything), counted_at)


def root_rows(roots: list[Organisation], kind: str | None = None) -> Report:
    """The rows of an organisation administrator's own roots (usually one): a query each."""
    rows, times = [], []
    for root in roots:
        counts, counted_at = rolled_up(root.path[: -Organisation.steplen], kind)
        rows.append(ComplianceRow(root, *counts.get(root.path, (0, 0, 0))))
        times.append(counted_at)
    return Report(rows, _total(None, rows), max(filter(None, times), default=None))
