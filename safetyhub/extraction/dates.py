"""Publication and meeting dates, in Chinese and English.

A month/day without a year takes the year of the publication date, never landing after it;
without a publication date, a year stated in the meeting's own name; otherwise the year stays
unknown. "近日"/"Recently" before the meeting is named means no meeting date; "昨日"/"Yesterday"
means the day before a stated publication date, and no date without one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .text import fold
from .types import PartialDate, Span

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUM = "〇零○一二三四五六七八九十"

_PUB_LABELLED = re.compile(
    r"(?:发布日期|发布时间|发表时间|发稿时间|更新时间|时间|日期|发布|"
    r"Release date|Release time|Published|Posted|Updated|Date|Time)(?:[ \t](?:on|at|time|date))?"
    r"[ \t]{0,3}[:：]?[ \t]{0,3}(\d{4})\s{0,2}[-./年]\s{0,2}(\d{1,2})\s{0,2}[-./月]\s{0,2}(\d{1,2})",
    re.IGNORECASE,
)
_PUB_LABELLED_EN = re.compile(
    rf"\b(?:Release date|Published|Posted|Updated|Date)(?:[ \t](?:on|at))?[ \t]{{0,3}}:?[ \t]{{0,3}}"
    rf"({_MONTH_RE})\.?[ \t]{{1,3}}(\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]{{1,3}}(\d{{4}})\b",
    re.IGNORECASE,
)
# A metadata line: a source, editor or publication label, where a full date is the page's own.
_META_LABEL = re.compile(
    r"^[ \t]{0,5}[【\[(（]?[ \t]{0,3}(?:信息来源|稿件来源|来源|稿源|出处|责任编辑|编辑|责编|审核|作者|"
    r"发布日期|发布时间|发表时间|发稿时间|更新时间|时间|日期|"
    r"Source|Editor(?:[ \t]in[ \t]charge)?|Author|Published|Posted|Updated|Release[ \t](?:date|time)|Date)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")
_META_LINE_MAX = 80
# A date at the start of a line ("2022-06-18 0 By", "2023年11月18日21:55 | 来源").
_PUB_LINE = re.compile(
    r"^[ \t]{0,20}(\d{4})\s{0,2}[-./年]\s{0,2}(\d{1,2})\s{0,2}[-./月]\s{0,2}"
    r"(\d{1,2})日?(?=[ \t]|\d{1,2}:|$|[|｜])",
    re.MULTILINE,
)
_ZH_FULL = re.compile(r"(\d{4})\s{0,2}年\s{0,2}(\d{1,2})\s{0,2}月\s{0,2}(\d{1,2})\s{0,2}[日号]")
_ZH_MD = re.compile(r"(?<![\d年])(\d{1,2})\s{0,2}月\s{0,2}(\d{1,2})\s{0,2}[日号]")
_ZH_D = re.compile(r"(?<![\d月年])(\d{1,2})\s{0,1}日(?=[上下中晚夜早凌]|,|，|\s|召开|举行|在)")
_ZH_CN_YM = re.compile(rf"([{_CN_NUM}]{{4}})年([{_CN_NUM}]{{1,3}})月(?:([{_CN_NUM}]{{1,3}})日)?")
_ZH_CN_MD = re.compile(rf"(?<![{_CN_NUM}年])([{_CN_NUM}]{{1,2}})月([{_CN_NUM}]{{1,3}})日")
_ZH_YM = re.compile(r"(?<!\d)(\d{4})\s{0,2}年\s{0,2}(\d{1,2})\s{0,2}月(?!\s{0,2}\d)")
_EN_MDY = re.compile(
    rf"\b({_MONTH_RE})\.?\s{{1,3}}(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s{{1,3}}(\d{{4}})\b)?", re.IGNORECASE
)
_EN_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s{{1,3}}(?:of\s{{1,3}})?({_MONTH_RE})\b(?:,?\s{{1,3}}(\d{{4}}))?", re.I
)
_NUMERAL = re.compile(rf"[\d{_CN_NUM}]")
_ISO = re.compile(r"(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")
_RELATIVE = re.compile(
    r"近日|日前|近期|昨日|昨天|前日|前不久|\b(?:Recently|Yesterday|The other day|A few days ago)\b", re.I
)
_YESTERDAY = re.compile(r"昨日|昨天|yesterday", re.I)
_MEETING_VERB = re.compile(
    r"召开|举行|举办|组织召开|主持召开|在.{0,20}召开|会议|会上|"
    r"\b(?:held|convened|hosted|organized|organised|opened|chaired|presided|meeting|conference)\b",
    re.IGNORECASE,
)
# Words that mark a date as another, earlier meeting's ("传达…1月28日…会议精神").
_REFERENCED = re.compile(
    r"(?:传达|贯彻|落实|学习|根据|按照|结合|收听收看|听取|according to)[^。.；;]{0,30}$", re.I
)
_YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s{0,2}年|\b(?:in|of|for)\s(20\d{2})\b")


@dataclass
class DateHit:
    date: PartialDate
    span: Span


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None and not 1 <= d <= 31:
        return False
    if y is not None and not 1949 <= y <= 2100:
        return False
    if m and d:
        try:
            dt.date(y or 2000, m, d)  # 2000 is a leap year: 2月29日 without a year stays possible
        except ValueError:
            return False
    return True


def find_published(body: str, raw_head: str, raw_tail: str = "") -> tuple[dt.date | None, Span | None]:
    """The page's publication date: a labelled date or a date opening a line near the top, else a
    full date on a short metadata line (source/editor label, or a bare date line) at either end."""
    body = fold(body)  # same length: "發布時間", "來源" read as their Simplified labels
    head = body[:1500]
    for text, with_span in ((head, True), (fold(raw_head), False)):
        for pattern in (_PUB_LABELLED, _PUB_LINE):
            for m in pattern.finditer(text):
                y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
                if _valid(y, mo, d):
                    return dt.date(y, mo, d), (m.start(1), m.end(3)) if with_span else None
        for m in _PUB_LABELLED_EN.finditer(text):
            y, mo, d = int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2))
            if _valid(y, mo, d):
                return dt.date(y, mo, d), (m.start(1), m.end(3)) if with_span else None
        found = _meta_line_date(text, edge_lines=3, from_end=False)
        if found:
            return found[0], found[1] if with_span else None
    tail_start = max(0, len(body) - 800)
    for text, offset in ((body[tail_start:], tail_start), (fold(raw_tail), None)):
        found = _meta_line_date(text, edge_lines=3, from_end=True)
        if found:
            span = (found[1][0] + offset, found[1][1] + offset) if offset is not None else None
            return found[0], span
    return None, None


def _meta_line_date(text: str, edge_lines: int, from_end: bool) -> tuple[dt.date, Span] | None:
    """A full date on a short metadata line: one opening with a source/editor/date label anywhere
    in `text`, or a line holding nothing but a date among the first/last `edge_lines` lines."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, line))
        pos += len(line) + 1
    edge = set(range(len(lines) - edge_lines, len(lines))) if from_end else set(range(edge_lines))
    ordered = list(enumerate(lines))
    for n, (start, line) in reversed(ordered) if from_end else ordered:
        if len(line.strip()) > _META_LINE_MAX:
            continue
        labelled = bool(_META_LABEL.match(line))
        if not labelled and n not in edge:
            continue
        if not _NUMERAL.search(line):  # a full date has digits or Chinese numerals
            continue
        full = [h for h in date_mentions(line) if h.date.year and h.date.month and h.date.day]
        if not full:
            continue
        hit = full[0]
        if not labelled:
            rest = _CLOCK.sub("", line[: hit.span[0]] + line[hit.span[1] :])
            if re.search(r"\w", rest):
                continue  # a date inside a sentence, not a bare date line
        assert hit.date.year and hit.date.month and hit.date.day
        return dt.date(hit.date.year, hit.date.month, hit.date.day), (
            start + hit.span[0],
            start + hit.span[1],
        )
    return None


