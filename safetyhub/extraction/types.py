"""The extraction result: plain dataclasses, no Django.

Spans are (start, end) character offsets into `ExtractedMeeting.body`.
`to_contract()` renders the JSON object of the `extract --json` contract in DESIGN.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

ROLES = ("presided", "spoke", "attended", "instructed", "reported")


@dataclass(frozen=True)
class PartialDate:
    """A date whose year (or day) may be unknown."""

    year: int | None
    month: int | None
    day: int | None

    def iso(self) -> str | None:
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.year and self.month:
            return f"{self.year:04d}-{self.month:02d}"
        if self.month and self.day:
            return f"--{self.month:02d}-{self.day:02d}"
        return None

    def as_date(self) -> dt.date | None:
        if self.year and self.month and self.day:
            try:
                return dt.date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None


@dataclass
class ExtractedRegion:
    """The jurisdiction that held the meeting. `code` is the gazetteer code (trimmed: 36, 3606,
    360681); for a zone or township not in the gazetteer it is None and `parent_code` names
    the gazetteer region it belongs under."""

    code: str | None
    name_zh: str
    name_en: str
    level: str  # national/province/prefecture/county/zone/township
    path_zh: list[str]
    in_gazetteer: bool = True
    parent_code: str | None = None
    confidence: float = 1.0
    span: Span | None = None

    def to_contract(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "level": self.level,
            "path_zh": list(self.path_zh),
        }


@dataclass
class ExtractedOfficial:
    name_zh: str | None  # None for a person named only in English
    name_en: str  # pinyin of name_zh, or the name as written in English
    roles: list[str] = field(default_factory=list)  # ordered as ROLES
    titles: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # every mention; the first is the main one

    @property
    def key(self) -> str:
        """The name used to refer to this person elsewhere (directive issuers)."""
        return self.name_zh or self.name_en

    def to_contract(self) -> dict[str, Any]:
        return {
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "roles": [r for r in ROLES if r in self.roles],
            "titles": list(self.titles),
        }


@dataclass
class ExtractedDirective:
    text: str
    issuer: str | None  # an ExtractedOfficial.key, or None ("the meeting stressed")
    sectors: list[str] = field(default_factory=list)
    span: Span | None = None

    def to_contract(self) -> dict[str, Any]:
        return {"text": self.text, "issuer": self.issuer, "sectors": list(self.sectors)}


@dataclass
class ExtractedMeeting:
    source: str | None
    title: str
    language: str  # zh, zh-Hant, en, mixed
    body: str  # cleaned text, original script; all spans point into it
    raw_text: str
    published_on: dt.date | None = None
    held_on: PartialDate | None = None
    region: ExtractedRegion | None = None
    meeting_type: str = "other"  # a safetyhub.meetings.models.MeetingType value
    officials: list[ExtractedOfficial] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    directives: list[ExtractedDirective] = field(default_factory=list)
    outlet: str = ""
    reporter: str = ""
    # Spans of meeting-level facts: "title", "held_on", "published_on", "region".
    spans: dict[str, Span] = field(default_factory=dict)
    # Every sector keyword hit in the body: (slug, span).
    sector_mentions: list[tuple[str, Span]] = field(default_factory=list)
    # What extraction could not settle ("no region", "year unknown", ...), for the review queue.
    attention: list[str] = field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "language": self.language,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "held_on": self.held_on.iso() if self.held_on else None,
            "region": self.region.to_contract() if self.region else None,
            "meeting_type": self.meeting_type,
            "officials": [o.to_contract() for o in self.officials],
            "sectors": list(self.sectors),
            "directives": [d.to_contract() for d in self.directives],
        }
