"""Surnames, pinyin syllables and romanization."""

from __future__ import annotations

import pytest

from safetyhub.extraction.names import is_pinyin_name, name_to_pinyin, pinyin_split, split_hanzi_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("陈敏", "Chen Min"),
        ("曾建辉", "Zeng Jianhui"),
        ("单志强", "Shan Zhiqiang"),
        ("解晓东", "Xie Xiaodong"),
        ("仇和", "Qiu He"),
        ("区志航", "Ou Zhihang"),
        ("查良镛", "Zha Liangyong"),
        ("朴正浩", "Piao Zhenghao"),
        ("覃海涛", "Qin Haitao"),
        ("乐嘉", "Yue Jia"),
        ("盖军", "Ge Jun"),
        ("翟志刚", "Zhai Zhigang"),
        ("缪晓", "Miao Xiao"),
        ("尉迟敬德", "Yuchi Jingde"),
        ("欧阳明辉", "Ouyang Minghui"),
        ("司马南", "Sima Nan"),
        ("诸葛亮", "Zhuge Liang"),
        ("额尔敦巴特尔", "Eerdunbateer"),
    ],
)
def test_name_to_pinyin_reads_surnames_as_surnames(name: str, expected: str) -> None:
    assert name_to_pinyin(name) == expected


def test_a_two_character_name_with_a_compound_looking_start_uses_the_single_surname() -> None:
    assert split_hanzi_name("欧阳") == ("欧", "阳")
    assert split_hanzi_name("欧阳修") == ("欧阳", "修")


@pytest.mark.parametrize(
    ("surname", "given"),
    [
        ("Liang", "Shuang"),
        ("Jiao", "Jiguo"),
        ("Ma", "Pingao"),
        ("Ouyang", "Feng"),
        ("He", "Teng"),
        ("Lv", "Bu"),
    ],
)
def test_romanized_chinese_names_are_recognised(surname: str, given: str) -> None:
    assert is_pinyin_name(surname, given)


@pytest.mark.parametrize(
    ("surname", "given"),
    [("Party", "Working"), ("Mount", "Tai"), ("Tan", "Wan-wing"), ("He", "Stressed"), ("Zhang", "Committee")],
)
def test_capitalised_english_words_are_not_names(surname: str, given: str) -> None:
    assert not is_pinyin_name(surname, given)


def test_pinyin_split_prefers_fewest_syllables_and_caps_the_count() -> None:
    assert pinyin_split("xiaohui") == ("xiao", "hui")
    assert pinyin_split("wan-wing") is None
    assert pinyin_split("zhangzhangzhangzhang") is None


def test_cached_lazy_pinyin_reads_as_pypinyin_does() -> None:
    """The per-word cache must not change a reading: words read alone and in context, heteronyms
    settled by a phrase (银行/行长), non-Han runs kept or dropped."""
    import random

    from pypinyin import lazy_pinyin as pypinyin_lazy
    from pypinyin.constants import PHRASES_DICT

    from safetyhub.extraction.names import lazy_pinyin

    rng = random.Random(7)
    phrases = sorted(PHRASES_DICT)
    han = "陈敏曾建辉长行重乐单解朴覃盖翟银行长大调查重庆都会"
    texts = ["银行行长", "长大", "重庆重新", "行", "ab12·陈", "", " 陈 敏 ", "Zé曾"]
    for _ in range(3000):
        text = rng.choice(phrases) if rng.random() < 0.5 else ""
        text += "".join(rng.choice(han + "x7 ") for _ in range(rng.randint(0, 4)))
        texts.append(text)
    for text in texts * 2:  # the second pass reads from the cache
        for errors in ("default", "ignore"):
            assert lazy_pinyin(text, errors) == pypinyin_lazy(text, errors=errors), (text, errors)
