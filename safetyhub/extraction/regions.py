"""The jurisdiction that held the meeting, resolved against the gazetteer.

Every place name in the body is a piece of evidence, weighted by where it stands: in the
headline, as the subject of "召开/held", in a title ("贵溪市委书记"), or in a cited accident or
an earlier meeting's instructions (weak). Ambiguous names (吉林 the province or the city; 朝阳区
in several cities) are settled by the other places mentioned and by the level the text itself
uses ("全省", "县委", "the municipal government"). Townships and development zones, which the
gazetteer lacks, are recognised by their suffixes and placed under their parent. When nothing
in the text names the holder, the answer is None: a guess is worse than a blank.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .reference import Reference, RegionRef
from .types import ExtractedRegion, Span

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_AUTONOMOUS = re.compile(r"自治(?:县|州|旗)$")
# The peoples named in autonomous prefectures, counties and banners, longest first; one-character
# names are stripped only with 族 ("大厂回族", never the 白 of a place's own name).
_PEOPLES_TEXT = """
蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 拉祜 水 东乡
纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克
俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各
"""
_PEOPLES = sorted(_PEOPLES_TEXT.split(), key=len, reverse=True)


def _strip_peoples(name: str) -> str:
    """黔西南布依族苗族自治州 -> 黔西南; 东乡族自治县 -> 东乡 (named after the people alone)."""
    rest = _AUTONOMOUS.sub("", name)
    people = ""
    while True:
        with_zu = rest.endswith("族")
        core = rest[:-1] if with_zu else rest
        found = next((p for p in _PEOPLES if core.endswith(p) and (with_zu or len(p) > 1)), "")
        if not found:
            break
        people, rest = found, core[: -len(found)]
    return rest if len(rest) >= 2 else people


_GENERIC_NAMES = frozenset(
    {
        "城区",
        "矿区",
        "郊区",
        "新区",
        "市辖区",
        "开发区",
        "高新区",
        "东区",
        "西区",
        "南区",
        "北区",
        "中区",
        "市中区",
    }
)
# After a short name (贵溪, 吉林), these show it is used as a place.
_ADMIN_AFTER = re.compile(
    r"(?:市|县|区|省|州|盟|旗|委|政府|党|人民|安委|应急|公安|消防|经开区|高新区|开发区|日报|两会|全域|籍|境内|地区|辖区|"
    r"召开|举行|组织召开|各级|各地|各部门)"
)
_TITLE_AFTER = re.compile(
    r"(?:市|县|区|省|州|盟|旗)?(?:委|政府|人民政府|人大|政协)?(?:常委|副)?(?:书记|市长|县长|区长|省长|州长|旗长|盟长|主任|主席|副书记)"
)
_TITLE_AFTER_EN = re.compile(
    r"^[\s\-]{0,3}(?:(?:Municipal|Provincial|County|District|City)\s)?(?:CPC\s|Party\s)?"
    r"(?:Committee|Party Committee|Government)?\s?(?:Secretary|Mayor|Governor|Director|Chairman)",
    re.I,
)
_MEETING_VERB = re.compile(
    r"召开|举行|举办|主持召开|组织召开|会议|会上|\b(?:held|convened|hosted|organized|organised|opened)\b",
    re.I,
)
_HOLDER_AFTER = re.compile(
    r"^[^，。,.;；]{0,40}?(?:召开|举行|举办|组织召开|\b(?:held|convened|hosted|organized|organised)\b)", re.I
)
# A place following the meeting at its own branch venue ("阳谷县在县分会场收听收看").
_BRANCH_AFTER = re.compile(
    r"^[^，。,.;；]{0,20}?(?:分会场|收听收看|组织收听)|^[^.;]{0,40}?\bbranch venue", re.I
)
_VENUE_BEFORE = re.compile(r"(?:在|到|赴|于|深入|来到|\b(?:at|to|in|visited)\s)$", re.I)
_INCIDENT_AFTER = re.compile(
    r"^.{0,12}?(?:事故|火灾|爆炸|滑坡|坍塌|泄漏|透水|\baccident|\bfire\b|\bexplosion)", re.I
)
_REFERENCED_BEFORE = re.compile(r"(?:传达|学习|贯彻|落实|批示|指示)[^。.]{0,20}$")

# Each level's Chinese words, and its English phrases (matched only in text with Latin
# letters): the two never overlap, so two plain scans count what one case-insensitive scan of
# both would, at half the cost.
_LEVEL_HINTS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    level: (re.compile(zh), re.compile(en, re.I))
    for level, zh, en in (
        (
            "province",
            r"全省|省委|省政府|省人民政府|省安委会|我省|本省",
            r"\bprovincial\b|\bthe (?:whole )?province\b",
        ),
        ("city", r"全市|市委|市政府|市人民政府|市安委会|我市|本市", r"\bmunicipal\b|\bthe (?:whole )?city\b"),
        ("county", r"全县|县委|县政府|县人民政府|县安委会|我县|本县|全旗|旗委|旗安委会", r"\bcounty\b"),
        ("district", r"全区|区委|区政府|区人民政府|区安委会|我区|本区", r"\bdistrict\b"),
        (
            "township",
            r"全镇|镇党委|镇政府|镇安委会|我镇|本镇|全乡|乡党委|乡政府|我乡|街道党工委",
            r"\btown(?:ship)?\b",
        ),
        (
            "zone",
            r"开发区|高新区|经开区|管委会|党工委|园区",
            r"\b(?:high-tech|development) zone\b|\bmanagement committee\b",
        ),
    )
}
_LATIN = re.compile(r"[A-Za-z]")
# The State Council, its safety committee or a ministry holding a national meeting.
_NATIONAL_HOLDER = re.compile(
    r"国务院安委会|国务院安全生产委员会|国务院安委办|国务院|应急管理部|国家矿山安全监察局|"
    r"全国安全生产[^。，,]{0,12}会议|"
    r"\bState Council(?:'s)?(?: Work Safety Committee| Safety Committee)?|"
    r"\bMinistry of Emergency Management\b|"
    r"\bnational (?:work safety|safety production)[^.,]{0,30}(?:conference|meeting)",
    re.I,
)
_NATIONAL = re.compile(
    r"国务院安委会(?:召开|办公室召开)|应急管理部召开|全国安全生产(?:电视电话)?会议|国务院召开|"
    r"\b(?:State Council|Ministry of Emergency Management)\b[^.]{0,60}\b(?:held|convened)\b|"
    r"\bnational (?:work )?safety (?:production )?(?:video |tele)?conference\b",
    re.I,
)

# The report's own jurisdiction held a meeting of its own ("我市立即召开续会", "我县召开…会议").
_LOCAL_HOLDER = re.compile(r"(?:我|本)(?:省|市|州|盟|县|区|旗)[^。；;]{0,15}(?:召开|举行)|续会", re.I)

NATIONAL_NAME_ZH = "中国"
NATIONAL_NAME_EN = "China"

_ZONE_KINDS = (
    "高新技术产业开发区",
    "经济技术开发区",
    "经济开发区",
    "工业园区",
    "产业园区",
    "开发区",
    "高新区",
    "经开区",
    "工业园",
)
_ZONE_RE = re.compile("|".join(_ZONE_KINDS))
_TOWNSHIP_RE = re.compile(r"镇(?![村街区])|乡(?![镇村])|街道(?!办事处)|街道办事处|苏木")
_PREFIX_STOP = frozenset(
    '在到赴于和与及的、，。,.；;：:“”"（）()对由向从将把被为是了各全该本我该此其等及 \n\t'
)
_PREFIX_BAD_START = frozenset("各全该本我城村乡镇集重小古名其等和及新老大")
_EN_SUFFIX = re.compile(
    r"[\s\-]{1,3}((?:[A-Z][a-z]{2,12}(?: and [A-Z][a-z]{2,12})? )?"
    r"Autonomous (?:Region|County|Prefecture|Banner)|"
    r"Province|Provincial|Autonomous Region|City|Municipal|"
    r"Municipality|Prefecture|County|District|"
    r"Banner|League|New Area|New District)\b",
    re.I,
)
# What each English suffix is in the gazetteer's Chinese names: "Pudong New Area" is 浦东新区,
# a district-level division, not a development zone to invent.
_EN_ZH_SUFFIXES = {
    "province": ("省",),
    "provincial": ("省", "自治区"),
    "autonomous region": ("自治区",),
    "city": ("市",),
    "municipal": ("市",),
    "municipality": ("市",),
    "prefecture": ("州", "地区", "盟"),
    "county": ("县",),
    "district": ("区",),
    "banner": ("旗",),
    "league": ("盟",),
    "new area": ("新区",),
    "new district": ("新区",),
    "autonomous county": ("自治县",),
    "autonomous prefecture": ("自治州",),
    "autonomous banner": ("自治旗",),
}
_EN_WORD = re.compile(r"[A-Za-z]{2,}(?:['’][a-z]{1,8})?")
_EN_ADMIN_WORD = r"(?:County|District|City|Province|Banner|Prefecture|Area|Zone|Municipal|Region|League)\b"
_EN_TOWNSHIP = re.compile(
    rf"\b(?!{_EN_ADMIN_WORD})([A-Z][a-z]{{1,10}}(?: ?(?!{_EN_ADMIN_WORD})[A-Z]?[a-z]{{1,10}})?) "
    r"(Town|Township|Subdistrict|Street)\b"
)
# "Yingfeng Town, Shiquan County" / "Shiquan County Yingfeng Town": the county places the town.
_EN_PARENT_AFTER = re.compile(r", ?|,? (?:of|in|under) (?:the )?")
# A zone's own name: up to three capitalised words, none of them a word of the zone kind.
_EN_ZONE_WORD = r"(?!(?:The|In|At|On|Of|And|Recently|Economic|Development|High|Industrial|New)\b)[A-Z][a-z'’]"
_EN_ZONE = re.compile(
    rf"\b((?:{_EN_ZONE_WORD}{{1,14}} ){{0,2}}{_EN_ZONE_WORD}{{2,14}}) "
    r"(High-[Tt]ech(?: Industrial Development)? Zone|High-[Tt]ech Industrial Park|"
    r"Economic(?: and Technological)? Development Zone|Development Zone|Industrial Park|"
    r"New Area|New District)\b"
)
# The Chinese kind of an English zone name, to name it as Chinese reports do (芜湖经济技术开发区).
_EN_ZONE_ZH = (
    ("high-tech industrial development zone", "高新技术产业开发区"),
    ("high-tech zone", "高新技术产业开发区"),
    ("high-tech industrial park", "高新技术产业园区"),
    ("economic and technological development zone", "经济技术开发区"),
    ("economic development zone", "经济开发区"),
    ("development zone", "开发区"),
    ("industrial park", "工业园区"),
    ("new area", "新区"),
    ("new district", "新区"),
)

# Gazetteer pinyin that is also an everyday English word: a place only with its suffix.
_EN_COMMON_WORDS = frozenset({"guide", "long", "dong", "ning", "heng", "sheng", "ping", "cheng"})

_EN_LEVEL = {
    "province": "province",
    "provincial": "province",
    "autonomous region": "province",
    "city": "city",
    "municipal": "city",
    "municipality": "city",
    "prefecture": "prefecture",
    "league": "prefecture",
    "county": "county",
    "district": "district",
    "banner": "county",
    "new area": "zone",
    "new district": "zone",
    "autonomous county": "county",
    "autonomous prefecture": "prefecture",
    "autonomous banner": "county",
}


# Conventional English names that differ from the gazetteer's pinyin (Ha'erbin -> Harbin).
EXONYMS = {
    "harbin": "哈尔滨市",
    "hohhot": "呼和浩特市",
    "urumqi": "乌鲁木齐市",
    "lhasa": "拉萨市",
    "tibet": "西藏自治区",
    "xizang": "西藏自治区",
    "inner mongolia": "内蒙古自治区",
    "qiqihar": "齐齐哈尔市",
    "ordos": "鄂尔多斯市",
    "hulunbuir": "呼伦贝尔市",
    "bayannur": "巴彦淖尔市",
    "xilingol": "锡林郭勒盟",
    "kashgar": "喀什地区",
    "xiamen": "厦门市",
    "macau": "澳门特别行政区",
    "macao": "澳门特别行政区",
    "hong kong": "香港特别行政区",
}


def _en_key(name: str) -> str:
    return name.lower().replace("'", "").replace("’", "")


@dataclass
class _Gazetteer:
    by_code: dict[str, RegionRef]
    zh_names: dict[str, list[tuple[str, bool]]]  # surface -> [(code, is_short)]
    zh_lengths: dict[str, tuple[int, ...]]  # first char -> candidate lengths, longest first
    zh_heads: frozenset[str]  # the first two characters of every name
    en_names: dict[str, list[str]]  # lowercase name_en -> codes
    en_heads: frozenset[str]  # the first word of every en_names key
    zones_en: dict[str, list[str]]  # a zone's lowercase name_en -> its codes, in gazetteer order
    zones_by_parent: dict[str, list[RegionRef]]
    with_counties: frozenset[str]  # prefectures that have county-level divisions under them


def _gazetteer(reference: Reference) -> _Gazetteer:
    cached = reference.__dict__.get("_region_gazetteer")
    if cached is None:
        cached = reference.__dict__["_region_gazetteer"] = _build(reference)
    return cached


def short_names(region: RegionRef) -> list[str]:
    """Short forms a report may use for a region: 贵溪市 -> 贵溪, 广西壮族自治区 -> 广西."""
    name = region.name_zh
    out: list[str] = []
    if region.level == "zone":
        for long, short in (
            ("高新技术产业开发区", "高新区"),
            ("经济技术开发区", "经开区"),
            ("经济开发区", "经开区"),
        ):
            if name.endswith(long):
                out.append(name[: -len(long)] + short)
        return out
    stem = _strip_peoples(name) if _AUTONOMOUS.search(name) else name
    if stem == name:
        for suffix in ("特别行政区", "自治区", "地区", "省", "市", "县", "区", "盟", "旗", "州"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                stem = name[: -len(suffix)]
                break
    if stem != name and len(stem) >= 2:
        for ethnic in ("壮族", "回族", "维吾尔"):
            stem = stem.removesuffix(ethnic)
        out.append(stem)
    return out


def _build(reference: Reference) -> _Gazetteer:
    zh: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    en: dict[str, list[str]] = defaultdict(list)
    zones: dict[str, list[RegionRef]] = defaultdict(list)
    # 河南蒙古族自治县 is not what a report means by "河南": a province's short name stays the province's.
    provinces = {s for r in reference.regions.values() if r.level == "province" for s in short_names(r)}
    for code, region in reference.regions.items():
        full_is_short = len(region.name_zh) <= 2 or region.name_zh in _GENERIC_NAMES
        zh[region.name_zh].append((code, full_is_short))
        for short in short_names(region):
            if short not in _GENERIC_NAMES and (region.level == "province" or short not in provinces):
                zh[short].append((code, True))
        if region.name_en:
            en[_en_key(region.name_en)].append(code)
        if region.level == "zone" and region.parent_code:
            zones[region.parent_code].append(region)
    for former, code in reference.former_names.items():
        if code in reference.regions and former not in zh:
            zh[former].append((code, True))  # weighed like a short name: it may be ambiguous
    for exonym, name_zh in EXONYMS.items():
        for code, region in reference.regions.items():
            if region.name_zh == name_zh and code not in en[exonym]:
                en[exonym].append(code)
    lengths: dict[str, set[int]] = defaultdict(set)
    for name in zh:
        lengths[name[0]].add(len(name))
    return _Gazetteer(
        by_code=dict(reference.regions),
        zh_names=dict(zh),
        zh_lengths={c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()},
        zh_heads=frozenset(name[:2] for name in zh),
        en_names=dict(en),
        en_heads=frozenset(name.split(" ", 1)[0] for name in en),
        zones_en=_zones_en(reference),
        zones_by_parent=dict(zones),
        with_counties=frozenset(
            r.parent_code for r in reference.regions.values() if r.level == "county" and r.parent_code
        ),
    )


def _zones_en(reference: Reference) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for code, region in reference.regions.items():
        if region.level == "zone":
            out[region.name_en.lower()].append(code)
    return dict(out)


@dataclass
class _Candidate:
    key: str  # a gazetteer code, or "new:<level>:<name>" for a township/zone not in the gazetteer
    name_zh: str
    name_en: str
    level: str
    parent_code: str | None
    in_gazetteer: bool
    code: str | None
    score: float = 0.0
    first_span: Span | None = None
    holder: bool = False


@dataclass
class _Mention:
    codes: list[str]
    span: Span
    short: bool
    weight: float = 1.0
    level: str | None = None  # level stated next to the name ("Jilin Province")
    synthetic: _Candidate | None = None
    holder: bool = False
    scale: float = 1.0
    qualifies: bool = False  # names the parent of the place next to it, not a place of its own


@dataclass
class RegionResult:
    region: ExtractedRegion | None
    attention: list[str] = field(default_factory=list)


def _ancestors(g: _Gazetteer, code: str | None) -> list[str]:
    out = []
    seen = set()
    while code and code in g.by_code and code not in seen:
        seen.add(code)
        code = g.by_code[code].parent_code
        if code:
            out.append(code)
    return out


def _path(g: _Gazetteer, code: str | None) -> list[str]:
    chain = [g.by_code[c].name_zh for c in reversed(_ancestors(g, code)) if c in g.by_code]
    if code and code in g.by_code:
        chain.append(g.by_code[code].name_zh)
    return chain


def _level_key(region_level: str, name_zh: str) -> str:
    """Map a gazetteer region to the level words a text uses for it (市 covers county-level cities)."""
    if region_level == "province":
        return "province"
    if region_level == "zone":
        return "zone"
    if region_level == "township":
        return "township"
    if name_zh.endswith("区"):
        return "district"
    if name_zh.endswith(("县", "旗")):
        return "county"
    return "city"


def resolve_region(
    body: str,
    folded: str,
    *,
    sentences: list[Span],
    headline: Span | None,
    outlet: str,
    reference: Reference,
    issuer: str = "",
) -> RegionResult:
    """Find the region that held the meeting reported in `body`.

    `outlet` and `issuer` (the site owner named in the cut footer) are page metadata: evidence of
    where places lie and of an unplaced township's or zone's parent, never the holder's name."""
    g = _gazetteer(reference)
    sentence_of = _sentence_index(sentences)
    synthetic = _synthetic_mentions(g, folded, body)
    covered = [m.span for m in synthetic if m.synthetic is not None]
    gazetteer_mentions = [
        m for m in _zh_mentions(g, folded) + _en_mentions(g, body) if not _inside(m.span, covered)
    ]
    _constrain_by_qualifier(g, gazetteer_mentions, folded)
    mentions = gazetteer_mentions + synthetic + _national_mentions(folded)
    lead = sentences[:3]
    lead_end = lead[-1][1] if lead else 0
    hints = _level_hints(folded, sentences, headline, lead_end)

    first_holder = True
    starts = {m.span[0] for m in mentions}
    for m in sorted(mentions, key=lambda m: m.span):
        s, e = m.span
        # "长春市朝阳区": a place right before another only qualifies it.
        qualifier = e in starts or (e + 1 in starts and folded[e : e + 1] in " ·") or m.qualifies
        sent = sentence_of(s)
        sentence = folded[sent[0] : sent[1]] if sent else ""
        before = folded[max(0, s - 12) : s]
        after = folded[e : e + 40]
        w = (0.7 if m.short else 1.0) * m.scale
        if headline and headline[0] <= s < headline[1]:
            w *= 2.5
        elif s < lead_end:
            w *= 1.5
        if _MEETING_VERB.search(sentence):
            w *= 1.3
        if qualifier:
            w *= 0.5
        elif _BRANCH_AFTER.search(after):
            m.holder = True
            w *= 2.0
        elif _HOLDER_AFTER.search(after) and not _VENUE_BEFORE.search(before):
            m.holder = True
            w *= 2.0
            if first_holder:  # a report of several meetings is the record of the first one
                w *= 1.5
                first_holder = False
        if _TITLE_AFTER.match(after) or _TITLE_AFTER_EN.match(after):
            w *= 0.6
        if _INCIDENT_AFTER.search(after):
            w *= 0.15
        elif _REFERENCED_BEFORE.search(folded[max(0, s - 25) : s]):
            w *= 0.4
        m.weight = w

    # The outlet ("Jiangmen Daily", "石泉县人民政府") is evidence for where places are, never the holder.
    meta = "\n".join(t for t in (outlet, issuer) if t)
    outlet_codes = list(
        dict.fromkeys(c for m in _zh_mentions(g, meta) + _en_mentions(g, meta) for c in m.codes)
    )
    parent_codes = list(dict.fromkeys(outlet_codes + _meta_codes(g, meta)))
    candidates = _score(g, mentions, hints, outlet_codes)
    if not candidates:
        return _fallback(g, folded, outlet_codes, hints)
    best = max(candidates.values(), key=lambda c: (c.score, c.holder, -_depth(c)))
    total = sum(c.score for c in candidates.values())
    confidence = best.score / total if total else 0.0
    attention: list[str] = []
    if best.score < 0.6:
        return RegionResult(None, ["no region: place names only in passing"])
    if best.level == "national" and _LOCAL_HOLDER.search(folded[:3000]):
        # A local follow-up of a national meeting is held by the report's own jurisdiction.
        local = _outlet_holder(g, outlet_codes, hints)
        if local is not None:
            return local
    # A place named only later in the text, never as the holder, at another level than the one
    # the text speaks at ("我县…学习长沙市经验") is not the holder.
    top_level = max(hints, key=lambda k: hints[k]) if hints and max(hints.values()) > 0 else None
    if (
        not best.holder
        and best.first_span is not None
        and best.first_span[0] >= lead_end
        and not (headline and headline[0] <= best.first_span[0] < headline[1])
        and top_level is not None
        and best.level not in ("zone", "township", "national")
        and _level_key(best.level, best.name_zh) != top_level
    ):
        return RegionResult(None, ["no region: places named only in passing"])
    if confidence < 0.45:
        attention.append("low-confidence region")
    lead_text = (folded[headline[0] : headline[1]] if headline else "") + "\n" + folded[:lead_end]
    region = _to_region(g, best, confidence, candidates, parent_codes)
    if not best.holder and best.code:
        region = _venue_to_holder(g, region, lead_text) or region
    return RegionResult(region, attention)


