"""Reference data for extraction (gazetteer, sector vocabulary), loaded once per process.

The default comes from fixtures/ in the repository; the Django side can build a Reference
from the database instead (editor-added zones, edited sector keywords) and pass it to extract().
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"


@dataclass(frozen=True)
class RegionRef:
    code: str
    parent_code: str | None
    level: str
    name_zh: str
    name_en: str
    in_gazetteer: bool = True


@dataclass(frozen=True)
class SectorRef:
    slug: str
    name_en: str
    name_zh: str
    keywords_en: tuple[str, ...]
    keywords_zh: tuple[str, ...]


@dataclass
class Reference:
    regions: dict[str, RegionRef]  # by code
    sectors: list[SectorRef]
    roles: dict[str, list[str]] = field(default_factory=dict)
    # Names in use before a recent renaming (郫县 -> code of 郫都区), for older reports.
    former_names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_fixtures(cls, fixtures: Path = FIXTURES) -> Reference:
        regions: dict[str, RegionRef] = {}
        for name in ("regions.csv", "zones.csv"):
            path = fixtures / name
            if not path.exists():
                continue
            with path.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    regions[row["code"]] = RegionRef(
                        code=row["code"],
                        parent_code=row["parent_code"] or None,
                        level=row["level"],
                        name_zh=row["name_zh"],
                        name_en=row["name_en"],
                        in_gazetteer=row["level"] not in ("zone", "township"),
                    )
        vocab = json.loads((fixtures / "sectors.json").read_text(encoding="utf-8"))
        sectors = [
            SectorRef(
                slug=s["slug"],
                name_en=s["en"],
                name_zh=s["zh"],
                keywords_en=tuple(s["keywords_en"]),
                keywords_zh=tuple(s["keywords_zh"]),
            )
            for s in vocab["sectors"]
        ]
        former: dict[str, str] = {}
        former_path = fixtures / "former_names.csv"
        if former_path.exists():
            with former_path.open(encoding="utf-8", newline="") as fh:
                former = {row["former_name"]: row["code"] for row in csv.DictReader(fh)}
        return cls(regions=regions, sectors=sectors, roles=vocab.get("roles", {}), former_names=former)


@cache
def default_reference() -> Reference:
    """The fixture reference data, loaded once per process."""
    return Reference.from_fixtures()
