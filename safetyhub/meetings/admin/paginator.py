"""A paginator that does not count a whole large table on every changelist view."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many rows an exact COUNT is cheap and exact is better.
ESTIMATE_ABOVE = 10_000


def estimated_row_count(model: type, using: str) -> int | None:
    """Return PostgreSQL's estimate of a table's rows (kept by ANALYZE/autovacuum), or None."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [model._meta.db_table],  # type: ignore[attr-defined]
        )
        row = cursor.fetchone()
    if row is None or row[0] is None or row[0] < 0:  # -1: never analyzed
        return None
    return int(row[0])


class EstimatedCountPaginator(Paginator):
    """Use the planner's row estimate for an unfiltered large table, an exact count otherwise."""

    @cached_property
    def count(self) -> int:
        qs = self.object_list
        query = getattr(qs, "query", None)
        if query is not None and not query.where and not query.distinct:
            estimate = estimated_row_count(qs.model, qs.db)
            if estimate is not None and estimate > ESTIMATE_ABOVE:
                return estimate
        return super().count
