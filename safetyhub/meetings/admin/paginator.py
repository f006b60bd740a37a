"""A paginator that never counts a large table (or a large part of it) on a changelist view.

On PostgreSQL: unfiltered, the table's row estimate (pg_class.reltuples, kept by ANALYZE and
autovacuum); filtered, the planner's estimate of the filtered query, and an exact COUNT only
when that estimate is small. Estimated counts are marked (`is_estimate`) so the page can say
"about". Other databases count exactly.
"""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

# Below this many rows an exact COUNT is cheap, and exact is better.
ESTIMATE_ABOVE = 10_000


def estimated_row_count(model: type, using: str) -> int | None:
    """Return PostgreSQL's estimate of a table's rows, or None (other databases, never analyzed)."""
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


def planned_row_count(queryset: QuerySet) -> int | None:  # type: ignore[type-arg]
    """Return the PostgreSQL planner's estimate of how many rows a queryset yields, or None."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        row = cursor.fetchone()
    plan = json.loads(row[0]) if row and isinstance(row[0], str) else (row[0] if row else None)
    try:
        return int(plan[0]["Plan"]["Plan Rows"])  # type: ignore[index]
    except (TypeError, KeyError, IndexError, ValueError):
        return None


class EstimatedCountPaginator(Paginator):
    """Estimate large counts on PostgreSQL instead of scanning for them; count small ones exactly."""

    is_estimate = False

    @cached_property
    def count(self) -> int:
        qs = self.object_list
        if isinstance(qs, QuerySet):
            if not qs.query.where and not qs.query.distinct:
                estimate = estimated_row_count(qs.model, qs.db)
            else:
                estimate = planned_row_count(qs)
            if estimate is not None and estimate > ESTIMATE_ABOVE:
                self.is_estimate = True
                return estimate
        return super().count
