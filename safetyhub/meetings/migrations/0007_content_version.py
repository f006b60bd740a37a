"""The content version: ArchiveVersion row 2, changed by every write to anything a page shows.

Row 1 (migration 0006) watches only what the facet index reads, so that a title edit does not
make every web process reload its index. The page cache (safetyhub/pagecache.py) needs more:
any insert, update or delete in the tables below gives row 2 a number never used before, and
cached pages are keyed by it. Statement-level triggers on PostgreSQL, row-level ones on SQLite.
The number is random (63 bits), not from a sequence: cached pages live outside the database, and
a database restored from a backup would replay a sequence's numbers for different content.
"""

from django.db import migrations

VERSION = "meetings_archiveversion"
FUNCTION = "meetings_content_changed"
CONTENT_ROW = 2
TABLES = (
    "meetings_meeting",
    "meetings_meeting_sectors",
    "meetings_meetingsource",
    "meetings_attendance",
    "meetings_official",
    "meetings_directive",
    "meetings_directive_sectors",
    "meetings_sector",
    "meetings_region",
)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    # The row exists from the start: the page cache caches nothing while there is no version.
    random_number = "floor(random() * 9223372036854775807)::bigint" if vendor == "postgresql" else "random()"
    schema_editor.execute(
        f"INSERT INTO {VERSION} (id, number) VALUES ({CONTENT_ROW}, {random_number}) ON CONFLICT (id) DO NOTHING"
    )
    if vendor == "postgresql":
        schema_editor.execute(
            f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {VERSION} (id, number)
                VALUES ({CONTENT_ROW}, floor(random() * 9223372036854775807)::bigint)
                ON CONFLICT (id) DO UPDATE SET number = EXCLUDED.number;
                RETURN NULL;
            END $$"""
        )
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_content AFTER INSERT OR UPDATE OR DELETE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_content_truncate AFTER TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
    elif vendor == "sqlite":
        bump = (
            f"INSERT INTO {VERSION} (id, number) VALUES ({CONTENT_ROW}, random()) "
            "ON CONFLICT (id) DO UPDATE SET number = excluded.number;"
        )
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_content_{event} AFTER {event.upper()} ON {table} BEGIN {bump} END"
                )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_content ON {table}")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_content_truncate ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    elif vendor == "sqlite":
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_content_{event}")
    schema_editor.execute(f"DELETE FROM {VERSION} WHERE id = {CONTENT_ROW}")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0006_archive_version")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
