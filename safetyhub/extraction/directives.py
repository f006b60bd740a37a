"""Directives: what the meeting ordered, one instruction each, with its issuer and sectors.

A report's instructions come in two shapes: enumerated points (`一是…二是…`, `First, … Second, …`,
`Three is …`), each one directive running to the next point or the end of the paragraph; and
single sentences of obligation (`要`, `必须`, `坚决`, `must`, `should`, `It is necessary to`).
The issuer is the official whose speech the sentence belongs to (`陈敏强调，…`, `He stressed`),
or None when the meeting itself stressed it (`会议要求`, `The meeting stressed`). A speech runs to
the end of its paragraph or to the next speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .reference import Reference
from .sectors import find_sectors, sectors_within
from .text import split_sentences
from .types import ExtractedDirective, ExtractedOfficial, Span

__all__ = ["extract_directives"]

_ZH_NUM = "一二三四五六七八九十"
_ZH_ENUM = re.compile(
    rf"(?:(?<=^)|(?<=[，,：:；;。！!\s]))(?:[{_ZH_NUM}]{{1,2}}(?:是|要)|第[{_ZH_NUM}]{{1,2}}(?:是|[，,、])|"
    rf"[（(][{_ZH_NUM}]{{1,2}}[)）]|[{_ZH_NUM}]{{1,2}}[、．])"
)
_EN_ENUM = re.compile(
    r"(?:(?<=^)|(?<=[,;:.]\s)|(?<=[,;:.]))\s?"
    r"(?:(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)(?:ly)?[,:]|Finally,|"
    r"(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even)\s(?:it\s)?is\b|[1-9]\s(?:it\s)?is\b|[1-9][.)]\s)"
)
_ZH_OBLIGATION = re.compile(
    r"(?<![重主首纪摘提需扼])要(?![点素闻害])|必须|务必|坚决|严禁|不得|确保|切实|一定|应当|严格落实|全力"
)
_EN_OBLIGATION = re.compile(
    r"\b(?:must|should|shall|need(?:s)? to|ha(?:ve|s) to|it is (?:necessary|essential|imperative|required)|"
    r"necessary to|be sure to|resolutely|we will|required to|make sure|it is important to)\b",
    re.IGNORECASE,
)
_ZH_SPEECH = re.compile(r"强调|指出|要求|表示|提出|部署|讲话中|说|认为|希望")
_EN_SPEECH = re.compile(
    r"\b(?:stressed|emphasi[sz]ed|pointed out|noted|demanded|requested|required|said|urged|called (?:on|for)|"
    r"made arrangements|requirements?|put forward|asked|added|instructed|underlined|underscored)\b",
    re.IGNORECASE,
)
_ZH_MEETING_INTRO = re.compile(
    r"^(?:[^，,。]{0,8}[，,])?(?:会议|大会|会上)(?:还|并|同时|也)?(?:强调|指出|要求|提出|认为|明确|希望)[^，,：:]{0,6}[，,：:]?"
)
_EN_MEETING_INTRO = re.compile(
    r"^(?:[^,.]{0,30},\s?)?(?:the\s)?(?:meeting|conference)\s(?:also\s|further\s)?"
    r"(?:stressed|emphasi[sz]ed|emphasis|pointed out|required|requested|noted|called (?:on|for)|demanded|"
    r"urged|put forward|made clear)\b(?:\s?that\b)?[,:]?\s?",
    re.IGNORECASE,
)
_ZH_PRONOUN_INTRO = re.compile(
    r"^(?:[^，,。]{0,6}[，,])?(?:他|她)(?:还|同时|也|在讲话中)?(?:强调|指出|要求|表示|提出|说)[^，,：:]{0,6}[，,：:]?"
)
_EN_PRONOUN_INTRO = re.compile(
    r"^(?:He|She)\s(?:also\s|further\s)?(?:stressed|emphasi[sz]ed|pointed out|noted|demanded|requested|"
    r"required|said|urged|called (?:on|for)|added)\b(?:\s?that\b)?[,:]?\s?"
)
_ZH_NARRATIVE = re.compile(r"召开|举行|出席|主持会议|参加会议|列席")
_LEAD_JUNK = re.compile(r"[\s，,：:；;、.。]+")

_UNSET = object()


@dataclass
class _Unit:
    start: int
    end: int
    issuer: str | None
    enumerated: bool


def extract_directives(
    body: str, folded: str, officials: list[ExtractedOfficial], *, language: str, reference: Reference
) -> list[ExtractedDirective]:
    """Split the report's instructions into one directive per instruction, with issuer and sectors."""
    if not body:
        return []
    if len(folded) != len(body):
        folded = body
    mentions = sorted((s, e, o.key) for o in officials for s, e in o.spans)
    starts = [s for s, _, _ in mentions]
    newlines = [m.start() for m in re.finditer(r"\n", body)]
    units: list[_Unit] = []
    point: _Unit | None = None
    speaker: object = _UNSET
    last_official: str | None = None
    paragraph = -1
    for s_start, s_end in split_sentences(body):
        para = bisect.bisect_right(newlines, s_start)
        if para != paragraph:
            paragraph = para
            point = _close(point, units)
            speaker = _UNSET
        text = folded[s_start:s_end]
        raw = body[s_start:s_end]
        intro_end, who = _intro(text, raw, s_start, mentions, starts, last_official)
        if who is not _UNSET:
            point = _close(point, units)
            speaker = who
            if isinstance(who, str):
                last_official = who
        first_in = _mention_in(mentions, starts, s_start, s_end)
        if first_in is not None:
            last_official = first_in
        content_start = s_start + intro_end
        pieces = _pieces(body, folded, content_start, s_end)
        if speaker is _UNSET and len(pieces) > 1 and not pieces[0][2]:
            # `…requirements, one is …`: a list announced as requirements is a speech by nobody named.
            lead = slice(pieces[0][0], pieces[0][1])
            if _ZH_SPEECH.search(folded[lead]) or _EN_SPEECH.search(body[lead]):
                speaker = None
        for p_start, p_end, enumerated in pieces:
            issuer = speaker if isinstance(speaker, str) else None
            if enumerated:
                point = _close(point, units)
                if speaker is not _UNSET or _obliges(folded[p_start:p_end]):
                    point = _Unit(p_start, p_end, issuer, True)
            elif point is not None:
                point.end = p_end
            elif _is_directive(folded[p_start:p_end], speaker is not _UNSET):
                units.append(_Unit(p_start, p_end, issuer, False))
    _close(point, units)
    hits = find_sectors(body, folded, language=language, reference=reference)
    out: list[ExtractedDirective] = []
    seen: set[str] = set()
    for unit in units:
        span = _trim(body, unit.start, unit.end)
        if span is None:
            continue
        text = body[span[0] : span[1]]
        if text in seen:
            continue
        seen.add(text)
        sectors = sectors_within(hits, span[0], span[1])
        out.append(ExtractedDirective(text=text, issuer=unit.issuer, sectors=sectors, span=span))
    return out


