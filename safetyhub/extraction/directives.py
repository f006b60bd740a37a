"""Directives: what the meeting ordered. Placeholder until issue 3 lands."""

from __future__ import annotations

from .reference import Reference
from .types import ExtractedDirective, ExtractedOfficial


def extract_directives(
    body: str, folded: str, officials: list[ExtractedOfficial], *, language: str, reference: Reference
) -> list[ExtractedDirective]:
    """Split the report's instructions into one directive per instruction, with issuer and sectors."""
    return []
