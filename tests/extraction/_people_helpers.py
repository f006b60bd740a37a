"""Helpers shared by the officials and directives tests."""

from __future__ import annotations

from safetyhub.extraction.directives import extract_directives
from safetyhub.extraction.people import extract_officials
from safetyhub.extraction.reference import default_reference
from safetyhub.extraction.text import fold
from safetyhub.extraction.types import ExtractedDirective, ExtractedOfficial


def officials(text: str, language: str = "zh") -> list[ExtractedOfficial]:
    return extract_officials(text, fold(text), language=language, reference=default_reference())


def people(text: str, language: str = "zh") -> dict[str, tuple[list[str], list[str]]]:
    """{name: (roles in alphabetical order, titles)}, names as name_zh or else name_en."""
    return {o.key: (sorted(o.roles), o.titles) for o in officials(text, language)}


def roles(text: str, language: str = "zh") -> dict[str, list[str]]:
    return {name: r for name, (r, _) in people(text, language).items()}


def directives(text: str, language: str = "zh") -> list[ExtractedDirective]:
    folded = fold(text)
    found = extract_officials(text, folded, language=language, reference=default_reference())
    return extract_directives(text, folded, found, language=language, reference=default_reference())
