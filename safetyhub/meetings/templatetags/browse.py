"""Thin template wrappers over tested helpers in i18n.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..fasthtml import escape, format_html, format_html_join
from ..i18n import date_display, is_zh, localized_name, partial_date_display
from ..models import Role

register = template.Library()


@register.filter
def loc(obj: Any) -> str:
    """An object's name in the active language."""
    return localized_name(obj) if obj is not None else ""


@register.filter
def held(meeting: Any) -> str:
    """A meeting's possibly partial date, formatted for the active language."""
    return partial_date_display(meeting.held_year, meeting.held_month, meeting.held_day)


@register.filter
def ldate(value: Any) -> str:
    return date_display(value)


@register.filter
def role_labels(roles: list[str]) -> str:
    sep = "、" if is_zh() else ", "
    return sep.join(str(Role(r).label) for r in roles if r in Role.values)


@register.simple_tag(takes_context=True)
def other_lang_url(context: dict[str, Any]) -> str:
    request = context.get("request")
    return request.get_full_path() if request else "/"


@register.simple_tag(takes_context=True)
def page_csrf_token(context: template.Context) -> str:
    """{% csrf_token %} for pages the page cache may keep: a placeholder while it renders one.

    safetyhub.pagecache swaps the placeholder for the requester's own token in every response.
    """
    from django.middleware.csrf import get_token

    from safetyhub import pagecache

    request = context.get("request")
    if request is None:
        return ""
    token = pagecache.CSRF_PLACEHOLDER if pagecache.placeholder_in_use(request) else get_token(request)
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


@register.simple_tag
def meeting_row(m: Any, snippet: str = "") -> SafeString:
    """One result row (a meeting in a list), written in Python rather than as a template.

    Lists draw 20 rows a page, and the template engine spent ~2 ms on each, more than every
    facet together. Everything from the report is escaped by format_html / conditional_escape;
    `snippet` arrives already escaped and highlighted (meetings.marking)."""
    if m.held_month or m.held_year:
        date = format_html('<span class="date">{}</span>', held(m))
    elif m.published_on:
        date = format_html('<span class="date">{} {}</span>', _("published"), date_display(m.published_on))
    else:
        date = ""
    region = m.region
    path = ""
    if region is not None:
        links = [
            format_html('<a href="{}">{}</a>', r.get_absolute_url(), localized_name(r)) for r in region.path
        ]
        path = format_html(
            '<span class="region-path">{}</span>',
            mark_safe('<span class="sep" aria-hidden="true"> › </span>'.join(links)),
        )
    parts = [
        format_html(
            '<li class="result">\n  <h3 class="result-title"><a href="{}">{}</a></h3>\n'
            '  <p class="meta">\n    {}\n    {}\n  </p>\n',
            m.get_absolute_url(),
            m.title,
            date,
            path,
        )
    ]
    presiders = getattr(m, "presiders", None)
    if presiders:
        people = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((a.official.get_absolute_url(), localized_name(a.official)) for a in presiders),
        )
        parts.append(format_html('  <p class="meta people">{} {}</p>\n', _("Presided:"), people))
    if snippet:
        parts.append(format_html('  <p class="snippet">{}</p>\n', snippet))
    sectors = list(m.sectors.all())
    if sectors:
        tags = format_html_join(
            "",
            '<li><a class="tag" href="{}">{}</a></li>',
            ((s.get_absolute_url(), localized_name(s)) for s in sectors),
        )
        parts.append(format_html('  <ul class="tags" aria-label="{}">{}</ul>\n', _("Sectors"), tags))
    parts.append(mark_safe("</li>\n"))
    return mark_safe("".join(parts))


def _more(n: int) -> str:
    return ngettext("%(n)s more", "%(n)s more", n) % {"n": n}


def _count_link(v: Any, *, multi: bool = False) -> str:
    selected = ' aria-current="true"' if v.selected else ""
    check = ""
    if multi:
        check = f'<span class="check" aria-hidden="true">{"☑" if v.selected else "☐"}</span>'
    return (
        f'<a href="{escape(v.url)}" class="facet-link{" selected" if v.selected else ""}"{selected}>{check}'
        f'<span class="label">{escape(v.label)}</span> <span class="count">{v.count}</span></a>'
    )


def _value_list(values: list[Any], *, shown: int, css: str, item: Callable[[Any], str]) -> str:
    """Values as list items, those after the first `shown` folded under "N more"."""
    parts = [f'\n  <ul class="{css}">\n    ']
    for i, v in enumerate(values, 1):
        if i == shown + 1:
            parts.append(
                f'</ul><details class="more"><summary>{escape(_more(len(values) - shown))}</summary>'
                f'<ul class="{css}">'
            )
        parts.append(f"\n    <li>{item(v)}</li>\n    ")
    parts.append("\n  </ul>")
    if len(values) > shown:
        parts.append("</details>")
    parts.append("\n  ")
    return "".join(parts)


@register.simple_tag
def facet_section(facet: Any, multi: bool = False) -> SafeString:
    """A facet's values as links with counts, the ninth on folded under "N more".

    Written in Python like meeting_row (same HTML the template gave): ~45 values a page."""
    name, parts = escape(facet.name), []
    parts.append(
        f'<section class="facet" aria-labelledby="facet-{name}">\n'
        f'  <h3 id="facet-{name}">{escape(facet.title)}</h3>\n  '
    )
    if facet.values:

        def item(v: Any) -> str:
            if v.count or v.selected:
                return _count_link(v, multi=multi)
            return (
                f'<span class="facet-link dim"><span class="label">{escape(v.label)}</span> '
                '<span class="count">0</span></span>'
            )

        parts.append(_value_list(facet.values, shown=8, css="facet-values", item=item))
    else:
        parts.append(f'<p class="muted">{escape(_("Nothing to choose here."))}</p>')
    parts.append("\n</section>\n")
    return mark_safe("".join(parts))


@register.simple_tag
def region_facet_section(facet: Any) -> SafeString:
    """The region tree: a breadcrumb up, then the children with counts of everything under them."""
    parts = [
        '\n<section class="facet" aria-labelledby="facet-region">\n'
        f'  <h3 id="facet-region">{escape(facet.title)}</h3>\n  '
    ]
    if facet.trail:
        parts.append(
            f'\n  <ol class="tree-trail">\n    <li><a href="{escape(facet.extra["all_url"])}">'
            f"{escape(_('All regions'))}</a></li>\n    "
        )
        for t in facet.trail:
            if t.selected:
                parts.append(f'<li><strong aria-current="true">{escape(t.label)}</strong></li>')
            else:
                parts.append(f'<li><a href="{escape(t.url)}">{escape(t.label)}</a></li>')
        parts.append("\n  </ol>\n  ")
    parts.append("\n  ")
    if facet.values:

        def item(v: Any) -> str:
            return (
                f'<a class="facet-link" href="{escape(v.url)}"><span class="label">{escape(v.label)}</span> '
                f'<span class="count">{v.count}</span></a>'
            )

        parts.append(_value_list(facet.values, shown=10, css="facet-values tree", item=item))
    elif not facet.trail:
        parts.append(f'<p class="muted">{escape(_("Nothing to choose here."))}</p>')
    parts.append("\n</section>\n")
    return mark_safe("".join(parts))
