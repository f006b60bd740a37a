"""The two database backends: FTS5 on SQLite, a weighted tsvector with GIN on PostgreSQL.

Both store the output of the one tokenizer; neither database tokenizes anything itself.
Queries reach the database as parameters built from tokens we quote ourselves: an FTS5
expression of quoted strings, or a tsquery of quoted lexemes cast with ::tsquery.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection

from safetyhub.extraction.tokenize import Group, ParsedQuery, Token
from safetyhub.meetings.pg_copy import copy_rows

# The tables and the stored forms of their rows live in a Django-free module, for ingest workers.
from safetyhub.meetings.search_rows import DIRECTIVES as DIRECTIVES
from safetyhub.meetings.search_rows import MEETINGS as MEETINGS
from safetyhub.meetings.search_rows import Document, Table, document, quote_lexeme
from safetyhub.meetings.search_rows import tsvector_literal as tsvector_literal

# ts_rank weights are given as {D, C, B, A}: title counts most, names and body alike.
TS_RANK_WEIGHTS = "{0.1, 0.4, 0.4, 1.0}"


# --- documents ------------------------------------------------------------------------------


def write_rows(table: Table, rows: Iterable[tuple[int, Sequence[Sequence[Token]]]]) -> int:
    """Replace the search rows of these ids; `rows` yields (id, tokens per field)."""
    vendor = connection.vendor
    return write_documents(table, [(pk, document(vendor, table, fields)) for pk, fields in rows])


def write_documents(table: Table, rows: Sequence[tuple[int, Document]]) -> int:
    """Replace the search rows of these ids; `rows` holds (id, `search_rows.document(...)`)."""
    if not rows:
        return 0
    delete_rows(table, [r[0] for r in rows])
    if connection.vendor == "postgresql":
        # One COPY (the text is parsed as the column's tsvector): an upsert per row costs a
        # statement each.
        copy_rows(table.name, ("rowid", "document"), rows)
    elif connection.vendor == "sqlite":
        placeholders = ", ".join(["%s"] * (len(table.fields) + 1))
        with connection.cursor() as cursor:
            cursor.executemany(
                f'INSERT INTO "{table.name}" (rowid, {", ".join(table.fields)}) VALUES ({placeholders})',
                [(pk, *texts) for pk, texts in rows],
            )
    return len(rows)


def delete_rows(table: Table, ids: Sequence[int]) -> None:
    if not ids:
        return
    with connection.cursor() as cursor:
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            cursor.execute(
                f'DELETE FROM "{table.name}" WHERE rowid IN ({", ".join(["%s"] * len(chunk))})', chunk
            )


def clear(table: Table) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'TRUNCATE "{table.name}"')
        else:
            cursor.execute(f'DELETE FROM "{table.name}"')


def optimize(table: Table) -> None:
    """Merge FTS5 segments / refresh planner statistics after a bulk load."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'ANALYZE "{table.name}"')
        elif connection.vendor == "sqlite":
            cursor.execute(f'INSERT INTO "{table.name}"("{table.name}") VALUES (\'optimize\')')


# --- queries --------------------------------------------------------------------------------


def _fts_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _contains(phrase: Sequence[str], part: Sequence[str]) -> bool:
    n = len(part)
    return any(tuple(phrase[i : i + n]) == tuple(part) for i in range(len(phrase) - n + 1))


def alternatives(group: Group) -> list[tuple[str, ...]]:
    """The group's alternatives without those implied by a shorter one.

    A document matching the phrase "fire safeti" also matches "fire": when "fire" is itself an
    alternative, the phrase adds no match, only the cost of checking word positions (which on
    PostgreSQL means reading every candidate's tsvector)."""
    alts = list(dict.fromkeys(tuple(a) for a in group.alternatives))
    return [a for a in alts if not any(b != a and len(b) < len(a) and _contains(a, b) for b in alts)]


def _fts_group(group: Group) -> str:
    # A multi-token alternative is one FTS5 string: FTS5 reads it as a phrase.
    return "(" + " OR ".join(_fts_string(" ".join(alt)) for alt in alternatives(group)) + ")"


def fts5_expression(groups: Sequence[Group]) -> str:
    return " AND ".join(_fts_group(g) for g in groups)


def _ts_group(group: Group) -> str:
    alts = [" <-> ".join(quote_lexeme(t) for t in alt) for alt in alternatives(group)]
    return "(" + " | ".join(f"({a})" for a in alts) + ")"


def tsquery_text(groups: Sequence[Group]) -> str:
    return " & ".join(_ts_group(g) for g in groups)


def match_expression(parsed: ParsedQuery, *, vendor_name: str) -> tuple[str | None, str | None]:
    """Return (required expression, excluded expression) in the backend's query language."""
    build = tsquery_text if vendor_name == "postgresql" else fts5_expression
    if vendor_name == "postgresql":
        excluded = " | ".join(_ts_group(g) for g in parsed.excluded)
    else:
        excluded = " OR ".join(_fts_group(g) for g in parsed.excluded)
    return (build(parsed.required) or None, excluded or None)


def group_expression(group: Group, *, vendor_name: str) -> str:
    """One group as a query of its own (the facet index matches and caches groups separately)."""
    return _ts_group(group) if vendor_name == "postgresql" else _fts_group(group)


def match_ids_sql(table: Table, expression: str, *, vendor_name: str) -> tuple[str, list[str]]:
    """SQL selecting the ids whose row matches `expression` (passed as a parameter)."""
    if vendor_name == "postgresql":
        return f'SELECT rowid FROM "{table.name}" WHERE document @@ %s::tsquery', [expression]
    return f'SELECT rowid FROM "{table.name}" WHERE "{table.name}" MATCH %s', [expression]


def count_matches(table: Table, expression: str, *, upto: int) -> int:
    """Count the rows matching `expression`, stopping at upto + 1 (cheap for common terms too)."""
    sql, params = match_ids_sql(table, expression, vendor_name=connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql} LIMIT %s) AS found", [*params, upto + 1])
        return int(cursor.fetchone()[0])
