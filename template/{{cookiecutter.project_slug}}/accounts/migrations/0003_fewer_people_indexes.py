"""Indexes the people list and the HRMS import do not need, dropped: each one is written
for every person the import creates.

* ``person_designation``: the designation filter is a case-insensitive prefix, served by
  ``person_prefix_designation`` (migration 0002).
* Django's ``…_like`` indexes (``varchar_pattern_ops``) on ``username`` and
  ``employee_id``, PostgreSQL only: they serve case-sensitive ``LIKE 'x%'``, which nothing
  asks; the admin's prefix search is case-insensitive and uses the UPPER(…) indexes. The
  unique indexes that enforce one username and one employee id stay.
"""

from django.db import migrations

LIKE_INDEXES = {"username": "accounts_user_username_", "employee_id": "accounts_user_employee_id_"}


def drop_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for prefix in LIKE_INDEXES.values():
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'accounts_user' "
                "AND indexname LIKE %s AND indexname LIKE '%%\\_like'",
                [prefix + "%"],
            )
            for (name,) in cursor.fetchall():
                schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def create_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column, prefix in LIKE_INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{prefix}like" ON accounts_user '
            f'("{column}" varchar_pattern_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_people_search_indexes")]

    operations = [
        migrations.RemoveIndex(model_name="user", name="person_designation"),
        migrations.RunPython(drop_like_indexes, create_like_indexes),
    ]
