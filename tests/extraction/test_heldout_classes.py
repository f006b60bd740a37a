"""Failure classes from the second held-out set, each checked with invented snippets."""

from __future__ import annotations

import pytest

from safetyhub.extraction import extract


def region_of(text: str) -> tuple[str | None, str | None]:
    region = extract(text).region
    return (region.code, region.name_zh) if region else (None, None)


@pytest.mark.parametrize(
    ("name", "code"),
    [("渝北区", "500112"), ("渝中区", "500103"), ("津南区", "120112"), ("京口区", "321102")],
)
def test_a_district_whose_first_character_is_a_province_abbreviation_keeps_its_full_name(name, code):
    text = f"{name}召开2023年第三季度安全生产工作会议\n\n9月5日，{name}召开2023年第三季度安全生产工作会议。"
    assert region_of(text) == (code, name)


@pytest.mark.parametrize("head", ["渝", "沪", "粤", "闽"])
def test_a_one_character_name_glued_to_an_unknown_head_is_not_a_place(head):
    # "X北区" missing from the gazetteer must not become Taiwan's or Hong Kong's 北区.
    text = f"9月5日，{head}北区召开安全生产工作会议，部署下一阶段工作。"
    assert region_of(text)[1] != "北区"


@pytest.mark.parametrize(
    "text",
    [
        "9月5日，江苏沛县召开安全生产工作会议。",
        "9月5日，徐州市沛县召开安全生产工作会议。",
        "9月5日，县长在沛县召开安全生产工作会议。",
    ],
)
def test_a_one_character_name_after_a_known_place_or_a_preposition_still_counts(text):
    assert region_of(text) == ("320322", "沛县")