def _close(point: _Unit | None, units: list[_Unit]) -> _Unit | None:
    """Finish the open enumerated point, if any; returns None, the new (no) open point."""
    if point is not None:
        units.append(point)
    return None


def _mention_in(mentions: list[tuple[int, int, str]], starts: list[int], lo: int, hi: int) -> str | None:
    k = bisect.bisect_left(starts, lo)
    if k < len(mentions) and mentions[k][0] < hi:
        return mentions[k][2]
    return None


def _intro(
    text: str,
    raw: str,
    offset: int,
    mentions: list[tuple[int, int, str]],
    starts: list[int],
    last_official: str | None,
) -> tuple[int, object]:
    """(length of the speaker clause, issuer) for a sentence that opens a speech; issuer None is
    the meeting itself; _UNSET when the sentence opens nothing."""
    for pattern in (_ZH_MEETING_INTRO, _EN_MEETING_INTRO):
        m = pattern.match(text if pattern is _ZH_MEETING_INTRO else raw)
        if m:
            return m.end(), None
    for pattern in (_ZH_PRONOUN_INTRO, _EN_PRONOUN_INTRO):
        m = pattern.match(text if pattern is _ZH_PRONOUN_INTRO else raw)
        if m and last_official is not None:
            return m.end(), last_official
    # An official named near the start and a speech verb soon after: `陈敏强调，…`,
    # `Secretary Zhang Fei pointed out that …`, `会议由王鑫主持，要求…`.
    k = bisect.bisect_left(starts, offset)
    if k < len(mentions) and mentions[k][0] < offset + 60:
        _, name_end, key = mentions[k]
        rel = name_end - offset
        if re.search(r"[\u4e00-\u9fff]", text[rel : rel + 1] or "x"):
            verb = _ZH_SPEECH.search(text, rel, rel + 40)
            if verb and "。" not in text[rel : verb.start()]:
                end = _clause_end(text, verb.end())
                return end, key
        verb = _EN_SPEECH.search(raw, rel, rel + 80)
        if verb and "." not in raw[rel : verb.start()]:
            tail = re.match(r"(?:\s?that\b)?[,:]?\s?", raw[verb.end() :])
            return verb.end() + (tail.end() if tail else 0), key
    return 0, _UNSET


def _clause_end(text: str, pos: int) -> int:
    m = re.match(r"[^，,：:。；;]{0,8}[，,：:]", text[pos:])
    return pos + m.end() if m else pos


def _pieces(body: str, folded: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Split [start, end) at enumeration markers: (start, end, starts with a marker)."""
    if start >= end:
        return []
    text = folded[start:end]
    cuts: list[tuple[int, int]] = []  # (marker start, content start)
    for m in _ZH_ENUM.finditer(text):
        cuts.append((m.start(), m.end() if not m.group(0).endswith("要") else m.end() - 1))
    for m in _EN_ENUM.finditer(body, start, end):
        cuts.append((m.start() - start, m.end() - start))
    cuts.sort()
    kept: list[tuple[int, int]] = []
    for cut in cuts:
        if not kept or cut[0] >= kept[-1][1]:
            kept.append(cut)
    if not kept:
        return [(start, end, False)]
    out: list[tuple[int, int, bool]] = []
    if kept[0][0] > 0:
        out.append((start, start + kept[0][0], False))
    for k, (_, content) in enumerate(kept):
        stop = kept[k + 1][0] if k + 1 < len(kept) else end - start
        if stop > content:
            out.append((start + content, start + stop, True))
    return out


def _obliges(text: str) -> bool:
    return bool(_ZH_OBLIGATION.search(text) or _EN_OBLIGATION.search(text))


def _is_directive(text: str, in_speech: bool) -> bool:
    stripped = _LEAD_JUNK.sub("", text)
    if len(stripped) < 6:
        return False
    if _ZH_NARRATIVE.search(text) and not in_speech:
        return False
    strong = re.search(r"必须|务必|坚决|严禁|不得|\bmust\b|it is necessary", text, re.IGNORECASE)
    return bool(_obliges(text) and (in_speech or strong))


def _trim(body: str, start: int, end: int) -> Span | None:
    lead = _LEAD_JUNK.match(body, start)
    if lead:
        start = lead.end()
    while end > start and body[end - 1] in " \t\n\r,，、":
        end -= 1
    if end - start < 4:
        return None
    return (start, end)
