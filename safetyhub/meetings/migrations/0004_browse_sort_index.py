"""PostgreSQL: an index in the list's order (newest first, undated meetings last).

meeting_sort_date_idx sorts DESC with PostgreSQL's default NULLS FIRST, so a list ordered
newest-first with undated meetings at the end could not read its first page off it. SQLite
puts NULLs last in DESC already and has no NULLS LAST in CREATE INDEX, so it needs nothing.
The index lives outside the model state (it cannot be expressed portably); this migration
is its only owner.
"""

from django.db import migrations

INDEX = "meeting_sort_date_nulls_last_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON meetings_meeting (sort_date DESC NULLS LAST, id DESC)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_merge_0002_admin_groups_0002_search_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
