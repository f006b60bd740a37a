"""format_html and format_html_join with the same output as Django's, for hot loops.

A list page formats a few thousand values (result rows, chart bars). Django's versions send
every argument through conditional_escape -> escape, a keep_lazy wrapper that makes a
SafeString per value: ~3 us each, a tenth of a page. These escape with html.escape directly
(what django.utils.html.escape calls) and keep objects that are already safe (__html__)."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from django.utils.safestring import SafeString, mark_safe


def escape(value: Any) -> str:
    """conditional_escape's result, as a plain str."""
    as_html = getattr(value, "__html__", None)
    if as_html is not None:
        return as_html()
    return html.escape(str(value))


def format_html(template: str, *args: Any) -> SafeString:
    return mark_safe(template.format(*map(escape, args)))


def format_html_join(sep: str, template: str, rows: Iterable[Iterable[Any]]) -> SafeString:
    return mark_safe(escape(sep).join(template.format(*map(escape, row)) for row in rows))
