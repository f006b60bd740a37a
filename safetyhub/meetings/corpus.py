"""A synthetic corpus of work-safety meeting reports with ground truth, for scale tests and benchmarks.

Django-free on purpose (it runs anywhere, in benchmarks and workers). Reports are written from
the gazetteer and the sector vocabulary with varied phrasings, not from the extractor's rules:
mostly Simplified Chinese, with English and Traditional shares; boilerplate headers and footers;
dates with and without a year; officials with titles and roles; directives naming sectors.
Document i depends only on (seed, i), so a corpus of 1,000 is the first 1,000 of 10,000.

The ground truth is the `extract --json` contract object, plus `region.parents_zh` and each
official's `name`, so `../shared/tools/score_extraction.py` can read it too.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from safetyhub.extraction.reference import Reference, RegionRef, default_reference

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
)
GIVEN = (
    "伟敏军国志明海东立新文斌强磊洪涛勇平杰峰超波辉刚林庆红春亮鹏宇晓光俊玉兰丽静颖慧卫兵鑫宏德福荣胜永友振一"
)
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

# (meeting_type, Chinese name pattern, English name pattern)
MEETING_KINDS = [
    ("work_conference", "{r}安全生产工作会议", "{r} Work Safety Conference"),
    ("plenary", "{r}安全生产委员会全体会议", "plenary meeting of the {r} Work Safety Committee"),
    ("plenary", "{r}安委会全体成员（扩大）会议", "plenary (enlarged) session of the {r} Safety Committee"),
    ("video", "{r}安全生产电视电话会议", "{r} work safety video and telephone conference"),
    ("scheduling", "{r}安全生产工作调度会", "{r} work safety scheduling meeting"),
    ("deployment", "{r}安全防范工作部署会", "{r} safety precautions deployment meeting"),
    ("on_site", "{r}安全生产现场推进会", "{r} on-site work safety promotion meeting"),
    ("warning_education", "{r}安全生产警示教育大会", "{r} work safety warning education conference"),
]

HEADERS_ZH = [
    "首页 > 新闻中心 > 工作动态",
    "当前位置：首页 >> 要闻动态 >> 政务要闻",
    "【字体：大 中 小】 分享到：",
    "政府信息公开 | 政务服务 | 互动交流",
    "网站首页 > 应急管理 > 工作动态",
]
FOOTERS_ZH = [
    "【打印本页】 【关闭窗口】",
    "版权所有：{r}人民政府办公室 主办单位：{r}人民政府",
    "扫一扫在手机打开当前页",
    "网站标识码：{code}  备案号：ICP备{num}号",
]
HEADERS_EN = ["Home > News > Government Affairs", "Print | Close | Share to:", "Location: Home > Latest News"]
FOOTERS_EN = [
    "Copyright © {r} People's Government. All rights reserved.",
    "Editor: {editor}",
    "[Print] [Close]",
]

FILLER_ZH = [
    "会议指出，当前正处于安全生产的关键时期，各类风险隐患交织叠加，形势依然复杂严峻。",
    "会议要求，各级各部门要切实提高政治站位，坚持人民至上、生命至上，统筹发展和安全。",
    "会议强调，要压紧压实安全生产责任，严格落实党政同责、一岗双责、齐抓共管、失职追责。",
    "会议认为，今年以来全{u}安全生产形势总体平稳，但部分领域仍存在薄弱环节。",
    "会上，与会人员观看了安全生产警示教育片，传达学习了上级会议精神。",
    "会议以视频形式开到各乡镇（街道），各地设分会场。",
]
FILLER_EN = [
    "The meeting pointed out that this is a critical period for work safety and risks remain complex.",
    "It was stressed that all departments must put people's lives first and balance growth and security.",
    "Participants watched a warning education film and studied the spirit of higher-level meetings.",
    "The meeting was held by video link, with branch venues in every township and sub-district.",
]
DIRECTIVE_ZH = [
    "要深入开展{k}领域安全隐患排查整治，做到检查全覆盖、整改全闭环",
    "要聚焦{k}等重点行业领域，严厉打击非法违法行为",
    "要切实加强{k}安全监管，落实企业主体责任",
    "要抓好{k}方面的风险管控，坚决防范遏制重特大事故",
    "要针对{k}开展专项整治行动，确保不留死角",
]
DIRECTIVE_EN = [
    "we must carry out thorough inspections of hidden dangers in {k} and rectify them in a closed loop",
    "efforts should focus on key areas such as {k} and crack down on illegal operations",
    "supervision over {k} must be strengthened and enterprises must shoulder their main responsibility",
    "risks related to {k} must be controlled to prevent major accidents",
]
GENERAL_DIRECTIVE_ZH = "要严格落实值班值守制度，确保信息畅通、指挥高效"
GENERAL_DIRECTIVE_EN = "duty on call must be strictly kept so that information flows and command is efficient"

_COUNTY_BUREAU = "Director of the {S} Emergency Management Bureau"
TITLES = {
    "province": [
        ("省委书记", "Secretary of the Provincial Party Committee"),
        ("省长", "Governor"),
        ("副省长", "Vice Governor"),
        ("省应急管理厅厅长", "Director of the Provincial Emergency Management Department"),
        ("省政府秘书长", "Secretary-General of the Provincial Government"),
    ],
    "prefecture": [
        ("市委书记", "Secretary of the Municipal Party Committee"),
        ("市长", "Mayor"),
        ("副市长", "Vice Mayor"),
        ("市委常委、常务副市长", "Executive Vice Mayor"),
        ("市应急管理局局长", "Director of the Municipal Emergency Management Bureau"),
    ],
    "county": [
        ("{s}委书记", "Secretary of the {S} Party Committee"),
        ("{s}长", "{S} Head"),
        ("副{s}长", "Deputy {S} Head"),
        ("{s}应急管理局局长", _COUNTY_BUREAU),
    ],
    "zone": [
        ("党工委书记", "Party Working Committee Secretary"),
        ("管委会主任", "Director of the Administrative Committee"),
        ("管委会副主任", "Deputy Director of the Administrative Committee"),
    ],
}


def _sector_keywords(ref: Reference) -> dict[str, tuple[list[str], list[str]]]:
    """Keywords per sector that do not contain another sector's keyword (森林防火 holds 防火)."""
    all_zh = {k: s.slug for s in ref.sectors for k in s.keywords_zh}
    all_en = {k: s.slug for s in ref.sectors for k in s.keywords_en}
    out: dict[str, tuple[list[str], list[str]]] = {}
    for s in ref.sectors:
        zh = [k for k in s.keywords_zh if not any(o != k and all_zh[o] != s.slug and o in k for o in all_zh)]
        en = [
            k
            for k in s.keywords_en
            if not any(
                o != k and all_en[o] != s.slug and re.search(rf"\b{re.escape(o)}\b", k) for o in all_en
            )
        ]
        if zh and en:
            out[s.slug] = (zh, en)
    return out


