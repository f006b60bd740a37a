"""Render a meeting's cleaned text with the extracted spans marked, escaping everything from the report."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ..models import Meeting

# When marks overlap, the innermost kind of fact decides the colour.
KIND_PRIORITY = ("official", "sector", "date", "region", "title", "directive")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    label: str


def _span(value: object) -> tuple[int, int] | None:
    """Read a [start, end] pair from JSON, or None when it is not one."""
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return int(value[0]), int(value[1])
    return None


def render_marked(text: str, marks: Iterable[Mark]) -> SafeString:
    """Return `text` as HTML with every valid mark wrapped in <mark>; overlapping marks are split."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    bounds = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    parts: list[str] = []
    for a, b in itertools.pairwise(bounds):
        chunk = escape(text[a:b])
        active = [m for m in valid if m.start <= a and b <= m.end]
        if not active:
            parts.append(chunk)
            continue
        kind = min((m.kind for m in active), key=KIND_PRIORITY.index)
        labels = "; ".join(dict.fromkeys(m.label for m in active))
        parts.append(format_html('<mark class="span span-{}" title="{}">{}</mark>', kind, labels, chunk))
    return mark_safe("".join(parts))  # every part was escaped above


def meeting_marks(meeting: Meeting) -> list[Mark]:
    """Collect the spans of a meeting's extracted facts (meeting-level, attendances, directives)."""
    marks: list[Mark] = []
    spans = meeting.spans if isinstance(meeting.spans, dict) else {}
    for key, kind in (
        ("title", "title"),
        ("held_on", "date"),
        ("published_on", "date"),
        ("region", "region"),
    ):
        span = _span(spans.get(key))
        if span:
            marks.append(Mark(*span, kind, key.replace("_", " ")))
    sectors = spans.get("sectors")
    if isinstance(sectors, dict):
        for slug, items in sectors.items():
            for item in items if isinstance(items, list) else []:
                span = _span(item)
                if span:
                    marks.append(Mark(*span, "sector", f"sector: {slug}"))
    for attendance in meeting.attendances.all():
        label = f"{attendance.official}: {', '.join(attendance.roles)}"
        for item in attendance.spans if isinstance(attendance.spans, list) else []:
            span = _span(item)
            if span:
                marks.append(Mark(*span, "official", label))
    for directive in meeting.directives.all():
        if directive.span_start is not None and directive.span_end is not None:
            marks.append(
                Mark(directive.span_start, directive.span_end, "directive", f"directive {directive.order}")
            )
    return marks
