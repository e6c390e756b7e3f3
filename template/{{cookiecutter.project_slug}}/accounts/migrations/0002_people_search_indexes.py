"""Indexes for a million people: name order, designation, one account per e-mail, and
(on PostgreSQL) case-insensitive prefix search.

The admin searches people with ``istartswith`` on name, e-mail, username, employee id
and designation. On PostgreSQL that compiles to ``UPPER(col::text) LIKE UPPER('x%')``,
which only an index on that expression with ``text_pattern_ops`` can serve; Django has
no portable way to declare one, so they are created here with SQL on PostgreSQL only
(SQLite scans, which is fine at its size).
"""

import django.db.models.functions.text
from django.db import migrations, models
from django.db.models.functions import Upper

PREFIX_SEARCH_COLUMNS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "employee_id",
    "designation",
]


def refuse_duplicate_emails(apps, schema_editor):
    """The unique index would fail with a bare IntegrityError; name the addresses instead."""
    User = apps.get_model("accounts", "User")
    duplicates = (
        User.objects.exclude(email="")
        .annotate(address=Upper("email"))
        .values("address")
        .annotate(accounts=models.Count("id"))
        .filter(accounts__gt=1)
        .order_by("address")
    )
    found = [f"{row['address']} ({row['accounts']} accounts)" for row in duplicates[:20]]
    if found:
        raise RuntimeError(
            "Cannot make e-mail addresses unique: these are shared by several accounts, "
            "whatever their case. Merge or change them, then migrate again: " + ", ".join(found)
        )


def create_prefix_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in PREFIX_SEARCH_COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS person_prefix_{column} ON accounts_user "
            f'(UPPER("{column}"::text) text_pattern_ops)'
        )


def drop_prefix_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in PREFIX_SEARCH_COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS person_prefix_{column}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="user",
            index=models.Index(fields=["last_name", "first_name"], name="person_name"),
        ),
        migrations.AddIndex(
            model_name="user",
            index=models.Index(fields=["designation"], name="person_designation"),
        ),
        migrations.RunPython(refuse_duplicate_emails, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Upper("email"),
                condition=models.Q(("email", ""), _negated=True),
                name="one_account_per_email",
            ),
        ),
        migrations.RunPython(create_prefix_search_indexes, drop_prefix_search_indexes),
    ]
