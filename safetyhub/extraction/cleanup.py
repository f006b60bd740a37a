"""Clean a report's raw page text into the article body.

Removes stray HTML and entities, navigation lines, copyright/disclaimer footers, contact
lines, bylines and editor lines; keeps the outlet and reporter as metadata. Normalises
full-width ASCII, glued Chinese punctuation inside English and the "(pinyin)" glosses that
machine Simplified->Traditional conversion leaves inside words. Every pattern here is linear:
no nested quantifiers, every repetition bounded or over a disjoint character class.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field


@dataclass
class Cleaned:
    body: str
    outlet: str = ""
    reporter: str = ""
    # The site's owner named in the cut footer or a source line ("版权所有:册亨县人民政府"): not
    # the holder, but evidence of where an unplaced township or zone lies.
    issuer: str = ""
    removed: list[str] = field(default_factory=list)  # what was cut, for debugging


_TAG = re.compile(r"<[^<>\n]{0,500}>")
# Attribute debris of a half-stripped tag: `" class="hidden">`.
_TAG_TAIL = re.compile(r"\"?\s{0,3}[a-z\-]{1,20}=\"[^\"\n]{0,100}\"\s{0,3}/?>")
_ENTITY_LEFTOVER = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6});?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
# "開發(fā)區(qū)": a pinyin gloss in parentheses glued after a Han character.
_PINYIN_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
# Chinese sentence punctuation glued to Latin text: "meeting。Jiao" -> "meeting. Jiao".
_GLUED_PUNCT = re.compile(r"(?<=[A-Za-z0-9\"”’)])[ \t]{0,2}([。，；：！？])[ \t]{0,2}(?=[A-Za-z“\"(\n]|$)")
_GLUED_MAP = {"。": ". ", "，": ", ", "；": "; ", "：": ": ", "！": "! ", "？": "? "}
# English sentences run together: "evening of February 11.Zhang Fei".
_RUN_TOGETHER = re.compile(r"(?<=[a-z0-9])([.;])(?=[A-Z][a-z])")

# A footer starts at one of these and runs to the end of the text.
_FOOTER = re.compile(
    r"Disclaimer\s{0,3}[:：]|版权与免责声明|版权声明|免责声明|版权所有|Copyright\s{0,3}(?:©|\(c\)|\d)|"
    r"©\s{0,3}\d{4}|扫一扫在手机打开|\|\s{0,3}留言与评论|相关新闻[:：]?\s{0,3}$|- 热点资讯|热点资讯\s{0,3}$|"
    r"责任编辑\s{0,3}[:：]|编辑\s{0,3}[:：]|【纠错】|打印本页|关闭窗口",
    re.IGNORECASE | re.MULTILINE,
)
# Whole lines that are page furniture, not article.
_NAV_LINE = re.compile(
    r"^[ \t]{0,10}(?:"
    r".{0,40}(?:>>|》》|&gt;&gt;).{0,40}|"  # breadcrumb
    r"(?:首页|当前位置|您当前的位置|你的位置|所在位置)\s{0,3}[:：>].{0,100}|"
    r"(?:小字号|大字号|字号|字体|小字號|大字號|字號|字體)\s{0,3}[:：]?.{0,30}|"
    r"(?:分享到?|打印|关闭|收藏)\s{0,3}[:：]?\s{0,3}|"
    r"(?:索引号|索引號|浏览次数|瀏覽次數|访问量|内容概述|內容概述)(?![^\n]{0,100}(?:日期|时间|時間))[^\n]{0,100}|"
    r"(?:人民网|人民網|新华网|新華網|央视网|央視網)|"
    r"(?:News Center|Share|Print|Close|Home|Font size)\s{0,3}[:：]?\s{0,3}|"
    r"\|[ \t]{0,3}|[-—=*·| \t]{1,80}|"
    r".{0,30}网址导航.{0,10}"
    r")[ \t]{0,10}$",
    re.MULTILINE | re.IGNORECASE,
)
_CONTACT_LABELLED = (
    r"(?:E-?mail(?: address)?|邮箱|电子邮件|Wechat(?: id)?|微信号?|联系电话|电话|Tel)\s{0,3}[:：]\s{0,3}"
    r"[^\n;；]{0,80}"
)
_CONTACT = re.compile(_CONTACT_LABELLED + r"|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}", re.IGNORECASE)
# The same without the e-mail address branch, for text with no "@": that branch tries at every
# word character and was most of cleanup's regex time.
_CONTACT_NO_ADDRESS = re.compile(_CONTACT_LABELLED, re.IGNORECASE)
_EDITED_BY = re.compile(
    r"^\s{0,5}(?:Edited by|Editor|Translated by|Proofread by|审核|校对|编审|初审|终审|编辑|作者)\s{0,3}"
    r"[:：]?\s{0,3}[^\n]{0,60}$",
    re.MULTILINE | re.IGNORECASE,
)
# Bylines: "(Reporter/Hu Qingqing Correspondent/Li Zhaoan)", "(记者 刘子璇)", "（通讯员 张三）".
_BYLINE_PAREN = re.compile(
    r"[(（]\s{0,3}(?:本报)?(?:Reporter|Correspondent|记者|通讯员|通讯|实习生|特约记者)[^()（）\n]{0,80}[)）]",
    re.IGNORECASE,
)
_BYLINE_PEOPLE = re.compile(
    r"(?:Reporter|Correspondent|记者|通讯员)\s{0,3}[/:：]?\s{0,3}"
    r"([A-Z][a-z]{1,12} [A-Z][a-z]{1,12}(?:-[a-z]{1,12})?|[\u4e00-\u9fff]{2,4})",
)
# Trailing "(Tan Wan-wing, Emergency Management Agency)" / "（来源：应急管理局）" credit at the end.
_TRAILING_CREDIT = re.compile(
    r"[(（]\s{0,3}(?:[A-Z][a-z]{1,12}(?:[ \-][A-Za-z][a-z]{1,12}){1,2}\s{0,2}[,，]\s{0,2}[^()（）\n]{2,80}|"
    r"(?:来源|供稿|供图|稿件来源)[:：][^()（）\n]{1,60})[)）]\s{0,3}$"
)
_SOURCE_LINE = re.compile(
    r"^[ \t]{0,5}(?:Source|来源|來源|信息来源|稿源)[ \t]{0,3}[:：][ \t]{0,3}"
    r"([^\s:：][^\n:：]{0,58}?)[ \t]{0,5}$",
    re.MULTILINE | re.IGNORECASE,
)
# Inline "来源:黑龍江日報" / "信息来源:衢州市消防救援支队" inside a metadata line.
_SOURCE_INLINE = re.compile(
    r"(?:信息来源|来源|來源|Source)[ \t]{0,3}[:：][ \t]{0,3}"
    r"(?!时间|時間|日期|date)((?-i:[A-Z][\w'’&.-]{1,20}(?: (?:of |and |the )?"
    r"(?!Release|Time|Date|Author|Editor|Published|Updated|Views|Click)[A-Z][\w'’&.-]{1,20}){0,5})(?![\w:：])|"
    r"[^\s|:：]{2,30}(?![:：]))",
    re.IGNORECASE,
)
# The site owner in a footer: "版权所有:册亨县人民政府", "主办单位：XX县人民政府办公室", "Sponsored by …".
_ISSUER = re.compile(
    r"(?:版权所有|版權所有|主办单位|主辦單位|主办|主辦|承办单位|承辦單位|网站标识码|Sponsored by|Hosted by|"
    r"Copyright\s{0,3}(?:©|\(c\))?\s{0,3}(?:\d{4}(?:\s{0,2}-\s{0,2}\d{4})?)?)"
    r"[ \t]{0,3}[:：]?[ \t]{0,3}(?:©\s{0,3})?(?:\d{4}[ \t]{1,3})?"
    r"([\u4e00-\u9fff]{2,30}|(?-i:[A-Z][A-Za-z'’]{1,20}(?: [A-Z][A-Za-z'’]{1,20}){0,5}))",
    re.IGNORECASE,
)
# Outlets that open a story: "Beijing News According to", "Jiangmen Daily News (Reporter…",
# "本报讯", "周口日報·周道客戶端記者 王泉林".
_OUTLET_LEAD = re.compile(
    r"^(?:\s{0,5}(?:date\s{0,3}\d{4}-\d{1,2}-\d{1,2}\s{1,3})?)"
    r"((?:[A-Z][a-z]{1,15}\s){0,3}(?:Daily|News|Evening|Times|Post|Herald|Net|Network)(?:\s(?:News|Network|Net))?)"
    r"(?=\s{1,3}(?:\(|According|Reporter|[A-Z][a-z]+\s(?:held|convened)|On\s|on\s))",
    re.MULTILINE,
)
_OUTLET_ZH = re.compile(
    r"^\s{0,5}([\u4e00-\u9fff]{2,12}(?:日报|日報|晚报|晚報|新闻网|新聞網|客户端|客戶端|融媒体中心|融媒體中心|电视台|電視台|网|網)"
    r"(?:[·•][\u4e00-\u9fff]{2,10})?)\s{0,3}(?:讯|訊|记者|記者)[^\n]{0,20}?(?=\s|$|[\u4e00-\u9fff]{0,4}[，,])",
    re.MULTILINE,
)
_BENBAO = re.compile(r"本报讯|本報訊|本网讯|本網訊")
# " date 2022-09-29 Jing Junhai, …": the date label opens the headline line; give it its own line.
_DATE_LABEL = re.compile(
    r"^[ \t]{0,5}(date[ \t]{1,3}\d{4}-\d{1,2}-\d{1,2})[ \t]{1,5}(?=\S)", re.MULTILINE | re.I
)
_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
# Keep these full-width: they are ordinary Chinese punctuation.
for _ch in "，。；：！？（）":
    _FULLWIDTH.pop(ord(_ch), None)
_FULLWIDTH[0x3000] = 0x20  # ideographic space


def clean(raw: str) -> Cleaned:
    """Strip page furniture from a report's raw text and return the article body with metadata."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    if '="' in text:  # what every tag tail holds
        text = _TAG_TAIL.sub(" ", text)
    text = _ENTITY_LEFTOVER.sub(" ", text)
    text = _CONTROL.sub("", text)
    text = text.translate(_FULLWIDTH)
    text = _PINYIN_GLOSS.sub("", text)
    text = _DATE_LABEL.sub(r"\1\n", text)
    out = Cleaned(body="")

    # Footers: cut from the first footer marker in the last two thirds of the text.
    for m in _FOOTER.finditer(text):
        if m.start() > len(text) // 3:
            out.removed.append(text[m.start() : m.start() + 80])
            out.issuer = _issuer(text[m.start() : m.start() + 2000])
            text = text[: m.start()]
            break

    out.outlet, out.reporter = _metadata(text)
    text = _SOURCE_LINE.sub("", text)
    text = _EDITED_BY.sub("", text)
    text = (_CONTACT if "@" in text else _CONTACT_NO_ADDRESS).sub("", text)
    text = _BYLINE_PAREN.sub("", text)
    text = _NAV_LINE.sub("", text)
    text, credit = _trailing_credit(text)
    if credit and not out.reporter:
        out.reporter = credit
    text, tail_outlet = _trailing_outlet(text)
    out.outlet = out.outlet or tail_outlet
    if out.outlet:
        text = _strip_outlet(text, out.outlet)
    text = _BENBAO.sub("", text)
    text = _GLUED_PUNCT.sub(lambda m: _GLUED_MAP[m.group(1)], text)
    text = _RUN_TOGETHER.sub(r"\1 ", text)
    out.body = _tidy(text)
    return out