_WHOLE_PROVINCE = re.compile(
    r"全省|全区(?=[^，。]{0,12}(?:安全生产|会议))|\bthe whole province\b|\b(?:a|the) provincial\b", re.I
)
_WHOLE_CITY = re.compile(r"全市|\b(?:a|the) (?:municipal|city-wide|citywide)\b|\bthe whole city\b", re.I)


def _venue_to_holder(g: _Gazetteer, region: ExtractedRegion, lead_text: str) -> ExtractedRegion | None:
    """ "全省安全生产现场会在宜宾市召开": a place named only as the venue of a province-wide (or
    city-wide) meeting is not its holder; the province (city) above it is."""
    if not region.code:
        return None
    target = None
    if _WHOLE_PROVINCE.search(lead_text) and region.level != "province":
        target = "province"
    elif _WHOLE_CITY.search(lead_text) and region.level == "county" and not region.name_zh.endswith("市"):
        target = "prefecture"
    if target is None:
        return None
    for code in _ancestors(g, region.code):
        r = g.by_code[code]
        if r.level == target:
            return ExtractedRegion(
                code=code,
                name_zh=r.name_zh,
                name_en=r.name_en,
                level=r.level,
                path_zh=_path(g, code),
                confidence=round(region.confidence * 0.8, 2),
                span=region.span,
            )
    return None


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _depth(c: _Candidate) -> int:
    return {"province": 0, "prefecture": 1, "county": 2, "zone": 3, "township": 3}.get(c.level, 2)


