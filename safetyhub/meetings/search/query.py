"""Turn user text into a filtered, ranked queryset."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from django.db import connection
from django.db.models import BooleanField, F, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL

from safetyhub.extraction.tokenize import ParsedQuery, keyword_synonyms, parse_query

from . import backends

# Up to this many matches, fetch them by id (match-first); beyond it, let the planner join.
FEW_MATCHES = 2000
# For queries with more matches, ts_rank / bm25 is computed for this many of the newest (highest
# id); the rest rank 0 and follow by date. Scoring costs 7-10 us a row, too much for 70,000 rows.
RANKED_MATCHES = 2000


@lru_cache(maxsize=4)
def _synonyms(rows: tuple) -> dict:  # type: ignore[type-arg]
    return keyword_synonyms(rows)


def sector_synonyms() -> dict:  # type: ignore[type-arg]
    """The cross-language table from the Sector rows (editors may add keywords)."""
    return _kept_synonyms()()


@cache
def _kept_synonyms() -> Callable[[], dict]:  # type: ignore[type-arg]
    # Kept per facet version (triggers change it on any write to the sectors): a search page
    # parses twice, and reading and hashing every sector each time cost ~1 ms. Imported
    # here: the models module imports this package.
    from ..models import ArchiveVersion

    return ArchiveVersion.kept_per_facet_version(_read_synonyms)


def _read_synonyms() -> dict:  # type: ignore[type-arg]
    from ..models import Sector

    rows = tuple(
        (slug, en, zh, tuple(kw_en or ()), tuple(kw_zh or ()))
        for slug, en, zh, kw_en, kw_zh in Sector.objects.order_by("slug").values_list(
            "slug", "name_en", "name_zh", "keywords_en", "keywords_zh"
        )
    )
    return _synonyms(rows)


def parse(q: str | ParsedQuery | None) -> ParsedQuery:
    """Tokenize a query with the sector keywords as cross-language synonyms."""
    if isinstance(q, ParsedQuery):
        return q
    if not q or not q.strip():
        return ParsedQuery()
    return parse_query(q, sector_synonyms())


def _join_alias(queryset: QuerySet, table: str) -> str:  # type: ignore[type-arg]
    for alias, join in queryset.query.alias_map.items():
        if join.table_name == table:
            return alias
    raise LookupError(table)


def _search(
    queryset: QuerySet,  # type: ignore[type-arg]
    q: str | ParsedQuery | None,
    *,
    table: backends.Table,
    relation: str,
    newest: tuple[str, ...],
) -> QuerySet:  # type: ignore[type-arg]
    parsed = parse(q)
    if not parsed:
        return queryset
    vendor = connection.vendor
    required, excluded = backends.match_expression(parsed, vendor_name=vendor)
    if excluded:
        sql, params = backends.match_ids_sql(table, excluded, vendor_name=vendor)
        queryset = queryset.exclude(pk__in=RawSQL(sql, params))
    if not required:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField())).order_by("-rank", *newest)

    if vendor == "postgresql":
        queryset, rank = _postgres_match(queryset, table, required)
    else:
        queryset = queryset.filter(**{f"{relation}__isnull": False})
        alias = _join_alias(queryset, table.name)
        queryset = queryset.filter(RawSQL(f'"{alias}" MATCH %s', (required,), output_field=BooleanField()))
        weights = ", ".join(str(w) for w in table.bm25_weights)
        score = f'-bm25("{alias}", {weights})'
        if backends.count_matches(table, required, upto=RANKED_MATCHES) <= RANKED_MATCHES:
            rank = RawSQL(score, (), output_field=FloatField())
        else:
            # bm25 costs ~7 us a row; score the newest matches only, as on PostgreSQL.
            latest = (
                f'SELECT rowid FROM "{table.name}" WHERE "{table.name}" MATCH %s '
                f"ORDER BY rowid DESC LIMIT {RANKED_MATCHES}"
            )
            rank = RawSQL(
                f'CASE WHEN "{alias}".rowid IN ({latest}) THEN {score} ELSE 0 END',
                (required,),
                output_field=FloatField(),
            )
    return queryset.annotate(rank=rank).order_by(F("rank").desc(), *newest)


def _postgres_match(queryset: QuerySet, table: backends.Table, tsquery: str) -> tuple[QuerySet, RawSQL]:  # type: ignore[type-arg]
    meta = queryset.model._meta
    own_id = f'"{meta.db_table}"."{meta.pk.column}"'
    sql, params = backends.match_ids_sql(table, tsquery, vendor_name="postgresql")
    score = (
        f'(SELECT ts_rank(%s::float4[], s.document, %s::tsquery, 1) FROM "{table.name}" s '
        f"WHERE s.rowid = {own_id})"
    )
    score_params = [backends.TS_RANK_WEIGHTS, tsquery]
    if backends.count_matches(table, tsquery, upto=FEW_MATCHES) <= FEW_MATCHES:
        # Rare terms: take the matching ids from the GIN index first (an InitPlan) and fetch
        # only those. Otherwise the planner may walk the date index for ORDER BY date LIMIT 20
        # and test every meeting for a term that few have.
        queryset = queryset.filter(
            RawSQL(f"{own_id} = ANY(ARRAY({sql}))", params, output_field=BooleanField())
        )
        return queryset, RawSQL(score, score_params, output_field=FloatField())
    # Common terms: a semi-join. Walking the date index finds a page of matches at once here,
    # and counts hash-join against the index scan.
    queryset = queryset.filter(pk__in=RawSQL(sql, params))
    newest = (
        f'SELECT rowid FROM "{table.name}" WHERE document @@ %s::tsquery '
        f"ORDER BY rowid DESC LIMIT {RANKED_MATCHES}"
    )
    rank = RawSQL(
        f"CASE WHEN {own_id} IN ({newest}) THEN {score} ELSE 0 END",
        [tsquery, *score_params],
        output_field=FloatField(),
    )
    return queryset, rank


def meeting_search(queryset: QuerySet, q: str | ParsedQuery | None) -> QuerySet:  # type: ignore[type-arg]
    """Filter meetings by the query, annotate `rank` and order by it, then newest first."""
    return _search(queryset, q, table=backends.MEETINGS, relation="search_row", newest=("-sort_date", "-id"))


def directive_search(queryset: QuerySet, q: str | ParsedQuery | None) -> QuerySet:  # type: ignore[type-arg]
    """Filter directives by the query, annotate `rank` and order by it, then newest first."""
    return _search(
        queryset,
        q,
        table=backends.DIRECTIVES,
        relation="search_row",
        newest=("-meeting__sort_date", "meeting_id", "order"),
    )
