"""The write step of an import, the only part that differs between database backends.

Both writers receive the same thing from the importer: the new people of a chunk (field
name → value) and the people whose fields changed (primary key, field → value); rows
that did not change never reach them.

* PostgreSQL: new rows go in with ``COPY … FROM STDIN`` and changed rows are copied
  into a temporary table, then applied with one ``UPDATE … FROM`` that skips any row
  whose values already match (``IS DISTINCT FROM``). psycopg quotes every value of a
  ``COPY``: text from the file never becomes SQL.
  While one chunk is written, the next is read and checked: the writes go through a
  second connection in a worker thread (:class:`WritePipeline`), so the checking (in
  Python) and the index upkeep (in PostgreSQL) use both cores. That is safe because
  the chunks never share a person, an address or a username — a value repeated in the
  file is rejected before any chunk is written.
* Any other database (SQLite for development): one ``executemany`` for the inserts and
  one for the updates, with parameters.

Columns come from the user model itself, so a field added to it later gets its default.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.db import connection, transaction
from psycopg import sql

# Values of these field types are what the database takes already (str, bool, int);
# any other type goes through the field's own conversion.
_PASS_THROUGH = {"CharField", "EmailField", "TextField", "BooleanField", "ForeignKey"}


def _columns(model):
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def _converter(field):
    if field.get_internal_type() in _PASS_THROUGH:
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _default(field):
    return field.get_default() if field.has_default() or field.null else ""


class BatchWriter:
    """Parameterised ``executemany`` statements: correct everywhere, fast enough for SQLite."""

    def __init__(self, model):
        self.model = model
        self.table = model._meta.db_table
        self.pk = model._meta.pk.column
        self.columns = _columns(model)

    def begin_chunk(self) -> None:
        """Called first in each chunk's transaction."""

    def _rows(self, people: list[dict], fields) -> list[list]:
        """Each person's values in the order of ``fields``, defaults for what is not given."""
        defaults = {field.attname: _default(field) for field in fields}
        plan = [(field.attname, defaults[field.attname]) for field in fields]
        converted = [
            (index, convert, {})
            for index, convert in enumerate(map(_converter, fields))
            if convert is not None
        ]
        rows = []
        for person in people:
            row = [person.get(name, default) for name, default in plan]
            for index, convert, seen in converted:  # few distinct values: convert each once
                value = row[index]
                if value not in seen:
                    seen[value] = convert(value)
                row[index] = seen[value]
            rows.append(row)
        return rows

    def insert(self, people: list[dict]) -> None:
        if not people:
            return
        quote = connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in self.columns)
        marks = ", ".join(["%s"] * len(self.columns))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {quote(self.table)} ({names}) VALUES ({marks})",
                self._rows(people, self.columns),
            )

    def update(self, changes: list[tuple[int, dict]], fields: list[str]) -> None:
        if not changes:
            return
        quote = connection.ops.quote_name
        columns = [self.model._meta.get_field(name) for name in fields]
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in columns)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {quote(self.table)} SET {assignments} WHERE {quote(self.pk)} = %s",
                [
                    [*row, pk]
                    for row, (pk, _values) in zip(
                        self._rows([values for _pk, values in changes], columns),
                        changes,
                        strict=True,
                    )
                ],
            )