def _sentence_index(sentences: list[Span]):  # type: ignore[no-untyped-def]
    import bisect

    starts = [s for s, _ in sentences]

    def find(pos: int) -> Span | None:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
            return sentences[i]
        return None

    return find


def _level_hints(
    folded: str, sentences: list[Span], headline: Span | None, lead_end: int
) -> dict[str, float]:
    hints: dict[str, float] = defaultdict(float)
    focus = []
    if headline:
        focus.append(folded[headline[0] : headline[1]])
    focus.append(folded[:lead_end])
    focus_text = "\n".join(focus)
    for weight, text in ((3, focus_text[:2000]), (1, folded[:20000])):
        latin = _LATIN.search(text) is not None
        for level, (zh, en) in _LEVEL_HINTS.items():
            hints[level] += weight * (len(zh.findall(text)) + (len(en.findall(text)) if latin else 0))
    return hints


def _zh_mentions(g: _Gazetteer, folded: str) -> list[_Mention]:
    out: list[_Mention] = []
    names = g.zh_names
    lengths = g.zh_lengths
    heads = g.zh_heads
    for run in _HAN.finditer(folded):
        start, end = run.span()
        i = start
        while i < end:
            if folded[i : i + 2] not in heads:  # every name has two characters or more
                i += 1
                continue
            found = None
            for n in lengths.get(folded[i], ()):
                if i + n <= end and folded[i : i + n] in names:
                    found = folded[i : i + n]
                    break
            if found is None:
                i += 1
                continue
            entries = names[found]
            j = i + len(found)
            short = all(is_short for _, is_short in entries)
            if (
                short
                and not _short_ok(folded, i, j, found)
                and not _parent_of_next(g, folded, j, end, entries)
            ):
                i += 1
                continue
            if (len(found) == 2 or found in _GENERIC_NAMES) and _glued_tail(
                names, folded, start, i, generic=found in _GENERIC_NAMES
            ):
                # "渝北区" is not 北区: a one-character name glued to an unknown head is the tail
                # of a longer name the gazetteer lacks, not a place of its own.
                i += 1
                continue
            codes = [c for c, _ in entries]
            level = None
            # "恩施州" is the autonomous prefecture, not 恩施市.
            if short and folded[j : j + 1] == "州" and any(_is_zhou(g, c) for c in codes):
                level = "prefecture"
            out.append(_Mention(codes=codes, span=(i, j), short=short, level=level))
            i = j
    return out


