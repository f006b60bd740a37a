"""Charts as inline SVG drawn on the server: no JavaScript, no CDN, readable by screen readers.

Each chart is an <svg role="img"> with a <title> and a <desc> that states the data in words,
and every bar carries its own <title> (a tooltip). All text is escaped; styling lives in app.css.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .fasthtml import format_html

_ids = itertools.count(1)


@dataclass
class Point:
    label: str
    value: int
    url: str = ""
    tick: str = ""  # axis label; empty means none for this bar


def _nice_max(value: int) -> int:
    """A round axis maximum whose half is a whole number too."""
    if value <= 10:
        return max(2, value + value % 2)
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return value


def _wrap(svg_body: str, *, title: str, desc: str, width: int, height: int, css: str) -> SafeString:
    uid = f"chart{next(_ids)}"
    head = format_html(
        '<svg class="chart {}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>',
        css,
        width,
        height,
        uid,
        uid,
        uid,
        title,
        uid,
        desc,
    )
    return mark_safe(head + svg_body + "</svg>")


def column_chart(
    points: Sequence[Point], *, title: str, desc: str = "", width: int = 720, height: int = 180
) -> SafeString:
    """Vertical bars (a timeline or histogram); bars with a URL are links."""
    if not points:
        return _wrap("", title=title, desc=desc or title, width=width, height=40, css="chart-columns empty")
    top, bottom, left, right = 10, 24, 34, 4
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_max(max(p.value for p in points))
    slot = plot_w / len(points)
    bar_w = max(1.0, slot * 0.8)
    parts: list[str] = []
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        parts.append(
            format_html(
                '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="axis" x="{}" y="{}" text-anchor="end">{}</text>',
                left,
                width - right,
                f"{y:.1f}",
                f"{y:.1f}",
                left - 4,
                f"{y + 4:.1f}",
                int(peak * frac),
            )
        )
    for i, p in enumerate(points):
        h = plot_h * p.value / peak if peak else 0
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h - h
        bar = format_html(
            '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
            f"{x:.1f}",
            f"{y:.1f}",
            f"{bar_w:.1f}",
            f"{max(h, 0.5 if p.value else 0):.1f}",
            p.label,
            p.value,
        )
        if p.url:
            bar = format_html('<a href="{}" aria-label="{}: {}">{}</a>', p.url, p.label, p.value, bar)
        parts.append(bar)
        if p.tick:
            parts.append(
                format_html(
                    '<text class="axis" x="{}" y="{}" text-anchor="middle">{}</text>',
                    f"{left + i * slot + slot / 2:.1f}",
                    height - 6,
                    p.tick,
                )
            )
    if not desc:
        desc = "; ".join(f"{p.label}: {p.value}" for p in points)
    return _wrap("".join(parts), title=title, desc=desc, width=width, height=height, css="chart-columns")


def bar_chart(points: Sequence[Point], *, title: str, desc: str = "", width: int = 420) -> SafeString:
    """Horizontal labelled bars (sector mix, top regions)."""
    row_h, label_w, count_w = 24, 180, 44
    height = max(row_h * len(points), row_h)
    peak = max((p.value for p in points), default=0) or 1
    plot_w = width - label_w - count_w
    parts: list[str] = []
    for i, p in enumerate(points):
        y = i * row_h
        w = plot_w * p.value / peak
        label = format_html(
            '<text class="label" x="{}" y="{}" text-anchor="end">{}</text>', label_w - 6, y + 15, p.label
        )
        bar = format_html(
            '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>'
            '<text class="count" x="{}" y="{}">{}</text>',
            label_w,
            y + 4,
            f"{max(w, 1):.1f}",
            row_h - 8,
            p.label,
            p.value,
            f"{label_w + w + 4:.1f}",
            y + 15,
            p.value,
        )
        row = label + bar
        if p.url:
            row = format_html('<a href="{}">{}</a>', p.url, row)
        parts.append(row)
    if not desc:
        desc = "; ".join(f"{p.label}: {p.value}" for p in points)
    return _wrap("".join(parts), title=title, desc=desc, width=width, height=height, css="chart-bars")


__all__ = ["Point", "bar_chart", "column_chart", "escape"]
