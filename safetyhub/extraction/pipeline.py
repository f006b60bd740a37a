"""The extraction pipeline: clean, then read each kind of fact from the cleaned body."""

from __future__ import annotations

import logging
import re

from .cleanup import clean
from .dates import find_held, find_published
from .directives import extract_directives
from .language import detect_language
from .meeting_type import detect_meeting_type
from .people import extract_officials
from .reference import Reference, default_reference
from .regions import resolve_region
from .sectors import find_sectors
from .text import fold, split_sentences
from .types import ExtractedMeeting, Span

logger = logging.getLogger(__name__)

# Beyond this, a "report" is not an article: extract from its head so time stays bounded.
MAX_BODY_CHARS = 100_000

_HEADLINE_WORDS = re.compile(
    r"会议|会|召开|举行|部署|安全|调度|\b(?:meeting|conference|held|convened|plenary|plenum|safety)\b", re.I
)
_NOT_HEADLINE = re.compile(
    r"^(?:date\s|\d{4}[-年./]|来源|source|时间|发布|核心提示|索引号|updated|published|release|editor|author)",
    re.I,
)
_SENTENCE_END = re.compile(r"[。！？!?；;]\s*$|\.\s*$")
_LEAD_DATE = re.compile(
    r"^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[上下中]午|晚上?|早上)?|近日|日前|昨日|\d{1,2}日(?:[上下中]午|晚)?)[,，\s]*"
)
_TITLE_CLAUSE_END = re.compile(r"[，,。；;！!？?]")


def extract(text: str, source: str | None = None, reference: Reference | None = None) -> ExtractedMeeting:
    """Turn one report's text into a structured meeting record. Never raises on text."""
    reference = reference or default_reference()
    if not isinstance(text, str):
        text = str(text)
    try:
        return _extract(text, source, reference)
    except Exception:  # pragma: no cover - a bug must not lose the document
        logger.exception("extraction failed", extra={"source": source})
        meeting = ExtractedMeeting(
            source=source, title="", language="zh", body=text[:MAX_BODY_CHARS], raw_text=text
        )
        meeting.attention.append("extraction failed: see logs")
        return meeting


def _extract(text: str, source: str | None, reference: Reference) -> ExtractedMeeting:
    cleaned = clean(text[: MAX_BODY_CHARS * 2])
    body = cleaned.body[:MAX_BODY_CHARS]
    folded = fold(body)
    sentences = split_sentences(folded)
    language = detect_language(body, folded)
    meeting = ExtractedMeeting(
        source=source,
        title="",
        language=language,
        body=body,
        raw_text=text,
        outlet=cleaned.outlet,
        reporter=cleaned.reporter,
    )
    if len(text) > MAX_BODY_CHARS * 2 or len(cleaned.body) > MAX_BODY_CHARS:
        meeting.attention.append("text truncated: longer than an article")

    headline = _headline(body, folded)
    if headline:
        headline = _strip_site_name(folded, headline)
        meeting.title = body[headline[0] : headline[1]].strip()
        meeting.spans["title"] = headline
    else:
        meeting.title = _title_from_lead(body, folded, sentences)

    published, pub_span = find_published(body, _raw_head(text), _raw_tail(text))
    meeting.published_on = published
    if pub_span:
        meeting.spans["published_on"] = pub_span
    skip = [s for s in (headline, pub_span) if s]
    lead_sentences = [s for s in sentences if not (headline and s[0] < headline[1] and headline[0] < s[1])]
    held, held_span, notes = find_held(
        folded, lead_sentences, published, skip, folded_title(folded, headline)
    )
    meeting.held_on = held
    if held_span:
        meeting.spans["held_on"] = held_span
    meeting.attention.extend(notes)

    region = resolve_region(
        body,
        folded,
        sentences=sentences,
        headline=headline,
        outlet=fold(cleaned.outlet),
        issuer=fold(cleaned.issuer),
        reference=reference,
    )
    meeting.region = region.region
    meeting.attention.extend(region.attention)
    if region.region and region.region.span:
        meeting.spans["region"] = region.region.span

    lead = _lead_sentence(folded, lead_sentences)
    name_text = folded_title(folded, headline) + "\n" + (folded[lead[0] : lead[1]] if lead else "")
    meeting.meeting_type = detect_meeting_type(name_text)

    mentions = find_sectors(body, folded, language=language, reference=reference)
    meeting.sector_mentions = mentions
    meeting.sectors = list(dict.fromkeys(slug for slug, _ in mentions))

    meeting.officials = extract_officials(body, folded, language=language, reference=reference)
    meeting.directives = extract_directives(
        body, folded, meeting.officials, language=language, reference=reference
    )
    if not meeting.officials:
        meeting.attention.append("no officials found")
    return meeting


def folded_title(folded: str, headline: Span | None) -> str:
    return folded[headline[0] : headline[1]] if headline else ""


def _raw_head(text: str) -> str:
    head = text[:3000]
    return re.sub(r"<[^<>]{0,300}>", " ", head)


def _raw_tail(text: str) -> str:
    # Cleanup cuts source lines and footers from the body; a closing "来源：XX日报 2021-03-03"
    # still dates the page.
    tail = text[-1500:]
    return re.sub(r"<[^<>]{0,300}>", " ", tail)