# Characters that may stand right before a place name without being part of it.
_NAME_BOUNDARY = frozenset(
    "省市县区州盟旗镇乡村在于和与及对到赴由从是为全的了等至向同进驻暨即原今该本我各并以将来往入抵达访括含"
)
# One-character province abbreviations, which open many district names (渝北区, 津南区, 京口区).
_PROVINCE_ABBREVIATIONS = frozenset(
    "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新港澳台蒙"
)


# What may stand between a qualifying place and the place it qualifies: "临夏州东乡县", "北京 朝阳区".
_QUALIFIER_GAP = frozenset("省市州盟地区 ·")
_ADMIN_ENDINGS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", *"省市州盟县区旗")


def _constrain_by_qualifier(g: _Gazetteer, mentions: list[_Mention], folded: str) -> None:
    """ "甘肃省东乡县": a province or city named right before a place limits its readings to
    the places under it, even when the name as written fits only a place elsewhere (东乡县 is
    Jiangxi's former name; Gansu's is 东乡族自治县). The qualifier keeps only the readings
    that contain the place ("临夏" the prefecture, not 临夏市)."""
    ordered = sorted((m for m in mentions if m.codes), key=lambda m: m.span)
    for q, m in itertools.pairwise(ordered):
        gap = folded[q.span[1] : m.span[0]]
        if len(gap) > 1 or any(ch not in _QUALIFIER_GAP for ch in gap):
            continue
        scope = set(q.codes)
        under = [c for c in m.codes if scope & set(_ancestors(g, c))]
        if not under:
            stems = _stem_readings(g, folded[m.span[0] : m.span[1]])
            under = [c for c in stems if scope & set(_ancestors(g, c))]
        if not under:
            continue  # nothing of that name there: two places side by side, leave both
        m.codes = under
        q.codes = [c for c in q.codes if any(c in _ancestors(g, u) for u in under)]
        q.qualifies = True


