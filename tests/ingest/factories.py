"""ExtractedMeeting builders for tests (the real engine is tested elsewhere)."""

from __future__ import annotations

import datetime as dt

from safetyhub.extraction.types import (
    ExtractedDirective,
    ExtractedMeeting,
    ExtractedOfficial,
    ExtractedRegion,
    PartialDate,
)

GUIXI = ExtractedRegion(
    code="360681", name_zh="贵溪市", name_en="Guixi", level="county", path_zh=["江西省", "鹰潭市", "贵溪市"]
)


def extracted(**overrides: object) -> ExtractedMeeting:
    body = "8月22日,贵溪市安全生产工作会议召开。陈敏出席并讲话。潘磊主持会议。会议强调，要加强消防安全。"
    values: dict[str, object] = {
        "source": "seeds/x.txt",
        "title": "贵溪市安全生产工作会议召开",
        "language": "zh",
        "body": body,
        "raw_text": body,
        "published_on": dt.date(2023, 8, 23),
        "held_on": PartialDate(2023, 8, 22),
        "region": GUIXI,
        "meeting_type": "work_conference",
        "officials": [
            ExtractedOfficial("陈敏", "Chen Min", ["attended", "spoke"], ["贵溪市委书记"], [(22, 24)]),
            ExtractedOfficial("潘磊", "Pan Lei", ["presided"], ["市长"], [(31, 33)]),
        ],
        "sectors": ["fire"],
        "directives": [
            ExtractedDirective("要加强消防安全", "陈敏", ["fire"], (44, 51)),
            ExtractedDirective("要压实安全生产责任", None, [], None),
        ],
        "spans": {"title": (0, 12)},
        "sector_mentions": [("fire", (46, 48))],
    }
    values.update(overrides)
    return ExtractedMeeting(**values)  # type: ignore[arg-type]
