"""Documents written together: the same rows as one by one, and a failure stays with its document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, transaction

from safetyhub.extraction import pipeline
from safetyhub.meetings import ingest as ingest_module
from safetyhub.meetings.corpus import generate_corpus
from safetyhub.meetings.ingest import ingest_paths
from safetyhub.meetings.models import ArchiveVersion, Attendance, Directive, Meeting, MeetingSource, Official

from .factories import extracted

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


MEETING_FIELDS = [
    "title",
    "outlet",
    "reporter",
    "published_on",
    "meeting_type",
    "language",
    "body",
    "region__code",
    "region_confidence",
    "held_year",
    "held_month",
    "held_day",
    "sort_date",
    "spans",
    "attention_reasons",
    "review_state",
    "content_hash",
]
ATTENDANCE_FIELDS = [
    "meeting__content_hash",
    "official__name_zh",
    "official__name_en",
    "official__home_region__code",
    "presided",
    "spoke",
    "attended",
    "instructed",
    "reported",
    "title",
    "titles",
    "spans",
    "position",
]
DIRECTIVE_FIELDS = [
    "meeting__content_hash",
    "order",
    "text",
    "issuer__name_zh",
    "issuer__name_en",
    "span_start",
    "span_end",
]


def _snapshot() -> dict[str, Any]:
    """Everything ingest writes, keyed by content rather than by ids."""
    meetings = {m.pk: m.content_hash for m in Meeting.objects.all()}
    directives = {d.pk: (meetings[d.meeting_id], d.order) for d in Directive.objects.all()}

    def search_rows(table: str, key: dict[int, Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            columns = "rowid, document" if connection.vendor == "postgresql" else "rowid, *"
            cursor.execute(f"SELECT {columns} FROM {table}")
            return sorted((key[row[0]], *map(str, row[1:])) for row in cursor.fetchall())

    return {
        "meetings": sorted(map(repr, Meeting.objects.values_list(*MEETING_FIELDS))),
        "sectors": sorted(
            Meeting.sectors.through.objects.values_list("meeting__content_hash", "sector__slug")
        ),
        "sources": sorted(
            MeetingSource.objects.values_list("location", "file_hash", "meeting__content_hash")
        ),
        "officials": sorted(
            map(repr, Official.objects.values_list("name_zh", "name_en", "home_region__code"))
        ),
        "attendances": sorted(map(repr, Attendance.objects.values_list(*ATTENDANCE_FIELDS))),
        "directives": sorted(map(repr, Directive.objects.values_list(*DIRECTIVE_FIELDS))),
        "directive_sectors": sorted(
            Directive.sectors.through.objects.values_list(
                "directive__meeting__content_hash", "directive__order", "sector__slug"
            )
        ),
        "meeting_search": search_rows("meetings_search", meetings),
        "directive_search": search_rows("meetings_directive_search", directives),
    }


def _ingest_and_snapshot(corpus: Path, batch_size: int) -> tuple[dict[str, int], dict[str, Any]]:
    try:
        with transaction.atomic():
            summary = ingest_paths([str(corpus)], max_bytes=settings.INGEST_MAX_BYTES, batch_size=batch_size)
            raise _Undo((summary.counts, _snapshot()))
    except _Undo as undo:
        return undo.args[0]


def test_documents_written_together_get_the_rows_they_would_get_one_by_one(tmp_path: Path) -> None:
    list(generate_corpus(40, 3, tmp_path))
    # Some people in several reports, and the same report under a second path.
    first = sorted(tmp_path.glob("*.txt"))[0]
    (tmp_path / "again.txt").write_bytes(first.read_bytes())
    (tmp_path / "changed.txt").write_text(first.read_text(encoding="utf-8") + "\n会议要求抓好落实。", "utf-8")
    one_by_one, rows_one_by_one = _ingest_and_snapshot(tmp_path, batch_size=1)
    together, rows_together = _ingest_and_snapshot(tmp_path, batch_size=50)
    assert one_by_one == together and together["duplicate"] >= 1 and together["failed"] == 0
    assert rows_together["attendances"] and rows_together["directive_search"]
    shared = [o for o, n in _count(rows_one_by_one["attendances"], 2).items() if n > 1]
    assert shared, "the corpus should name someone in two reports"
    for key in rows_one_by_one:
        assert rows_together[key] == rows_one_by_one[key], key


def _count(rows: list[str], field: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for row in rows:
        name = eval(row)[field]  # our own repr of plain values
        found[name] = found.get(name, 0) + 1
    return found


def test_a_failing_document_in_a_batch_leaves_nothing_and_the_others_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i, word in enumerate("甲乙丙丁戊"):
        (tmp_path / f"{i}.txt").write_text(f"{word}市安全生产会议", encoding="utf-8")

    def broken(text: str, source: str | None = None, reference: object = None):  # type: ignore[no-untyped-def]
        # 丙 gets a malformed official: its write fails after its meeting row was built.
        malformed = {"officials": [object()]} if "丙" in text else {}
        return extracted(raw_text=text, body=text, title=text, **malformed)

    batches: list[int] = []
    real = ingest_module.meetings_create

    def spy(items, **kwargs):  # type: ignore[no-untyped-def]
        batches.append(len(items))
        return real(items, **kwargs)

    monkeypatch.setattr(pipeline, "extract", broken)
    monkeypatch.setattr(ingest_module, "meetings_create", spy)
    summary = ingest_paths([str(tmp_path)], max_bytes=settings.INGEST_MAX_BYTES)
    assert batches[0] == 5, "all five were first tried together"
    assert summary.counts["new"] == 4 and summary.counts["failed"] == 1
    assert Path(summary.failures[0].file).name == "2.txt"
    assert "database write failed" in summary.failures[0].reason
    assert sorted(Meeting.objects.values_list("title", flat=True)) == sorted(
        f"{w}市安全生产会议" for w in "甲乙丁戊"
    )
    assert not MeetingSource.objects.filter(location__endswith="2.txt").exists()
    assert MeetingSource.objects.count() == 4
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM meetings_search")
        assert cursor.fetchone()[0] == 4


def test_bulk_writes_change_the_archive_and_content_versions(tmp_path: Path) -> None:
    # The facet index and the page cache rely on the version triggers (migrations 0006, 0007),
    # which must fire for ingest's bulk statements too (COPY on PostgreSQL).
    list(generate_corpus(4, 5, tmp_path))
    before = dict(ArchiveVersion.objects.values_list("pk", "number"))
    summary = ingest_paths([str(tmp_path)], max_bytes=settings.INGEST_MAX_BYTES)
    assert summary.counts["new"] == 4
    after = dict(ArchiveVersion.objects.values_list("pk", "number"))
    assert after[1] != before.get(1) and after[2] != before[2]
