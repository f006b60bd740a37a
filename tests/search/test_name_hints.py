"""The ingest parent's name tokens: handed in by workers or composed, always name_tokens' own."""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

import pytest

from safetyhub.extraction.tokenize import name_tokens
from safetyhub.meetings.search import indexing

PAIRS = [
    ("陈敏", "Chen Min"),
    ("孟光强", "Meng Guangqiang"),
    ("張偉", "Zhang Wei"),  # Traditional: folded before segmenting
    ("欧阳明", "Ouyang Ming"),
    ("李娜", "Lina"),  # the joined pinyin equals the English token: deduplicated
    ("王芳", "Wáng Fāng"),  # accents dropped by the English side
]


@pytest.fixture(autouse=True)
def empty_hints() -> Iterator[None]:
    saved = dict(indexing._HINTS), dict(indexing._ZH_PARTS)
    indexing._HINTS.clear()
    indexing._ZH_PARTS.clear()
    yield
    indexing._HINTS.clear()
    indexing._ZH_PARTS.clear()
    indexing._HINTS.update(saved[0])
    indexing._ZH_PARTS.update(saved[1])


def _jieba_free_tokens(zh: str | None, en: str | None) -> list[str]:
    """_cached_name_tokens with name_tokens refusing any Chinese name: proof it was not needed."""

    def guarded(name_zh: str | None, name_en: str | None) -> list[str]:
        assert name_zh is None, f"the parent tokenized {name_zh} itself"
        return name_tokens(None, name_en)

    with mock.patch.object(indexing, "name_tokens", guarded):
        return list(indexing._cached_name_tokens(zh, en))


@pytest.mark.parametrize(("zh", "en"), PAIRS)
def test_merged_name_composed_from_a_chinese_report(zh: str, en: str) -> None:
    indexing.set_name_token_hints({(zh, None): name_tokens(zh, None)})
    assert _jieba_free_tokens(zh, en) == name_tokens(zh, en)


@pytest.mark.parametrize(("zh", "en"), PAIRS)
def test_merged_name_composed_from_a_bilingual_report(zh: str, en: str) -> None:
    """A report that gave both names hands in the Chinese name's tokens apart, for a later
    merge with another spelling."""
    indexing.set_name_token_hints(
        {(zh, "Someone Else"): name_tokens(zh, "Someone Else")}, {zh: name_tokens(zh, None)}
    )
    assert _jieba_free_tokens(zh, en) == name_tokens(zh, en)


def test_english_name_needs_no_hint() -> None:
    assert _jieba_free_tokens(None, "Chen Min") == name_tokens(None, "Chen Min")


def test_unknown_chinese_name_is_tokenized_by_the_parent() -> None:
    assert list(indexing._cached_name_tokens("陈敏", "Chen Min")) == name_tokens("陈敏", "Chen Min")
    with pytest.raises(AssertionError):
        _jieba_free_tokens("陈敏", "Chen Min")


def test_english_field_with_hanzi_is_not_composed() -> None:
    indexing.set_name_token_hints({("陈敏", None): name_tokens("陈敏", None)})
    assert list(indexing._cached_name_tokens("陈敏", "陈敏 Chen")) == name_tokens("陈敏", "陈敏 Chen")


def test_hints_keep_the_most_recent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexing, "MAX_HINTS", 3)
    monkeypatch.setattr(indexing, "MAX_ZH_PARTS", 2)
    for name in ["甲一", "乙二", "丙三"]:
        indexing.set_name_token_hints({(name, None): [name]})
    indexing.set_name_token_hints({("甲一", None): ["甲一"]})  # seen again: now the newest
    indexing.set_name_token_hints({("丁四", None): ["丁四"]})
    assert list(indexing._ZH_PARTS) == ["甲一", "丁四"]
    assert list(indexing._HINTS) == [("乙二", None), ("丙三", None), ("丁四", None)]
