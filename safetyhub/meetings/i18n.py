"""Names and dates in the active language."""

from __future__ import annotations

import calendar

from django.utils.translation import get_language
from django.utils.translation import gettext as _


def is_zh(lang: str | None = None) -> bool:
    return (lang or get_language() or "en").lower().startswith("zh")


def localized_name(obj: object, lang: str | None = None) -> str:
    """name_zh in Chinese, name_en in English, whichever exists otherwise."""
    return pick_name(getattr(obj, "name_zh", ""), getattr(obj, "name_en", ""), is_zh(lang))


def pick_name(name_zh: str | None, name_en: str | None, zh: bool) -> str:
    """localized_name for names read as plain values, the language (is_zh) looked up once."""
    zh_name, en_name = name_zh or "", name_en or ""
    return (zh_name or en_name) if zh else (en_name or zh_name)


def partial_date_display(
    year: int | None, month: int | None, day: int | None, lang: str | None = None
) -> str:
    """A possibly partial date, honest about what is unknown: `22 Aug, year unknown`."""
    if not (year or month):
        return ""
    if is_zh(lang):
        text = f"{year}年" if year else ""
        text += f"{month}月" if month else ""
        text += f"{day}日" if month and day else ""
        return text if year else text + "（年份不详）"
    mon = calendar.month_abbr[month] if month else ""
    if year and month and day:
        return f"{day} {mon} {year}"
    if year and month:
        return f"{mon} {year}"
    if month and day:
        return _("%(day)s %(month)s, year unknown") % {"day": day, "month": mon}
    if month:
        return _("%(month)s, year unknown") % {"month": mon}
    return str(year)


def date_display(value: object, lang: str | None = None) -> str:
    if value is None:
        return ""
    return partial_date_display(value.year, value.month, value.day, lang)  # type: ignore[attr-defined]


def month_label(year: int, month: int, lang: str | None = None) -> str:
    return f"{year}年{month}月" if is_zh(lang) else f"{calendar.month_abbr[month]} {year}"