@dataclass(frozen=True)
class _Vocab:
    ref: Reference
    regions: list[RegionRef]
    keywords: dict[str, tuple[list[str], list[str]]]
    ambiguous: frozenset[str]


@cache
def _vocab() -> _Vocab:
    ref = default_reference()
    keywords = _sector_keywords(ref)
    every_zh = [k for s in ref.sectors for k in s.keywords_zh]
    every_en = [k for s in ref.sectors for k in s.keywords_en]
    names: dict[str, int] = {}
    for r in ref.regions.values():
        names[r.name_zh] = names.get(r.name_zh, 0) + 1

    def clean(r: RegionRef) -> bool:
        return not any(k in r.name_zh for k in every_zh) and not any(
            re.search(rf"\b{re.escape(k)}\b", r.name_en.lower()) for k in every_en
        )

    regions = [r for r in sorted(ref.regions.values(), key=lambda r: r.code) if r.name_en and clean(r)]
    return _Vocab(ref, regions, keywords, frozenset(n for n, c in names.items() if c > 1))


def _path(ref: Reference, region: RegionRef) -> list[RegionRef]:
    chain = [region]
    while chain[0].parent_code and chain[0].parent_code in ref.regions:
        chain.insert(0, ref.regions[chain[0].parent_code])
    return chain


def _suffix(region: RegionRef) -> tuple[str, str]:
    """('县', 'County')-like unit words for a county-level region's own name."""
    last = region.name_zh[-1]
    return {
        "县": ("县", "County"),
        "区": ("区", "District"),
        "市": ("市", "City"),
        "旗": ("旗", "Banner"),
    }.get(last, ("县", "County"))


