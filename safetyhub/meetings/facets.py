"""Facets as data (datasette's idea): each returns values with label, count, selected and a toggle URL.

Counts are disjunctive: a facet is counted with every *other* filter applied, so its
counts say what choosing that value would give. Sectors combine with AND (each chosen
sector narrows the list), so the sector facet is counted on the current result set:
a count there is again exactly what clicking would give. Every facet costs one or two
GROUP BY queries whatever the page size.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Func, IntegerField, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from .facet_index import Selection, meeting_index
from .filters import BaseMeetingFilter
from .i18n import is_zh, localized_name
from .models import Attendance, Language, Meeting, MeetingType, Official, Region, RegionLevel, Sector
from .querystate import QueryState


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""


@dataclass
class FacetResult:
    name: str
    title: str
    values: list[FacetValue]
    # Region facet: the chosen region's ancestors (a breadcrumb of FacetValues).
    trail: list[FacetValue] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> list[dict[str, Any]]:
        return [{"value": v.value, "label": v.label, "count": v.count} for v in self.values]


def _plain(qs: QuerySet, filterset: BaseMeetingFilter) -> QuerySet:
    """A queryset fit for GROUP BY: no ordering.

    Facets group the filtered queryset itself (joining what they count) rather than nesting
    it in a subquery: the full-text filter is raw SQL bound to the outer table's name."""
    return qs.order_by()


class Year(Func):
    """The year of a date as an integer.

    PostgreSQL's EXTRACT returns numeric, slow to hash over 100k rows; date_part's float
    cast to integer groups about twice as fast. Elsewhere the portable ExtractYear."""

    output_field = IntegerField()

    def __init__(self, expression: str) -> None:
        super().__init__(ExtractYear(expression))

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return compiler.compile(self.source_expressions[0])

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        inner = self.source_expressions[0].source_expressions[0]
        sql, params = compiler.compile(inner)
        return f"CAST(date_part('year', {sql}) AS integer)", params


def _codes_of(grouped: QuerySet, column: str = "region_id") -> list[tuple[str | None, int]]:
    """(region code, count) rows from a queryset grouped by the region id `column`.

    Grouping by the id first and joining the few thousand groups to the regions afterwards
    lets PostgreSQL count from an index alone (meeting_facet_cover_idx, migration 0005)
    instead of joining every matching meeting row to its region."""
    sql, params = grouped.query.sql_with_params()
    region = Region._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT r.code, g.n FROM ({sql}) g LEFT JOIN "{region}" r ON r.id = g."{column}"', params
        )
        return [(code, int(n)) for code, n in cursor.fetchall()]


def rollup(
    counts: Iterable[tuple[str | None, int]], child_codes: Iterable[str]
) -> tuple[dict[str, int], int]:
    """Add (region code, count) rows up to the given child regions; what is under none is `own`."""
    codes = set(child_codes)
    lengths = sorted({len(c) for c in codes})
    by_child: dict[str, int] = {}
    own = 0
    for region_code, n in counts:
        if region_code is None:
            continue
        for length in lengths:
            if region_code[:length] in codes:
                by_child[region_code[:length]] = by_child.get(region_code[:length], 0) + n
                break
        else:
            own += n
    return by_child, own


class Facet:
    name = ""
    title: Any = ""

    # Filters whose values this facet's counts ignore (its own, for disjunctive counts).
    own_filters: tuple[str, ...] = ()

    def __init__(
        self,
        filterset: BaseMeetingFilter,
        state: QueryState,
        lang: str,
        counts: dict[Any, int] | None = None,
        selection: Selection | None = None,
    ) -> None:
        self.filterset = filterset
        self.state = state
        self.lang = lang
        self.counts = counts  # precomputed by meeting_facets() when the facet shares the full base
        # The in-memory facet index's view of this request (facet_index.py); None: count in SQL.
        self.selection = selection

    def base(self) -> QuerySet:
        return _plain(self.filterset.qs_without(self.name), self.filterset)

    def result(self) -> FacetResult:
        raise NotImplementedError


