"""Hazard sectors: vocabulary keywords found on word boundaries, generic uses ignored.

Chinese is matched on the Simplified-folded text and checked against jieba word boundaries
(`text.lazy_words`: only the clauses that hold a keyword are segmented, once per text); English
is matched case-insensitively on whole words, singular or plural.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .reference import Reference
from .text import LazyWords, lazy_words

Span = tuple[int, int]

# Ways reports name a sector that the shared vocabulary does not list. Each is a general
# phrasing of Chinese work-safety writing (or of its machine translations), not a devset string.
EXTRA_ZH: dict[str, tuple[str, ...]] = {
    "road-traffic": ("道路安全", "交通", "道路交通安全", "公路运输", "客运", "货运"),
    "water-transport": ("船舶", "渔船", "水上安全", "内河"),
    "construction": ("房屋市政工程", "市政工程", "建筑工地", "工程建设", "施工现场", "建设施工"),
    "hazardous-chemicals": ("危险品", "危爆物品", "化学品"),
    "fireworks": ("烟花", "爆竹"),
    "mining": ("矿井", "尾矿", "露天矿"),
    "fire": ("消安委",),
    "forest-fire": ("森林草原防火", "防灭火", "护林防火", "野外用火"),
    "gas": ("城镇燃气", "瓶装气"),
    "industry-trade": ("工贸企业", "冶金企业"),
    "hot-work": ("动火",),
    "flood-control": ("防台", "防汛救灾", "城市内涝"),
    "crowded-places": ("人员密集", "九小场所"),
    "tourism": ("景点",),
}
EXTRA_EN: dict[str, tuple[str, ...]] = {
    "road-traffic": ("road safety", "traffic", "road transportation"),
    "water-transport": ("ships", "fishing vessels", "waterways"),
    "construction": ("construction sites", "construction site", "building sites"),
    "hazardous-chemicals": ("dangerous chemical", "chemical industry", "chemical enterprises"),
    "mining": ("coal mine", "non-coal mine", "mine safety", "coal mine gas"),
    "fire": ("fire fighting", "firefighting", "fire hazards", "fire accidents", "fire-fighting"),
    "gas": ("gas", "urban gas", "gas leaks"),
    "special-equipment": ("elevator", "boiler", "pressure vessel"),
    "industry-trade": ("industrial and trade", "industry & trade"),
    "forest-fire": ("forest fire prevention", "forest and grassland fire"),
    "crowded-places": ("crowded place", "densely populated place", "shopping mall", "hotel"),
    "schools": ("school", "campuses"),
    "tourism": ("scenic spot", "scenic areas", "tourist sites"),
}

# Chinese contexts where a keyword is not a hazard sector ("信息报告通畅" is reporting, "平安建设"
# is policing); masked before matching.
GENERIC_ZH = re.compile(
    r"平安建设|党的建设|党建|队伍建设|建设工作|信息报告|交通劝导|智能交通|交通枢纽|"
    r"学校教育|党校|旅游业发展|消防救援支队|消防救援大队|消防救援局|消防支队|消防大队|消防队伍"
)
# An accident cited for its lessons or a leader's instructions on it is not an area of work
# ("传达习近平总书记对…煤矿…火灾事故的重要指示精神").
CITED_ZH = re.compile(
    r"(?:对|关于)[^。；;]{0,40}?(?:事故|火灾|爆炸|坍塌|灾害)[^。；;，,]{0,6}?(?:的)?(?:重要指示|批示|指示)"
)
CITED_EN = re.compile(
    r"\b(?:instructions? on|lessons? (?:of|from))(?: the)?[^.;]{0,80}?"
    r"\b(?:accidents?|fires?|explosions?|collapses?)\b",
    re.IGNORECASE,
)
# English generic uses: "construction of ..." (building something abstract), party schools,
# greenhouse gas, "traffic" meaning information flow.
GENERIC_EN = re.compile(
    r"\b(?:construction of|(?:team|system|capacity|institutional|ecological|economic|party|mechanism|"
    r"infrastructure|civilization|standardization|informatization|cultural|culture|organizational|ability|"
    r"platform|emergency|safety|discipline|integrity|style|network|legal|rescue|forces?) construction|"
    r"party schools?|greenhouse gas(?:es)?|tear gas|"
    r"gas emissions?|network traffic|fire rescue (?:detachment|brigade|team)s?|fire brigades?)\b",
    re.IGNORECASE,
)
# A Chinese keyword glued into a longer jieba word still counts when the rest of the word is a
# generic head ("消防安全", "燃气企业") or modifier ("城镇燃气").
GENERIC_HEADS = (
    "安全",
    "工作",
    "企业",
    "行业",
    "领域",
    "单位",
    "场所",
    "工程",
    "项目",
    "施工",
    "事故",
    "隐患",
    "设施",
    "检查",
    "整治",
    "管理",
    "监管",
    "防控",
    "工地",
    "车辆",
    "设备",
    "物品",
    "问题",
    "风险",
    "治理",
    "演练",
    "宣传",
    "形势",
    "产品",
    "培训",
    "执法",
)
GENERIC_MODIFIERS = ("城镇", "城市", "农村", "管道", "瓶装", "重点", "全市", "全县", "全区", "全省")


class _WordScan:
    """`finditer` of \\b(?:a|b|...)\\b (case-insensitive) over alternatives that each start with
    a letter, trying at each word start only the alternatives that begin with its letter.

    One pattern of ~100 alternatives tries every one of them at every word of an English
    report; grouped by first letter, the same matches (the first alternative that matches, from
    the same places) cost a fifth as much.
    """

    def __init__(self, alternatives: list[str]) -> None:
        self.full = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)
        groups: dict[str, list[str]] = {}
        for alt in alternatives:
            groups.setdefault(alt[0].lower(), []).append(alt)  # each starts with a plain letter
        self.by_letter = {
            letter: re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE)
            for letter, alts in groups.items()
        }
        # Where any alternative could start (the same case folding as the patterns).
        self.starts = re.compile(r"\b(?=[" + "".join(groups) + "])", re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pos = 0
        while (start := self.starts.search(text, pos)) is not None:
            at = start.start()
            # A letter that folds to one of ours in a way str.lower() does not (ſ, K) takes
            # the whole pattern.
            m = self.by_letter.get(text[at].lower(), self.full).match(text, at)
            if m is None:
                pos = at + 1
            else:
                yield m
                pos = m.end()


@dataclass(frozen=True)
class _Matchers:
    zh: re.Pattern[str] | None
    en: _WordScan | None
    zh_slug: dict[str, str]
    en_slug: dict[str, str]


def _matchers(reference: Reference) -> _Matchers:
    cached = reference.__dict__.get("_sector_matchers")
    if cached is None:
        cached = reference.__dict__["_sector_matchers"] = _build_matchers(reference)
    return cached


def _build_matchers(reference: Reference) -> _Matchers:
    zh_slug: dict[str, str] = {}
    en_slug: dict[str, str] = {}
    for sector in reference.sectors:
        for kw in (*sector.keywords_zh, *EXTRA_ZH.get(sector.slug, ())):
            zh_slug.setdefault(kw, sector.slug)
        for kw in (*sector.keywords_en, *EXTRA_EN.get(sector.slug, ())):
            en_slug.setdefault(_en_key(kw), sector.slug)
    zh = (
        re.compile("|".join(re.escape(k) for k in sorted(zh_slug, key=len, reverse=True)))
        if zh_slug
        else None
    )
    en = _WordScan([_en_pattern(k) for k in sorted(en_slug, key=len, reverse=True)]) if en_slug else None
    return _Matchers(zh=zh, en=en, zh_slug=zh_slug, en_slug=en_slug)


def _en_pattern(keyword: str) -> str:
    # Whole words, any run of spaces/hyphens between them, an optional plural "s"/"es".
    words = [re.escape(w) for w in re.split(r"[\s\-]+", keyword) if w]
    pattern = r"[\s\-]+".join(words)
    return pattern + r"(?:e?s)?" if not keyword.endswith("s") else pattern


def _en_key(matched: str) -> str:
    return re.sub(r"[\s\-]+", " ", matched.lower())


def _mask(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: "\x00" * len(m.group()), text)


def find_sectors(text: str, folded: str, *, language: str, reference: Reference) -> list[tuple[str, Span]]:
    """Every sector keyword in `text` as (slug, span), in text order.

    `folded` is `text` folded to Simplified (same length). Call it on the whole body and filter
    by span when you need the sectors of a part: the body's segmentation is cached, a piece's is not.
    """
    global _last
    last = _last
    if last is not None and last[0] is text and last[1] is folded and last[2] is reference:
        return list(last[3])  # the pipeline and the directives ask about the same body in turn
    m = _matchers(reference)
    hits: list[tuple[str, Span]] = []
    if m.zh is not None and _has_cjk(folded):
        hits.extend(_find_zh(folded, m))
    if m.en is not None and _has_latin(text):
        masked = _mask(CITED_EN, _mask(GENERIC_EN, text))
        for match in m.en.finditer(masked):
            slug = _en_slug_for(match.group(), m.en_slug)
            if slug:
                hits.append((slug, match.span()))
    hits.sort(key=lambda h: h[1])
    _last = (text, folded, reference, tuple(hits))
    return hits


# The last call's arguments (by identity) and answer; `language` does not change the answer.
_last: tuple[str, str, Reference, tuple[tuple[str, Span], ...]] | None = None


def _en_slug_for(matched: str, en_slug: dict[str, str]) -> str | None:
    key = _en_key(matched)
    for candidate in (key, key[:-1], key[:-2]):
        if candidate in en_slug:
            return en_slug[candidate]
    return None


def _find_zh(folded: str, m: _Matchers) -> list[tuple[str, Span]]:
    assert m.zh is not None
    masked = _mask(CITED_ZH, _mask(GENERIC_ZH, folded))
    words = lazy_words(folded)
    hits: list[tuple[str, Span]] = []
    for match in m.zh.finditer(masked):
        s, e = match.span()
        kw = match.group()
        if (words.is_boundary(s) and words.is_boundary(e)) or _glued_ok(kw, s, e, words):
            hits.append((m.zh_slug[kw], (s, e)))
    return hits


def _glued_ok(kw: str, s: int, e: int, words: LazyWords) -> bool:
    word = words.word_at(s)
    if word is None:
        return False
    text, ws, we = word
    if ws == s and we > e:  # keyword starts a longer word: "消防安全", "燃气企业"
        return text[len(kw) :] in GENERIC_HEADS or (len(kw) >= 3 and words.is_boundary(e))
    if we == e and ws < s:  # keyword ends a longer word: "城镇燃气"
        return text[: s - ws] in GENERIC_MODIFIERS or len(kw) >= 3
    # Straddles words ("石化工业" holds 化工 across 石化|工业): only long keywords survive.
    return len(kw) >= 3 and (words.is_boundary(s) or words.is_boundary(e))


_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def _has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def _has_latin(text: str) -> bool:
    return _LATIN.search(text) is not None


def sectors_within(mentions: list[tuple[str, Span]], start: int, end: int) -> list[str]:
    """The distinct slugs of `mentions` inside [start, end), in order of first mention."""
    seen: dict[str, None] = {}
    for slug, (s, e) in mentions:
        if s >= start and e <= end:
            seen.setdefault(slug, None)
    return list(seen)