def _cn_number(s: str) -> int | None:
    if not s:
        return None
    if len(s) >= 4 and "十" not in s:  # 二〇二三: digit by digit
        try:
            return int("".join(str(_CN_DIGITS[c]) for c in s))
        except KeyError:
            return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(s) if len(s) == 1 else None


def date_mentions(text: str) -> list[DateHit]:
    """Every date-like phrase in `text` (Simplified-folded), possibly partial."""
    hits: list[DateHit] = []
    taken: list[Span] = []

    def add(y: int | None, m: int | None, d: int | None, span: Span) -> None:
        if not _valid(y, m, d) or any(s < span[1] and span[0] < e for s, e in taken):
            return
        taken.append(span)
        hits.append(DateHit(PartialDate(y, m, d), span))

    for m in _ZH_FULL.finditer(text):
        add(int(m.group(1)), int(m.group(2)), int(m.group(3)), m.span())
    for m in _ISO.finditer(text):
        add(int(m.group(1)), int(m.group(2)), int(m.group(3)), m.span())
    for m in _ZH_CN_YM.finditer(text):
        add(_cn_number(m.group(1)), _cn_number(m.group(2)), _cn_number(m.group(3) or ""), m.span())
    for m in _EN_MDY.finditer(text):
        add(int(m.group(3)) if m.group(3) else None, MONTHS[m.group(1).lower()], int(m.group(2)), m.span())
    for m in _EN_DMY.finditer(text):
        add(int(m.group(3)) if m.group(3) else None, MONTHS[m.group(2).lower()], int(m.group(1)), m.span())
    for m in _ZH_MD.finditer(text):
        add(None, int(m.group(1)), int(m.group(2)), m.span())
    for m in _ZH_CN_MD.finditer(text):
        add(None, _cn_number(m.group(1)), _cn_number(m.group(2)), m.span())
    for m in _ZH_YM.finditer(text):
        add(int(m.group(1)), int(m.group(2)), None, m.span())
    for m in _ZH_D.finditer(text):
        add(None, None, int(m.group(1)), m.span())
    hits.sort(key=lambda h: h.span)
    return hits