@dataclass
class Report:
    name: str  # file name, e.g. 000042_zh.txt
    text: str
    truth: dict[str, Any]


def generate_report(index: int, seed: int) -> Report:
    """Report number `index` of the corpus for `seed` (independent of the corpus size)."""
    rng = random.Random(f"{seed}:{index}")
    vocab = _vocab()
    lang = rng.choices(["zh", "en", "zh-Hant"], weights=[70, 20, 10])[0]
    level = rng.choices(["county", "prefecture", "province", "zone"], weights=[60, 26, 12, 2])[0]
    pool = [r for r in vocab.regions if r.level == level] or vocab.regions
    region = rng.choice(pool)
    path = _path(vocab.ref, region)
    held = _date(rng)
    sectors = rng.sample(sorted(vocab.keywords), rng.randint(1, 4))
    kind = rng.choice(MEETING_KINDS)
    people = _people(rng, region, lang)
    if lang == "en":
        text, directives = _english(rng, region, path, held, sectors, kind, people, vocab)
    else:
        text, directives = _chinese(rng, region, path, held, sectors, kind, people, vocab)
        if lang == "zh-Hant":
            text = _s2t(text)
    published = held["published"]
    ext = ".html" if rng.random() < 0.05 else ".txt"
    if ext == ".html":
        text = _htmlify(rng, text)
    name = f"{index:06d}_{lang}{ext}"
    truth = {
        "source": name,
        "title": held["title"],
        "language": lang,
        "published_on": published,
        "held_on": held["iso"],
        "region": {
            "code": region.code,
            "name_zh": region.name_zh,
            "name_en": region.name_en,
            "level": region.level,
            "path_zh": [r.name_zh for r in path],
            "parents_zh": [r.name_zh for r in path[:-1]],
        },
        "meeting_type": kind[0],
        "officials": [
            {
                "name_zh": None if lang == "en" else p["zh"],
                "name_en": p["en"],
                "name": p["en"] if lang == "en" else p["zh"],
                "roles": [
                    r for r in ("presided", "spoke", "attended", "instructed", "reported") if r in p["roles"]
                ],
                "titles": [p["title_en"] if lang == "en" else p["title_zh"]],
            }
            for p in people
        ],
        "sectors": sorted(sectors),
        "directives": directives,
    }
    return Report(name, text, truth)


def _date(rng: random.Random) -> dict[str, Any]:
    year, month, day = rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28)
    with_year = rng.random() < 0.8
    no_date = rng.random() < 0.04
    published = None
    if with_year and not no_date and rng.random() < 0.6:
        pub_day = min(28, day + rng.randint(0, 2))
        published = f"{year:04d}-{month:02d}-{pub_day:02d}"
    if no_date:
        iso = None
    elif with_year:
        iso = f"{year:04d}-{month:02d}-{day:02d}"
    else:
        iso = f"--{month:02d}-{day:02d}"
    return {
        "year": year if with_year and not no_date else None,
        "month": month,
        "day": day,
        "no_date": no_date,
        "iso": iso,
        "published": published,
        "title": "",
    }


def _person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))


def _people(rng: random.Random, region: RegionRef, lang: str) -> list[dict[str, Any]]:
    from safetyhub.extraction.people import name_to_pinyin

    municipality = region.level == "province" and region.name_zh.endswith("市")
    titles = TITLES["prefecture"] if municipality else TITLES.get(region.level, TITLES["county"])
    unit_zh, unit_en = _suffix(region) if region.level == "county" else ("", "")
    count = rng.randint(2, min(5, len(titles)))
    chosen = rng.sample(titles, count)
    names: set[str] = set()
    people = []
    role_sets = [["presided"], ["attended", "spoke"], ["reported"], ["attended"], ["spoke"], ["instructed"]]
    for i, (t_zh, t_en) in enumerate(chosen):
        name = _person_name(rng)
        while name in names:
            name = _person_name(rng)
        names.add(name)
        roles = role_sets[i] if i < 3 else rng.choice([["attended"], ["instructed"], ["attended"]])
        people.append(
            {
                "zh": name,
                "en": name_to_pinyin(name),
                "title_zh": t_zh.format(s=unit_zh),
                "title_en": t_en.format(S=unit_en),
                "roles": roles,
            }
        )
    rng.shuffle(people)
    return people