class PostgresCopyWriter(BatchWriter):
    """``COPY`` in, set-based ``UPDATE … FROM`` a temporary table."""

    STAGING = "onboarding_incoming"

    def begin_chunk(self) -> None:
        """The chunk asks indexes about 10,000 keys at a time. PostgreSQL's default cost
        of a random page read (4, for spinning disks) makes it scan the whole table
        instead, which at a million people is several times slower; 1.1 is the usual
        value for SSDs and cached data. For this transaction only."""
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL random_page_cost = 1.1")

    def insert(self, people: list[dict]) -> None:
        if not people:
            return
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(self.table),
            sql.SQL(", ").join(sql.Identifier(field.column) for field in self.columns),
        )
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            copy.set_types([_copy_type(field) for field in self.columns])
            for row in self._rows(people, self.columns):
                copy.write_row(row)

    def update(self, changes: list[tuple[int, dict]], fields: list[str]) -> None:
        if not changes:
            return
        columns = [self.model._meta.get_field(name) for name in fields]
        staging = sql.Identifier(self.STAGING)
        names = [sql.Identifier(field.column) for field in columns]
        definitions = sql.SQL(", ").join(
            sql.SQL("{} {}").format(name, sql.SQL(field.db_type(connection)))
            for name, field in zip(names, columns, strict=True)
        )
        with connection.cursor() as cursor:
            raw = cursor.cursor
            raw.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(staging))
            raw.execute(
                sql.SQL(
                    "CREATE TEMPORARY TABLE {} (id bigint PRIMARY KEY, {}) ON COMMIT DROP"
                ).format(staging, definitions)
            )
            copy_in = sql.SQL("COPY {} (id, {}) FROM STDIN").format(
                staging, sql.SQL(", ").join(names)
            )
            with raw.copy(copy_in) as copy:
                copy.set_types(["int8", *(_copy_type(field) for field in columns)])
                rows = self._rows([values for _pk, values in changes], columns)
                for (pk, _values), row in zip(changes, rows, strict=True):
                    copy.write_row([pk, *row])
            raw.execute(
                sql.SQL(
                    "UPDATE {table} AS person SET {assignments} FROM {staging} AS incoming "
                    "WHERE person.{pk} = incoming.id AND ({current}) IS DISTINCT FROM ({wanted})"
                ).format(
                    table=sql.Identifier(self.table),
                    assignments=sql.SQL(", ").join(
                        sql.SQL("{name} = incoming.{name}").format(name=name) for name in names
                    ),
                    staging=staging,
                    pk=sql.Identifier(self.pk),
                    current=sql.SQL(", ").join(sql.SQL("person.{}").format(n) for n in names),
                    wanted=sql.SQL(", ").join(sql.SQL("incoming.{}").format(n) for n in names),
                )
            )


def _copy_type(field) -> str:
    """The PostgreSQL type name psycopg dumps a column's values as."""
    return field.db_type(connection).split("(")[0]


def writer_for(model) -> BatchWriter:
    if connection.vendor == "postgresql":
        return PostgresCopyWriter(model)
    return BatchWriter(model)


class WritePipeline:
    """Writes each chunk in its own transaction on a second connection, in a thread, while
    the importer checks the next chunk. At most one chunk is in flight; a failed write is
    raised at the next chunk or at :meth:`close`.

    Used on PostgreSQL outside any transaction (a Celery task, the shell). Inside one — a
    request, a test — the importer writes on its own connection instead, since a second
    connection would not see that transaction's rows.
    """

    def __init__(self, model):
        self.model = model
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="onboarding-write")
        self.pending: Future | None = None

    @classmethod
    def when_useful(cls, model) -> WritePipeline | None:
        wanted = getattr(settings, "ONBOARDING_PIPELINE_WRITES", True)
        if wanted and connection.vendor == "postgresql" and not connection.in_atomic_block:
            return cls(model)
        return None

    def _write(self, created, changed, fields) -> None:
        writer = writer_for(self.model)
        with transaction.atomic():
            writer.insert(created)
            writer.update(changed, fields)

    def wait(self) -> None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()

    def submit(self, created: list[dict], changed: list[tuple[int, dict]], fields) -> None:
        self.wait()
        if created or changed:
            self.pending = self.executor.submit(self._write, created, changed, fields)

    def close(self) -> None:
        try:
            self.wait()
        finally:
            # ``connection`` is per thread: look it up in the worker thread, and close that.
            self.executor.submit(lambda: connection.close()).result()
            self.executor.shutdown()