class ChoiceFacet(Facet):
    """A facet over one column with fixed choices (meeting type, language)."""

    column = ""
    choices: list[tuple[str, Any]] = []

    def result(self) -> FacetResult:
        counts = self.counts
        if counts is None and self.selection is not None:
            counts = self.selection.choice_counts(self.name)
        elif counts is None:
            counts = dict(self.base().values_list(self.column).annotate(n=Count("pk")).order_by())
        chosen = self.filterset.values.get(self.name)
        values = [
            FacetValue(
                value=value,
                label=str(label),
                count=counts.get(value, 0),
                selected=value == chosen,
                url=self.state.set(**{self.name: None if value == chosen else value}),
            )
            for value, label in self.choices
            if counts.get(value) or value == chosen
        ]
        values.sort(key=lambda v: -v.count)
        return FacetResult(self.name, str(self.title), values)


class TypeFacet(ChoiceFacet):
    name, title, column, choices = "type", _("Meeting type"), "meeting_type", MeetingType.choices
    own_filters = ("type",)


class LanguageFacet(ChoiceFacet):
    name, title, column, choices = "language", _("Language"), "language", Language.choices
    own_filters = ("language",)


class SectorFacet(Facet):
    name, title = "sector", _("Hazard sector")

    def base(self) -> QuerySet:
        return _plain(self.filterset.qs, self.filterset)

    def link_counts(self) -> dict[Any, int]:
        """Unfiltered counts from the link table alone, no join with 100k meetings."""
        through = Meeting.sectors.through.objects
        return dict(through.values_list("sector_id").annotate(n=Count("meeting_id")).order_by())

    def result(self) -> FacetResult:
        if self.selection is not None:
            counts = self.selection.sector_counts()
        elif set(self.filterset.values) - {"sort"}:
            counts = dict(self.base().values_list("sectors").annotate(n=Count("pk")).order_by())
        else:
            counts = self.link_counts()
        chosen = set(self.filterset.values.get("sector", []))
        values = [
            FacetValue(
                value=s.slug,
                label=localized_name(s, self.lang),
                count=counts.get(s.pk, 0),
                selected=s.slug in chosen,
                url=self.state.toggle("sector", s.slug),
            )
            for s in (
                self.selection.index.sector_objects if self.selection is not None else Sector.objects.all()
            )
        ]
        values.sort(key=lambda v: (not v.selected, -v.count, v.label))
        return FacetResult(self.name, str(self.title), values)


class OfficialFacet(Facet):
    name, title = "official", _("Official")
    limit = 15
    column = "attendances__official_id"  # the official's id, seen from the counted rows

    def link_counts(self) -> QuerySet:
        """(official id, count) rows when nothing else is filtered: attendances alone, no join."""
        return (
            Attendance.objects.values_list("official_id")
            .annotate(n=Count("meeting_id"))
            .order_by("-n", "official_id")
        )

    def result(self) -> FacetResult:
        rows: list[tuple[int, int]]
        if self.selection is not None:
            rows = self.selection.official_counts(self.limit)
        else:
            if set(self.filterset.values) - {self.name, "sort"}:
                grouped = (
                    self.base().values_list(self.column).annotate(n=Count("pk")).order_by("-n", self.column)
                )
            else:
                grouped = self.link_counts()
            rows = [(oid, n) for oid, n in grouped[: self.limit + 1] if oid is not None][: self.limit]
        chosen = self.filterset.values.get(self.name)
        chosen_id = int(chosen) if chosen else None
        ids = [oid for oid, _n in rows]
        if chosen_id and chosen_id not in ids:
            rows.append((chosen_id, 0))
            ids.append(chosen_id)
        people = Official.objects.only("id", "name_zh", "name_en").in_bulk(ids)
        values = [
            FacetValue(
                value=str(oid),
                label=localized_name(people[oid], self.lang),
                count=n,
                selected=oid == chosen_id,
                url=self.state.set(**{self.name: None if oid == chosen_id else str(oid)}),
            )
            for oid, n in rows
            if oid in people
        ]
        return FacetResult(self.name, str(self.title), values)