def find_held(
    folded: str,
    sentences: list[Span],
    published: dt.date | None,
    skip: list[Span],
    title: str = "",
) -> tuple[PartialDate | None, Span | None, list[str]]:
    """The meeting date: the first date in a sentence that names the meeting being held.

    Returns (date, span, attention reasons). `skip` holds spans (publication line, headline) whose
    dates are not the meeting's.
    """
    notes: list[str] = []
    for s, e in sentences[:12]:
        sentence = folded[s:e]
        if any(a < e and s < b for a, b in skip):
            continue
        if not _MEETING_VERB.search(sentence):
            # A relative day in a lead sentence without a verb still settles nothing.
            continue
        rel = _RELATIVE.search(sentence)
        hits = [h for h in date_mentions(sentence) if not _REFERENCED.search(sentence[: h.span[0]])]
        if rel and (not hits or rel.start() < hits[0].span[0]):
            # "昨日/Yesterday" counts back from a stated publication date; alone it settles nothing.
            if published is not None and _YESTERDAY.fullmatch(rel.group()):
                day = published - dt.timedelta(days=1)
                return PartialDate(day.year, day.month, day.day), (s + rel.start(), s + rel.end()), notes
            return None, None, notes
        if not hits:
            continue
        hit = hits[0]
        date = _complete(hit.date, published, sentence + " " + title)
        if date.year is None:
            notes.append("year unknown")
        span = (s + hit.span[0], s + hit.span[1])
        return date, span, notes
    return None, None, notes


def _complete(date: PartialDate, published: dt.date | None, context: str) -> PartialDate:
    y, m, d = date.year, date.month, date.day
    if m is None and d is not None:
        if published is None:
            return PartialDate(None, None, None)
        m, y = published.month, published.year
        if d > published.day:
            m, y = (m - 1, y) if m > 1 else (12, y - 1)
        return PartialDate(y, m, d) if _valid(y, m, d) else PartialDate(None, None, None)
    if y is None and m is not None:
        if published is not None:
            y = published.year
            if (m, d or 1) > (published.month, published.day):
                y -= 1
        else:
            named = _YEAR_IN_NAME.search(context)
            if named:
                y = int(named.group(1) or named.group(2))
    if y is not None and not _valid(y, m, d):
        y = None
    return PartialDate(y, m, d)
