"""The tokenizer is plain Python: these tests need no database."""

from __future__ import annotations

from safetyhub.extraction.tokenize import (
    document_tokens,
    keyword_synonyms,
    name_tokens,
    parse_query,
    phrase_tokens,
    term_tokens,
)


def texts(text: str) -> list[str]:
    return [t.text for t in document_tokens(text)]


def test_it_stems_and_lowercases_english():
    assert phrase_tokens("Inspections INSPECTED inspecting") == ["inspect", "inspect", "inspect"]


def test_it_keeps_numbers_apart_from_chinese():
    assert phrase_tokens("2023年10月") == ["2023", "年", "10", "月"]


def test_it_folds_traditional_and_fullwidth():
    assert phrase_tokens("消防安全檢查") == phrase_tokens("消防安全检查")
    assert phrase_tokens("ＦＩＲＥ　２０２３") == ["fire", "2023"]


def test_documents_get_search_mode_sub_words_and_gazetteer_names():
    tokens = texts("贵溪市委书记陈敏出席")
    assert {"贵溪", "市委书记", "市委", "书记", "贵溪市", "陈敏"} <= set(tokens)


def test_sub_words_share_the_position_of_their_word():
    tokens = document_tokens("开展消防安全检查")
    positions = {t.text: t.position for t in tokens}
    assert positions["消防"] == positions["安全"] == positions["消防安全"]
    assert positions["检查"] == positions["消防安全"] + 1


def test_query_compounds_are_kept_whole_when_the_lexicon_knows_them():
    assert term_tokens("隐患排查") == ["隐患排查"]
    assert "隐患排查" in texts("推进隐患排查治理")


def test_names_index_hanzi_syllables_and_joined_pinyin():
    assert {"陈敏", "chen", "min", "chenmin"} <= set(name_tokens("陈敏", "Chen Min"))
    assert "chenmin" in name_tokens("陈敏", None)
    assert name_tokens(None, "Zeng Jianhui")[-1] == "zengjianhui"


def test_parse_splits_words_phrases_and_exclusions():
    parsed = parse_query('coal "fire protection" -forest')
    assert {g.alternatives for g in parsed.required} == {(("coal",),), (("fire", "protect"),)}
    assert [g.alternatives for g in parsed.excluded] == [(("forest",),)]


def test_parse_drops_stopwords_unless_nothing_else_is_left():
    assert [g.alternatives for g in parse_query("the fire of").required] == [(("fire",),)]
    assert parse_query("the").required


def test_parse_expands_sector_keywords_across_languages():
    synonyms = keyword_synonyms([("fire", "Fire safety", "消防", ["fire protection"], ["消防", "火灾"])])
    (group,) = parse_query("fire", synonyms).required
    assert {("消防",), ("火灾",), ("fire", "protect"), ("fire",)} <= set(group.alternatives)
    (group,) = parse_query("火灾", synonyms).required
    assert ("fire", "protect") in group.alternatives


def test_a_chinese_name_query_also_matches_its_pinyin():
    (group,) = parse_query("黄建军").required
    assert ("huangjianjun",) in group.alternatives


def test_syntax_characters_are_just_text():
    parsed = parse_query('AND( * - " NEAR/2 col:x')
    tokens = {t for g in parsed.required for alt in g.alternatives for t in alt}
    assert tokens <= {"and", "near", "2", "col", "x"}


def test_empty_and_junk_queries_parse_to_nothing():
    for q in ["", "   ", "-", '"', '""', "***", "\x00\x01", "--", "- -"]:
        assert not parse_query(q), q
