"""Bilingual full-text search over meetings and directives.

- index_meetings(meetings): (re)build the search rows of these meetings and their directives;
  call it inside the transaction that wrote them (ingest, admin save).
- index_documents(docs): the same from plain data, for bulk loads (benchmarks, rebuilds).
- rebuild_search_index(): drop every search row and index all meetings again.
- parse(q): the tokenized query (ParsedQuery), also what snippets highlight.
- meeting_search(queryset, q): filter a Meeting queryset by the query, annotate `rank` (higher
  is better) and order by rank, then newest first; an empty or unusable query returns the
  queryset unchanged.
- directive_search(queryset, q): the same for a Directive queryset.
- snippet(text, q, length=200): the best passage of `text` for `q`, HTML-escaped, with the
  matched terms wrapped in <mark>; safe to render.
"""

from __future__ import annotations

from .indexing import IndexDocument, index_documents, index_meetings, rebuild_search_index
from .query import directive_search, meeting_search, parse
from .snippets import snippet

__all__ = [
    "IndexDocument",
    "directive_search",
    "index_documents",
    "index_meetings",
    "meeting_search",
    "parse",
    "rebuild_search_index",
    "snippet",
]