def _stem_readings(g: _Gazetteer, surface: str) -> list[str]:
    """Every place the name's stem may stand for: 东乡县 -> 东乡 -> 东乡区 and 东乡族自治县."""
    for ending in _ADMIN_ENDINGS:
        if surface.endswith(ending) and len(surface) - len(ending) >= 2:
            return [c for c, _short in g.zh_names.get(surface[: -len(ending)], [])]
    return []


def _glued_tail(
    names: dict[str, list[tuple[str, bool]]], folded: str, run_start: int, i: int, *, generic: bool
) -> bool:
    if i == run_start or folded[i - 1] in _NAME_BOUNDARY:
        return False
    # A real two-character county (沛县, 滑县) stands after ordinary words ("包括沛县"); only a
    # province abbreviation glued before it marks an unknown longer name. Generic names (北区,
    # 城区) are suspect after any character.
    if not generic and folded[i - 1] not in _PROVINCE_ABBREVIATIONS:
        return False
    # "江苏沛县", "徐州铜山区": a known place right before is a qualifier, not a glued head.
    return not any(folded[i - n : i] in names for n in range(2, 7) if i - n >= run_start)


def _is_zhou(g: _Gazetteer, code: str) -> bool:
    return g.by_code[code].level == "prefecture" and g.by_code[code].name_zh.endswith("州")


def _parent_of_next(g: _Gazetteer, folded: str, j: int, end: int, entries: list[tuple[str, bool]]) -> bool:
    """ "甘肃东乡召开", "徐州铜山区": a province's or city's short name right before another place
    name is that place's parent, a place too."""
    if not any(g.by_code[c].level in ("province", "prefecture") for c, _short in entries):
        return False
    for n in g.zh_lengths.get(folded[j : j + 1], ()):
        if j + n <= end and (nxt := g.zh_names.get(folded[j : j + n])):
            return not all(short for _c, short in nxt) or _short_ok(folded, j, j + n, folded[j : j + n])
    return False


def _short_ok(folded: str, s: int, e: int, name: str) -> bool:
    # A short name counts when used as a place: an administrative word follows, or it is long.
    # "…镇安委会" is a township's 安委会, not 镇安 county.
    if folded.startswith("委会", e) and name.endswith("安"):
        return False
    if _ADMIN_AFTER.match(folded, e):
        return True
    return len(name) >= 3 and name not in _GENERIC_NAMES