class RegionFacet(Facet):
    """A tree: provinces, or the children of the chosen region; counts include everything below."""

    name, title = "region", _("Region")
    region_field = "region_id"  # the counted rows' region (a directive's is its meeting's)

    def sql_counts(self, code: str) -> list[tuple[str | None, int]]:
        qs = self.base()
        if code:
            qs = qs.filter(**{f"{self.region_field}__in": self.filterset.region_ids(code)})
        return self.code_counts(qs)

    def result(self) -> FacetResult:
        code = self.filterset.values.get("region", "")
        chosen, children = self.tree(code)
        child_codes = [c.code for c in children]
        if self.selection is not None:
            by_child, own = self.selection.region_rollup(code, child_codes)
        else:
            by_child, own = rollup(self.sql_counts(code), child_codes)
        values = [
            FacetValue(
                value=c.code,
                label=localized_name(c, self.lang),
                count=by_child[c.code],
                url=self.state.set(region=c.code),
            )
            for c in children
            if by_child.get(c.code)
        ]
        values.sort(key=lambda v: (-v.count, v.value))
        trail: list[FacetValue] = []
        if chosen is not None:
            for r in chosen.path:
                trail.append(
                    FacetValue(
                        value=r.code,
                        label=localized_name(r, self.lang),
                        count=0,
                        selected=r.code == chosen.code,
                        url=self.state.set(region=r.code),
                    )
                )
        return FacetResult(
            self.name,
            str(self.title),
            values,
            trail=trail,
            extra={"own": own, "all_url": self.state.set(region=None)},
        )

    def tree(self, code: str) -> tuple[Region | None, list[Region]]:
        """The chosen region (parents loaded) and its children; the provinces when none is.

        From the facet index's copy of the regions when it counted, else two queries."""
        if self.selection is not None:
            ix = self.selection.index
            chosen = ix.region_by_code.get(code) if code else None
            if code:
                return chosen, list(ix.region_children.get(chosen.pk, [])) if chosen else []
            return None, [r for r in ix.region_children.get(None, []) if r.level != RegionLevel.NATIONAL]
        if not code:
            return None, list(Region.objects.filter(parent__isnull=True).exclude(level=RegionLevel.NATIONAL))
        chosen = Region.objects.filter(code=code).select_related("parent__parent__parent").first()
        return chosen, list(Region.objects.filter(parent__code=code))

    def code_counts(self, qs: QuerySet) -> list[tuple[str | None, int]]:
        """(region code, count) of the rows in `qs`, to roll up into the children."""
        grouped = qs.values_list(self.region_field).annotate(n=Count("pk")).order_by()
        return _codes_of(grouped, self.region_field)


