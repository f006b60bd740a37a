"""Decoding, HTML reduction and file discovery (no database)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from safetyhub.meetings.ingest_files import (
    InputError,
    content_hash,
    decode_bytes,
    discover,
    html_to_text,
    load_text,
    markdown_to_text,
)

ZH = (
    "8月22日，贵溪市安全生产工作会议召开。市委书记陈敏出席会议并讲话，"
    "强调要坚决遏制各类事故发生，确保全市安全形势稳定向好。"
)
HANT = (
    "8月22日，貴溪市安全生產工作會議召開。市委書記陳敏出席會議並講話，"
    "強調要堅決遏制各類事故發生，確保全市安全形勢穩定向好。"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ZH.encode("utf-8"), ZH),
        (b"\xef\xbb\xbf" + ZH.encode("utf-8"), ZH),
        (ZH.encode("utf-16"), ZH),
        (ZH.encode("gb18030"), ZH),
        (ZH.encode("gbk"), ZH),
        (HANT.encode("big5"), HANT),
    ],
    ids=["utf8", "utf8-bom", "utf16", "gb18030", "gbk", "big5"],
)
def test_it_decodes_the_usual_encodings(data: bytes, expected: str) -> None:
    text, _encoding = decode_bytes(data)
    assert text == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (PNG image)"),
        (b"abc\x00\x01\x02def" * 50, "binary file"),
        (bytes(range(128, 256)) * 8, "undecodable bytes"),
    ],
    ids=["empty", "blank", "png", "nul", "undecodable"],
)
def test_it_refuses_bad_bytes_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        decode_bytes(data)


def test_it_reduces_html_to_visible_text() -> None:
    html = (
        "<html><head><title>贵溪市召开安全生产工作会议</title><style>p{}</style></head>"
        "<body><script>var x = '会议';</script><p>第一段&amp;内容</p><div>第二段</div></body></html>"
    )
    assert html_to_text(html).splitlines() == ["贵溪市召开安全生产工作会议", "第一段&内容", "第二段"]


def test_it_drops_markdown_markup() -> None:
    assert markdown_to_text("# Title\n**bold** and [link](http://x)") == "Title\nbold and link"


def test_the_content_hash_ignores_line_ends_and_edges() -> None:
    assert content_hash("会议\r\n召开 \n") == content_hash("\ufeff会议\n召开"[1:])


def test_load_text_refuses_files_over_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("会议" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="over the limit of 100"):
        load_text(str(big), max_bytes=100)


def test_discovery_recurses_skips_other_files_and_survives_loops(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "b" / "two.HTML").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "b" / "photo.jpg").write_bytes(b"x")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")
    found = discover([str(tmp_path / "a"), str(tmp_path / "missing.txt")])
    assert [Path(loc).name for loc, _ in found.files] == ["one.txt", "two.HTML"]
    reasons = dict(found.skipped)
    assert reasons[str(tmp_path / "a" / "b" / "photo.jpg")] == "not a report file (.jpg)"
    assert any("directory loop" in r for r in reasons.values())
    assert found.failed == [(str(tmp_path / "missing.txt"), "no such file or directory")]


def test_discovery_keeps_relative_locations_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "004.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert discover(["seeds/"]).files == [("seeds/004.txt", "seeds/004.txt")]
