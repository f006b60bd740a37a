"""Changelist filters that stay cheap on a large meeting table."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ..models import Meeting, Region, RegionLevel, Sector


class ProvinceFilter(admin.SimpleListFilter):
    """Meetings held in a province or anywhere under it: one indexed prefix filter on the region code."""

    title = _("province")
    parameter_name = "province"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        rows = (
            Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code").values_list("code", "name_zh")
        )
        return [(code, name) for code, name in rows]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:  # type: ignore[type-arg]
        code = self.value()
        if not code:
            return queryset
        if code not in {c for c, _name in self.lookup_choices}:
            return queryset  # an unknown code degrades to no filter
        return queryset.filter(region__code__startswith=code)


class SectorFilter(admin.SimpleListFilter):
    """Meetings tagged with a sector, as a semi-join on the link table (no DISTINCT over the meetings)."""

    title = _("sector")
    parameter_name = "sector"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [
            (slug, f"{name_en} / {name_zh}")
            for slug, name_en, name_zh in Sector.objects.order_by("name_en").values_list(
                "slug", "name_en", "name_zh"
            )
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:  # type: ignore[type-arg]
        slug = self.value()
        if not slug or slug not in {s for s, _name in self.lookup_choices}:
            return queryset
        # Driven by the link table's sector index: a few thousand ids, not a probe per meeting.
        tagged = Meeting.sectors.through.objects.filter(sector__slug=slug).values("meeting_id")
        return queryset.filter(pk__in=tagged)


class OfficialStateFilter(admin.SimpleListFilter):
    """Hide the tombstones that merges leave behind, unless asked for."""

    title = _("merge state")
    parameter_name = "merged"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("no", _("Active")), ("yes", _("Merged into another"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:  # type: ignore[type-arg]
        if self.value() == "no":
            return queryset.filter(merged_into__isnull=True)
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        return queryset
