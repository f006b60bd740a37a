"""CSV and JSON exports of a filtered meeting list, streamed so a big export never sits in memory."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from . import selectors
from .api import json_text, meeting_summary_json
from .filters import MeetingFilter
from .i18n import localized_name
from .models import Meeting
from .search import parse

CHUNK = 500
CSV_COLUMNS = ["id", "url", "title", "held_on", "published_on", "region_code", "region", "sectors",
               "presided", "meeting_type", "language", "source"]  # fmt: skip


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe_cell(value: Any) -> Any:
    """Defuse spreadsheet formulas: a cell starting with = + - @ is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _rows(request: HttpRequest) -> Iterator[Meeting]:
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.all())
    qs = selectors.meeting_export_rows(filterset=filterset)
    yield from qs.iterator(chunk_size=CHUNK)


def _filename(ext: str) -> str:
    return f"safetyhub-meetings-{timezone.now():%Y%m%d-%H%M}.{ext}"


def meeting_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    base = request.build_absolute_uri("/")[:-1]

    def generate() -> Iterator[str]:
        yield "\ufeff"  # lets spreadsheet programs detect UTF-8 (Chinese text)
        yield writer.writerow(CSV_COLUMNS)
        for m in _rows(request):
            presiders = "; ".join(localized_name(a.official) for a in m.presiders)
            row = [
                m.pk,
                base + m.get_absolute_url(),
                m.title,
                m.held_on_iso or "",
                m.published_on.isoformat() if m.published_on else "",
                m.region.code if m.region else "",
                " > ".join(localized_name(r) for r in m.region.path) if m.region else "",
                " ".join(s.slug for s in m.sectors.all()),
                presiders,
                m.meeting_type,
                m.language,
                min(m.sources.all(), key=lambda s: s.pk).location if m.sources.all() else "",
            ]
            yield writer.writerow([_safe_cell(v) for v in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def meeting_export_json(request: HttpRequest) -> StreamingHttpResponse:
    q = request.GET.get("q", "")
    parsed = parse(q) if q.strip() else ""  # once, not per row: parsing reads the sector synonyms

    def generate() -> Iterator[str]:
        yield "["
        first = True
        for m in _rows(request):
            yield ("\n" if first else ",\n") + json_text(meeting_summary_json(m, parsed))
            first = False
        yield "\n]\n"

    response = StreamingHttpResponse(generate(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response
