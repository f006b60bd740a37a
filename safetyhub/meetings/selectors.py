"""Selectors: read-only queries for the pages, the API, the exports and the feed.

Every selector loads what its page shows with select_related/prefetch_related, so the
number of queries does not grow with the page size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Prefetch, QuerySet, prefetch_related_objects
from django.db.models.functions import TruncMonth

from .facet_index import MeetingIndex, Selection
from .filters import DirectiveFilter, MeetingFilter, SortChoices
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

    sectors = {s.pk: s for s in index.sector_objects}
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
        official = Official.from_db(db, ["id", "name_zh", "name_en"], [official_id, name_zh, name_en])
        official_field.set_cached_value(attendance, official)
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


def meeting_related(*, meeting: Meeting, limit: int = 6) -> list[Meeting]:
    """Meetings of the same city (or province) nearest in date, then ones sharing a sector.

    Three queries, each bounded by an index (region + date, or a date window)."""
    window = dt.timedelta(days=180)
    day = meeting.sort_date or dt.date.today()
    prefix = meeting.region.code[:4] if meeting.region else None
    same_area: list[int] = []
    if prefix:
        area = Region.objects.filter(code__startswith=prefix).values("id")
        nearby = (
            Meeting.objects.filter(region_id__in=area, sort_date__range=(day - window, day + window))
            .exclude(pk=meeting.pk)
            .order_by(*NEWEST)
            .values_list("id", "sort_date")[:50]
        )
        same_area = [pk for pk, _d in sorted(nearby, key=lambda r: abs((r[1] - day).days))][:limit]
    sector_ids = [s.pk for s in meeting.sectors.all()]
    shared = Meeting.sectors.through.objects.filter(
        sector_id__in=sector_ids or [0],
        meeting__sort_date__range=(day - dt.timedelta(days=30), day + dt.timedelta(days=30)),
    ).exclude(meeting_id=meeting.pk)
    also = [pk for pk in shared.values_list("meeting_id", flat=True)[: limit * 2] if pk not in same_area]
    ids = (same_area + also)[:limit]
    # The sidebar shows title, date and place only: no prefetching needed.
    found = Meeting.objects.filter(pk__in=ids).select_related("region").in_bulk()
    return [found[pk] for pk in ids if pk in found]


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
