"""The facet version (ArchiveVersion row 1) changes on any update of a region, names included.

Migration 0006 watched only a region's code and parent, the columns the facet arrays read.
The facet index now also keeps the region rows themselves (names for facets, trails and result
rows), so renaming a region must retire it too. Renames are rare; the extra reloads cost nothing.
"""

from django.db import migrations

VERSION = "meetings_archiveversion"
FUNCTION = "meetings_archive_changed"
TABLE = "meetings_region"


def _recreate(schema_editor, update_clause: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_version ON {TABLE}")
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_version AFTER INSERT OR {update_clause} OR DELETE "
            f"ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )
    elif vendor == "sqlite":
        bump = (
            f"INSERT INTO {VERSION} (id, number) VALUES (1, random()) "
            "ON CONFLICT (id) DO UPDATE SET number = excluded.number;"
        )
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_version_update")
        schema_editor.execute(f"CREATE TRIGGER {TABLE}_version_update AFTER {update_clause} ON {TABLE} BEGIN {bump} END")


def widen(apps, schema_editor):
    _recreate(schema_editor, "UPDATE")


def narrow(apps, schema_editor):
    _recreate(schema_editor, "UPDATE OF code, parent_id")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_official_name_en_lower")]

    operations = [migrations.RunPython(widen, narrow, elidable=False)]
