"""The extraction pipeline: clean, then read each kind of fact. Placeholder until issue 3 lands."""

from __future__ import annotations

from .reference import Reference, default_reference
from .types import ExtractedMeeting


def extract(text: str, source: str | None = None, reference: Reference | None = None) -> ExtractedMeeting:
    """Turn one report's text into a structured meeting record. Never raises on text."""
    reference = reference or default_reference()
    body = text.strip()
    first_line = body.splitlines()[0] if body else ""
    return ExtractedMeeting(source=source, title=first_line[:200], language="zh", body=body, raw_text=text)