def _en_mentions(g: _Gazetteer, body: str) -> list[_Mention]:
    out: list[_Mention] = []
    if not re.search(r"[A-Za-z]{3}", body):
        return out
    words = [(w.group(), w.start(), w.end()) for w in _EN_WORD.finditer(body)]
    skip_until = -1
    for i, (word, start, end) in enumerate(words):
        if start < skip_until:
            continue
        key, span, codes = _en_key(word), (start, end), None
        if key not in g.en_heads:  # no name, of one word or two, starts with this word
            continue
        if i + 1 < len(words) and words[i + 1][1] - end == 1:  # two-word names: "Inner Mongolia"
            two = f"{key} {_en_key(words[i + 1][0])}"
            if two in g.en_names:
                key, span, codes = two, (start, words[i + 1][2]), g.en_names[two]
        if codes is None:
            codes = g.en_names.get(key)
        if not codes or len(key) < 4:
            continue
        if key in _EN_COMMON_WORDS and not _EN_SUFFIX.match(body, span[1]):
            continue
        suffix = _EN_SUFFIX.match(body, span[1])
        level = None
        if suffix:
            kind = _en_suffix_kind(suffix.group(1))
            fitting = [c for c in codes if g.by_code[c].name_zh.endswith(_EN_ZH_SUFFIXES[kind])]
            if fitting:
                codes = fitting  # the suffix names the division; its level follows from it
            elif kind in ("new area", "new district"):
                continue  # no such division: a development "New Area" (a zone, found below)
            else:
                level = _EN_LEVEL.get(kind)
        capital = body[span[0]].isupper()
        prev = body[max(0, span[0] - 12) : span[0]]
        # A capitalised word right after a surname-like word is a person's given name ("Zhang Jiangxia").
        person_like = bool(re.search(r"\b[A-Z][a-z]{1,5} $", prev)) and not suffix
        if person_like or (not suffix and not capital and len(key) < 6):
            continue
        end_at = suffix.end() if suffix else span[1]
        skip_until = end_at
        out.append(_Mention(codes=list(codes), span=(span[0], end_at), short=not suffix, level=level))
    divisions = [m.span for m in out if m.codes]
    synthetic: list[_Mention] = []
    for m in _EN_ZONE.finditer(body):
        if any(m.start() <= s and e == m.end() and e - s > len(m.group(2)) + 4 for s, e in divisions):
            continue  # "(Shanghai) Pudong New Area": a gazetteer division read above
        words = m.group(1).split(" ")
        phrases = {m.group().lower(), f"{words[-1]} {m.group(2)}".lower()}
        known = [c for phrase in phrases for c in g.zones_en.get(phrase, ())]
        if len(known) > 1:  # both phrases named zones: in gazetteer order, as a scan would list them
            order = list(g.by_code)
            known = sorted(set(known), key=order.index)
        if known:
            synthetic.append(_Mention(codes=known, span=m.span(), short=False))
            continue
        parents = g.en_names.get(_en_key(m.group(1)), [])
        own_name = m.group()
        if not parents and len(words) > 1:  # "Huizhou Daya Bay New Area": city, then the zone's name
            parents = g.en_names.get(_en_key(words[0]), [])
            if parents:
                own_name = m.group()[len(words[0]) + 1 :]
        parent = _prefer_city(g, parents)
        # Named in Chinese only when the parent is certain ("Suzhou" is two cities) and the
        # zone is named after it.
        same_level = [c for c in parents if parent and g.by_code[c].level == g.by_code[parent].level]
        named_after = own_name == m.group()
        name_zh = _zone_name_zh(g, parent, m.group(2)) if len(same_level) == 1 and named_after else ""
        known_zone = _known_zone(g, parent, name_zh) if name_zh else None
        if known_zone:
            synthetic.append(_Mention(codes=[known_zone.code], span=m.span(), short=False))
            continue
        cand = _Candidate(
            key=f"new:zone:{name_zh or own_name.lower()}",
            name_zh=name_zh,
            name_en=own_name,
            level="zone",
            parent_code=parent,
            in_gazetteer=False,
            code=None,
        )
        synthetic.append(_Mention(codes=[], span=m.span(), short=False, synthetic=cand))
    for m in _EN_TOWNSHIP.finditer(body):
        name = m.group(1)
        if name.lower() in ("the", "each", "all", "various", "every"):
            continue
        cand = _Candidate(
            key=f"new:township:{name.replace(' ', '').lower()}",
            name_zh="",
            name_en=name.replace(" ", "").capitalize() if " " in name else name,
            level="township",
            parent_code=None,
            in_gazetteer=False,
            code=None,
        )
        synthetic.append(_Mention(codes=[], span=m.span(), short=False, synthetic=cand))
    # The name inside "Xinfeng Town" or "Wuhu Development Zone" is not, by itself, a mention of
    # the same-named county: the zone carries its parent, the town finds one elsewhere.
    inside = [m.span for m in synthetic]
    out = [m for m in out if not any(s <= m.span[0] and m.span[1] <= e for s, e in inside)]
    by_start = {m.span[0]: m for m in out if m.codes and not m.short}
    by_end = {m.span[1]: m for m in out if m.codes and not m.short}
    for m in synthetic:
        if m.synthetic is None:
            continue
        after = _EN_PARENT_AFTER.match(body, m.span[1])
        parent_mention = (by_start.get(after.end()) if after else None) or by_end.get(m.span[0] - 1)
        if parent_mention is None:
            continue
        parent_mention.qualifies = True
        if m.synthetic.parent_code is None:
            levels = ("county", "prefecture") if m.synthetic.level == "township" else ("prefecture", "county")
            m.synthetic.parent_code = next(
                (c for lv in levels for c in parent_mention.codes if g.by_code[c].level == lv), None
            )
    return out + synthetic


def _en_suffix_kind(suffix: str) -> str:
    kind = suffix.lower()
    if kind.startswith(("autonomous", "new")) or " autonomous " not in f" {kind}":
        return kind
    return "autonomous " + kind.rsplit(" ", 1)[1]  # "Korean Autonomous Prefecture"


def _zone_name_zh(g: _Gazetteer, parent: str | None, kind_en: str) -> str:
    """芜湖 + 经济技术开发区: the Chinese name an English zone name translates."""
    if not parent:
        return ""
    kind = kind_en.lower()
    zh = next((z for en, z in _EN_ZONE_ZH if kind == en), "")
    if not zh:
        return ""
    shorts = short_names(g.by_code[parent])
    return (shorts[0] if shorts else g.by_code[parent].name_zh) + zh


