"""Selectors: read-only queries for the pages, the API, the exports and the feed.

Every selector loads what its page shows with select_related/prefetch_related, so the
number of queries does not grow with the page size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np
from django.db import connections, router
from django.db.models import Count, F, Prefetch, QuerySet, prefetch_related_objects
from django.db.models.functions import TruncMonth

from .facet_index import MeetingIndex, Selection, meeting_index
from .filters import DirectiveFilter, MeetingFilter, SortChoices
from .links import fast_reverse
from .models import Attendance, Directive, Meeting, MeetingSource, Official, Region, Sector

REGION_PATH = "region__parent__parent__parent"
# Newest first, undated meetings last: the order of meeting_sort_date_nulls_last_idx
# (migration 0003) on PostgreSQL, so the first page is read straight off an index.
NEWEST = (F("sort_date").desc(nulls_last=True), F("id").desc())


def meeting_list(*, filterset: MeetingFilter) -> QuerySet[Meeting]:
    """The filtered meetings in the requested order, with what a result row shows."""
    qs = filterset.qs
    # The placeholder search does not annotate rank; the real one (search issue) does.
    if filterset.ordering == SortChoices.RELEVANCE and "rank" in qs.query.annotations:
        qs = qs.order_by("-rank", *NEWEST)
    else:
        qs = qs.order_by(*NEWEST)
    return with_list_relations(qs)


class IndexedMeetings:
    """A page source for Paginator: the facet index orders and slices, the database fetches
    just the rows of the page, in the index's order, with what a result row shows
    (attach_list_relations) and any further `prefetch_related` lookups."""

    def __init__(self, selection: Selection, lookups: tuple[str, ...] = ()) -> None:
        self.selection = selection
        self.lookups = lookups

    def count(self) -> int:
        return self.selection.total

    def prefetch_related(self, *lookups: str) -> IndexedMeetings:
        """Like QuerySet.prefetch_related, for the page's rows."""
        return IndexedMeetings(self.selection, (*self.lookups, *lookups))

    def __len__(self) -> int:
        return self.selection.total

    def __getitem__(self, key: slice) -> list[Meeting]:
        start = key.start or 0
        stop = self.selection.total if key.stop is None else key.stop
        ids = self.selection.page_ids(start, max(stop - start, 0))
        if not ids:
            return []
        found = Meeting.objects.defer(*LIST_DEFERRED).filter(pk__in=ids).in_bulk()
        meetings = [found[pk] for pk in ids if pk in found]
        attach_list_relations(meetings, self.selection.index)
        if self.lookups:
            prefetch_related_objects(meetings, *self.lookups)
        return meetings


def attach_list_relations(meetings: list[Meeting], index: MeetingIndex) -> None:
    """What with_list_relations loads, in two small queries: regions and sectors come from the
    facet index's copies (current: the index is only used while its version is), presiders
    from plain rows. Model instances through from_db, so unloaded fields stay deferred."""
    ids = [m.pk for m in meetings]
    region_field = Meeting._meta.get_field("region")
    for m in meetings:
        if m.region_id is not None and (region := index.regions.get(m.region_id)) is not None:
            region_field.set_cached_value(m, region)

    sectors = index.sector_by_id
    links = list(
        Meeting.sectors.through.objects.filter(meeting_id__in=ids).values_list("meeting_id", "sector_id")
    )
    if all(sector_id in sectors for _m, sector_id in links):
        by_meeting: dict[int, list[Sector]] = {pk: [] for pk in ids}
        for meeting_id, sector_id in links:
            by_meeting[meeting_id].append(sectors[sector_id])
        for m in meetings:
            qs = m.sectors.get_queryset()
            qs._result_cache = sorted(by_meeting[m.pk], key=lambda s: s.slug)  # Sector.Meta.ordering
            qs._prefetch_done = True
            m.__dict__.setdefault("_prefetched_objects_cache", {})["sectors"] = qs
    else:  # a sector added since the index was read: the ordinary prefetch
        prefetch_related_objects(meetings, "sectors")

    presiders: dict[int, list[Attendance]] = {pk: [] for pk in ids}
    official_field = Attendance._meta.get_field("official")
    rows = (
        Attendance.objects.filter(meeting_id__in=ids, presided=True)
        .order_by(*Attendance._meta.ordering)
        .values_list("id", "meeting_id", "official_id", "official__name_zh", "official__name_en")
    )
    db = rows.db
    for pk, meeting_id, official_id, name_zh, name_en in rows:
        fields = [pk, meeting_id, official_id, True]
        attendance = Attendance.from_db(db, ["id", "meeting_id", "official_id", "presided"], fields)
        official_field.set_cached_value(attendance, _official(db, official_id, name_zh, name_en))
        presiders[meeting_id].append(attendance)
    for m in meetings:
        m.presiders = presiders[m.pk]


