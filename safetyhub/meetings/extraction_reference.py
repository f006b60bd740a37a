"""Build the extraction reference from the database: editor-added zones and edited sector keywords count."""

from __future__ import annotations

from safetyhub.extraction.reference import Reference, RegionRef, SectorRef, default_reference

from .models import Region, Sector


def reference_from_db() -> Reference:
    """Return a Reference holding every region and sector as the database has them now."""
    regions = {
        row["code"]: RegionRef(
            code=row["code"],
            parent_code=row["parent__code"],
            level=row["level"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            in_gazetteer=row["in_gazetteer"],
        )
        for row in Region.objects.order_by("code").values(
            "code", "parent__code", "level", "name_zh", "name_en", "in_gazetteer"
        )
    }
    sectors = [
        SectorRef(
            slug=s.slug,
            name_en=s.name_en,
            name_zh=s.name_zh,
            keywords_en=tuple(s.keywords_en),
            keywords_zh=tuple(s.keywords_zh),
        )
        for s in Sector.objects.order_by("slug")
    ]
    fixtures = default_reference()
    return Reference(
        regions=regions, sectors=sectors, roles=dict(fixtures.roles), former_names=dict(fixtures.former_names)
    )
