"""The ingest command end to end: idempotence, duplicates, updates, bad input, exit codes."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safetyhub.extraction import pipeline
from safetyhub.meetings import ingest_files
from safetyhub.meetings.corpus import generate_corpus
from safetyhub.meetings.models import Attendance, Directive, Meeting, MeetingSource, Official
from safetyhub.meetings.services import directive_key
from tests.conftest import SEEDS

from .factories import extracted

pytestmark = pytest.mark.django_db


def ingest(*args: str) -> tuple[int, dict]:
    out = StringIO()
    try:
        call_command("ingest", *args, "--json", "--jobs", "1", stdout=out, stderr=StringIO())
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, json.loads(out.getvalue())


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Meeting, MeetingSource, Official, Attendance, Directive))


def test_ingesting_the_seeds_twice_changes_nothing_the_second_time() -> None:
    code, first = ingest(str(SEEDS))
    assert code == 0 and first["new"] == 5 and first["failed"] == 0
    before = counts()
    code, second = ingest(str(SEEDS))
    assert code == 0
    assert (second["new"], second["updated"], second["unchanged"]) == (0, 0, 5)
    assert counts() == before


def test_relative_paths_are_kept_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SEEDS.parent)
    ingest("seeds/")
    assert MeetingSource.objects.filter(location__startswith="seeds/004_").exists()


def test_the_same_content_under_another_path_is_one_meeting_with_two_sources(tmp_path: Path) -> None:
    seed = next(SEEDS.glob("004_*.txt"))
    shutil.copy(seed, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + seed.read_bytes().replace(b"\n", b"\r\n"))
    code, summary = ingest(str(tmp_path))
    assert (code, summary["new"], summary["duplicate"]) == (0, 1, 1)
    meeting = Meeting.objects.get()
    assert sorted(s.location.rsplit("/", 1)[1] for s in meeting.sources.all()) == ["a.txt", "b.txt"]


def test_changed_content_updates_the_meeting_in_place(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("贵溪市召开安全生产工作会议\n会议强调安全。", encoding="utf-8")
    ingest(str(report))
    meeting = Meeting.objects.get()
    report.write_text("贵溪市召开安全生产工作会议（更正）\n会议强调安全。", encoding="utf-8")
    code, summary = ingest(str(report))
    assert (code, summary["updated"]) == (0, 1)
    assert Meeting.objects.get().pk == meeting.pk
    assert Meeting.objects.get().title == "贵溪市召开安全生产工作会议（更正）"


def test_editor_edits_survive_reingesting_a_changed_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "r.txt"
    report.write_text("第一版 会议", encoding="utf-8")
    monkeypatch.setattr(
        pipeline, "extract", lambda text, source=None, reference=None: extracted(raw_text=text)
    )
    ingest(str(report))
    meeting = Meeting.objects.get()
    meeting.title = "编辑的标题"
    meeting.editor_fields = ["title"]
    removed = meeting.directives.get(text="要压实安全生产责任")
    meeting.editor_deleted = [directive_key(removed.text)]
    meeting.save()
    removed.delete()
    chen = meeting.attendances.get(official__name_zh="陈敏")
    chen.title, chen.editor_owned = "编辑写的职务", True
    chen.save()

    monkeypatch.setattr(
        pipeline,
        "extract",
        lambda text, source=None, reference=None: extracted(
            raw_text=text, meeting_type="plenary", title="新"
        ),
    )
    report.write_text("第二版 会议", encoding="utf-8")
    code, summary = ingest(str(report))
    assert (code, summary["updated"]) == (0, 1)
    meeting.refresh_from_db()
    assert (meeting.title, meeting.meeting_type, meeting.raw_text) == ("编辑的标题", "plenary", "第二版 会议")
    assert meeting.attendances.get(official__name_zh="陈敏").title == "编辑写的职务"
    assert list(meeting.directives.values_list("text", flat=True)) == ["要加强消防安全"]


def test_bad_inputs_each_fail_with_a_reason_and_the_rest_is_ingested(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("贵溪市召开安全生产工作会议。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "nul.txt").write_bytes(b"meeting\x00\x00\x01" * 40)
    (tmp_path / "latin.txt").write_bytes(bytes(range(128, 256)) * 4)
    (tmp_path / "big.txt").write_text("会议" * 2000, encoding="utf-8")
    (tmp_path / "nothing.txt").write_text("今天天气很好，我们去公园散步。", encoding="utf-8")
    (tmp_path / "locked.txt").write_text("会议", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    real_open = open

    def guarded_open(path: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked.txt"):  # chmod 000 does not stop root; simulate it
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(ingest_files, "open", guarded_open, raising=False)
    code, summary = ingest(str(tmp_path), str(tmp_path / "missing.txt"), "--max-bytes", "1000")
    assert code == 1
    reasons = {Path(f["file"]).name: f["reason"] for f in summary["failures"]}
    assert reasons == {
        "empty.txt": "empty file",
        "image.txt": "binary file (PNG image)",
        "nul.txt": "binary file (contains NUL bytes)",
        "latin.txt": "undecodable bytes: not UTF-8, UTF-16, GB18030/GBK or Big5",
        "big.txt": "file is 12,000 bytes, over the limit of 1,000",
        "nothing.txt": "no meeting found (no meeting words and nothing extracted)",
        "locked.txt": "cannot read file: Permission denied",
        "missing.txt": "no such file or directory",
    }
    skipped = {Path(f["file"]).name: f["reason"] for f in summary["skips"]}
    assert skipped["notes.pdf"] == "not a report file (.pdf)"
    assert any("directory loop" in r for r in skipped.values())
    assert summary["new"] == 1 and Meeting.objects.count() == 1


def test_a_database_error_fails_only_that_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("甲会议", encoding="utf-8")
    (tmp_path / "b.txt").write_text("乙会议", encoding="utf-8")

    def broken(text: str, source: str | None = None, reference: object = None):  # type: ignore[no-untyped-def]
        # A malformed official makes the write fail half way, after the meeting row exists.
        return extracted(raw_text=text, officials=[] if "甲" in text else [object()])

    monkeypatch.setattr(pipeline, "extract", broken)
    code, summary = ingest(str(tmp_path))
    assert code == 1
    assert [Path(f["file"]).name for f in summary["failures"]] == ["b.txt"]
    assert "database write failed" in summary["failures"][0]["reason"]
    assert Meeting.objects.count() == 1 and MeetingSource.objects.count() == 1


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    code, summary = ingest(str(SEEDS), "--dry-run")
    assert (code, summary["new"], summary["dry_run"]) == (0, 5, True)
    assert Meeting.objects.count() == 0


def test_usage_errors_exit_with_2() -> None:
    with pytest.raises(CommandError) as info:
        call_command("ingest", str(SEEDS), "--jobs", "0")
    assert info.value.returncode == 2


def test_parallel_workers_ingest_a_generated_corpus(tmp_path: Path) -> None:
    list(generate_corpus(45, 7, tmp_path))
    code, summary = ingest(str(tmp_path), "--jobs", "2")
    assert code == 0
    assert summary["new"] + summary["duplicate"] == 45
    assert summary["skipped"] == 45  # the ground-truth JSON beside each report
    assert MeetingSource.objects.count() == 45


def test_worker_computed_search_rows_equal_a_reindex(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import connection

    from safetyhub.meetings.search import index_meetings, meeting_search

    (tmp_path / "r.txt").write_text("第一版 会议", encoding="utf-8")
    monkeypatch.setattr(
        pipeline, "extract", lambda text, source=None, reference=None: extracted(raw_text=text)
    )
    ingest(str(tmp_path))
    meeting = Meeting.objects.get()

    def rows() -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM meetings_search WHERE rowid = %s", [meeting.pk])
            found = cursor.fetchall()
            ids = list(meeting.directives.values_list("pk", flat=True))
            cursor.execute(
                "SELECT * FROM meetings_directive_search WHERE rowid IN (%s, %s) ORDER BY rowid", ids
            )
            return found + cursor.fetchall()

    written = rows()
    index_meetings([meeting])
    assert len(written) == 3 and written == rows()
    assert list(meeting_search(Meeting.objects.all(), "陈敏")) == [meeting]


def test_an_official_merged_across_languages_is_indexed_as_a_reindex_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent composes a merged official's name tokens from what the workers handed in
    (see search.indexing._cached_name_tokens) without segmenting the Chinese name itself."""
    from django.db import connection

    from safetyhub.extraction.tokenize import name_tokens
    from safetyhub.meetings.search import index_meetings, indexing, meeting_search

    (tmp_path / "a_zh.txt").write_text(
        "2024年3月5日，陕西省西安市召开全市安全生产工作会议。市长陈敏主持会议并讲话。"
        "会议要求，各区县要深入开展燃气安全隐患排查整治。",
        encoding="utf-8",
    )
    (tmp_path / "b_en.txt").write_text(
        "On March 12, 2024, Xi'an City, Shaanxi Province held a work safety conference. "
        "Mayor Chen Min presided over the meeting and delivered a speech. The meeting required "
        "all districts to carry out gas safety inspections.",
        encoding="utf-8",
    )
    segmented_by_parent: list[str] = []

    def watched(zh: str | None, en: str | None) -> list[str]:
        if zh:
            segmented_by_parent.append(zh)
        return name_tokens(zh, en)

    monkeypatch.setattr(indexing, "name_tokens", watched)
    # As in a long run where the hints of whole name pairs have expired: only the Chinese
    # names' own tokens are left to compose from.
    monkeypatch.setattr(indexing, "MAX_HINTS", 0)
    code, summary = ingest(str(tmp_path))
    assert code == 0 and summary["new"] == 2
    official = Official.objects.get(name_zh="陈敏")
    assert official.name_en == "Chen Min" and official.attendances.count() == 2
    assert segmented_by_parent == []

    def rows() -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM meetings_search ORDER BY rowid")
            return cursor.fetchall()

    written = rows()
    monkeypatch.setattr(indexing, "_HINTS", {})  # the reference: every name tokenized afresh
    monkeypatch.setattr(indexing, "_ZH_PARTS", {})
    index_meetings(Meeting.objects.all())
    assert written == rows()
    assert len(meeting_search(Meeting.objects.all(), "chenmin")) == 2
