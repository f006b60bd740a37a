"""Meeting type from the meeting's own name (headline and lead sentence)."""

from __future__ import annotations

import re

# Ordered: the first kind found in the meeting's name wins. Each is (type, Chinese, English).
_TYPES: tuple[tuple[str, str, str], ...] = (
    ("warning_education", r"警示教育(?:大会|会议|会)", r"warning education (?:conference|meeting)"),
    ("on_site", r"现场(?:推进|观摩|办公|调度)?会", r"on-?site (?:meeting|conference|promotion)"),
    (
        "plenary",
        r"安委会[^，。,]{0,12}全体(?:成员)?(?:\(扩大\)|（扩大）)?会|全体(?:\(扩大\)|（扩大）)?会议|全会|"
        r"安委会(?:第.{1,3}次)?(?:会议|暨)|安全生产委员会(?:第.{1,3}次)?会议",
        r"plenary|plenum|(?:work )?safety committee meeting",
    ),
    (
        "video",
        r"视频(?:调度)?会|电视电话会|视频连线",
        r"video(?: and telephone)? conference|teleconference|video conference|telephone conference",
    ),
    ("scheduling", r"调度会", r"scheduling meeting|dispatch(?:ing)? meeting"),
    ("expanded", r"扩大\)?(?:会议|会)|\(扩大\)", r"expanded meeting|enlarged meeting"),
    ("joint", r"联席会", r"joint meeting|joint conference"),
    (
        "executive",
        r"常务会议|常委会议|常委会会议|常委\(扩大\)会议",
        r"executive meeting|standing committee meeting",
    ),
    ("deployment", r"部署会|动员会|推进会", r"deployment meeting|mobilization meeting|promotion meeting"),
    ("work_conference", r"工作会议|工作会|大会|例会", r"work(?:ing)? (?:conference|meeting)|conference"),
)
_ZH = [(t, re.compile(zh)) for t, zh, _ in _TYPES]
_EN = [(t, re.compile(r"\b(?:" + en + r")s?\b", re.IGNORECASE)) for t, _, en in _TYPES]


def detect_meeting_type(name_text: str) -> str:
    """The type of meeting named in `name_text` (Simplified headline + lead sentence), or "other"."""
    for (kind, zh), (_, en) in zip(_ZH, _EN, strict=True):
        if zh.search(name_text) or en.search(name_text):
            return kind
    return "other"