def first_sources(meeting_ids: list[int]) -> dict[int, str]:
    """Each meeting's first source (lowest id) location, in one query of plain values."""
    rows = (
        MeetingSource.objects.filter(meeting_id__in=meeting_ids)
        .order_by("meeting_id", "id")
        .values_list("meeting_id", "location")
    )
    first: dict[int, str] = {}
    for meeting_id, location in rows:
        first.setdefault(meeting_id, location)
    return first


def meeting_page_source(
    *, filterset: MeetingFilter, selection: Selection | None
) -> QuerySet[Meeting] | IndexedMeetings:
    """What the list page and the API paginate: the facet index's order when it counted."""
    if selection is not None:
        return IndexedMeetings(selection)
    return meeting_list(filterset=filterset)


# A result row never shows the raw text or the fact spans, the widest columns.
LIST_DEFERRED = ("raw_text", "spans")


def with_list_relations(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return (
        qs.defer(*LIST_DEFERRED)
        .select_related(REGION_PATH)
        .prefetch_related(
            "sectors",
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(presided=True).select_related("official"),
                to_attr="presiders",
            ),
        )
    )


def regions_by_id(ids: set[int]) -> dict[int, Region]:
    """Regions with their path's parents loaded (Region.path), for rows read as plain values:
    the facet index's copies while it is current, else one query."""
    if not ids:
        return {}
    if (index := meeting_index()) is not None:
        return {pk: index.regions[pk] for pk in ids if pk in index.regions}
    return Region.objects.select_related("parent__parent__parent").in_bulk(ids)


def meeting_export_rows(*, filterset: MeetingFilter) -> QuerySet[Meeting]:
    """Like meeting_list, for streaming: iterator(chunk_size) keeps prefetching per chunk."""
    return meeting_list(filterset=filterset).prefetch_related("sources")


def meeting_detail(*, pk: int) -> Meeting:
    return (
        Meeting.objects.select_related(REGION_PATH)
        .prefetch_related(
            "sectors",
            "sources",
            Prefetch("attendances", queryset=Attendance.objects.select_related("official")),
            Prefetch(
                "directives",
                queryset=Directive.objects.select_related("issuer").prefetch_related("sectors"),
            ),
        )
        .get(pk=pk)
    )


@dataclass
class MeetingPage:
    """What the meeting page shows. Directives carry their sectors as `sector_list`."""

    meeting: Meeting
    sectors: list[Sector]
    attendances: list[Attendance]
    directives: list[Directive]
    sources: list[str]
    related: list[RelatedMeeting]


@dataclass
class RelatedMeeting:
    """A sidebar link: title, date and place only."""

    pk: int
    title: str
    held_year: int | None
    held_month: int | None
    held_day: int | None
    region: SimpleNamespace | None  # name_zh, name_en

    def get_absolute_url(self) -> str:
        return fast_reverse("meeting_detail", self.pk)


def meeting_page(*, pk: int) -> MeetingPage:
    """The meeting page's rows (the API's meeting_detail prefetches instead).

    Building an ORM query cost ~1-2 ms here, more than the database took to run it, so each
    query is hand-written SQL (model instances still, via raw(), where the template wants
    them); sectors come from the facet index's Sector rows (watched by its version)."""
    index = meeting_index()
    meeting = _meeting(pk, index)
    sector_rows = index.sector_by_id if index else Sector.objects.in_bulk()
    sectors: dict[int, list[Sector]] = {}
    links, sources = _links(pk)
    for owner, sector_id in links:
        if (sector := sector_rows.get(sector_id)) is not None:
            sectors.setdefault(owner, []).append(sector)
    for found in sectors.values():
        found.sort(key=lambda s: s.slug)  # Sector's default order, as the prefetch had it
    directives = _directives(pk)
    for d in directives:
        d.sector_list = sectors.get(d.pk, [])  # type: ignore[attr-defined]
    meeting_sectors = sectors.get(0, [])
    return MeetingPage(
        meeting=meeting,
        sectors=meeting_sectors,
        attendances=_attendances(pk),
        directives=directives,
        sources=sources,
        related=meeting_related(meeting=meeting, sector_ids=[s.pk for s in meeting_sectors], index=index),
    )


