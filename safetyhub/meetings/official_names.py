"""The forms an official's names are matched and stored under (Django-free, used by ingest workers)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from safetyhub.extraction.types import ExtractedOfficial


@lru_cache(maxsize=100_000)
def normalize_name_en(name: str) -> str:
    """'chen  MIN' -> 'Chen Min' (the form stored in Official.name_en)."""
    name = unicodedata.normalize("NFKC", name)
    parts = re.split(r"[\s\u00b7\u30fb]+", name.strip())
    return " ".join(p[:1].upper() + p[1:].lower() for p in parts if p)


@lru_cache(maxsize=100_000)
def name_zh(name: str | None) -> str:
    """A Chinese name folded to Simplified, without spaces or middle dots."""
    if not name:
        return ""
    from safetyhub.extraction.text import fold

    return fold(re.sub(r"[\s\u00b7\u30fb•]", "", unicodedata.normalize("NFKC", name)))


@lru_cache(maxsize=100_000)
def pinyin(name_zh: str) -> str:
    """The normalized pinyin of a Chinese name ('陈敏' -> 'Chen Min')."""
    from safetyhub.extraction.people import name_to_pinyin

    return normalize_name_en(name_to_pinyin(name_zh)) if name_zh else ""


# Names computed in ingest workers, handed to the writer (pinyin is slow enough to matter there).
_KNOWN: dict[tuple[str | None, str | None], tuple[str, str]] = {}
_KNOWN_MAX = 50_000


def remember_person_names(raw: tuple[str | None, str | None], names: tuple[str, str]) -> None:
    """Record `person_names()` of a person with these raw (name_zh, name_en), computed elsewhere."""
    if len(_KNOWN) >= _KNOWN_MAX:
        _KNOWN.clear()
    _KNOWN[raw] = names


def person_names(person: ExtractedOfficial) -> tuple[str, str]:
    """The (name_zh, name_en) an extracted person is matched and stored under."""
    known = _KNOWN.get((person.name_zh, person.name_en))
    if known is not None:
        return known
    zh = name_zh(person.name_zh)
    en = normalize_name_en(person.name_en) if person.name_en else pinyin(zh)
    if zh and not en:
        en = pinyin(zh)
    return zh, en
