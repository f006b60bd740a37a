"""`field__any=[...]`: membership in a list of strings, sent as one array on PostgreSQL.

Ingest looks up hundreds of names, paths and hashes per batch. `__in` makes a placeholder per
value, which Django prepares one by one and psycopg splits and quotes one by one (~8% of the
ingest parent's time); `= ANY(%s)` is one parameter. SQLite has no arrays: an IN list there.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Lookup


@models.CharField.register_lookup
class AnyOf(Lookup):  # type: ignore[type-arg]
    lookup_name = "any"
    prepare_rhs = False  # the values are strings already: no per-value preparation

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [str(v) for v in self.rhs]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::text[])", [*lhs_params, values]
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]
