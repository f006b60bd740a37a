"""An in-memory facet engine for the meeting list: exact facet counts in milliseconds.

Counting facets in SQL costs one GROUP BY per facet over every match: at 100,000 meetings a
common search term matches 70,000 of them and the facets alone take half a second. Instead
each process keeps the few columns that filters and facets read (region, date, type,
language, sectors, attendances) as numpy arrays, one row per meeting, rows in the list's
date order. A filter is a boolean mask, a facet count a bincount over the mask of the *other*
filters, and a date-sorted page the first set bits of the mask. Full-text matching stays in
the database, which returns the matching ids (and ranks); they become one more mask.

Freshness: triggers (migration 0006) change ArchiveVersion on every write to the tables read
here. Each request compares the version (one primary-key read) and reloads the arrays when it
changed. While writes keep coming (an ingest running) a process reloads at most once every
FACET_INDEX_REFRESH seconds; in between, requests use the exact SQL facets. Counts are never
stale. At 100,000 meetings the arrays take ~8 MB per process and load in about a second.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection

from safetyhub import pagecache

from .models import ArchiveVersion, Attendance, Language, Meeting, MeetingType, Region, Sector
from .search import backends, parse
from .search.query import RANKED_MATCHES

logger = logging.getLogger(__name__)

TYPES = [value for value, _label in MeetingType.choices]
LANGUAGES = [value for value, _label in Language.choices]
UNDATED = np.iinfo(np.int32).min
# Query groups (and rankings) whose matches each process keeps: 12.5 KB each at 100k meetings.
QUERY_CACHE = 256


def _codes(values: Iterable[str], known: list[str]) -> np.ndarray:
    """Small-int codes of choice values; a value outside the choices gets len(known)."""
    index = {v: i for i, v in enumerate(known)}
    return np.fromiter((index.get(v, len(known)) for v in values), dtype=np.int8)


class MeetingIndex:
    """The facet columns of every meeting, rows ordered newest first (the list's date order)."""

    def __init__(self, version: int | None) -> None:
        self.version = version
        started = time.perf_counter()
        with connection.cursor() as cursor:
            # Newest first, undated last: selectors.NEWEST. Dates are read as text (ISO), which
            # both backends return quickly and which sorts and slices without date objects.
            cursor.execute(
                "SELECT id, region_id, sort_date, meeting_type, language FROM meetings_meeting "
                "ORDER BY sort_date IS NULL, sort_date DESC, id DESC"
            )
            rows = cursor.fetchall()
        n = len(rows)
        self.size = n
        self.ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
        self.region = np.fromiter((r[1] or 0 for r in rows), dtype=np.int32, count=n)
        ordinals = np.full(n, UNDATED, dtype=np.int32)
        years = np.zeros(n, dtype=np.int16)
        months = np.zeros(n, dtype=np.int8)
        for i, r in enumerate(rows):
            if (day := r[2]) is not None:
                if isinstance(day, str):  # SQLite may hand a raw cursor's dates back as text
                    day = dt.date.fromisoformat(day)
                ordinals[i], years[i], months[i] = day.toordinal(), day.year, day.month
        self.ordinal, self.year, self.month = ordinals, years, months
        self.dated = ordinals != UNDATED
        self.type = _codes((r[3] for r in rows), TYPES)
        self.language = _codes((r[4] for r in rows), LANGUAGES)
        del rows

        # id -> row: a sorted copy of the ids and the row each came from.
        self._id_order = np.argsort(self.ids, kind="stable")
        self._sorted_ids = self.ids[self._id_order]

        # Sector rows are watched by the version triggers too, so the facet's labels can be kept.
        self.sector_objects = list(Sector.objects.using(DEFAULT_DB_ALIAS).order_by("slug"))
        self.sector_by_id = {s.pk: s for s in self.sector_objects}
        sectors = sorted((s.pk, s.slug) for s in self.sector_objects)
        self.sector_ids = [pk for pk, _slug in sectors]
        self.sector_slugs = {slug: pk for pk, slug in sectors}
        self.sector_column = column = {pk: i for i, pk in enumerate(self.sector_ids)}
        self.sectors = np.zeros((n, len(self.sector_ids)), dtype=bool)
        links = Meeting.sectors.through.objects.using(DEFAULT_DB_ALIAS).values_list("meeting_id", "sector_id")
        if pairs := list(links):
            meeting_ids = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
            cols = np.fromiter((column.get(p[1], -1) for p in pairs), dtype=np.int32, count=len(pairs))
            rows_of = self.rows_of(meeting_ids)
            ok = (rows_of >= 0) & (cols >= 0)
            self.sectors[rows_of[ok], cols[ok]] = True

        # Attendances sorted by official: the rows an official attended are one slice.
        att = list(Attendance.objects.using(DEFAULT_DB_ALIAS).values_list("official_id", "meeting_id"))
        officials = np.fromiter((a[0] for a in att), dtype=np.int64, count=len(att))
        att_rows = self.rows_of(np.fromiter((a[1] for a in att), dtype=np.int64, count=len(att)))
        order = np.lexsort((att_rows, officials))
        self.att_official = officials[order]
        self.att_row = att_rows[order]
        self.official_ids, self.att_official_code = np.unique(self.att_official, return_inverse=True)

        # Every region, parents linked: facets, trails and result rows name regions without a
        # query (triggers retire the index on any region change, names included: 0009).
        self.regions = {r.pk: r for r in Region.objects.using(DEFAULT_DB_ALIAS).order_by("code")}
        self.region_by_code = {r.code: r for r in self.regions.values()}
        self.region_children: dict[int | None, list[Region]] = {}
        parent_cache = Region._meta.get_field("parent")
        for r in self.regions.values():
            parent = self.regions.get(r.parent_id) if r.parent_id is not None else None
            parent_cache.set_cached_value(r, parent)
            self.region_children.setdefault(r.parent_id, []).append(r)
        self.region_codes = {pk: r.code for pk, r in self.regions.items()}
        by_code = sorted(self.region_codes.items(), key=lambda item: item[1])
        self._codes_sorted = [c for _pk, c in by_code]
        self._ids_by_code = np.fromiter((pk for pk, _c in by_code), dtype=np.int64, count=len(by_code))
        self._region_id_limit = max([*self.regions, int(self.region.max(initial=0))]) + 1
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.load_seconds = time.perf_counter() - started

    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        """The row of each id, -1 for ids not in the index."""
        if not len(self._sorted_ids):
            return np.full(len(ids), -1, dtype=np.int64)
        pos = np.searchsorted(self._sorted_ids, ids)
        pos = np.minimum(pos, len(self._sorted_ids) - 1)
        found = self._sorted_ids[pos] == ids
        return np.where(found, self._id_order[pos], -1)

    def mask_of_ids(self, ids: Sequence[int]) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        if len(ids):
            rows = self.rows_of(np.asarray(ids, dtype=np.int64))
            mask[rows[rows >= 0]] = True
        return mask

    def regions_under(self, code: str) -> np.ndarray:
        """Ids of the regions whose code starts with `code`: codes extend their parent's, so
        in code order they are one run, found by bisection instead of a scan of every code."""
        lo = bisect.bisect_left(self._codes_sorted, code)
        hi = bisect.bisect_left(self._codes_sorted, code + "\U0010ffff", lo)
        return self._ids_by_code[lo:hi]

    def region_lookup(self, code: str) -> np.ndarray:
        """Per region id: whether the region lies under `code` (never id 0, "no region")."""
        wanted = np.zeros(self._region_id_limit, dtype=bool)
        wanted[self.regions_under(code)] = True
        wanted[0] = False
        return wanted

    def region_mask(self, code: str) -> np.ndarray:
        """Meetings in the region with this code or anywhere under it."""
        return self.region_lookup(code)[self.region]

    def child_map(self, code: str, child_codes: tuple[str, ...]) -> np.ndarray:
        """Per region id: the index of the child region it lies in, -1 if in `code` itself but
        in no child, -2 if not under `code` (or no region). Kept per (code, children)."""
        key = ("children", code, child_codes)
        if (found := self._cache.get(key)) is not None:
            return found
        child_of = np.full(self._region_id_limit, -2, dtype=np.int32)
        child_of[self.regions_under(code)] = -1
        # Longest codes first, so where one child's code prefixes another's the shorter wins.
        for i, child in sorted(enumerate(child_codes), key=lambda item: -len(item[1])):
            child_of[self.regions_under(child)] = i
        child_of[0] = -2
        self._remember(key, child_of)
        return child_of

    def official_mask(self, official_id: int) -> np.ndarray:
        lo, hi = np.searchsorted(self.att_official, [official_id, official_id + 1])
        mask = np.zeros(self.size, dtype=bool)
        mask[self.att_row[lo:hi]] = True
        return mask

    def matches(self, expression: str) -> np.ndarray:
        """Rows whose search row matches one query group; the last QUERY_CACHE groups are kept.

        A user refining a search by facets repeats the same query on every click, and queries
        share groups ("消防", "消防 -检查"): Lucene's filter-cache idea. The cache belongs to
        this index, so it goes when the data changes."""
        key = ("match", expression)
        if (packed := self._cache.get(key)) is not None:
            self._cache.move_to_end(key)
            return np.unpackbits(packed, count=self.size).astype(bool)
        # The web processes share their matches through the page cache: a common word costs
        # up to ~0.5 s to match, once per archive version instead of once per process.
        shared = ("match", self.version, self.size, connection.vendor, expression)
        found = pagecache.shared_get(*shared)
        if isinstance(found, bytes) and len(found) == (self.size + 7) // 8:
            packed = np.frombuffer(found, dtype=np.uint8)
            self._remember(key, packed)
            return np.unpackbits(packed, count=self.size).astype(bool)
        mask = self.mask_of_ids(_match_ids(expression))
        packed = np.packbits(mask)
        self._remember(key, packed)
        pagecache.shared_set(packed.tobytes(), *shared)
        return mask

    def ranks(self, expression: str) -> dict[int, float]:
        key = ("rank", expression)
        if (found := self._cache.get(key)) is not None:
            self._cache.move_to_end(key)
            return found
        ranks = _ranks(expression)
        self._remember(key, ranks)
        return ranks

    def _remember(self, key: tuple[Any, ...], value: Any) -> None:
        with _lock:
            self._cache[key] = value
            while len(self._cache) > QUERY_CACHE:
                self._cache.popitem(last=False)

    def select(self, values: dict[str, Any]) -> Selection:
        return Selection(self, values)


@dataclass
class Selection:
    """One request's filters as masks, with the facet counts and the page built from them."""

    index: MeetingIndex
    values: dict[str, Any]
    masks: dict[str, np.ndarray] = field(default_factory=dict)
    rank: dict[int, float] | None = None

    def __post_init__(self) -> None:
        ix, v = self.index, self.values
        if q := v.get("q", "").strip():
            parsed = parse(q)
            if parsed:
                vendor = connection.vendor
                mask = np.ones(ix.size, dtype=bool)
                for group in parsed.required:
                    mask &= ix.matches(backends.group_expression(group, vendor_name=vendor))
                for group in parsed.excluded:
                    mask &= ~ix.matches(backends.group_expression(group, vendor_name=vendor))
                self.masks["q"] = mask
                if parsed.required and v.get("sort") == "relevance":
                    required, _excluded = backends.match_expression(parsed, vendor_name=vendor)
                    assert required is not None
                    self.rank = ix.ranks(required)
        if code := v.get("region"):
            self.masks["region"] = ix.region_mask(code)
        if slugs := v.get("sector"):
            mask = np.ones(ix.size, dtype=bool)
            for slug in slugs:
                pk = ix.sector_slugs.get(slug)
                col = ix.sector_column.get(pk) if pk is not None else None
                mask &= ix.sectors[:, col] if col is not None else False
            self.masks["sector"] = mask
        if official := v.get("official"):
            self.masks["official"] = ix.official_mask(int(official))
        if start := v.get("date_from"):
            self.masks["date_from"] = ix.dated & (ix.ordinal >= start.toordinal())
        if end := v.get("date_to"):
            self.masks["date_to"] = ix.dated & (ix.ordinal <= end.toordinal())
        if (kind := v.get("type")) is not None and kind != "":
            code = TYPES.index(kind) if kind in TYPES else -1
            self.masks["type"] = ix.type == code
        if (lang := v.get("language")) is not None and lang != "":
            code = LANGUAGES.index(lang) if lang in LANGUAGES else -1
            self.masks["language"] = ix.language == code
        self.mask = self.without()

    def without(self, *names: str) -> np.ndarray:
        mask = np.ones(self.index.size, dtype=bool)
        for name, m in self.masks.items():
            if name not in names:
                mask &= m
        return mask

    @property
    def total(self) -> int:
        return int(self.mask.sum())

    # --- facets ---------------------------------------------------------------------------

    def choice_counts(self, name: str) -> dict[str, int]:
        known, column = (TYPES, self.index.type) if name == "type" else (LANGUAGES, self.index.language)
        counts = np.bincount(column[self.without(name)], minlength=len(known) + 1)
        return {value: int(counts[i]) for i, value in enumerate(known) if counts[i]}

    def year_counts(self) -> dict[int, int]:
        base = self.without("date_from", "date_to") & self.index.dated
        years, counts = np.unique(self.index.year[base], return_counts=True)
        return {int(y): int(n) for y, n in zip(years, counts, strict=True)}

    def month_counts(self, year: int) -> dict[int, int]:
        base = self.without("date_from", "date_to") & self.index.dated & (self.index.year == year)
        counts = np.bincount(self.index.month[base], minlength=13)
        return {m: int(counts[m]) for m in range(1, 13) if counts[m]}

    def sector_counts(self) -> dict[int, int]:
        counts = self.index.sectors[self.mask].sum(axis=0)
        return {pk: int(n) for pk, n in zip(self.index.sector_ids, counts, strict=True) if n}

    def official_counts(self, limit: int) -> list[tuple[int, int]]:
        """The officials attending most of the matching meetings (disjunctive: without `official`)."""
        ix = self.index
        attended = self.without("official")[ix.att_row]
        counts = np.bincount(ix.att_official_code[attended], minlength=len(ix.official_ids))
        if not counts.any():
            return []
        top = np.flatnonzero(counts)
        # Most meetings first, then the lower id, as the SQL facet orders them.
        top = top[np.lexsort((ix.official_ids[top], -counts[top]))][:limit]
        return [(int(ix.official_ids[i]), int(counts[i])) for i in top]

    def region_rollup(self, code: str, child_codes: Sequence[str]) -> tuple[dict[str, int], int]:
        """Meetings under each child region of `code` (and directly in it: `own`), disjunctive."""
        ix = self.index
        child_of = ix.child_map(code, tuple(child_codes))
        counts = np.bincount(ix.region[self.without("region")], minlength=len(child_of))
        under = child_of >= -1
        weights = counts[: len(child_of)][under]
        sums = np.bincount(child_of[under] + 1, weights=weights, minlength=len(child_codes) + 1)
        by_child = {c: int(sums[i + 1]) for i, c in enumerate(child_codes) if sums[i + 1]}
        return by_child, int(sums[0])

    # --- the page ------------------------------------------------------------------------

    def page_ids(self, offset: int, limit: int) -> list[int]:
        rows = np.flatnonzero(self.mask)
        if self.rank:
            ranks = np.zeros(self.index.size, dtype=np.float64)
            ranked = self.index.rows_of(np.fromiter(self.rank, dtype=np.int64, count=len(self.rank)))
            scores = np.fromiter(self.rank.values(), dtype=np.float64, count=len(self.rank))
            ranks[ranked[ranked >= 0]] = scores[ranked >= 0]
            # Best rank first; equal ranks (and the unranked) keep the date order.
            rows = rows[np.argsort(-ranks[rows], kind="stable")]
        return [int(i) for i in self.index.ids[rows[offset : offset + limit]]]


def _match_ids(expression: str) -> list[int]:
    sql, params = backends.match_ids_sql(backends.MEETINGS, expression, vendor_name=connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [r[0] for r in cursor.fetchall()]


def _ranks(expression: str) -> dict[int, float]:
    """Scores of the newest RANKED_MATCHES matches, as the SQL search ranks them."""
    table = backends.MEETINGS
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f'SELECT rowid, ts_rank(%s::float4[], document, %s::tsquery, 1) FROM "{table.name}" '
                f"WHERE document @@ %s::tsquery ORDER BY rowid DESC LIMIT {RANKED_MATCHES}",
                [backends.TS_RANK_WEIGHTS, expression, expression],
            )
        else:
            weights = ", ".join(str(w) for w in table.bm25_weights)
            cursor.execute(
                f'SELECT rowid, -bm25("{table.name}", {weights}) FROM "{table.name}" '
                f'WHERE "{table.name}" MATCH %s ORDER BY rowid DESC LIMIT {RANKED_MATCHES}',
                [expression],
            )
        return {int(pk): float(score) for pk, score in cursor.fetchall()}


# --- the per-process index ----------------------------------------------------------------------

_lock = threading.RLock()
_current: MeetingIndex | None = None
_loaded_at = 0.0


def current_version() -> int | None:
    # The primary, like the arrays and the search backends' raw SQL (django.db.connection).
    return ArchiveVersion.number_of(ArchiveVersion.FACETS)


def meeting_index() -> MeetingIndex | None:
    """This process's index if it matches the database, reloading it when allowed; else None."""
    global _current, _loaded_at
    if not settings.FACET_INDEX:
        return None
    version = current_version()
    index = _current
    if index is not None and index.version == version:
        return index
    if index is not None and time.monotonic() - _loaded_at < settings.FACET_INDEX_REFRESH:
        return None  # changed again soon after a load (an ingest running): exact SQL facets
    with _lock:
        if _current is not None and _current.version == version:
            return _current
        # Read the version before the data: a write landing in between makes the next request
        # see a newer version and load again, never keep data older than its label.
        fresh = MeetingIndex(version)
        _current, _loaded_at = fresh, time.monotonic()
        logger.info("facet index loaded: %d meetings in %.2fs", fresh.size, fresh.load_seconds)
        return fresh


def reset() -> None:
    """Forget this process's index (tests)."""
    global _current, _loaded_at
    with _lock:
        _current, _loaded_at = None, 0.0