def _national_mentions(folded: str) -> list[_Mention]:
    out = []
    for m in _NATIONAL_HOLDER.finditer(folded[:5000]):
        cand = _Candidate(
            key="national",
            name_zh=NATIONAL_NAME_ZH,
            name_en=NATIONAL_NAME_EN,
            level="national",
            parent_code=None,
            in_gazetteer=False,
            code=None,
        )
        # Half weight: a local report of a national meeting's branch venue may name its own place.
        out.append(_Mention(codes=[], span=m.span(), short=True, synthetic=cand, scale=0.5))
    return out


def _prefer_city(g: _Gazetteer, codes: list[str]) -> str | None:
    """The city among same-named places ("Jilin": the province and the city) as a zone's parent."""
    for level in ("prefecture", "county", "province"):
        for c in codes:
            if g.by_code[c].level == level:
                return c
    return None


def _synthetic_mentions(g: _Gazetteer, folded: str, body: str) -> list[_Mention]:
    """Townships and development zones, named by a prefix and a suffix (迎丰镇, 盘北经济开发区)."""
    out: list[_Mention] = []
    for pattern, level in ((_ZONE_RE, "zone"), (_TOWNSHIP_RE, "township")):
        for m in pattern.finditer(folded):
            s = m.start()
            prefix_start, parent = _prefix(g, folded, s)
            prefix = folded[prefix_start:s]
            if level == "zone" and not prefix:
                continue  # a bare 开发区 only hints the level
            if level == "township" and (len(prefix) < 2 or prefix[0] in _PREFIX_BAD_START):
                continue
            if level == "township" and _county_not_township(g, folded, prefix_start, s):
                continue
            kind = m.group()
            name = prefix + kind
            parent_code = parent
            if level == "zone" and prefix in g.zh_names and not parent:
                entries = [c for c, _ in g.zh_names[prefix]]
                parent_code = _prefer_city(g, entries)
            known = _known_zone(g, parent_code, name)
            if known:
                out.append(_Mention(codes=[known.code], span=(prefix_start, m.end()), short=False))
                continue
            cand = _Candidate(
                key=f"new:{level}:{name}",
                name_zh=name,
                name_en="",
                level=level,
                parent_code=parent_code,
                in_gazetteer=False,
                code=None,
            )
            out.append(_Mention(codes=[], span=(prefix_start, m.end()), short=False, synthetic=cand))
    return out


def _county_not_township(g: _Gazetteer, folded: str, start: int, s: int) -> bool:
    """The 乡/镇 at `s` is inside a gazetteer name, not a township's suffix: "东乡县", "乡宁县",
    "临夏州东乡族自治县", or "甘肃东乡" (a place, then a county's short name ending there)."""
    names = g.zh_names
    for k in range(start, s + 1):
        for n in g.zh_lengths.get(folded[k], ()):
            if k + n > s + 1 and folded[k : k + n] in names:
                return True
            if k > start and k + n == s + 1 and folded[k : k + n] in names and folded[start:k] in names:
                return True
    return False


def _known_zone(g: _Gazetteer, parent_code: str | None, name: str) -> RegionRef | None:
    if not parent_code:
        return None
    for zone in g.zones_by_parent.get(parent_code, []):
        if zone.name_zh == name or name in short_names(zone):
            return zone
    return None


def _prefix(g: _Gazetteer, folded: str, end: int) -> tuple[int, str | None]:
    """Walk back from a suffix to the start of the place's own name; a gazetteer name just
    before it is its parent (石泉县迎丰镇)."""
    i = end
    while i > 0 and end - i < 4:
        ch = folded[i - 1]
        if ch in _PREFIX_STOP or not ("\u4e00" <= ch <= "\u9fff"):
            break
        # A full gazetteer name ending here is the parent, not part of the name.
        for n in (4, 3, 2):
            if i - n >= 0 and i < end:
                cand = folded[i - n : i]
                entries = g.zh_names.get(cand)
                if entries and any(not short for _, short in entries):
                    return i, next(c for c, short in entries if not short)
        i -= 1
    if end - i >= 4 and i > 0 and folded[i - 1] not in _PREFIX_STOP:
        return end - 2, None  # ran into a longer phrase: township names are mostly two characters
    # The prefix may itself be "<gazetteer short name><name>" (贵溪经开区 handled by the caller).
    return i, None


def _score(
    g: _Gazetteer, mentions: list[_Mention], hints: dict[str, float], outlet_codes: list[str]
) -> dict[str, _Candidate]:
    mentioned = {c for m in mentions for c in m.codes} | set(outlet_codes)
    for m in mentions:
        if m.synthetic and m.synthetic.parent_code:
            mentioned.add(m.synthetic.parent_code)
    top_hint = max(hints.values()) if hints else 0.0
    candidates: dict[str, _Candidate] = {}

    def candidate_for(code: str) -> _Candidate:
        if code not in candidates:
            r = g.by_code[code]
            candidates[code] = _Candidate(
                key=code,
                name_zh=r.name_zh,
                name_en=r.name_en,
                level=r.level,
                parent_code=r.parent_code,
                in_gazetteer=r.in_gazetteer,
                code=code,
            )
        return candidates[code]

    def level_factor(level: str, name_zh: str) -> float:
        if not top_hint:
            return 1.0
        h = hints.get(_level_key(level, name_zh), 0.0)
        return 1.0 + 1.0 * h / top_hint

    for m in mentions:
        if m.synthetic is not None:
            c = candidates.setdefault(m.synthetic.key, m.synthetic)
            c.score += m.weight * level_factor(c.level, c.name_zh)
            c.holder = c.holder or m.holder
            c.first_span = c.first_span or m.span
            continue
        readings = m.codes
        if len(readings) > 1:
            readings = _disambiguate(g, readings, mentioned, m.level, hints)
        for code in readings:
            c = candidate_for(code)
            c.score += m.weight * level_factor(c.level, c.name_zh) / len(readings)
            c.holder = c.holder or m.holder
            c.first_span = c.first_span or m.span
    # A named parent of a synthetic place, or an ancestor mentioned, supports the specific place.
    for c in list(candidates.values()):
        for anc in _ancestors(g, c.code) if c.code else ([c.parent_code] if c.parent_code else []):
            if anc in candidates:
                c.score += 0.1 * candidates[anc].score
    return candidates