def _zh_region_mention(rng: random.Random, region: RegionRef, path: list[RegionRef], vocab: _Vocab) -> str:
    if region.level == "province":
        return region.name_zh
    if region.name_zh in vocab.ambiguous or rng.random() < 0.3:
        return path[-2].name_zh + region.name_zh
    return region.name_zh


def _chinese(
    rng: random.Random,
    region: RegionRef,
    path: list[RegionRef],
    held: dict[str, Any],
    sectors: list[str],
    kind: tuple[str, str, str],
    people: list[dict[str, Any]],
    vocab: _Vocab,
) -> tuple[str, list[dict[str, Any]]]:
    where = _zh_region_mention(rng, region, path, vocab)
    meeting = kind[1].format(r=region.name_zh)
    unit = {"province": "省", "prefecture": "市", "zone": "区"}.get(region.level, _suffix(region)[0])
    if held["no_date"]:
        when = rng.choice(["近日", "日前"])
    elif held["year"]:
        when = f"{held['year']}年{held['month']}月{held['day']}日" + rng.choice(["", "上午", "下午"])
    else:
        when = f"{held['month']}月{held['day']}日" + rng.choice(["", "上午", "下午"])
    title = rng.choice(
        [f"{where}召开{kind[1].format(r='')}", f"{meeting}召开", f"{region.name_zh}部署安全生产工作"]
    )
    held["title"] = title
    lines = [rng.choice(HEADERS_ZH), title]
    if held["published"]:
        outlet = rng.choice([f"{path[0].name_zh}日报", f"{region.name_zh}融媒体中心", "人民网"])
        lines.append(
            f"来源：{outlet}  发布时间：{held['published']} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
        )
    opening = rng.choice(
        [
            f"{when}，{where}召开{kind[1].format(r='')}，传达学习上级会议精神，安排部署当前重点工作。",
            f"{when}，{meeting}在{where}召开。",
            f"为切实做好当前安全生产工作，{when}，{where}召开{kind[1].format(r='')}。",
        ]
    )
    para = [opening]
    for p in people:
        who = f"{p['title_zh']}{p['zh']}"
        roles = p["roles"]
        if roles == ["presided"]:
            para.append(rng.choice([f"{who}主持会议。", f"会议由{who}主持。"]))
        elif roles == ["attended", "spoke"]:
            para.append(rng.choice([f"{who}出席会议并讲话。", f"{who}出席并讲话。"]))
        elif roles == ["reported"]:
            para.append(f"{who}通报了全{unit}安全生产形势。")
        elif roles == ["instructed"]:
            para.append(f"{who}对做好安全生产工作作出批示。")
        elif roles == ["spoke"]:
            para.append(f"{who}在会上发言。")
        else:
            para.append(f"{who}参加会议。")
    lines.append("".join(para))
    speaker = next((p for p in people if "spoke" in p["roles"]), None)
    directives: list[dict[str, Any]] = []
    body = [rng.choice(FILLER_ZH).format(u=unit)]
    lead = f"{speaker['zh']}强调，" if speaker else "会议要求，"
    items = []
    for slug in sectors:
        kw = rng.choice(vocab.keywords[slug][0])
        items.append((rng.choice(DIRECTIVE_ZH).format(k=kw), [slug]))
    items.append((GENERAL_DIRECTIVE_ZH, []))
    rng.shuffle(items)
    body.append(lead + "；".join(t for t, _ in items) + "。")
    for t, s in items:
        directives.append({"text": t, "issuer": speaker["zh"] if speaker else None, "sectors": s})
    body.append(rng.choice(FILLER_ZH).format(u=unit))
    lines.extend(body)
    lines.append(
        rng.choice(FOOTERS_ZH).format(
            r=region.name_zh, code=rng.randint(1000000000, 9999999999), num=rng.randint(10000, 99999)
        )
    )
    return "\n".join(lines) + "\n", directives


