"""Which language a report is written in: zh, zh-Hant, en or mixed."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# A run of Chinese long enough to be a sentence, not a name or a gloss.
_HAN_SENTENCE = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff，、“”]{11,}")


def detect_language(body: str, folded: str) -> str:
    """Classify by script counts; Traditional when folding changes a noticeable share of Han characters."""
    han = len(_HAN.findall(body))
    words = len(_LATIN_WORD.findall(body))
    if han == 0 and words == 0:
        return "zh"
    # One English word is worth about two Han characters of text.
    if words * 2 > han:
        return "mixed" if _HAN_SENTENCE.search(body) else "en"
    changed = sum(1 for a, b in zip(body, folded, strict=False) if a != b)
    if changed >= 3 and changed * 25 >= han:
        return "zh-Hant"
    return "zh"
