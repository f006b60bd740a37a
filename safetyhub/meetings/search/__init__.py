"""Full-text search. Placeholder API until issue 5 lands; the signatures are the contract.

- index_meetings(meetings): (re)build the search rows of these meetings; call inside the
  same transaction that wrote them (ingest, admin save).
- meeting_search(queryset, q): filter a Meeting queryset by the query and annotate `rank`
  (higher is better); an empty or unusable query returns the queryset unchanged.
- snippet(text, q, length=200): the best passage of `text` for `q`, HTML-escaped with the
  matched terms wrapped in <mark>; safe to render with |safe.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def index_meetings(meetings: Iterable[object]) -> None:
    """Placeholder: the real index arrives with the search issue."""


def meeting_search(queryset: QuerySet, q: str) -> QuerySet:  # type: ignore[type-arg]
    q = (q or "").strip()
    if not q:
        return queryset
    return queryset.filter(body__icontains=q)


def snippet(text: str, q: str, length: int = 200) -> SafeString:
    return mark_safe(escape(text[:length]))
