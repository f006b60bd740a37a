"""Officials and their roles and titles, in Chinese and English. Placeholder until issue 3 lands."""

from __future__ import annotations

from .reference import Reference
from .types import ExtractedOfficial


def extract_officials(
    body: str, folded: str, *, language: str, reference: Reference
) -> list[ExtractedOfficial]:
    """Find the people who took part in the meeting; spans point into `body`."""
    return []


def name_to_pinyin(name_zh: str) -> str:
    """陈敏 -> "Chen Min" (surname readings corrected: 曾 Zeng, 单 Shan)."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name_zh)
    if not syllables:
        return ""
    given = "".join(syllables[1:])
    return f"{syllables[0].capitalize()} {given.capitalize()}".strip()
