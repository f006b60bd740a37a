"""The synthetic corpus generator: deterministic, varied, and true to its ground truth."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from safetyhub.extraction.reference import default_reference
from safetyhub.extraction.text import fold
from safetyhub.meetings.corpus import generate_report

N = 120


@pytest.fixture(scope="module")
def reports() -> list:
    return [generate_report(i, 3) for i in range(N)]


def test_it_is_deterministic_per_seed_and_index() -> None:
    assert generate_report(5, 3).text == generate_report(5, 3).text
    assert generate_report(5, 3).text != generate_report(5, 4).text


def test_it_mixes_languages_regions_and_dates(reports: list) -> None:
    languages = Counter(r.truth["language"] for r in reports)
    assert languages["zh"] > languages["en"] > 0 and languages["zh-Hant"] > 0
    assert len({r.truth["region"]["code"] for r in reports}) > N * 0.8
    held = [r.truth["held_on"] for r in reports]
    assert any(h and h.startswith("--") for h in held) and any(h and len(h) == 10 for h in held)
    assert len({r.truth["meeting_type"] for r in reports}) >= 5


def test_ground_truth_regions_come_from_the_gazetteer(reports: list) -> None:
    regions = default_reference().regions
    for r in reports:
        region = r.truth["region"]
        assert regions[region["code"]].name_zh == region["name_zh"]
        assert region["path_zh"][-1] == region["name_zh"]


def test_the_text_names_exactly_the_true_sectors(reports: list) -> None:
    sectors = default_reference().sectors
    for r in reports:
        text = fold(r.text).lower()
        found = {
            s.slug
            for s in sectors
            if any(k in text for k in s.keywords_zh)
            or any(re.search(rf"\b{re.escape(k)}\b", text) for k in s.keywords_en)
        }
        assert found == set(r.truth["sectors"]), r.name


def test_officials_are_named_in_the_text(reports: list) -> None:
    for r in reports:
        for person in r.truth["officials"]:
            assert person["name"] in fold(r.text) or person["name"] in r.text
