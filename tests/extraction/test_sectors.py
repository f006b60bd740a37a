import pytest

from safetyhub.extraction import extract
from safetyhub.extraction.sectors import find_sectors, sectors_within
from safetyhub.extraction.text import fold


def slugs(text: str, reference) -> list[str]:
    return list(
        dict.fromkeys(s for s, _ in find_sectors(text, fold(text), language="zh", reference=reference))
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "紧盯道路交通、建筑施工、危化物品和非煤矿山等重点行业",
            ["road-traffic", "construction", "hazardous-chemicals", "mining"],
        ),
        ("聚焦危化品、矿山、烟花爆竹、建筑、交通、消防等重点行业领域", None),
        ("加强燃气安全和有限空间作业管理,严防一氧化碳中毒", ["gas", "confined-spaces", "carbon-monoxide"]),
        ("做好森林草原防灭火工作", ["forest-fire"]),
        ("開展消防安全和燃氣安全檢查", ["fire", "gas"]),
    ],
)
def test_it_finds_chinese_sectors(text, expected, reference):
    got = slugs(text, reference)
    if expected is None:
        assert set(got) == {
            "hazardous-chemicals",
            "mining",
            "fireworks",
            "construction",
            "road-traffic",
            "fire",
        }
    else:
        assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "推进平安建设,确保信息报告通畅",
        "加强党的建设和干部队伍建设",
        "石化工业稳步发展",  # 化工 straddles 石化|工业
        "市消防救援支队支队长列席会议",  # the fire brigade attending is not fire safety work
    ],
)
def test_it_ignores_generic_uses(text, reference):
    assert slugs(text, reference) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "focus on road traffic, construction projects, hazardous chemicals and non-coal mines",
            ["road-traffic", "construction", "hazardous-chemicals", "mining"],
        ),
        (
            "pays special attention to the gas, the coal mine, fire fighting and tourism scenic spots",
            ["gas", "mining", "fire", "tourism"],
        ),
        ("strengthen inspection of elevators, boilers and special equipment", ["special-equipment"]),
        ("Limited space and work at heights", ["confined-spaces", "construction"]),
    ],
)
def test_it_finds_english_sectors_on_word_boundaries(text, expected, reference):
    assert slugs(text, reference) == expected


@pytest.mark.parametrize(
    "text",
    [
        "strengthen the construction of the rule of law and team construction",
        "reduce greenhouse gas emissions",
        "a firework-free transport-free sentence: firesafe minesweeper",
    ],
)
def test_it_ignores_english_generic_uses_and_partial_words(text, reference):
    assert slugs(text, reference) == []


def test_spans_point_at_the_keyword(reference):
    text = "会议要求抓好消防安全和道路交通。"
    for slug, (s, e) in find_sectors(text, fold(text), language="zh", reference=reference):
        assert text[s:e] in ("消防", "道路交通")
        assert slug in ("fire", "road-traffic")


def test_sectors_within_a_span_for_directives(reference):
    text = "会议强调抓好消防安全。会议要求加强道路交通管理。"
    mentions = find_sectors(text, fold(text), language="zh", reference=reference)
    assert sectors_within(mentions, 0, 11) == ["fire"]
    assert sectors_within(mentions, 11, len(text)) == ["road-traffic"]


def test_meeting_sectors_are_in_order_of_first_mention():
    meeting = extract("8月1日,某县召开会议,要求抓好燃气安全、消防安全,再抓燃气。")
    assert meeting.sectors == ["gas", "fire"]
    assert all(meeting.body[s:e] for _, (s, e) in meeting.sector_mentions)


def test_an_accident_cited_for_instructions_is_not_a_sector(reference):
    text = "会议传达学习习近平总书记对山西吕梁市永聚煤矿一办公楼火灾事故的重要指示精神,要求抓好燃气安全。"
    assert slugs(text, reference) == ["gas"]
    text = "He conveyed the instructions on the recent fire accident, and urged gas safety checks."
    assert slugs(text, reference) == ["gas"]


@pytest.mark.parametrize(
    "text",
    [
        "strengthen emergency system construction and safety construction",
        "promote the standardization construction of enterprises",
    ],
)
def test_construction_meaning_building_up_is_not_the_construction_sector(text, reference):
    assert slugs(text, reference) == []


def test_the_english_keyword_scan_finds_what_one_pattern_of_all_keywords_finds() -> None:
    """Keywords tried by their first letter must match where, and what, the single
    case-insensitive alternation does: plurals, hyphens, longer keywords first, letters that
    fold unusually (ſ, the Kelvin sign), words glued to Chinese."""
    import random

    from safetyhub.extraction.reference import default_reference
    from safetyhub.extraction.sectors import _matchers

    scan = _matchers(default_reference()).en
    assert scan is not None
    words = [
        "forest", "and", "grassland", "fires", "Fire-Prevention", "MINES", "mine", "hazardous",
        "chemicals", "road", "traffic", "gas", "building", "construction", "ſ", "\u212a", "İ",
        "火灾fire", "-", " ", "  ", ",", "\n", "Dangerous", "Goods", "fireworks", "s", "es",
    ]  # fmt: skip
    rng = random.Random(11)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 40))) for _ in range(2000)]
    texts.append("Forest and grassland fire prevention; forest fires; hazardous chemicals.")
    found_any = False
    for text in texts:
        expected = [(m.span(), m.group()) for m in scan.full.finditer(text)]
        assert [(m.span(), m.group()) for m in scan.finditer(text)] == expected, text
        found_any = found_any or bool(expected)
    assert found_any
