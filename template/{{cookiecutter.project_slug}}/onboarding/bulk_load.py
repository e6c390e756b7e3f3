"""Large first loads on PostgreSQL: search indexes built once at the end, not row by row.

Keeping an index current costs a few microseconds per row; the people table has eight
indexes that only serve searching and sorting (name, e-mail, employee id and designation
prefixes, the organisation), and at a million new people keeping them current took
three quarters of the import's database time. Building one from scratch sorts the
table once and is several times cheaper (PostgreSQL's own advice for populating a
database: "remove indexes", then create them again).

So when an import is about to add many people — at least ``ONBOARDING_BULK_MIN_ROWS``
(50,000) and at least half as many as the table holds, as at go-live or when a state
joins — the importer *suspends* those indexes: it records each one's definition
(``pg_get_indexdef``) in ``SuspendedIndex``, commits, drops them, loads, and creates them
again from the record when it finishes, whether it succeeded or failed. Unique indexes
and the primary key are never touched, so every rule they enforce (one account per
e-mail address, per employee id, per username) holds throughout. While the load runs,
searches in the people list scan the table instead of an index: slower, still right.

If the process dies half way the record stays; the next import, and every ``migrate``
(``post_migrate``), builds whatever is recorded. A session-level advisory lock lets only
one import suspend indexes at a time; another import running meanwhile keeps the rest
of the indexes as they are and writes normally.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction

from onboarding.models import SuspendedIndex

logger = logging.getLogger(__name__)

DEFAULT_MIN_ROWS = 50_000
_LOCK_KEY = 0x676F766C6561726E  # "govlearn": one key for the whole portal's bulk loads

# Secondary, non-unique, valid btree indexes on the table: what is safe to rebuild.
_SEARCH_INDEXES = """
    SELECT index_class.relname, pg_get_indexdef(index_info.indexrelid)
    FROM pg_index AS index_info
    JOIN pg_class AS index_class ON index_class.oid = index_info.indexrelid
    WHERE index_info.indrelid = %s::regclass
      AND NOT index_info.indisunique
      AND NOT index_info.indisprimary
      AND index_info.indisvalid
    ORDER BY index_class.relname
"""


def worth_suspending(model, new_rows: int) -> bool:
    """Whether adding ``new_rows`` people costs more with the indexes kept current than
    rebuilding them (a rebuild reads the whole table; keeping them touches each new row)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    minimum = getattr(settings, "ONBOARDING_BULK_MIN_ROWS", DEFAULT_MIN_ROWS)
    if new_rows < minimum:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = %s::regclass",
            [model._meta.db_table],
        )
        estimated_rows = cursor.fetchone()[0]
    return new_rows * 2 >= estimated_rows


def _try_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_LOCK_KEY])
        return cursor.fetchone()[0]


def _unlock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [_LOCK_KEY])


def _rebuild_recorded() -> list[str]:
    """Create every recorded index again, each in its own transaction, and forget it."""
    rebuilt = []
    for suspended in SuspendedIndex.objects.order_by("pk"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'i'", [suspended.name]
            )
            if cursor.fetchone() is None:
                # A definition PostgreSQL wrote itself (pg_get_indexdef), never user text.
                cursor.execute(suspended.definition)
            suspended.delete()
        rebuilt.append(suspended.name)
    return rebuilt


def restore_suspended_indexes() -> list[str]:
    """Build indexes a crashed load left suspended. A no-op (one query) when none are,
    or while another load holds them suspended on purpose."""
    if connection.vendor != "postgresql" or not SuspendedIndex.objects.exists():
        return []
    if not _try_lock():
        return []
    try:
        rebuilt = _rebuild_recorded()
    finally:
        _unlock()
    if rebuilt:
        logger.warning("Rebuilt indexes a stopped bulk load had left out: %s", ", ".join(rebuilt))
    return rebuilt


@contextmanager
def suspended_search_indexes(model):
    """Drop the table's search indexes for the duration, then build them again.

    Yields the names suspended — none when another load holds the lock (this one then
    writes with every index in place)."""
    if not _try_lock():
        yield []
        return
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # Recorded and dropped in one transaction: never one without the other.
            cursor.execute(_SEARCH_INDEXES, [model._meta.db_table])
            found = cursor.fetchall()
            SuspendedIndex.objects.bulk_create(
                SuspendedIndex(name=name, table=model._meta.db_table, definition=definition)
                for name, definition in found
            )
            for name, _definition in found:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        try:
            yield [name for name, _definition in found]
        finally:
            _rebuild_recorded()
    finally:
        _unlock()
