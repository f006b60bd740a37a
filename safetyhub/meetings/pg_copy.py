"""Bulk writes for PostgreSQL: COPY, and ids taken ahead from a table's sequence.

An executemany sends one INSERT per row, and each fires the tables' statement-level
content-version triggers (migrations 0006, 0007) once more: thousands of trigger runs and
updates of the one version row per ingest batch. A COPY is one statement however many rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

_SEQUENCES: dict[str, str] = {}


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """COPY rows (values as psycopg adapts them for a query) into `table`'s `columns`."""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def next_ids(table: str, column: str, count: int) -> list[int]:
    """`count` new values of the sequence behind `table.column`, in ascending order."""
    with connection.cursor() as cursor:
        sequence = _SEQUENCES.get(table)
        if sequence is None:
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
            sequence = _SEQUENCES[table] = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s) ORDER BY 1", [sequence, count])
        return [row[0] for row in cursor.fetchall()]