def _issuer(footer: str) -> str:
    """The first owner/sponsor named in a footer; a government's own units name their place."""
    names = [m.group(1).strip() for m in _ISSUER.finditer(footer)]
    return " ".join(dict.fromkeys(n for n in names if n))[:200]


def _trailing_credit(text: str) -> tuple[str, str]:
    text = text.rstrip()
    m = _TRAILING_CREDIT.search(text)
    if not m:
        return text, ""
    name = re.match(r"[(（]\s{0,3}([A-Z][a-z]{1,12}(?:[ \-][A-Za-z][a-z]{1,12}){1,2})\s{0,2}[,，]", m.group())
    return text[: m.start()], name.group(1) if name else ""


_OUTLET_WORD = re.compile(r"网|網|报|報|News|Daily|Network|客户端|客戶端|电视台|融媒")


def _trailing_outlet(text: str) -> tuple[str, str]:
    """Drop a short last line without sentence punctuation (a leftover outlet or page label)."""
    text = text.rstrip()
    head, sep, last = text.rpartition("\n")
    last = last.strip()
    if sep and 0 < len(last) <= 30 and not re.search(r"[。.!?！？;；]", last):
        if not _OUTLET_WORD.search(last):
            return head, ""
        last = _OUTLET_LABEL.sub("", _OUTLET_DATE.sub("", last)).strip()
        return head, last
    return text, ""


