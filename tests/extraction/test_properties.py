"""Robustness: extract() never raises on text and finishes in bounded time, whatever the text."""

from __future__ import annotations

import json
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyhub.extraction import extract

PIECES = [
    "召开",
    "会议",
    "8月22日",
    "二〇二三年十月",
    "2023-04-18",
    "贵溪市",
    "鹰潭市政府副市长、贵溪市委书记陈敏",
    "镇",
    "经济开发区",
    "On October 27, ",
    "Jilin Province",
    " held ",
    '<div class="x">',
    "&nbsp;",
    "(fā)",
    "Disclaimer:",
    "版权与免责声明",
    "Reporter/",
    "(记者",
    "。",
    ",",
    "\n",
    "((((",
    "))))",
    "年年年年",
    "月月月",
    "    ",
    "消防安全",
    "road traffic",
]


def _check(text: str) -> None:
    meeting = extract(text)
    contract = meeting.to_contract()
    json.dumps(contract, ensure_ascii=False)
    n = len(meeting.body)
    for s, e in meeting.spans.values():
        assert 0 <= s <= e <= n
    for _, (s, e) in meeting.sector_mentions:
        assert 0 <= s < e <= n


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_it_never_raises_on_any_unicode_text(text):
    _check(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=80))
def test_it_never_raises_on_report_like_fragments(pieces):
    _check("".join(pieces))


@pytest.mark.slow
@pytest.mark.parametrize(
    "kind",
    ["random-unicode", "repeated-fragments", "one-long-line", "digits-and-date-words", "html-soup"],
)
def test_a_megabyte_of_junk_finishes_in_bounded_time(kind):
    rng = random.Random(kind)
    size = 1_000_000
    if kind == "random-unicode":
        text = "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(size // 2))
        text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    elif kind == "repeated-fragments":
        text = "".join(rng.choice(PIECES) for _ in range(size // 6))
    elif kind == "one-long-line":
        text = "安全生产" * (size // 12) + "(" * 1000
    elif kind == "digits-and-date-words":
        text = "1年2月3日" * (size // 12) + "20231" * 1000
    else:
        text = '<a href="' * (size // 27) + '">" class="hidden">' * 1000
    start = time.perf_counter()
    meeting = extract(text)
    elapsed = time.perf_counter() - start
    assert meeting.body is not None
    assert elapsed < 60, f"{kind}: {elapsed:.1f}s"