def _official(db: str, pk: int, name_zh: str, name_en: str) -> Official:
    """An Official with just its names loaded (other fields load on access, like only())."""
    return Official.from_db(db, ["id", "name_zh", "name_en"], [pk, name_zh, name_en])


def _attendances(meeting_id: int) -> list[Attendance]:
    """The meeting's attendances in their order, each with its official's names."""
    found = list(
        Attendance.objects.raw(
            "SELECT a.id, a.meeting_id, a.official_id, a.presided, a.spoke, a.attended, a.instructed, "
            "a.reported, a.title, a.titles, a.spans, a.position, "
            "o.name_zh AS official_name_zh, o.name_en AS official_name_en "
            f"FROM {Attendance._meta.db_table} a JOIN {Official._meta.db_table} o ON o.id = a.official_id "
            "WHERE a.meeting_id = %s ORDER BY a.position, a.id",
            [meeting_id],
        )
    )
    for a in found:
        a.official = _official(a._state.db, a.official_id, a.official_name_zh, a.official_name_en)
    return found


def _directives(meeting_id: int) -> list[Directive]:
    """The meeting's directives in their order, each with its issuer's names (if any)."""
    table = Directive._meta.db_table
    found = list(
        Directive.objects.raw(
            "SELECT d.id, d.meeting_id, d.issuer_id, d.text, d.span_start, d.span_end, "
            "o.name_zh AS issuer_name_zh, o.name_en AS issuer_name_en "
            f"FROM {table} d LEFT JOIN {Official._meta.db_table} o ON o.id = d.issuer_id "
            f'WHERE d.meeting_id = %s ORDER BY d."order", d.id',
            [meeting_id],
        )
    )
    for d in found:
        if d.issuer_id is not None:
            d.issuer = _official(d._state.db, d.issuer_id, d.issuer_name_zh, d.issuer_name_en)
    return found


def _links(meeting_id: int) -> tuple[list[tuple[int, int]], list[str]]:
    """(0 for the meeting or a directive's id, sector id) for a meeting and its directives, and
    the meeting's source locations in their order."""
    meeting_sectors = Meeting.sectors.through._meta.db_table
    directive_sectors = Directive.sectors.through._meta.db_table
    directive = Directive._meta.db_table
    with connections[router.db_for_read(Meeting)].cursor() as cursor:
        cursor.execute(
            f"SELECT 0, sector_id FROM {meeting_sectors} WHERE meeting_id = %s UNION ALL "
            f"SELECT l.directive_id, l.sector_id FROM {directive_sectors} l "
            f"JOIN {directive} d ON d.id = l.directive_id WHERE d.meeting_id = %s",
            [meeting_id, meeting_id],
        )
        sectors = cursor.fetchall()
        cursor.execute(
            f"SELECT location FROM {MeetingSource._meta.db_table} WHERE meeting_id = %s ORDER BY id",
            [meeting_id],
        )
        return sectors, [location for (location,) in cursor.fetchall()]


def _meeting(pk: int, index: MeetingIndex | None) -> Meeting:
    """The meeting, with its region and every region above it loaded (Region.path): the facet
    index's copies while it is current, else by a recursive query."""
    found = list(Meeting.objects.raw(f"SELECT * FROM {Meeting._meta.db_table} WHERE id = %s", [pk]))
    if not found:
        raise Meeting.DoesNotExist(f"No meeting {pk}")
    meeting = found[0]
    if index is not None and meeting.region_id in index.regions:
        meeting.region = index.regions[meeting.region_id]
    elif meeting.region_id is not None:
        table = Region._meta.db_table
        # UNION, not UNION ALL: a (broken) parent cycle ends instead of recursing forever.
        path = {
            r.pk: r
            for r in Region.objects.raw(
                f"WITH RECURSIVE up AS (SELECT * FROM {table} WHERE id = %s "
                f"UNION SELECT r.* FROM {table} r JOIN up ON r.id = up.parent_id) SELECT * FROM up",
                [meeting.region_id],
            )
        }
        for region in path.values():
            if region.parent_id in path:
                region.parent = path[region.parent_id]
        meeting.region = path[meeting.region_id]
    return meeting


