"""Load the reference data in fixtures/ (sectors, gazetteer) into the database, idempotently."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import Region, Sector

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _float(value: str) -> float | None:
    return float(value) if value else None


def sectors_load(*, path: Path = FIXTURES / "sectors.json") -> LoadResult:
    """Create or refresh every sector of the vocabulary; editor-added keywords are kept."""
    data = json.loads(path.read_text(encoding="utf-8"))
    result = LoadResult()
    existing = {s.slug: s for s in Sector.objects.all()}
    for item in data["sectors"]:
        sector = existing.get(item["slug"])
        if sector is None:
            Sector.objects.create(
                slug=item["slug"],
                name_en=item["en"],
                name_zh=item["zh"],
                keywords_en=item["keywords_en"],
                keywords_zh=item["keywords_zh"],
            )
            result.created += 1
            continue
        kw_en = sector.keywords_en + [k for k in item["keywords_en"] if k not in sector.keywords_en]
        kw_zh = sector.keywords_zh + [k for k in item["keywords_zh"] if k not in sector.keywords_zh]
        if (sector.name_en, sector.name_zh, sector.keywords_en, sector.keywords_zh) == (
            item["en"],
            item["zh"],
            kw_en,
            kw_zh,
        ):
            result.unchanged += 1
            continue
        sector.name_en, sector.name_zh, sector.keywords_en, sector.keywords_zh = (
            item["en"],
            item["zh"],
            kw_en,
            kw_zh,
        )
        sector.save()
        result.updated += 1
    return result


def read_region_rows(*paths: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    return rows


def regions_load(
    *, paths: tuple[Path, ...] = (FIXTURES / "regions.csv", FIXTURES / "zones.csv")
) -> LoadResult:
    """Create or refresh the gazetteer; parents are created before children (rows are sorted by level)."""
    rows = read_region_rows(*paths)
    result = LoadResult()
    existing = {r.code: r for r in Region.objects.all()}
    by_code: dict[str, Region] = dict(existing)
    to_create: list[Region] = []
    to_update: list[Region] = []
    fields = ("name_zh", "name_en", "level", "latitude", "longitude")
    for row in sorted(rows, key=lambda r: (len(r["code"]), r["code"])):
        values = {
            "name_zh": row["name_zh"],
            "name_en": row["name_en"],
            "level": row["level"],
            "latitude": _float(row["latitude"]),
            "longitude": _float(row["longitude"]),
        }
        region = by_code.get(row["code"])
        if region is None:
            region = Region(code=row["code"], in_gazetteer=row["level"] not in ("zone", "township"), **values)
            by_code[row["code"]] = region
            to_create.append(region)
            continue
        if all(getattr(region, f) == values[f] for f in fields):
            result.unchanged += 1
            continue
        for f in fields:
            setattr(region, f, values[f])
        to_update.append(region)
    with transaction.atomic():
        # Create level by level so each parent has a primary key before its children point at it.
        for level_len in sorted({len(r.code) for r in to_create}):
            batch = [r for r in to_create if len(r.code) == level_len]
            Region.objects.bulk_create(batch, batch_size=500)
        created = {r.code: r for r in Region.objects.filter(code__in=[r.code for r in to_create])}
        by_code.update(created)
        parents_to_set: list[Region] = []
        for row in rows:
            parent_code = row["parent_code"]
            region = by_code[row["code"]]
            parent = by_code.get(parent_code) if parent_code else None
            if (parent.pk if parent else None) != region.parent_id:
                region.parent = parent
                parents_to_set.append(region)
        if to_update:
            Region.objects.bulk_update(to_update, fields, batch_size=500)
        if parents_to_set:
            Region.objects.bulk_update(parents_to_set, ["parent"], batch_size=500)
    result.created = len(to_create)
    result.updated = len(to_update) + len({r.code for r in parents_to_set} - {r.code for r in to_create})
    return result
