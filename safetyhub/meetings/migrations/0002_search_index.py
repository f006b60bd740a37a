"""Search tables: an FTS5 virtual table on SQLite, a weighted tsvector with a GIN index on PostgreSQL.

The models are unmanaged (their schema differs by database), so the tables are made here.
"""

import django.db.models.deletion
from django.db import migrations, models

from safetyhub.meetings.search import backends

TABLES = (backends.MEETINGS, backends.DIRECTIVES)


def create_tables(apps, schema_editor):
    for table in TABLES:
        for sql in backends.create_sql(table, schema_editor.connection.vendor):
            schema_editor.execute(sql)


def drop_tables(apps, schema_editor):
    for table in TABLES:
        for sql in backends.drop_sql(table, schema_editor.connection.vendor):
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="DirectiveSearchRow",
            fields=[
                (
                    "directive",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_row",
                        serialize=False,
                        to="meetings.directive",
                    ),
                ),
            ],
            options={
                "db_table": "meetings_directive_search",
                "managed": False,
            },
        ),
        migrations.CreateModel(
            name="MeetingSearchRow",
            fields=[
                (
                    "meeting",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_row",
                        serialize=False,
                        to="meetings.meeting",
                    ),
                ),
            ],
            options={
                "db_table": "meetings_search",
                "managed": False,
            },
        ),
        migrations.RunPython(create_tables, drop_tables, elidable=False),
    ]
