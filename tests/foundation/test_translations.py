"""The Chinese interface is complete: every string the code and templates mark has a
reviewed translation, so no page falls back to English half-way."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import REPO

PO = REPO / "safetyhub" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _problems(po: str) -> list[str]:
    """msgids that are fuzzy (a guess) or have an empty translation."""
    found = []
    for block in po.split("\n\n"):
        msgid = re.search(r'^msgid "(.*)"', block, re.MULTILINE)
        if msgid is None or block.startswith("#~") or not (msgid.group(1) or "\nmsgid_plural" in block):
            continue  # the header, or an obsolete entry
        fuzzy = re.search(r"^#,.*\bfuzzy\b", block, re.MULTILINE)
        empty = re.search(r'^msgstr(?:\[0\])? ""\n?(?!")', block + "\n", re.MULTILINE)
        if fuzzy or empty:
            found.append(msgid.group(1))
    return found


def test_the_committed_catalogue_has_no_guess_or_gap() -> None:
    assert _problems(PO.read_text(encoding="utf-8")) == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_every_marked_string_is_in_the_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """makemessages over a copy of the code finds nothing new to translate."""
    copy = tmp_path / "repo"
    for name in ("safetyhub", "templates"):
        shutil.copytree(REPO / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    monkeypatch.chdir(copy)
    monkeypatch.setattr("django.conf.settings.LOCALE_PATHS", [str(copy / "safetyhub" / "locale")])
    call_command("makemessages", locale=["zh_Hans"], verbosity=0)
    po = (copy / "safetyhub" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert _problems(po) == []


def test_a_gap_is_noticed() -> None:
    entry = '#: x.py:1\nmsgid "Keep"\nmsgstr ""\n'
    guess = '#: x.py:2\n#, fuzzy\n#| msgid "Keeper"\nmsgid "Kept"\nmsgstr "保"\n'
    good = '#: x.py:3\nmsgid "Cancel"\nmsgstr "取消"\n'
    assert _problems("\n\n".join([entry, guess, good])) == ["Keep", "Kept"]