_OUTLET_DATE = re.compile(
    r"[ \t,，|｜]*(?:\d{4}\s{0,2}[-./年]\s{0,2}\d{1,2}\s{0,2}[-./月]\s{0,2}\d{1,2}日?|"
    r"[A-Za-z]{3,9}\.?\s{1,3}\d{1,2},?\s{1,3}\d{4})(?:\s{0,3}\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$"
)


_OUTLET_LABEL = re.compile(r"^(?:信息来源|稿件来源|来源|來源|稿源|Source)[ \t]{0,3}[:：][ \t]{0,3}", re.I)


def _metadata(text: str) -> tuple[str, str]:
    outlet = ""
    head = text[:600]
    m = _OUTLET_LEAD.search(head) or _OUTLET_ZH.search(head)
    if m:
        outlet = m.group(1).strip()
    if not outlet:
        m = _SOURCE_LINE.search(text) or _SOURCE_INLINE.search(head)
        if m:
            outlet = m.group(1).strip()
    # "来源：某某日报 2021-03-03": the date on the source line is the page's, not the outlet's name.
    outlet = _OUTLET_DATE.sub("", outlet).strip()
    reporters = [m.group(1) for m in _BYLINE_PEOPLE.finditer(text[:600])]
    return outlet[:100], ", ".join(dict.fromkeys(reporters))[:200]


