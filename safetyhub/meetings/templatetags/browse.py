"""Thin template wrappers over tested helpers in i18n.py."""

from __future__ import annotations

from typing import Any

from django import template

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
    from django.utils.html import format_html

    from safetyhub import pagecache

    request = context.get("request")
    if request is None:
        return ""
    token = pagecache.CSRF_PLACEHOLDER if pagecache.placeholder_in_use(request) else get_token(request)
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
