"""Admin template tags for the meeting changelist."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.db.models import Max, Min
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

register = template.Library()


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def date_hierarchy_choices(cl: Any) -> dict[str, Any]:
    """Django's date hierarchy without its SELECT DISTINCT over the whole table.

    Years run from the archive's first to its last date (two index lookups, whatever the
    filters); months and days are the calendar's, so a link may lead to an empty page.
    """
    field = cl.date_hierarchy
    year_field, month_field, day_field = f"{field}__year", f"{field}__month", f"{field}__day"
    year, month, day = (_int(cl.params.get(f)) for f in (year_field, month_field, day_field))

    def link(filters: dict[str, Any]) -> str:
        return cl.get_query_string(filters, [f"{field}__"])

    if year and month and day:
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return {"show": False}
        return {
            "show": True,
            "back": {
                "link": link({year_field: year, month_field: month}),
                "title": capfirst(formats.date_format(date, "YEAR_MONTH_FORMAT")),
            },
            "choices": [{"title": capfirst(formats.date_format(date, "MONTH_DAY_FORMAT"))}],
        }
    if year and month and 1 <= month <= 12:
        days = calendar.monthrange(year, month)[1]
        return {
            "show": True,
            "back": {"link": link({year_field: year}), "title": str(year)},
            "choices": [
                {
                    "link": link({year_field: year, month_field: month, day_field: d}),
                    "title": capfirst(formats.date_format(dt.date(year, month, d), "MONTH_DAY_FORMAT")),
                }
                for d in range(1, days + 1)
            ],
        }
    if year:
        return {
            "show": True,
            "back": {"link": link({}), "title": _("All dates")},
            "choices": [
                {
                    "link": link({year_field: year, month_field: m}),
                    "title": capfirst(formats.date_format(dt.date(year, m, 1), "YEAR_MONTH_FORMAT")),
                }
                for m in range(1, 13)
            ],
        }
    bounds = cl.model._default_manager.aggregate(first=Min(field), last=Max(field))
    if not bounds["first"]:
        return {"show": False}
    return {
        "show": True,
        "back": None,
        "choices": [
            {"link": link({year_field: str(y)}), "title": str(y)}
            for y in range(bounds["first"].year, bounds["last"].year + 1)
        ],
    }


@register.tag(name="meeting_date_hierarchy")
def meeting_date_hierarchy_tag(parser: Any, token: Any) -> InclusionAdminNode:
    return InclusionAdminNode(
        parser, token, func=date_hierarchy_choices, template_name="date_hierarchy.html", takes_context=False
    )
