"""The five seed reports against the gold records in gold/ (read by hand, see each file's notes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safetyhub.extraction import extract, people
from tests.conftest import SEEDS

GOLD = Path(__file__).parent / "gold"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
PEOPLE_READY = "Placeholder" not in (people.__doc__ or "")


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[dict, dict]]:
    out = {}
    for path in SEED_FILES:
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        out[path.stem] = (extract(path.read_text(encoding="utf-8"), source=str(path)).to_contract(), gold)
    return out


def test_every_seed_has_a_gold_file():
    assert len(SEED_FILES) == 5
    for path in SEED_FILES:
        assert (GOLD / f"{path.stem}.json").exists()


@pytest.mark.parametrize("stem", [p.stem for p in SEED_FILES])
def test_dates_language_and_type_match_gold(results, stem):
    got, gold = results[stem]
    assert got["language"] == gold["language"]
    assert got["published_on"] == gold["published_on"]
    assert got["held_on"] == gold["held_on"]
    assert got["meeting_type"] == gold["meeting_type"]


@pytest.mark.parametrize("stem", [p.stem for p in SEED_FILES])
def test_region_matches_gold(results, stem):
    got, gold = results[stem]
    g = gold["region"]
    assert got["region"] is not None
    assert got["region"]["name_zh"] == g["name_zh"]
    assert got["region"]["level"] == g["level"]
    assert got["region"]["path_zh"] == [*g["parents_zh"], g["name_zh"]]


@pytest.mark.parametrize("stem", [p.stem for p in SEED_FILES])
def test_sectors_match_gold(results, stem):
    got, gold = results[stem]
    assert sorted(got["sectors"]) == sorted(gold["sectors"])


def test_title_is_built_from_the_first_sentence_when_there_is_no_headline(results):
    got, _ = results["004_02946363d03d7181"]
    assert got["title"] == "贵溪市安全生产工作会议召开"


def test_titles_are_the_headlines(results):
    assert results["000_ad8c3cd20ef7dff2"][0]["title"].startswith("Jiangxia district held the third expanded")
    assert results["003_a8e691fab38bedc6"][0]["title"].startswith("Jing Junhai, Secretary of the Jilin")


@pytest.mark.skipif(not PEOPLE_READY, reason="officials extraction (extract-people) not merged yet")
@pytest.mark.parametrize("stem", [p.stem for p in SEED_FILES])
def test_officials_and_roles_match_gold(results, stem):
    from pypinyin import lazy_pinyin

    def key(name: str) -> str:
        name = "".join(lazy_pinyin(name)) if any("\u4e00" <= c <= "\u9fff" for c in name) else name
        return name.lower().replace(" ", "").replace("-", "")

    got, gold = results[stem]
    got_people = {key(o["name_zh"] or o["name_en"]): set(o["roles"]) for o in got["officials"]}
    gold_people = {key(o["name"]): set(o["roles"]) for o in gold["officials"]}
    assert got_people == gold_people
