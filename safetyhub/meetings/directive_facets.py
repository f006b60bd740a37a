"""The directive list's facets: the meeting list's facet classes, counting directives.

A directive's region and date are its meeting's, its issuer is one official and its sectors
are its own; counts are disjunctive in the same way (sectors, which combine with AND, are
counted on the current results).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from .facets import DateFacet, Facet, FacetCounts, OfficialFacet, RegionFacet, SectorFacet, Year
from .filters import DirectiveFilter
from .models import Directive, Region
from .querystate import QueryState


class DirectiveRegionFacet(RegionFacet):
    region_field = "meeting__region_id"

    def code_counts(self, qs: QuerySet) -> list[tuple[str | None, int]]:
        if self.counts is None:
            return super().code_counts(qs)
        # Counted by region id in the shared query: name the few hundred ids.
        codes = dict(Region.objects.filter(pk__in=[k for k in self.counts if k]).values_list("pk", "code"))
        return [(codes.get(rid), n) for rid, n in self.counts.items()]


class DirectiveDateFacet(DateFacet):
    date_field = "meeting__sort_date"


class DirectiveSectorFacet(SectorFacet):
    def link_counts(self) -> dict[Any, int]:
        through = Directive.sectors.through.objects
        return dict(through.values_list("sector_id").annotate(n=Count("directive_id")).order_by())


class IssuerFacet(OfficialFacet):
    name, title = "issuer", _("Issuer")
    column = "issuer_id"

    def link_counts(self) -> QuerySet:
        return (
            Directive.objects.exclude(issuer__isnull=True)
            .values_list("issuer_id")
            .annotate(n=Count("pk"))
            .order_by("-n", "issuer_id")
        )


DIRECTIVE_FACETS: list[type[Facet]] = [
    DirectiveRegionFacet,
    DirectiveDateFacet,
    DirectiveSectorFacet,
    IssuerFacet,
]


def directive_facets(filterset: DirectiveFilter, state: QueryState, lang: str) -> FacetCounts:
    """Every facet of the directive list, a few GROUP BY queries whatever the page size.

    With neither a region nor a date chosen, the region and date facets count the same (fully
    filtered) directives: one query grouped by both serves them and the total, joining the
    meetings (and re-running a search) once instead of three times."""
    precomputed: dict[str, dict[Any, int]] = {}
    total: int | None = None
    if not set(filterset.values) & {"region", "date_from", "date_to"}:
        rows = (
            filterset.qs.order_by()
            .annotate(year=Year(DirectiveDateFacet.date_field))
            .values_list(DirectiveRegionFacet.region_field, "year")
            .annotate(n=Count("pk"))
            .order_by()
        )
        regions: dict[Any, int] = {}
        years: dict[Any, int] = {}
        total = 0
        for region_id, year, n in rows:
            total += n
            regions[region_id] = regions.get(region_id, 0) + n
            years[year] = years.get(year, 0) + n
        precomputed = {DirectiveRegionFacet.name: regions, DirectiveDateFacet.name: years}
    facets = {
        f.name: f(filterset, state, lang, counts=precomputed.get(f.name)).result() for f in DIRECTIVE_FACETS
    }
    return FacetCounts(facets, total)
