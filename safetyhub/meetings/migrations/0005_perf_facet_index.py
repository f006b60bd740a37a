"""PostgreSQL: a covering index the list page's facets count from without touching meeting rows.

The facets group every matching meeting by region, type, language and year. Read from the
table, each GROUP BY scans the wide rows (title, body, spans: ~110 MB at 100k meetings);
this index holds just those columns (~5 MB; held_year too, for the search benchmark's facets), so PostgreSQL counts with an index-only scan,
whether the list is unfiltered or filtered by region (leading column) and date (second).
Index-only scans need an up-to-date visibility map: autovacuum keeps it, and the benchmarks
VACUUM ANALYZE after their bulk loads. SQLite has no INCLUDE; it counts from its own indexes.
Like 0004, the index lives outside the model state; this migration is its only owner.
"""

from django.db import migrations

INDEX = "meeting_facet_cover_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON meetings_meeting (region_id, sort_date) "
            "INCLUDE (meeting_type, language, held_year, id)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_browse_sort_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
