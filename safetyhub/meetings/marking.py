"""Mark every extracted fact in a meeting's text, so readers see where each one came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .i18n import is_zh, localized_name
from .models import Attendance, Directive, Meeting, Sector


@dataclass
class Fact:
    start: int
    end: int
    kind: str
    label: str
    anchor: str = ""


def meeting_facts(
    meeting: Meeting,
    sectors: Iterable[Sector],
    attendances: Iterable[Attendance],
    directives: Iterable[Directive],
) -> list[Fact]:
    """Collect the spans of a meeting's facts, given its sectors, attendances (with officials)
    and directives (with issuers)."""
    facts: list[Fact] = []
    spans = meeting.spans if isinstance(meeting.spans, dict) else {}
    labels = {
        "title": _("Title"),
        "held_on": _("Meeting date"),
        "published_on": _("Publication date"),
        "region": _("Region"),
    }
    for key, label in labels.items():
        span = spans.get(key)
        if _is_span(span):
            facts.append(Fact(span[0], span[1], key.replace("_", "-"), str(label)))
    sector_names = {s.slug: localized_name(s) for s in sectors}
    sector_spans = spans.get("sectors") if isinstance(spans.get("sectors"), dict) else {}
    for slug, items in (sector_spans or {}).items():
        for span in items if isinstance(items, list) else []:
            if _is_span(span):
                name = sector_names.get(slug, slug)
                facts.append(Fact(span[0], span[1], "sector", _("Sector: %(name)s") % {"name": name}))
    for a in attendances:
        roles = ("、" if is_zh() else ", ").join(_role_label(r) for r in a.roles)
        label = _("Official: %(name)s (%(roles)s)") % {"name": localized_name(a.official), "roles": roles}
        for i, span in enumerate(a.spans if isinstance(a.spans, list) else []):
            if _is_span(span):
                anchor = f"text-official-{a.official_id}" if i == 0 else ""
                facts.append(Fact(span[0], span[1], "official", label, anchor))
    for d in directives:
        if d.span_start is not None and d.span_end is not None and d.span_end > d.span_start:
            issuer = localized_name(d.issuer) if d.issuer else _("the meeting")
            label = _("Directive issued by %(issuer)s") % {"issuer": issuer}
            facts.append(Fact(d.span_start, d.span_end, "directive", label, f"text-directive-{d.pk}"))
    return facts


def _is_span(span: object) -> bool:
    return (
        isinstance(span, list | tuple)
        and len(span) == 2
        and all(isinstance(x, int) for x in span)
        and 0 <= span[0] < span[1]
    )


def _role_label(role: str) -> str:
    from .models import Role

    return str(Role(role).label) if role in Role.values else role


def marked_text(text: str, facts: list[Fact]) -> SafeString:
    """Escape `text` and wrap each fact in a focusable <mark>; crossing spans are clipped to nest."""
    valid = sorted((f for f in facts if 0 <= f.start < f.end <= len(text)), key=lambda f: (f.start, -f.end))
    out: list[str] = []
    pos = 0
    stack: list[int] = []
    used_anchors: set[str] = set()

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1] <= limit:
            end = stack.pop()
            out.append(escape(text[pos:end]))
            pos = end
            out.append("</mark>")

    for f in valid:
        close_until(f.start)
        end = min(f.end, stack[-1]) if stack else f.end
        if end <= f.start or f.start < pos:
            continue
        out.append(escape(text[pos : f.start]))
        pos = f.start
        anchor = f.anchor if f.anchor and f.anchor not in used_anchors else ""
        used_anchors.add(anchor)
        out.append(
            format_html(
                '<mark class="fact fact-{}"{} tabindex="0" data-label="{}" title="{}">',
                f.kind,
                format_html(' id="{}"', anchor) if anchor else "",
                f.label,
                f.label,
            )
        )
        stack.append(end)
    close_until(len(text))
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))