# Where an outlet name may stand as metadata: opening a line (after a date stamp or label) or
# after a source label. Anywhere else ("Shanghai Pudong New Area holds…") it is a word of the text.
_OUTLET_PLACE = re.compile(
    r"(?:^|\n)(?:[ \t\d:：\-./年月日|｜]|date|发布时间|发布日期|时间|日期|Release time|Published){0,12}$|"
    r"(?:信息来源|来源|來源|稿源|Source)[ \t]{0,3}[:：][ \t]{0,3}$",
    re.IGNORECASE,
)


def _strip_outlet(text: str, outlet: str) -> str:
    # Only a leading occurrence in metadata position (in the first lines); the outlet name may
    # legitimately recur, and may be a place word of the headline itself.
    head_end = min(len(text), 600)
    idx = text.find(outlet, 0, head_end)
    while idx >= 0 and not _OUTLET_PLACE.search(text, max(0, idx - 40), idx):
        idx = text.find(outlet, idx + 1, head_end)
    if idx < 0:
        return text
    end = idx + len(outlet)
    # Take a Chinese byline glued to the outlet along with it ("…客戶端記者 王泉林").
    m = re.compile(r"\s{0,3}(?:讯|訊|(?:记者|記者)\s{0,3}[\u4e00-\u9fff]{2,4})").match(text, end)
    if m:
        end = m.end()
    return text[:idx] + text[end:]


_MULTISPACE = re.compile(r"[ \t]{2,}")
_MANY_NEWLINES = re.compile(r"\n\s*\n\s*\n+")


def _tidy(text: str) -> str:
    lines = [_MULTISPACE.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()
