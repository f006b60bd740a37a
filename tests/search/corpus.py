"""The relevance corpus: the five seeds plus hand-written and generated meetings.

Every hand-written meeting has a key; the relevance table in test_relevance.py names the
keys each query must return in its top 10. The generated filler meetings use only generic
work-safety wording, so they compete on common words without being expected anywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field

from tests.conftest import SEEDS


@dataclass
class Doc:
    key: str
    title: str
    body: str
    date: dt.date
    language: str = "zh"
    officials: list[tuple[str | None, str | None]] = field(default_factory=list)
    directives: list[tuple[str, int | None]] = field(default_factory=list)  # (text, issuer index)


SEED_OFFICIALS = {
    "000": [(None, "Zhang Fei"), (None, "Shu Guichuan"), (None, "Zeng Jianhui")],
    "001": [(None, "Jiao Jiguo")],
    "002": [(None, "Lao Maochang"), (None, "Ma Pingao")],
    "003": [(None, "Jing Junhai"), (None, "Han Jun")],
    "004": [
        ("陈敏", "Chen Min"),
        ("潘磊", "Pan Lei"),
        ("黄建军", "Huang Jianjun"),
        ("王华光", "Wang Huaguang"),
    ],
}
SEED_DATES = {
    "000": "2022-02-11",
    "001": "2023-10-27",
    "002": "2023-04-18",
    "003": "2022-09-28",
    "004": "2023-08-22",
}


def seed_docs() -> list[Doc]:
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        key = path.name[:3]
        text = path.read_text(encoding="utf-8").strip()
        docs.append(
            Doc(
                key=f"seed{key}",
                title=text.splitlines()[0][:200],
                body=text,
                date=dt.date.fromisoformat(SEED_DATES[key]),
                language="zh" if key == "004" else "en",
                officials=SEED_OFFICIALS[key],
            )
        )
    return docs


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


HAND = [
    Doc(
        "zh_fire",
        "临江市召开消防安全工作会议",
        "3月5日，临江市召开消防安全工作会议。副市长李海东出席并讲话。会议要求，全面开展消防安全检查，"
        "严防火灾事故发生，对人员密集场所逐一排查。",
        _d("2024-03-05"),
        officials=[("李海东", "Li Haidong")],
        directives=[("全面开展消防安全检查，严防火灾事故", 0)],
    ),
    Doc(
        "zh_hant_fire",
        "東山縣部署冬季消防安全檢查",
        "東山縣召開會議，部署冬季消防安全檢查工作。縣長周明強調，要壓實責任，開展應急管理培訓。",
        _d("2023-12-01"),
        language="zh-Hant",
        officials=[("周明", "Zhou Ming")],
    ),
    Doc(
        "en_fire",
        "Riverside county holds fire protection work conference",
        "The county held a conference on fire protection. Officials inspected shopping centres and "
        "ordered inspections of fire escapes in every township.",
        _d("2024-01-15"),
        language="en",
        officials=[(None, "Chen Min")],
        directives=[("Carry out inspections of fire escapes in every township", 0)],
    ),
    Doc(
        "en_forest",
        "Mountain district deploys forest fire prevention",
        "The district deployed forest fire prevention for the dry season and patrols of grassland.",
        _d("2024-02-10"),
        language="en",
    ),
    Doc(
        "zh_forest",
        "北山区部署森林防火工作",
        "北山区召开森林防火工作会议，要求加强巡山护林，严控野外用火。",
        _d("2024-02-11"),
    ),
    Doc(
        "zh_hazchem",
        "危化品安全专项整治推进会召开",
        "会议通报了全市危险化学品企业安全生产情况，要求对危化品运输车辆开展专项整治。",
        _d("2023-06-20"),
        directives=[("对危化品运输车辆开展专项整治", None)],
    ),
    Doc(
        "en_chem",
        "Port city reviews safety of hazardous chemicals storage",
        "The meeting reviewed the storage of hazardous chemicals at the port and told companies to "
        "register every tank.",
        _d("2023-07-02"),
        language="en",
    ),
    Doc(
        "zh_hidden",
        "西城区推进重大事故隐患排查整治",
        "西城区召开会议，推进重大事故隐患排查治理，要求各街道建立隐患台账，限期整改。",
        _d("2023-05-09"),
    ),
    Doc(
        "en_inspect",
        "Harbour authority inspects cranes after accident",
        "After the accident the authority inspected every crane and is inspecting the remaining "
        "equipment this week.",
        _d("2023-03-03"),
        language="en",
    ),
    Doc(
        "zh_mine",
        "南岭县召开非煤矿山安全生产会议",
        "会议强调，要加强非煤矿山和尾矿库监管，严厉打击非法开采。",
        _d("2022-11-11"),
    ),
    Doc(
        "en_mine",
        "Province orders checks of non-coal mines",
        "The province ordered checks of non-coal mines and tailings ponds before the holiday.",
        _d("2022-12-12"),
        language="en",
    ),
    Doc(
        "zh_gas",
        "城关镇开展燃气安全排查",
        "城关镇对餐饮场所液化石油气钢瓶开展排查，镇长孙立新参加。",
        _d("2024-04-04"),
        officials=[("孙立新", "Sun Lixin")],
    ),
    Doc(
        "en_gas",
        "Town checks bottled gas in restaurants",
        "Inspectors checked bottled gas cylinders and natural gas pipelines in restaurants.",
        _d("2024-04-05"),
        language="en",
    ),
    Doc(
        "zh_traffic",
        "高新区部署道路交通安全整治",
        "高新区召开道路交通安全工作会议，部署货车超载治理。",
        _d("2023-09-09"),
    ),
    Doc(
        "en_traffic",
        "City tightens road traffic safety before the holiday",
        "The city will tighten road traffic enforcement on highways before the holiday.",
        _d("2023-09-30"),
        language="en",
    ),
    Doc(
        "zh_elevator",
        "市场监管局召开电梯安全约谈会",
        "会议要求物业企业加强电梯维护保养，确保特种设备安全运行。",
        _d("2023-10-10"),
    ),
    Doc(
        "en_elevator",
        "Regulator checks elevators in old housing estates",
        "The regulator checked elevators and boilers in old housing estates.",
        _d("2023-10-11"),
        language="en",
    ),
    Doc(
        "zh_confined",
        "污水处理厂有限空间作业安全培训",
        "培训强调有限空间作业必须先通风、再检测、后作业。",
        _d("2023-08-08"),
    ),
    Doc(
        "en_title_script",
        "Report containing <script>alert(1)</script> markup",
        "The page had <b>markup</b> and a <script>alert('x')</script> tag inside the report text.",
        _d("2021-01-01"),
        language="en",
    ),
    # Title versus body: the same term once in a title, once only deep in a body.
    Doc(
        "title_flood",
        "Flood control meeting in Lakeside",
        "The meeting arranged duty rosters for the coming months and reviewed reservoirs.",
        _d("2022-05-05"),
        language="en",
    ),
    Doc(
        "body_flood",
        "Lakeside reviews summer duty rosters",
        "The meeting arranged duty rosters for the coming months and mentioned flood control once.",
        _d("2022-05-06"),
        language="en",
    ),
]

FILLER_ZH = [
    "会议强调，要深入学习贯彻关于安全生产的重要论述，压紧压实安全责任。",
    "各地各部门要坚持人民至上、生命至上，统筹发展和安全。",
    "会议听取了近期全市安全生产工作情况汇报，研究部署下一阶段重点工作。",
    "要强化值班值守，确保信息畅通，遇有突发情况及时报告。",
]
FILLER_EN = [
    "The meeting stressed that responsibility for work safety must be fully implemented.",
    "All departments must put people and life first and coordinate development and security.",
    "The meeting heard a report on recent work and arranged the next stage of key tasks.",
    "Duty shifts must be strengthened to keep information flowing and report emergencies promptly.",
]


def filler_docs(n: int = 40, seed: int = 5) -> list[Doc]:
    rnd = random.Random(seed)
    docs = []
    for i in range(n):
        zh = i % 2 == 0
        pool = FILLER_ZH if zh else FILLER_EN
        body = ("" if zh else " ").join(rnd.sample(pool, 3))
        title = f"第{i}次安全生产工作例会" if zh else f"Work safety routine meeting number {i}"
        docs.append(
            Doc(
                f"filler{i}",
                title,
                body,
                dt.date(2020, 1, 1) + dt.timedelta(days=i * 17),
                language="zh" if zh else "en",
            )
        )
    return docs


def all_docs() -> list[Doc]:
    return seed_docs() + HAND + filler_docs()


def load(docs: list[Doc]) -> dict[str, int]:
    """Create the meetings, officials and directives; index them; return key -> meeting id."""
    from safetyhub.meetings.models import Attendance, Directive, Meeting, Official
    from safetyhub.meetings.search import index_meetings

    ids: dict[str, int] = {}
    officials: dict[tuple[str | None, str | None], Official] = {}
    for doc in docs:
        meeting = Meeting(
            title=doc.title,
            body=doc.body,
            raw_text=doc.body,
            language=doc.language,
            content_hash=hashlib.sha256(f"{doc.key}:{doc.body}".encode()).hexdigest(),
        )
        meeting.set_held_date(doc.date.year, doc.date.month, doc.date.day)
        meeting.save()
        people = []
        for position, (zh, en) in enumerate(doc.officials):
            official = officials.get((zh, en))
            if official is None:
                official = officials[(zh, en)] = Official.objects.create(name_zh=zh or "", name_en=en or "")
            Attendance.objects.create(meeting=meeting, official=official, attended=True, position=position)
            people.append(official)
        for order, (text, issuer) in enumerate(doc.directives):
            Directive.objects.create(
                meeting=meeting, text=text, order=order, issuer=people[issuer] if issuer is not None else None
            )
        ids[doc.key] = meeting.pk
    index_meetings(list(ids.values()))
    return ids
