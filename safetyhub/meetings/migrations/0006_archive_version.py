"""ArchiveVersion and the triggers that change it on every write the facet index depends on.

Watched: meetings (their facet columns), meeting sectors, attendances, sectors and regions.
PostgreSQL: statement-level triggers (one update per statement, however many rows) taking the
next value of a sequence. SQLite has row-level triggers only; each sets a random 64-bit number.
"""

from django.db import migrations, models

VERSION = "meetings_archiveversion"
SEQUENCE = "meetings_archive_version_seq"
FUNCTION = "meetings_archive_changed"
# table -> columns whose update matters (None: any update)
WATCHED = {
    "meetings_meeting": ("region_id", "sort_date", "meeting_type", "language"),
    "meetings_meeting_sectors": None,
    "meetings_attendance": ("meeting_id", "official_id"),
    "meetings_sector": None,
    "meetings_region": ("code", "parent_id"),
}


def _update_clause(columns):
    return f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")
        schema_editor.execute(
            f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {VERSION} (id, number) VALUES (1, nextval('{SEQUENCE}'))
                ON CONFLICT (id) DO UPDATE SET number = EXCLUDED.number;
                RETURN NULL;
            END $$"""
        )
        for table, columns in WATCHED.items():
            schema_editor.execute(
                f"CREATE TRIGGER {table}_version AFTER INSERT OR {_update_clause(columns)} OR DELETE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_version_truncate AFTER TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
    elif vendor == "sqlite":
        bump = (
            f"INSERT INTO {VERSION} (id, number) VALUES (1, random()) "
            "ON CONFLICT (id) DO UPDATE SET number = excluded.number;"
        )
        for table, columns in WATCHED.items():
            for event in ("INSERT", _update_clause(columns), "DELETE"):
                name = f"{table}_version_{event.split()[0].lower()}"
                schema_editor.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {bump} END")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in WATCHED:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_version_truncate ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")
    elif vendor == "sqlite":
        for table in WATCHED:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_version_{event}")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_perf_facet_index")]

    operations = [
        migrations.CreateModel(
            name="ArchiveVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "archive version"},
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