class DateFacet(Facet):
    """Meetings per year; per month once a single year is chosen. Clicking sets from/to."""

    name, title = "year", _("Date")
    own_filters = ("date_from", "date_to")
    column = "year"
    date_field = "sort_date"  # the counted rows' date (a directive's is its meeting's)

    def base(self) -> QuerySet:
        return _plain(self.filterset.qs_without("date_from", "date_to"), self.filterset)

    def dated(self) -> QuerySet:
        return self.base().exclude(**{f"{self.date_field}__isnull": True})

    def chosen_year(self) -> int | None:
        v = self.filterset.values
        start, end = v.get("date_from"), v.get("date_to")
        if start and end and start.year == end.year:
            return start.year
        return None

    def result(self) -> FacetResult:
        v = self.filterset.values
        start, end = v.get("date_from"), v.get("date_to")
        if self.selection is not None:
            years = self.selection.year_counts()
        elif self.counts is not None:  # counted by the shared query; None is the undated meetings
            years = {y: n for y, n in self.counts.items() if y is not None}
        else:
            by_year = self.dated().annotate(y=Year(self.date_field)).values_list("y")
            years = dict(by_year.annotate(n=Count("pk")).order_by())
        year_values = []
        for y in sorted(years):
            is_sel = start == dt.date(y, 1, 1) and end == dt.date(y, 12, 31)
            year_values.append(
                FacetValue(
                    value=str(y),
                    label=str(y),
                    count=years[y],
                    selected=is_sel,
                    url=self.state.set(**{"from": None, "to": None})
                    if is_sel
                    else self.state.set(**{"from": f"{y}-01-01", "to": f"{y}-12-31"}),
                )
            )
        months: list[FacetValue] = []
        year = self.chosen_year()
        if year is not None:
            day = self.date_field
            rows = (
                self.selection.month_counts(year)
                if self.selection is not None
                else dict(
                    self.dated()
                    .filter(**{f"{day}__year": year})
                    .annotate(m=ExtractMonth(day))
                    .values_list("m")
                    .annotate(n=Count("pk"))
                    .order_by()
                )
            )
            for m in range(1, 13):
                last = calendar.monthrange(year, m)[1]
                is_sel = start == dt.date(year, m, 1) and end == dt.date(year, m, last)
                months.append(
                    FacetValue(
                        value=f"{year}-{m:02d}",
                        label=f"{m}月" if is_zh(self.lang) else calendar.month_abbr[m],
                        count=rows.get(m, 0),
                        selected=is_sel,
                        url=self.state.set(**{"from": f"{year}-01-01", "to": f"{year}-12-31"})
                        if is_sel
                        else self.state.set(**{"from": f"{year}-{m:02d}-01", "to": f"{year}-{m:02d}-{last}"}),
                    )
                )
        return FacetResult(self.name, str(self.title), year_values, extra={"months": months, "year": year})


MEETING_FACETS: list[type[Facet]] = [
    RegionFacet,
    DateFacet,
    SectorFacet,
    OfficialFacet,
    TypeFacet,
    LanguageFacet,
]
# Facets over one column of the meeting row; when their own filter is not in use they all count
# the same (fully filtered) queryset, so one GROUP BY serves them together with the total.
SHARED: list[type[ChoiceFacet] | type[DateFacet]] = [TypeFacet, LanguageFacet, DateFacet]


@dataclass
class FacetCounts:
    facets: dict[str, FacetResult]
    total: int | None  # the filtered count, when the shared query produced it
    # Set when the in-memory index counted: it also gives the page (selectors.IndexedMeetings).
    selection: Selection | None = None


def meeting_facets(filterset: BaseMeetingFilter, state: QueryState, lang: str) -> FacetCounts:
    """Every facet of the meeting list, from the in-memory index when it is current.

    Otherwise in SQL, where the one-column facets share a single grouped query."""
    if (index := meeting_index()) is not None:
        selection = index.select(filterset.values)
        facets = {f.name: f(filterset, state, lang, selection=selection).result() for f in MEETING_FACETS}
        return FacetCounts(facets, selection.total, selection)
    active = set(filterset.values)
    shared = [f for f in SHARED if not active & set(f.own_filters)]
    precomputed: dict[str, dict[Any, int]] = {f.name: {} for f in shared}
    total: int | None = None
    if shared:
        qs = filterset.qs.order_by()
        columns = []
        for f in shared:
            if f is DateFacet:
                qs = qs.annotate(year=Year("sort_date"))
            columns.append(f.column)
        total = 0
        for *keys, n in qs.values_list(*columns).annotate(n=Count("pk")).order_by():
            total += n
            for f, key in zip(shared, keys, strict=True):
                bucket = precomputed[f.name]
                bucket[key] = bucket.get(key, 0) + n
    facets = {
        f.name: f(filterset, state, lang, counts=precomputed.get(f.name)).result() for f in MEETING_FACETS
    }
    return FacetCounts(facets, total)