def _headline(body: str, folded: str) -> Span | None:
    """The article's headline: an early short line without sentence punctuation, preferring one
    that names a meeting (page slogans and site names come before headlines)."""
    plausible: list[Span] = []
    pos = 0
    for n, line in enumerate(body.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        if n > 12:
            break
        stripped = line.strip()
        if not stripped:
            continue
        f = folded[start:end].strip()
        long_limit = 60 if re.search(r"[\u4e00-\u9fff]", f) else 220
        if len(stripped) > long_limit:
            break  # reached the article text
        if (
            len(stripped) >= 6
            and not _NOT_HEADLINE.match(f)
            and not _SENTENCE_END.search(f)
            and f.count("，") + f.count(",") <= 1
            and re.search(r"[\u4e00-\u9fff]{4}|[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}", f)
        ):
            lead = len(line) - len(line.lstrip())
            span = (start + lead, start + lead + len(stripped))
            if _HEADLINE_WORDS.search(f):
                return span
            plausible.append(span)
    return plausible[0] if plausible else None


# "贵溪市召开安全生产工作会议_大江网", "… - Jilin Provincial Government Network": the page title's
# site name, a whole segment after a separator at the end. An ASCII hyphen separates only with a
# space beside it or between Han characters ("High-tech" is a word).
_SITE_SEP = (
    r"(?:\s{0,3}[_|｜]{1,2}\s{0,3}|\s{1,3}[\-–—]{1,2}\s{0,3}|\s{0,3}[\-–—]{1,2}\s{1,3}|"
    r"(?<=[\u4e00-\u9fff])[\-–—]{1,2})"
)
_SITE_NAME = (
    r"[^_|｜\-–—\n]{2,30}?(?:网|网站|门户|门户网站|频道|日报|新闻|政府|客户端|Network|News|Daily|Portal|Government|"
    r"Net|Website)"
)
_SITE_SUFFIX = re.compile(_SITE_SEP + _SITE_NAME + r"\s{0,3}$")
# "大江网_贵溪市召开…": a site name opening the page title.
_SITE_PREFIX = re.compile(r"\s{0,3}" + _SITE_NAME + r"\s{0,3}[_|｜]{1,2}\s{0,3}")


def _strip_site_name(folded: str, headline: Span) -> Span:
    """Drop a site-name segment at either end of the headline; never words inside it."""
    start, end = headline
    site = _SITE_SUFFIX.search(folded, start, end)
    if site and site.start() - start >= 6:
        end = site.start()
    site = _SITE_PREFIX.match(folded, start, end)
    if site and end - site.end() >= 6:
        start = site.end()
    return (start, end)


_MEETING_CLAUSE = re.compile(r"召开|举行|举办|\b(?:held|convened|hosted)\b", re.I)
_INNER_DATE = re.compile(r"于?(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[上下中]午|晚上?)?")


def _lead_sentence(folded: str, sentences: list[Span]) -> Span | None:
    """The first sentence of the article proper (not a date, source or metadata line)."""
    for s, e in sentences:
        if e - s >= 12 and not _is_metadata(folded[s:e]):
            return (s, e)
    return None


_LABEL = re.compile(
    r"^(?:date\s|来源|source|时间|发布|核心提示|索引号|updated|published|release|editor|author)", re.I
)
_DATE_PREFIX = re.compile(r"^\d{4}\s{0,2}[-年./]\s{0,2}\d{1,2}\s{0,2}[-月./]\s{0,2}\d{1,2}日?[\s\d:|]*")


def _is_metadata(line: str) -> bool:
    """A page line such as "2022-06-18 0 By" or "来源: 时间: …", not the article's first sentence."""
    if _LABEL.match(line):
        return True
    m = _DATE_PREFIX.match(line)
    return bool(m) and len(line) - m.end() < 15


_EN_LEAD = re.compile(
    r"^(?:Recently|Yesterday|Today|Lately|"
    r"On (?:the (?:morning|afternoon|evening) of )?[A-Z][a-z]{2,8}\.? \d{1,2}"
    r"(?:st|nd|rd|th)?(?:, \d{4})?)\s*,\s*",
)
_EN_PURPOSE = re.compile(
    r"\s(?:to|in order to|so as to)\s(?:thoroughly|further|fully|implement|study|deploy|learn|"
    r"convey|summari[sz]e|analy[sz]e|arrange|make|promote|strengthen)\b"
)


def _title_from_lead(body: str, folded: str, sentences: list[Span]) -> str:
    """A short title from the first sentence: "8月22日,贵溪市安全生产工作会议召开,…" -> its meeting clause."""
    lead = _lead_sentence(folded, sentences)
    if not lead:
        return ""
    s, e = lead
    sentence = folded[s:e]
    m = _LEAD_DATE.match(sentence) or _EN_LEAD.match(sentence)
    offset = m.end() if m else 0
    rest = sentence[offset:]
    clauses = _TITLE_CLAUSE_END.split(rest)
    clause = next((c for c in clauses if _MEETING_CLAUSE.search(c)), clauses[0])
    offset += rest.find(clause)
    inner_date = _INNER_DATE.search(clause)
    if inner_date and inner_date.start() >= 2:
        return _shorten(
            body[s + offset : s + offset + inner_date.start()].strip()
            + body[s + offset + inner_date.end() : s + offset + len(clause)].strip()
        )
    purpose = _EN_PURPOSE.search(clause)
    if purpose and purpose.start() >= 20:
        clause = clause[: purpose.start()]
    if len(clause) < 6:
        clause = rest
    return _shorten(body[s + offset : s + offset + len(clause)].strip())


def _shorten(title: str) -> str:
    if title[:1].islower():
        title = title[:1].upper() + title[1:]
    if len(title) > 80:
        cut = title[:80]
        title = cut.rsplit(" ", 1)[0] + "…" if " " in cut else cut + "…"
    return title
