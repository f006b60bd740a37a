"""The JSON API (contract in DESIGN.md): the list page's filters and facets as data."""

from __future__ import annotations

import html
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.html import strip_tags
from django.utils.translation import override

from safetyhub.extraction.tokenize import ParsedQuery

from . import selectors
from .facets import meeting_facets
from .filters import MeetingFilter
from .models import Meeting, Region
from .pagination import page_of
from .querystate import QueryState
from .search import parse, snippet


def json_text(value: Any) -> str:
    """JSON with < > & escaped, so it stays inert even if something renders it as HTML."""
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def json_response(value: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(json_text(value), content_type="application/json", status=status)


def region_json(region: Region | None, *, full: bool = False) -> dict[str, Any] | None:
    if region is None:
        return None
    data: dict[str, Any] = {"code": region.code, "name_zh": region.name_zh, "name_en": region.name_en}
    if full:
        data["level"] = region.level
        data["path_zh"] = region.path_zh
    return data


def meeting_source(meeting: Meeting) -> str:
    """The first source; uses the prefetched `sources` when present."""
    sources = list(meeting.sources.all())
    return min(sources, key=lambda s: s.pk).location if sources else ""


def meeting_summary_json(
    meeting: Meeting, q: str | ParsedQuery = "", *, source: str | None = None
) -> dict[str, Any]:
    """One result; `source` is the meeting's first source when the caller has looked it up."""
    return {
        "id": meeting.pk,
        "url": meeting.get_absolute_url(),
        "source": meeting_source(meeting) if source is None else source,
        "title": meeting.title,
        "held_on": meeting.held_on_iso,
        "region": region_json(meeting.region),
        "sectors": [s.slug for s in meeting.sectors.all()],
        # snippet() returns escaped HTML with <mark>; the API gives plain text.
        "snippet": _unescape(strip_tags(str(snippet(meeting.body, q)))) if q else meeting.body[:200],
    }


def _unescape(text: str) -> str:
    return html.unescape(text)


def meeting_detail_json(meeting: Meeting) -> dict[str, Any]:
    directives = list(meeting.directives.all())
    return {
        "id": meeting.pk,
        "url": meeting.get_absolute_url(),
        "source": meeting_source(meeting),
        "title": meeting.title,
        "language": meeting.language,
        "published_on": meeting.published_on.isoformat() if meeting.published_on else None,
        "held_on": meeting.held_on_iso,
        "region": region_json(meeting.region, full=True),
        "meeting_type": meeting.meeting_type,
        "officials": [
            {
                "name_zh": a.official.name_zh or None,
                "name_en": a.official.name_en or None,
                "roles": a.roles,
                "titles": a.titles or ([a.title] if a.title else []),
            }
            for a in meeting.attendances.all()
        ],
        "sectors": [s.slug for s in meeting.sectors.all()],
        "directives": [
            {
                "text": d.text,
                "issuer": (d.issuer.name_zh or d.issuer.name_en) if d.issuer else None,
                "sectors": [s.slug for s in d.sectors.all()],
            }
            for d in directives
        ],
        "editor_fields": meeting.editor_fields,
        "review_state": meeting.review_state,
    }


def api_meeting_list(request: HttpRequest) -> HttpResponse:
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.all())
    # Facet labels follow the contract's example (Chinese names), whatever the UI language.
    with override("zh-hans"):
        counted = meeting_facets(filterset, QueryState(request.GET, request.path), "zh-hans")
    facets = counted.facets
    source = selectors.meeting_page_source(filterset=filterset, selection=counted.selection)
    try:
        page = page_of(request.GET, source, count=counted.total)
    except Http404:
        return json_response({"error": "no such page"}, status=404)
    q = filterset.values.get("q", "")
    parsed = parse(q) if q else ""  # once: parsing reads the sector synonyms
    meetings = list(page.object_list)
    first = selectors.first_sources([m.pk for m in meetings])
    return json_response(
        {
            "count": page.paginator.count,
            "page": page.number,
            "page_size": page.paginator.per_page,
            "results": [meeting_summary_json(m, parsed, source=first.get(m.pk, "")) for m in meetings],
            "facets": {
                "region": facets["region"].as_json(),
                "sector": facets["sector"].as_json(),
                "year": facets["year"].as_json(),
                "type": facets["type"].as_json(),
                "language": facets["language"].as_json(),
                "official": facets["official"].as_json(),
            },
        }
    )


def api_meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_detail(pk=pk)
    except Meeting.DoesNotExist:
        return json_response({"error": "not found"}, status=404)
    return json_response(meeting_detail_json(meeting))
