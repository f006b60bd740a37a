"""The one definition of "filter" for meetings and directives.

The list page, the JSON API, the CSV/JSON exports and the Atom feed all build a
`MeetingFilter` from the query string. An invalid parameter is dropped by the
form (django-filter filters only on `cleaned_data`), so bad input degrades to
"no filter" instead of an error.

Several `sector` values select meetings having ALL of them (each choice narrows);
`region` includes every region whose code starts with the given one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from .facet_index import meeting_index
from .models import ArchiveVersion, Attendance, Directive, Language, Meeting, MeetingType, Region, Sector
from .search import directive_search, meeting_search

MAX_ID = 2**63 - 1
REGION_CODE_RE = r"^[0-9A-Za-z]{2,24}$"


class SortChoices:
    DATE = "date"
    RELEVANCE = "relevance"
    choices = [(DATE, _("Date")), (RELEVANCE, _("Relevance"))]


@ArchiveVersion.kept_per_facet_version
def _sector_slugs() -> tuple[tuple[str, str], ...]:
    return tuple(Sector.objects.order_by("slug").values_list("slug", "slug"))


def sector_choices() -> list[tuple[str, str]]:
    return list(_sector_slugs())


class SectorField(forms.MultipleChoiceField):
    """Sector slugs; unknown slugs are dropped rather than invalidating the whole filter."""

    def clean(self, value: Any) -> list[str]:
        known = {c for c, _label in self.choices}
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        return list(dict.fromkeys(v for v in values if v in known))


class SectorFilter(django_filters.MultipleChoiceFilter):
    field_class = SectorField


class BaseMeetingFilter(django_filters.FilterSet):
    """Shared helpers: apply every filter but some, and expose the cleaned values."""

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        # `from` is a Python keyword: the query string says from/to, the form says date_from/date_to.
        if data is not None and hasattr(data, "setlist"):
            data = data.copy()
            for public, internal in (("from", "date_from"), ("to", "date_to")):
                if public in data and internal not in data:
                    data.setlist(internal, data.getlist(public))
        super().__init__(data, *args, **kwargs)

    def region_ids(self, code: str) -> list[int]:
        """Ids of the region with this code and everything under it, looked up once per request.

        Filtering on literal ids (not a join on the code) lets PostgreSQL estimate how many
        meetings match, and pick a plan that starts from the region: several times faster."""
        cache: dict[str, list[int]] = self.__dict__.setdefault("_region_ids", {})
        if code not in cache:
            if (index := meeting_index()) is not None:  # its copy of the regions is current
                cache[code] = [int(pk) for pk in index.regions_under(code)]
            else:
                cache[code] = list(Region.objects.filter(code__startswith=code).values_list("id", flat=True))
        return cache[code]

    def filter_queryset_without(self, queryset: QuerySet, exclude: Iterable[str] = ()) -> QuerySet:
        skip = set(exclude)
        for name, value in self.form.cleaned_data.items():
            if name in skip:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def qs_without(self, *exclude: str) -> QuerySet:
        """The filtered queryset with the named filters left out (for disjunctive facet counts)."""
        self.errors  # noqa: B018 - validate the form before reading cleaned_data
        return self.filter_queryset_without(self.queryset.all(), exclude)

    @cached_property
    def values(self) -> dict[str, Any]:
        """The valid, non-empty filter values (what the page shows as chips)."""
        self.errors  # noqa: B018
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "", [])}


class MeetingFilter(BaseMeetingFilter):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)
    region = django_filters.CharFilter(
        method="filter_region", label=_("Region"), validators=[RegexValidator(REGION_CODE_RE)]
    )
    sector = SectorFilter(method="filter_sector", label=_("Sector"), choices=sector_choices)
    official = django_filters.NumberFilter(
        method="filter_official", label=_("Official"), min_value=1, max_value=MAX_ID
    )
    date_from = django_filters.DateFilter(field_name="sort_date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="sort_date", lookup_expr="lte", label=_("To"))
    type = django_filters.ChoiceFilter(
        field_name="meeting_type", choices=MeetingType.choices, label=_("Type")
    )
    language = django_filters.ChoiceFilter(
        field_name="language", choices=Language.choices, label=_("Language")
    )
    sort = django_filters.ChoiceFilter(method="filter_sort", choices=SortChoices.choices, label=_("Sort"))

    class Meta:
        model = Meeting
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return meeting_search(queryset, value) if value.strip() else queryset

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(region_id__in=self.region_ids(value))

    def filter_sector(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        through = Meeting.sectors.through.objects
        for slug in value:
            queryset = queryset.filter(Exists(through.filter(meeting_id=OuterRef("pk"), sector__slug=slug)))
        return queryset

    def filter_official(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(pk__in=Attendance.objects.filter(official_id=int(value)).values("meeting_id"))

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # ordering is applied by the selector, after all filters

    @property
    def ordering(self) -> str:
        v = self.values
        if v.get("sort") == SortChoices.RELEVANCE and v.get("q"):
            return SortChoices.RELEVANCE
        return SortChoices.DATE


class DirectiveFilter(BaseMeetingFilter):
    q = django_filters.CharFilter(
        field_name="text", lookup_expr="icontains", label=_("Search"), max_length=200
    )
    sector = SectorFilter(method="filter_sector", label=_("Sector"), choices=sector_choices)
    issuer = django_filters.NumberFilter(
        field_name="issuer_id", label=_("Issuer"), min_value=1, max_value=MAX_ID
    )
    region = django_filters.CharFilter(
        method="filter_region", label=_("Region"), validators=[RegexValidator(REGION_CODE_RE)]
    )
    date_from = django_filters.DateFilter(field_name="meeting__sort_date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="meeting__sort_date", lookup_expr="lte", label=_("To"))

    class Meta:
        model = Directive
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return directive_search(queryset, value) if value.strip() else queryset

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(meeting__region_id__in=self.region_ids(value))

    def filter_sector(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        through = Directive.sectors.through.objects
        for slug in value:
            queryset = queryset.filter(Exists(through.filter(directive_id=OuterRef("pk"), sector__slug=slug)))
        return queryset