def meeting_related(
    *, meeting: Meeting, sector_ids: list[int], index: MeetingIndex | None, limit: int = 6
) -> list[RelatedMeeting]:
    """Meetings of the same city (or province) nearest in date, then ones sharing a sector.

    The first from the facet index's date-ordered columns when it is current (else a query
    bounded by the region + date index), the others in two queries."""
    window = dt.timedelta(days=180)
    day = meeting.sort_date or dt.date.today()
    prefix = meeting.region.code[:4] if meeting.region else None
    nearby: list[tuple[int, dt.date]] = []
    if prefix and index is not None:
        nearby = _nearby_in_index(index, prefix, day - window, day + window, meeting.pk)
    elif prefix:
        area = Region.objects.filter(code__startswith=prefix).values("id")
        nearby = list(
            Meeting.objects.filter(region_id__in=area, sort_date__range=(day - window, day + window))
            .exclude(pk=meeting.pk)
            .order_by(*NEWEST)
            .values_list("id", "sort_date")[:50]
        )
    same_area = [pk for pk, _d in sorted(nearby, key=lambda r: abs((r[1] - day).days))][:limit]
    # Hand-written SQL: the ORM spent longer building these two small queries than they ran.
    db = connections[router.db_for_read(Meeting)]
    meetings, links = Meeting._meta.db_table, Meeting.sectors.through._meta.db_table
    month = dt.timedelta(days=30)
    with db.cursor() as cursor:
        # No order: the first rows the plan finds, so the conditions are the ORM query's, in its order.
        # A meeting comes once a shared sector, hence enough rows for `limit * 2` distinct ones.
        cursor.execute(
            f"SELECT l.meeting_id FROM {links} l INNER JOIN {meetings} m ON (l.meeting_id = m.id) "
            "WHERE (m.sort_date BETWEEN %s AND %s "
            f"AND l.sector_id IN ({_literal_ids(sector_ids or [0])}) "
            f"AND NOT (l.meeting_id = %s)) LIMIT {limit * 2 * max(1, len(sector_ids))}",
            [
                db.ops.adapt_datefield_value(day - month),
                db.ops.adapt_datefield_value(day + month),
                meeting.pk,
            ],
        )
        also = [pk for pk in dict.fromkeys(pk for (pk,) in cursor.fetchall()) if pk not in same_area]
        ids = (same_area + also)[:limit]
        rows: list[tuple[Any, ...]] = []
        if ids:
            cursor.execute(
                "SELECT m.id, m.title, m.held_year, m.held_month, m.held_day, m.region_id, "
                f"r.name_zh, r.name_en FROM {meetings} m LEFT JOIN {Region._meta.db_table} r "
                f"ON r.id = m.region_id WHERE m.id IN ({_literal_ids(ids)})"
            )
            rows = cursor.fetchall()
    found = {
        row[0]: RelatedMeeting(
            *row[:5], SimpleNamespace(name_zh=row[6], name_en=row[7]) if row[5] is not None else None
        )
        for row in rows
    }
    return [found[pk] for pk in ids if pk in found]


def _nearby_in_index(
    index: MeetingIndex, prefix: str, start: dt.date, end: dt.date, exclude: int
) -> list[tuple[int, dt.date]]:
    """The 50 newest meetings dated start..end in regions under `prefix`, as (id, sort date).

    The index's rows are in NEWEST order, so the dated ones are sorted by date, newest first:
    the window is one slice, found by bisecting the (reversed, ascending) date column."""
    ascending = index.ordinal[::-1]
    lo = int(np.searchsorted(ascending, start.toordinal(), side="left"))
    hi = int(np.searchsorted(ascending, end.toordinal(), side="right"))
    first, stop = index.size - hi, index.size - lo
    wanted = index.region_lookup(prefix)[index.region[first:stop]] & (index.ids[first:stop] != exclude)
    rows = first + np.flatnonzero(wanted)[:50]
    return [(int(index.ids[r]), dt.date.fromordinal(int(index.ordinal[r]))) for r in rows]


def _literal_ids(ids: Iterable[int]) -> str:
    """Ids for an IN (...) list written into SQL; int() lets nothing but digits through."""
    return ", ".join(str(int(pk)) for pk in ids)