def _en_region(rng: random.Random, region: RegionRef, path: list[RegionRef], vocab: _Vocab) -> str:
    if region.level == "province":
        return f"{region.name_en} Province" if not region.name_zh.endswith("市") else region.name_en
    if region.level == "prefecture":
        base = f"{region.name_en} City"
    elif region.level == "county":
        base = f"{region.name_en} {_suffix(region)[1]}"
    else:
        base = region.name_en
    if region.name_zh in vocab.ambiguous or rng.random() < 0.4:
        return f"{base}, {path[0].name_en}"
    return base


def _english(
    rng: random.Random,
    region: RegionRef,
    path: list[RegionRef],
    held: dict[str, Any],
    sectors: list[str],
    kind: tuple[str, str, str],
    people: list[dict[str, Any]],
    vocab: _Vocab,
) -> tuple[str, list[dict[str, Any]]]:
    where = _en_region(rng, region, path, vocab)
    meeting = kind[2].format(r=region.name_en)
    month = MONTHS_EN[held["month"] - 1]
    if held["no_date"]:
        when = rng.choice(["Recently", "A few days ago"])
    elif held["year"]:
        when = rng.choice(
            [f"On {month} {held['day']}, {held['year']}", f"On {held['day']} {month} {held['year']}"]
        )
    else:
        when = rng.choice([f"On {month} {held['day']}", f"On {held['day']} {month}"])
    title = rng.choice([f"{where} Holds {kind[2].format(r='').strip().title()}", f"{meeting.title()} Held"])
    held["title"] = title
    lines = [rng.choice(HEADERS_EN), title]
    if held["published"]:
        lines.append(f"Source: {path[0].name_en} Daily  Updated: {held['published']}")
    para = [f"{when}, {where} convened the {meeting} to arrange the current work safety tasks."]
    for p in people:
        who = f"{p['title_en']} {p['en']}"
        roles = p["roles"]
        if roles == ["presided"]:
            para.append(
                rng.choice([f"{who} presided over the meeting.", f"The meeting was chaired by {who}."])
            )
        elif roles == ["attended", "spoke"]:
            para.append(f"{who} attended the meeting and delivered a speech.")
        elif roles == ["reported"]:
            para.append(f"{who} briefed the meeting on the work safety situation.")
        elif roles == ["instructed"]:
            para.append(f"{who} gave instructions on work safety.")
        elif roles == ["spoke"]:
            para.append(f"{who} spoke at the meeting.")
        else:
            para.append(f"{who} attended the meeting.")
    lines.append(" ".join(para))
    speaker = next((p for p in people if "spoke" in p["roles"]), None)
    items = [(rng.choice(DIRECTIVE_EN).format(k=rng.choice(vocab.keywords[s][1])), [s]) for s in sectors]
    items.append((GENERAL_DIRECTIVE_EN, []))
    rng.shuffle(items)
    lead = f"{speaker['en']} stressed that " if speaker else "The meeting required that "
    lines.append(rng.choice(FILLER_EN))
    lines.append(lead + "; ".join(t for t, _ in items) + ".")
    directives = [{"text": t, "issuer": speaker["en"] if speaker else None, "sectors": s} for t, s in items]
    lines.append(rng.choice(FOOTERS_EN).format(r=region.name_en, editor=_person_en(rng)))
    return "\n".join(lines) + "\n", directives


def _person_en(rng: random.Random) -> str:
    from safetyhub.extraction.people import name_to_pinyin

    return name_to_pinyin(_person_name(rng))


@cache
def _s2t_converter():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("s2t")


def _s2t(text: str) -> str:
    return _s2t_converter().convert(text)


def _htmlify(rng: random.Random, text: str) -> str:
    from html import escape

    lines = text.splitlines()
    body = "\n".join(f"<p>{escape(line)}</p>" for line in lines[1:])
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{escape(lines[1] if len(lines) > 1 else '')}</title>"
        "<script>var _hmt = _hmt || [];</script><style>p{margin:0}</style></head>"
        f"<body><nav>{escape(lines[0])}</nav><article>{body}</article></body></html>\n"
    )


def generate_corpus(count: int, seed: int, out: Path, *, start: int = 0) -> Iterator[Path]:
    """Write reports start..count-1 and their ground truth (<name>.json) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for index in range(start, count):
        report = generate_report(index, seed)
        path = out / report.name
        path.write_text(report.text, encoding="utf-8")
        path.with_suffix(".json").write_text(
            json.dumps(report.truth, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        yield path
