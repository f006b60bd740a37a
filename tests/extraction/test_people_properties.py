"""Property tests: any text returns in bounded time and never raises (no catastrophic backtracking)."""

from __future__ import annotations

import random
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyhub.extraction.directives import extract_directives
from safetyhub.extraction.people import extract_officials
from safetyhub.extraction.reference import default_reference
from safetyhub.extraction.text import fold, segment

from ._people_helpers import directives, officials

# Pieces of real reports, so random text reaches the name, list, title and verb rules.
FRAGMENTS = [
    "王华光",
    "黄建军",
    "欧阳明辉",
    "额尔敦巴特尔",
    "、",
    "，",
    "。",
    "；",
    "：",
    "等",
    "参加会议",
    "出席会议并讲话",
    "主持会议",
    "强调",
    "要",
    "必须",
    "一是",
    "二要",
    "（三）",
    "市委副书记",
    "市长",
    "旗领导",
    "支队长",
    "会议要求",
    "他强调",
    "会后",
    "记者",
    "总书记",
    "关于",
    "批示精神",
    "\n",
    " ",
    "Zhang Fei",
    "Secretary of the District",
    "Party Committee",
    ", ",
    " and ",
    "attended the meeting",
    "presided over",
    "stressed that",
    "must",
    "First,",
    "Three is",
    "(",
    ")",
    "Reporter/",
    "Edited by",
    "'s",
    "leaders",
    "He stressed",
    "the meeting required that",
    "燃气",
    "消防",
    "fire safety",
    "road traffic",
    "開發區",
    "黨委書記",
    "陳敏",
]
report_like = st.lists(st.sampled_from(FRAGMENTS), max_size=120).map("".join)


def _run(text: str, language: str) -> None:
    found = officials(text, language)
    for person in found:
        assert person.roles
        for start, end in person.spans:
            assert 0 <= start < end <= len(text)
    for directive in directives(text, language):
        assert directive.span is not None
        assert text[directive.span[0] : directive.span[1]] == directive.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode_text_never_raises(text: str) -> None:
    _run(text, "zh")
    _run(text, "en")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like, st.sampled_from(["zh", "zh-Hant", "en", "mixed"]))
def test_report_like_text_never_raises_and_spans_stay_in_the_body(text: str, language: str) -> None:
    _run(text, language)


def _junk(size: int) -> str:
    rng = random.Random(7)
    parts: list[str] = []
    length = 0
    pathological = [
        "、" * 2000,
        "王" * 3000,
        "Zhang " * 1000,
        "A" * 5000 + " ",
        ", " * 2000,
        "一是要" * 500,
        "First, " * 500,
        "市委副书记、" * 300,
        "District leaders Liu Xin, " * 200,
    ]
    while length < size:
        part = rng.choice(pathological) if rng.random() < 0.2 else rng.choice(FRAGMENTS) * rng.randint(1, 40)
        parts.append(part)
        length += len(part)
    return "".join(parts)[:size]


def test_a_megabyte_of_junk_costs_no_more_than_a_few_jieba_passes() -> None:
    text = _junk(1_000_000)
    folded = fold(text)
    reference = default_reference()
    started = time.perf_counter()
    segment(folded)  # the bare jieba pass over the whole text, the yardstick
    jieba_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = extract_officials(text, folded, language="mixed", reference=reference)
    extract_directives(text, folded, found, language="mixed", reference=reference)
    seconds = time.perf_counter() - started
    assert seconds < 3 * jieba_seconds + 2, (seconds, jieba_seconds)
