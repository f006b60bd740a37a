"""segment.cut must give exactly jieba's words: extraction and the search index depend on them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyhub.extraction import segment
from safetyhub.extraction.text import jieba_tokenizer
from tests.conftest import SEEDS, SHARED


@pytest.fixture(scope="module")
def dt() -> Any:
    return jieba_tokenizer().dt


def _report_texts() -> Iterator[tuple[str, str]]:
    paths = sorted(SEEDS.glob("*.*")) + sorted((SHARED / "devset").rglob("*.*"))
    for path in paths:
        if path.suffix in {".txt", ".html", ".htm", ".md"}:
            yield path.name, path.read_text(encoding="utf-8", errors="replace")


def test_reports_cut_as_jieba_cuts_them(dt: Any) -> None:
    texts = list(_report_texts())
    assert len(texts) >= 5
    for name, text in texts:
        for hmm in (True, False):
            assert segment.cut(dt, text, hmm=hmm) == dt.lcut(text, HMM=hmm), (name, hmm)


def test_generated_reports_cut_as_jieba_cuts_them(dt: Any) -> None:
    from safetyhub.meetings.corpus import generate_report

    for index in range(60):
        text = generate_report(index, seed=7).text
        assert segment.cut(dt, text) == dt.lcut(text)


# Characters that exercise every branch: dictionary words and prefixes, names the HMM must
# split, Latin letters and digits (joined without HMM), jieba's block symbols, whitespace and
# \r\n, punctuation, and CJK outside jieba's range (Extension A, compatibility ideographs).
_WORDS = "安全生产委员会议市区县长书记陈敏王李张主持召开要求隐患排查整治"
_ALPHABET = _WORDS + "abcXYZ019 .-_%#&+，。、\n\r\t\u3000㐀龥豈"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40), st.booleans())
def test_any_text_cuts_as_jieba_cuts_it(dt: Any, text: str, hmm: bool) -> None:
    assert segment.cut(dt, text, hmm=hmm) == dt.lcut(text, HMM=hmm)


def test_tokenize_gives_offsets(dt: Any) -> None:
    text = "陈敏主持召开全市安全生产工作会议"
    assert segment.tokenize(dt, text) == list(dt.tokenize(text))


def test_learnt_and_force_split_words_are_honoured() -> None:
    """Words a tokenizer learns change its paths; a word forced apart (frequency 0) changes
    the HMM's output, which segment caches: the cache must not serve the old words."""
    import jieba
    from jieba import finalseg

    base = jieba_tokenizer().dt
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = dict(base.FREQ), base.total, True
    text = "郝建伟主持会议，郝建伟强调，要抓好栾川钼业安全生产。"
    assert segment.cut(tok, text) == tok.lcut(text)
    tok.add_word("栾川钼业", freq=None, tag="nt")
    assert "栾川钼业" in segment.cut(tok, text)
    assert segment.cut(tok, text) == tok.lcut(text)
    hmm_words = segment.cut(tok, "郝建伟")
    forced = [w for w in hmm_words if len(w) > 1]
    try:
        for word in forced:
            finalseg.add_force_split(word)
        assert segment.cut(tok, "郝建伟") == tok.lcut("郝建伟")
        if forced:
            assert segment.cut(tok, "郝建伟") != hmm_words
    finally:
        finalseg.Force_Split_Words.difference_update(forced)


def test_equal_paths_break_ties_as_jieba() -> None:
    """With every frequency 1, 甲乙|丙 and 甲|乙丙 score exactly the same; jieba's max() keeps the
    longer first word."""
    import jieba

    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = {"甲": 1, "甲乙": 1, "乙": 1, "乙丙": 1, "丙": 1}, 10, True
    for hmm in (True, False):
        assert segment.cut(tok, "甲乙丙", hmm=hmm) == tok.lcut("甲乙丙", HMM=hmm) == ["甲乙", "丙"]