def _disambiguate(
    g: _Gazetteer, codes: list[str], mentioned: set[str], level: str | None, hints: dict[str, float]
) -> list[str]:
    if level:
        same = [c for c in codes if _level_key(g.by_code[c].level, g.by_code[c].name_zh) == level]
        if level == "prefecture":
            same = [c for c in codes if g.by_code[c].level == "prefecture"]
        if same:
            codes = same
    if len(codes) == 1:
        return codes

    def support(code: str) -> int:
        family = set(_ancestors(g, code))
        n = sum(1 for other in mentioned if other in family)
        n += sum(1 for other in mentioned if code in _ancestors(g, other))
        return n

    best = max(support(c) for c in codes)
    codes = [c for c in codes if support(c) == best]
    if len(codes) > 1 and hints:
        scored = [(hints.get(_level_key(g.by_code[c].level, g.by_code[c].name_zh), 0.0), c) for c in codes]
        top = max(s for s, _ in scored)
        codes = [c for s, c in scored if s == top]
    return codes


def _fallback(g: _Gazetteer, folded: str, outlet_codes: list[str], hints: dict[str, float]) -> RegionResult:
    local = _outlet_holder(g, outlet_codes, hints) if _LOCAL_HOLDER.search(folded[:3000]) else None
    if local is not None:
        return local
    if _NATIONAL.search(folded[:3000]):
        region = ExtractedRegion(
            code=None,
            name_zh=NATIONAL_NAME_ZH,
            name_en=NATIONAL_NAME_EN,
            level="national",
            path_zh=[],
            in_gazetteer=False,
        )
        return RegionResult(region, [])
    return _outlet_holder(g, outlet_codes, hints) or RegionResult(None, ["no region named in the text"])


def _outlet_holder(g: _Gazetteer, outlet_codes: list[str], hints: dict[str, float]) -> RegionResult | None:
    """The outlet's place when the text names none of its own, or None.

    A local outlet (a county's media centre, a city's daily) whose level is the level the text
    speaks at ("我县", "县委") is the holder; for an unnamed zone or township it is the parent
    (the most the text supports)."""
    top = max(hints, key=lambda k: hints[k]) if hints and max(hints.values()) > 0 else None
    for code in outlet_codes:
        r = g.by_code[code]
        if r.level not in ("prefecture", "county"):
            continue
        if top in ("zone", "township") or top == _level_key(r.level, r.name_zh):
            region = ExtractedRegion(
                code=code,
                name_zh=r.name_zh,
                name_en=r.name_en,
                level=r.level,
                path_zh=_path(g, code),
                confidence=0.3,
            )
            return RegionResult(region, ["low-confidence region: from the outlet, the text names no place"])
    return None


def _to_region(
    g: _Gazetteer,
    best: _Candidate,
    confidence: float,
    candidates: dict[str, _Candidate],
    outlet_codes: list[str],
) -> ExtractedRegion:
    if best.in_gazetteer and best.code:
        return ExtractedRegion(
            code=best.code,
            name_zh=best.name_zh,
            name_en=best.name_en,
            level=best.level,
            path_zh=_path(g, best.code),
            confidence=round(confidence, 2),
            span=best.first_span,
        )
    if best.level == "national":
        return ExtractedRegion(
            code=None,
            name_zh=best.name_zh,
            name_en=best.name_en,
            level="national",
            path_zh=[],
            in_gazetteer=False,
            confidence=round(confidence, 2),
            span=best.first_span,
        )
    parent = best.parent_code
    if parent is None:
        # The most specific gazetteer place the text names, if any, is the parent.
        gaz = [c for c in candidates.values() if c.in_gazetteer and c.code and c.score > 0.3]
        counties = [c for c in gaz if c.level == "county"]
        gaz = counties if best.level == "township" and counties else [c for c in gaz if c.level != "province"]
        if gaz:
            parent = max(gaz, key=lambda c: c.score).code
        else:  # the page's own place ("来源:石泉县人民政府", "版权所有:XX县人民政府") above it
            parent = next((c for c in outlet_codes if _can_parent(g, c, best.level)), None)
            if parent is None:  # "来源:惠州日报": the city, if not the county, still places it
                parent = next((c for c in outlet_codes if g.by_code[c].level == "prefecture"), None)
    if best.code and best.code in g.by_code:  # a known zone (fixtures/zones.csv)
        path = _path(g, best.code)
    else:
        path = [*_path(g, parent), best.name_zh or best.name_en]
    return ExtractedRegion(
        code=best.code,
        name_zh=best.name_zh or best.name_en,
        name_en=best.name_en or _pinyin_name(best.name_zh),
        level=best.level,
        path_zh=path,
        in_gazetteer=False,
        parent_code=parent,
        confidence=round(confidence, 2),
        span=best.first_span,
    )


# National media whose names begin like a place (新华网 is not 新华区, 东方网 not 东方市).
_NATIONAL_MEDIA = re.compile(r"^(?:新华|人民|光明|中国|央视|中新|东方|环球|澎湃|凤凰|南方|中青|北青)")


def _meta_codes(g: _Gazetteer, meta: str) -> list[str]:
    """Places in page metadata read leniently: an outlet ("东莞时间网") names its place by the
    short name alone, with no administrative word after it."""
    out: list[str] = []
    for run in _HAN.finditer(meta):
        text = run.group()
        if _NATIONAL_MEDIA.match(text):
            continue
        for i in range(len(text) - 1):
            for n in g.zh_lengths.get(text[i], ()):
                entries = g.zh_names.get(text[i : i + n])
                if entries:
                    out.extend(c for c, _ in entries if c not in out)
                    break
    return out


def _can_parent(g: _Gazetteer, code: str, level: str) -> bool:
    """A township lies under a county, or under a prefecture with no counties (东莞市, 中山市)."""
    r = g.by_code.get(code)
    if r is None:
        return False
    if level == "township":
        return r.level == "county" or (r.level == "prefecture" and code not in g.with_counties)
    return r.level in ("county", "prefecture")


def _pinyin_name(name_zh: str) -> str:
    from .names import lazy_pinyin

    stem = name_zh
    for suffix in (*_ZONE_KINDS, "街道办事处", "街道", "镇", "乡", "苏木"):
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    return "".join(lazy_pinyin(stem)).capitalize()
