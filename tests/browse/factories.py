"""Realistic archive rows for browse tests, screenshots and the benchmark.

Builds meetings the way ingest would: a body text assembled from sentences, with the
character span of every fact (officials, directives, sectors, date, region) recorded.
Needs the reference data (gazetteer, sectors) loaded.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from safetyhub.meetings.models import (
    Attendance,
    Directive,
    Meeting,
    MeetingSource,
    Official,
    Region,
    Sector,
)
from safetyhub.meetings.search import index_meetings

_seq = itertools.count(1)

SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
            ("黄", "Huang"), ("赵", "Zhao"), ("周", "Zhou"), ("吴", "Wu"), ("徐", "Xu"), ("孙", "Sun"),
            ("潘", "Pan"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He")]  # fmt: skip
GIVEN = [("敏", "Min"), ("磊", "Lei"), ("建军", "Jianjun"), ("华光", "Huaguang"), ("海东", "Haidong"),
         ("伟", "Wei"), ("芳", "Fang"), ("静", "Jing"), ("强", "Qiang"), ("晓峰", "Xiaofeng"),
         ("国庆", "Guoqing"), ("红梅", "Hongmei"), ("志刚", "Zhigang"), ("丽", "Li"),
         ("勇", "Yong")]  # fmt: skip
TITLES = ["市委书记", "市长", "副市长", "县委书记", "县长", "常务副县长", "应急管理局局长", "区长", "副省长"]
ROLE_VERBS = {
    "presided": "主持会议",
    "spoke": "出席会议并讲话",
    "attended": "出席会议",
    "reported": "通报情况",
}
DIRECTIVE_TEMPLATES = {
    "road-traffic": "要深入开展道路交通安全专项整治，严查“两客一危”车辆",
    "hazardous-chemicals": "要加强危险化学品企业隐患排查治理",
    "fire": "要抓好冬春火灾防控，落实消防安全责任",
    "mining": "要严格非煤矿山安全监管，坚决遏制重特大事故",
    "construction": "要强化建筑施工安全管理，紧盯高处作业和起重机械",
    "gas": "要全面排查城镇燃气管道和餐饮场所用气安全",
    "fireworks": "要严厉打击非法生产经营烟花爆竹行为",
    "forest-fire": "要做好森林草原防灭火工作",
    "flood-control": "要做好防汛备汛各项准备",
    "self-built-housing": "要持续推进自建房安全专项整治",
}


@dataclass
class Text:
    """A body under construction that remembers where each piece went."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def __str__(self) -> str:
        return "".join(self.parts)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def make_official(name_zh: str = "", name_en: str = "", **kwargs: object) -> Official:
    if not (name_zh or name_en):
        n = next(_seq)
        s, g = SURNAMES[n % len(SURNAMES)], GIVEN[(n // len(SURNAMES)) % len(GIVEN)]
        name_zh, name_en = s[0] + g[0], f"{s[1]} {g[1]}"
    return Official.objects.create(name_zh=name_zh, name_en=name_en, **kwargs)


def make_meeting(
    *,
    title: str = "",
    region: Region | None = None,
    date: tuple[int | None, int | None, int | None] = (2023, 10, 27),
    sectors: Sequence[str] = (),
    officials: Sequence[tuple[Official, Sequence[str], str]] = (),
    directives: Sequence[tuple[Official | None, str, Sequence[str]]] = (),
    language: str = "zh",
    meeting_type: str = "plenary",
    extra_text: str = "",
    outlet: str = "",
    source: str = "",
    published_on: object = None,
) -> Meeting:
    """Create a meeting with a generated body and the spans of every fact in it."""
    n = next(_seq)
    year, month, day = date
    place = region.name_zh if region else "某地"
    title = title or f"{place}召开安全生产工作会议"
    text = Text()
    spans: dict[str, object] = {}
    spans["title"] = list(text.add(title))
    text.add("\n")
    if month and day:
        spans["held_on"] = list(text.add(f"{month}月{day}日"))
        text.add("，")
    spans["region"] = list(text.add(place))
    text.add("召开安全生产工作会议。")
    people_spans: dict[int, list[list[int]]] = {}
    for official, roles, official_title in officials:
        text.add(official_title)
        people_spans.setdefault(official.pk, []).append(list(text.add(official.name_zh or official.name_en)))
        verb = "、".join(ROLE_VERBS.get(r, "出席会议") for r in roles)
        text.add(verb + "。")
    sector_spans: dict[str, list[list[int]]] = {}
    for slug in sectors:
        text.add("会议聚焦")
        sector_obj = Sector.objects.get(slug=slug)
        sector_spans.setdefault(slug, []).append(list(text.add(sector_obj.name_zh)))
        text.add("领域。")
    if sector_spans:
        spans["sectors"] = sector_spans
    directive_spans: list[tuple[int, int]] = []
    for issuer, dtext, _dsectors in directives:
        text.add(f"{issuer.name_zh or issuer.name_en}要求，" if issuer else "会议强调，")
        directive_spans.append(text.add(dtext))
        text.add("。")
    if extra_text:
        text.add(extra_text)
    body = str(text)
    meeting = Meeting(
        title=title,
        outlet=outlet,
        region=region,
        language=language,
        meeting_type=meeting_type,
        body=body,
        raw_text=f"<p>{body}</p>\n版权所有",
        content_hash=hashlib.sha256(f"{n}:{body}".encode()).hexdigest(),
        spans=spans,
        published_on=published_on,
    )
    meeting.set_held_date(year, month, day)
    meeting.save()
    meeting.sectors.set(Sector.objects.filter(slug__in=sectors))
    MeetingSource.objects.create(meeting=meeting, location=source or f"seeds/{n:03d}_test.txt")
    for position, (official, roles, official_title) in enumerate(officials):
        a = Attendance(
            meeting=meeting,
            official=official,
            title=official_title,
            titles=[official_title] if official_title else [],
            spans=people_spans.get(official.pk, []),
            position=position,
        )
        a.set_roles(list(roles))
        a.save()
    for order, ((issuer, dtext, dsectors), (start, end)) in enumerate(
        zip(directives, directive_spans, strict=True)
    ):
        d = Directive.objects.create(
            meeting=meeting, issuer=issuer, text=dtext, order=order, span_start=start, span_end=end
        )
        d.sectors.set(Sector.objects.filter(slug__in=dsectors))
    index_meetings([meeting])
    return meeting


KINDS = ["工作会议", "委员会全体会议", "专题会议"]
COUNTIES = ["360681", "360602", "420115", "420102", "440305", "330106", "320106", "510104", "220202"]


def demo_archive(count: int = 40, seed: int = 7) -> list[Meeting]:
    """A varied little archive: several provinces, years, sectors, officials, partial dates."""
    rng = random.Random(seed)
    regions = list(Region.objects.filter(code__in=COUNTIES)) or list(
        Region.objects.filter(level="county")[:9]
    )
    people = [
        make_official(s[0] + g[0], f"{s[1]} {g[1]}") for s, g in zip(SURNAMES[:12], GIVEN[2:14], strict=True)
    ]
    slugs = list(DIRECTIVE_TEMPLATES)
    meetings = []
    for i in range(count):
        where = rng.choice(regions + [r.parent for r in regions if r.parent])
        year = rng.choice([2021, 2022, 2023, 2024])
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        date = (None, month, day) if i % 11 == 5 else (year, month, day)
        chosen = rng.sample(slugs, rng.randint(1, 3))
        cast = rng.sample(people, 3)
        officials = [
            (cast[0], ["presided"], rng.choice(TITLES)),
            (cast[1], ["attended", "spoke"], rng.choice(TITLES)),
            (cast[2], ["attended"], rng.choice(TITLES)),
        ]
        directives = [(cast[1], DIRECTIVE_TEMPLATES[s], [s]) for s in chosen[:2]] + [
            (None, "要压紧压实安全生产责任", [])
        ]
        meetings.append(
            make_meeting(
                title=f"{where.name_zh}召开{month}月安全生产{rng.choice(KINDS)}",
                region=where,
                date=date,
                sectors=chosen,
                officials=officials,
                directives=directives,
                meeting_type=rng.choice(["plenary", "work_conference", "scheduling", "video"]),
                language="en" if i % 9 == 4 else "zh",
                outlet=rng.choice(["鹰潭日报", "长江日报", "Xinhua", "深圳特区报"]),
            )
        )
    return meetings