def directive_list(*, filterset: DirectiveFilter) -> QuerySet[Directive]:
    return (
        filterset.qs.select_related("issuer", "meeting__" + REGION_PATH)
        .prefetch_related("sectors")
        .order_by(F("meeting__sort_date").desc(nulls_last=True), "meeting_id", "order", "id")
    )


def monthly_counts(qs: QuerySet[Meeting], *, date_field: str = "sort_date") -> list[tuple[dt.date, int]]:
    rows = (
        qs.exclude(**{f"{date_field}__isnull": True})
        .annotate(month=TruncMonth(date_field))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return [(m if isinstance(m, dt.date) else m.date(), n) for m, n in rows]


def sector_counts(qs: QuerySet[Meeting]) -> list[tuple[Sector, int]]:
    counts = dict(qs.order_by().values_list("sectors").annotate(n=Count("pk")).order_by())
    sectors = Sector.objects.all()
    return sorted(((s, counts[s.pk]) for s in sectors if counts.get(s.pk)), key=lambda t: -t[1])


def top_regions(qs: QuerySet[Meeting], *, level_len: int = 2, limit: int = 10) -> list[tuple[Region, int]]:
    """Meeting counts rolled up to provinces (code length 2) or another prefix length."""
    counts: dict[str, int] = {}
    for code, n in qs.order_by().values_list("region__code").annotate(n=Count("pk")):
        if code:
            counts[code[:level_len]] = counts.get(code[:level_len], 0) + n
    top = sorted(counts.items(), key=lambda t: -t[1])[:limit]
    regions = {r.code: r for r in Region.objects.filter(code__in=[c for c, _n in top])}
    return [(regions[c], n) for c, n in top if c in regions]


@dataclass
class OfficialTitle:
    title: str
    first: Any
    last: Any


def official_titles(*, official: Official) -> list[OfficialTitle]:
    """Titles over time: each distinct title with the first and last meeting date it appeared.

    Over all the official's meetings (not one page of them), reading three columns in one query."""
    rows = Attendance.objects.filter(official=official).values_list("titles", "title", "meeting__sort_date")
    seen: dict[str, OfficialTitle] = {}
    for titles, title, date in rows:
        for t in titles or ([title] if title else []):
            entry = seen.setdefault(t, OfficialTitle(t, None, None))
            if date is not None:  # an undated meeting does not widen the span
                entry.first = min(entry.first or date, date)
                entry.last = max(entry.last or date, date)
    return sorted(seen.values(), key=lambda e: (e.first is None, e.first or dt.date.min, e.title))


def official_detail(*, pk: int) -> Official:
    return Official.objects.select_related("home_region", "merged_into").get(pk=pk)


def official_attendances(*, official: Official) -> QuerySet[Attendance]:
    return (
        Attendance.objects.filter(official=official)
        .select_related("meeting__" + REGION_PATH)
        .order_by(F("meeting__sort_date").desc(nulls_last=True), "-meeting_id", "id")
    )


def official_directives(*, official: Official) -> QuerySet[Directive]:
    return (
        Directive.objects.filter(issuer=official)
        .select_related("meeting")
        .prefetch_related("sectors")
        .order_by(F("meeting__sort_date").desc(nulls_last=True), "meeting_id", "order", "id")
    )


def region_children_counts(*, region: Region) -> list[tuple[Region, int]]:
    children = list(region.children.all())
    codes = {c.code for c in children}
    lengths = sorted({len(c) for c in codes})
    counts: dict[str, int] = {}
    rows = (
        Meeting.objects.filter(region__code__startswith=region.code)
        .order_by()
        .values_list("region__code")
        .annotate(n=Count("pk"))
    )
    for code, n in rows:
        for length in lengths:
            if code[:length] in codes:
                counts[code[:length]] = counts.get(code[:length], 0) + n
                break
    return sorted(((c, counts.get(c.code, 0)) for c in children), key=lambda t: (-t[1], t[0].code))


def archive_totals() -> dict[str, int]:
    return {
        "meetings": Meeting.objects.count(),
        "officials": Official.objects.filter(merged_into__isnull=True).count(),
        "directives": Directive.objects.count(),
        "regions": Meeting.objects.order_by().values("region_id").distinct().count(),
    }
