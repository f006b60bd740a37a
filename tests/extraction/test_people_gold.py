"""Officials and roles on the five seeds (gold in tests/extraction/gold) and the shared dev set."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import SEEDS, SHARED

from ._people_helpers import officials

GOLD = Path(__file__).resolve().parent / "gold"
# SAFETYHUB_SHARED points at the shared folder when the repository is not checked out next to it.
DEVSET = Path(os.environ.get("SAFETYHUB_SHARED") or SHARED) / "devset"


def _predicted(text: str) -> dict[str, tuple[set[str], list[str]]]:
    return {o.name_zh or o.name_en: (set(o.roles), o.titles) for o in officials(text, "mixed")}


def _gold(path: Path) -> dict[str, tuple[set[str], list[str]]]:
    record = json.loads(path.read_text(encoding="utf-8"))
    return {p["name"]: (set(p["roles"]), p["titles"]) for p in record["officials"]}


@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_every_seed_official_role_and_title_is_found(gold_path: Path) -> None:
    text = (SEEDS / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    predicted = _predicted(text)
    expected = _gold(gold_path)
    assert {name: r for name, (r, _) in predicted.items()} == {name: r for name, (r, _) in expected.items()}
    for name, (_, titles) in expected.items():
        assert {_quotes(t) for t in titles} <= {_quotes(t) for t in predicted[name][1]}, name


def _quotes(text: str) -> str:
    return text.replace("’", "'")


@pytest.mark.skipif(not DEVSET.exists(), reason="shared dev set not available")
@pytest.mark.parametrize(
    "gold_path", sorted((DEVSET / "gold").glob("*.json")) if DEVSET.exists() else [], ids=lambda p: p.stem
)
def test_dev_set_officials_and_roles(gold_path: Path) -> None:
    text = (DEVSET / "articles" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    predicted = {name: r for name, (r, _) in _predicted(text).items()}
    expected = {name: r for name, (r, _) in _gold(gold_path).items()}
    # Gold names are written as on the page (Traditional on Traditional pages); ours are Simplified.
    from safetyhub.extraction.text import fold

    assert predicted == {fold(name): r for name, r in expected.items()}
