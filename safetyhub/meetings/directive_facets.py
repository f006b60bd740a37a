"""The directive list's facets: the meeting list's facet classes, counting directives.

A directive's region and date are its meeting's, its issuer is one official and its sectors
are its own; counts are disjunctive in the same way (sectors, which combine with AND, are
counted on the current results).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from .facets import DateFacet, Facet, FacetResult, OfficialFacet, RegionFacet, SectorFacet
from .filters import DirectiveFilter
from .models import Directive
from .querystate import QueryState


class DirectiveRegionFacet(RegionFacet):
    region_field = "meeting__region_id"


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


def directive_facets(filterset: DirectiveFilter, state: QueryState, lang: str) -> dict[str, FacetResult]:
    """Every facet of the directive list, keyed by name; a few GROUP BY queries whatever the page."""
    return {f.name: f(filterset, state, lang).result() for f in DIRECTIVE_FACETS}
