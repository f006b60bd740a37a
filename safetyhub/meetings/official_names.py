"""The forms an official's names are matched and stored under (Django-free, used by ingest workers)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from safetyhub.extraction.types import ExtractedOfficial


@lru_cache(maxsize=4096)
def normalize_name_en(name: str) -> str:
    """'chen  MIN' -> 'Chen Min' (the form stored in Official.name_en)."""
    name = unicodedata.normalize("NFKC", name)
    parts = re.split(r"[\s\u00b7\u30fb]+", name.strip())
    return " ".join(p[:1].upper() + p[1:].lower() for p in parts if p)


@lru_cache(maxsize=4096)
def name_zh(name: str | None) -> str:
    """A Chinese name folded to Simplified, without spaces or middle dots."""
    if not name:
        return ""
    from safetyhub.extraction.text import fold

    return fold(re.sub(r"[\s\u00b7\u30fb•]", "", unicodedata.normalize("NFKC", name)))


@lru_cache(maxsize=4096)
def pinyin(name_zh: str) -> str:
    """The normalized pinyin of a Chinese name ('陈敏' -> 'Chen Min')."""
    from safetyhub.extraction.people import name_to_pinyin

    return normalize_name_en(name_to_pinyin(name_zh)) if name_zh else ""


# Names computed in ingest workers for the batch being written (pinyin is slow enough to matter
# there); replaced with each batch, so the writer's memory does not grow with the run.
_HINTS: dict[tuple[str | None, str | None], tuple[str, str]] = {}


def set_person_name_hints(hints: dict[tuple[str | None, str | None], tuple[str, str]]) -> None:
    """Use these `person_names()` results, by raw (name_zh, name_en), until the next call."""
    global _HINTS
    _HINTS = hints


def person_names(person: ExtractedOfficial) -> tuple[str, str]:
    """The (name_zh, name_en) an extracted person is matched and stored under."""
    known = _HINTS.get((person.name_zh, person.name_en))
    if known is not None:
        return known
    zh = name_zh(person.name_zh)
    en = normalize_name_en(person.name_en) if person.name_en else pinyin(zh)
    if zh and not en:
        en = pinyin(zh)
    return zh, en
