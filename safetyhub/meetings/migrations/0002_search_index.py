"""Search tables: an FTS5 virtual table on SQLite, a weighted tsvector with a GIN index on PostgreSQL.

The models are unmanaged (their schema differs by database), so the tables are made here.
"""

import django.db.models.deletion
from django.db import migrations, models

# Written out here rather than imported, so later code changes cannot change this migration.
POSTGRESQL = [
    "CREATE TABLE meetings_search (rowid bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX meetings_search_document_gin ON meetings_search USING gin (document)",
    "CREATE TABLE meetings_directive_search (rowid bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX meetings_directive_search_document_gin ON meetings_directive_search USING gin (document)",
]
SQLITE = [
    "CREATE VIRTUAL TABLE meetings_search USING fts5("
    "title, body, names, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE meetings_directive_search USING fts5("
    "text, names, tokenize = 'unicode61 remove_diacritics 0')",
]
DROP = ["DROP TABLE IF EXISTS meetings_search", "DROP TABLE IF EXISTS meetings_directive_search"]


def create_tables(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(sql)


def drop_tables(apps, schema_editor):
    if schema_editor.connection.vendor in ("postgresql", "sqlite"):
        for sql in DROP:
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
