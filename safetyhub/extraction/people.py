"""Officials and their roles and titles, in Chinese and English.

A person is found from context, not from any two characters: a surname from the lexicon, the title
chain written right before the name (`市委副书记、市长潘磊`), a post right after it (`周文斌支队长`),
a `、` list of names before 等/参加, or a verb right after the name (主持, 出席, 强调). English
names are a pinyin surname plus pinyin syllables (`Liang Shuang`, never `Party Working`).

Roles come from the verbs in the stretch of text between a name and the next person (or the end of
the sentence); people sharing one verb (`A，B、C参加会议`) share the roles. Bylines, editors, and
leaders whose instructions are only studied (`学习贯彻习近平总书记…重要指示精神`) get no role and
are not officials. Every pattern is linear: bounded repetitions over simple classes, no nesting.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .names import COMPOUND_SURNAMES, SINGLE_SURNAMES, is_pinyin_name, name_to_pinyin, split_hanzi_name
from .reference import Reference
from .text import add_word, dictionary_name_words, jieba_tokenizer, split_sentences
from .titles import (
    EN_POST_ANY,
    EN_POST_END,
    EN_POSTS,
    EN_TITLE_WORDS,
    ZH_POST_TITLE,
    ZH_TITLE_CHARS,
    ZH_TITLE_END,
    ZH_TITLE_LEAD,
)
from .types import ROLES, ExtractedOfficial

__all__ = ["extract_officials", "name_to_pinyin"]

# --------------------------------------------------------------------------- Chinese patterns

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# First characters of the posts ZH_POST_TITLE knows (a cheap test before the regex).
_POST_FIRST = frozenset("总副国书主常省市县区镇乡旗州盟局厅处科部院所站校社会行组董秘检支大中队经政委")
_SURNAME_START = re.compile("[" + "".join(sorted(SINGLE_SURNAMES | {c[0] for c in COMPOUND_SURNAMES})) + "]")
# Characters that do not end or fill a given name: organisation words and function words.
_NOT_GIVEN = frozenset(
    "委局办厅部省市县区镇乡村会处科队所站院党府政们的了在是和与及等各全这那之年月日号时个次届第上下中内外"
    "要将把被对就从向由于为以并也还都"
)
# What may follow a name. Role verbs and a few predicate openers are strong evidence on their own.
_ZH_STRONG_FOLLOW = re.compile(
    r"(?:主持|出席|参加|列席|收听|参会|到会|讲话|强调|指出|要求|发言|部署|通报|汇报|传达|作出|作了|做了|批示|"
    r"指示|表示|提出|介绍|解读|总结|点评|宣读|致辞|主讲|在会上|在讲话|在主持|在全|在会|在|代表|就|从|结合|针对|"
    r"围绕|率队|率|带领|带队|陪同|一行|先后|分别|同志|说|也|还|并|首先|对)"
)
_ZH_WEAK_FOLLOW = re.compile(r"(?:[、，,。；;：:！？\s)）”\"]|等|和|与|及|$)")
_ZH_ORG_END = re.compile(
    r"(?:队|局|委|办|厅|部|院|所|站|中心|公司|集团|政府|会|处|科|室|组|区|市|县|镇|乡|村|省|旗)$"
)
_ZH_CLAUSE_DELIM = re.compile(r"[，,。；;：:！？!?\s“”\"（）()【】\[\]|]")
_ZH_BOUNDARY_BEFORE = frozenset('、，,。；;：:！？!?\n\r\t 　“”"（）()【】[]|由和与及')
_ZH_BYLINE_BEFORE = re.compile(
    r"(?:记者|通讯员|编辑|作者|摄影|摄|供稿|审核|校对|撰稿|来源|报道|实习生)[\s/:：·]{0,3}$"
)

_ZH_ROLE = re.compile(
    r"(?P<presided>主持)|(?P<attended>出席|参加|列席|收听收看|参会|到会)|"
    r"(?P<instructed>作出(?:重要)?批示|作出(?:重要)?指示|批示(?!精神|要求|指示))|"
    r"(?P<reported>通报|汇报|传达|宣读|作(?:了)?[^，。；]{0,20}?报告)|"
    r"(?P<spoke>讲话|强调|指出|要求|发言|部署|解读|表示|提出|讲评|点评|致辞|总结讲话|说)"
)
# Verbs after which the rest of the sentence is what was said, not what the person did.
_ZH_STOP = frozenset({"强调", "指出", "要求", "表示", "提出", "说", "批示", "指示"})
_ZH_REFERENCED = re.compile(
    r"^(?:[^，,。；;]{0,40}?(?:重要指示|指示精神|批示精神|批示要求|指示要求|重要论述|讲话精神|重要讲话|"
    r"指示批示|重要批示|重要回信|贺信)|[\u4e00-\u9fff]{0,10}思想(?!观念|认识|意识|上))"
)
# `出席会议的还有张三、李四`: the verb comes before the names.
_ZH_ATTEND_BEFORE = re.compile(
    r"(?:出席|参加|列席)(?:会议|活动)?的(?:[\u4e00-\u9fff]{0,6}领导)?(?:还)?有[：:]?$"
)
_ZH_HEAD_TAIL = re.compile(r"(?<=领导)(?:还|也)?有[：:]?$")
_ZH_COMMA = re.compile(r"[，,]")
_ZH_CONTINUE = re.compile(
    r"并|对|就|要求|强调|指出|同时|在|还|随后|围绕|从|结合|针对|表示|提出|作|做|进行|详细|代表|通报|汇报|传达|"
    r"部署|主持|出席|参加|列席|讲话|发言|介绍|解读|分析|总结|安排|听取|宣读|带领|率|希望|号召|深入|充分|肯定|"
    r"回顾|点评|督促|动员|以|为|向|与|和|随即|首先|最后|会上|会议|他|她"
)
_ZH_AFTER_MEETING = re.compile(r"^(?:会后|会前|会议结束后|散会后)")
_ZH_PRONOUN = re.compile(
    r"^(?:会上[，,]?)?(?:他|她)(?=在|还|同时|就|对|从|强调|指出|要求|表示|提出|说|认为|希望)"
)
_ZH_CAPTION = re.compile(
    r"(?m)^[ \t\u3000]{0,4}(?P<unit>[\u4e00-\u9fff（）()]{2,30}?)[ \t\u3000]{1,4}"
    r"(?P<name>[\u4e00-\u9fff]{2,4})[：:]"
)
_ZH_LIST_RUN = re.compile(r"[\u4e00-\u9fff·]{2,16}(?:、[\u4e00-\u9fff·]{2,16}){1,60}")
_ZH_ETC_TITLE = re.compile(r"等[^，,。；;：:]{0,30}")

# --------------------------------------------------------------------------- English patterns

_EN_NAME = re.compile(
    r"(?<![A-Za-z’'-])(?=(?P<sur>[A-Z][a-z]{1,8}|[A-Z]{2,9})[ \u00a0]"
    r"(?P<given>[A-Z][a-z]{1,12}(?:[-'’][A-Za-z][a-z]{0,8})?)(?![A-Za-z]))"
)
_EN_PLACE_NEXT = re.compile(
    r"^[ \u00a0](?:City|County|District|Province|Town|Township|Road|Street|Village|River|Lake|Mountain|Park|"
    r"Group|Company|Corporation|Bureau|Zone|Area|Port|Bay|Island|Bridge|Square|Station|Airport|Hotel|Mine|"
    r"Dynasty|University|School|Hospital|Lane|Avenue)\b"
)
_EN_ROLE = re.compile(
    r"(?P<presided>\bpresid(?:ed|es|ing) over\b|\bpresid(?:ed|es)\b|\bchair(?:ed|s)\b|\bhost(?:ed|s)\b|"
    r"\bmoderated\b|"
    r"\bheld the (?:conference|meeting)\b)|"
    r"(?P<attended>\battend(?:ed|s)?\b|\bwas present\b|\bwere present\b|\bparticipated\b|"
    r"\bwere in attendance\b)|"
    r"(?P<instructed>\b(?:gave|made|issued) (?:important |written )?(?:instructions|directives)\b)|"
    r"(?P<reported>\breported\b|\bbriefed\b|\b(?:delivered|made|gave) (?:a|the|an) [^.;,]{0,60}?report\b|"
    r"\bconveyed\b|\bnotified\b)|"
    r"(?P<spoke>\bspoke\b|\bspeech\b|\baddress(?:ed|es)\b|\bstress(?:ed|es)\b|\bemphasi[sz](?:ed|es)\b|"
    r"\bpoint(?:ed|s) out\b|\bnoted\b|\bdemand(?:ed|s)\b|\brequest(?:ed|s)\b|\brequired\b|\bsaid\b|\bsays\b|"
    r"\burge[sd]\b|\bcall(?:ed|s) (?:on|for)\b|\bput forward\b|"
    r"\bmade arrangements\b|\bdeploy(?:ed|ment)\b|\bremarks\b|\bunderlined\b|\bunderscored\b|\basked\b)",
    re.IGNORECASE,
)
_EN_STOP = re.compile(
    r"stress|emphasi[sz]|point|noted|demand|request|required|said|says|urge|call|asked|"
    r"instructions|directives|underlined|underscored",
    re.IGNORECASE,
)
_EN_BYLINE_BEFORE = re.compile(
    r"(?:reporter|correspondent|editor|edited by|written by|author|photo(?:graph)?s?(?: by)?|source|"
    r"translated by|compiled by|proofread by|\bby)\s{0,3}[/:：]?\s{0,3}$",
    re.IGNORECASE,
)
_EN_PASSIVE_PRESIDED = re.compile(r"(?:presided over|chaired|hosted|moderated) by\s{0,3}$", re.IGNORECASE)
_EN_PASSIVE_ATTENDED = re.compile(
    r"(?:attended by|(?:also )?present (?:at the meeting )?were|"
    r"(?:also )?attending (?:the meeting )?were)\s{0,3}$",
    re.IGNORECASE,
)
_EN_SAID_BEFORE = re.compile(
    r"[,”\"]\s{0,2}(?:said|stressed|noted|added|emphasi[sz]ed)\s{1,3}$", re.IGNORECASE
)
_EN_NOT_NAMES = frozenset({"hong kong", "sha tin", "ma on", "kai tak", "tai po", "sai kung"})
_EN_REFERENCED_BEFORE = re.compile(
    r"\b(?:spirit|gist|instructions?|consent|ideas?|thoughts?|requirements?|speech(?:es)?|expositions?|"
    r"directives?|remarks|approval|guidance|theory|letter|words)\s(?:of|from)\s{1,3}(?:the\s)?$",
    re.IGNORECASE,
)
# `Director of the Municipal Emergency Management Bureau Zhou Jun`: a post, then its unit.
_EN_POST_OF = re.compile(rf"(?:(?:deputy|vice|executive|first)\s)*(?:{EN_POSTS})\sof\s", re.IGNORECASE)
_EN_JOIN = re.compile(r"[\s,，、]{0,6}(?:(?:and|as well as|together with)\s{0,3})?[,\s]{0,3}")
_EN_PLURAL_HEAD = re.compile(
    r"\b(?:leaders|members|officials|cadres|heads|chiefs|representatives|comrades|directors|secretaries|"
    r"mayors|governors|chairmen|leadership)\b",
    re.IGNORECASE,
)
_EN_POSSESSIVE_AFTER = re.compile(r"^['’]s?\b")
_EN_PRONOUN = re.compile(r"^(?:(?:At|During) the meeting,?\s{1,3})?(?:He|She)\s", re.IGNORECASE)
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|[,;:.()]")
_EN_STOP_WORDS = (
    "on at in during after before recently yesterday today meanwhile also then later while when with by from "
    "as to that this these it its he she they we our their which who"
)
_EN_STOP_CAPS = frozenset(_EN_STOP_WORDS.split())

_EN_TITLE_OPENERS = ("deputy", "vice", "secretary", "director", "executive", "member", "head", "chief")

_added_words: set[str] = set()
_added_lock = threading.Lock()


@dataclass
class _Mention:
    name: str  # Simplified hanzi, or the English name as written
    start: int
    end: int
    chain_start: int
    after: int  # end of the post title or appositive following the name
    sentence: int
    zh: bool
    titles: list[tuple[int, int]] = field(default_factory=list)  # spans of titles in body
    extra_titles: list[str] = field(default_factory=list)  # titles not a single span (merged)
    roles: set[str] = field(default_factory=set)
    referenced: bool = False
    excluded: bool = False
    suppressed: bool = False
    strong: bool = False
    before_roles: set[str] = field(default_factory=set)  # from a verb written before the name


def extract_officials(
    body: str, folded: str, *, language: str, reference: Reference
) -> list[ExtractedOfficial]:
    """Find the people who took part in the meeting; spans point into `body`."""
    if not body:
        return []
    if len(folded) != len(body):
        folded = body
    sentences = split_sentences(body)
    mentions: list[_Mention] = []
    if _CJK.search(folded):
        mentions.extend(_zh_mentions(body, folded, sentences))
    if re.search(r"[A-Z][a-z]", body):
        mentions.extend(_en_mentions(body, sentences))
    mentions.sort(key=lambda m: m.start)
    return _officials(body, mentions)


# =========================================================================== Chinese


def _sentence_index(sentences: list[tuple[int, int]]) -> Callable[[int], int]:
    """A function from a text offset to the index of the sentence holding it."""
    starts = [s for s, _ in sentences]

    def index(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    return index


def _dict_word(word: str) -> bool:
    """True when jieba's dictionary knows `word` as something other than a personal name."""
    freq, user_tags, names = _jieba_tables()
    if freq.get(word, 0) <= 0:
        return False
    tag = user_tags.get(word)  # a word extraction taught jieba (add_word) goes by its own tag
    return not tag.startswith("nr") if tag else word not in names


@lru_cache(maxsize=1)
def _jieba_tables() -> tuple[dict[str, int], dict[str, str], frozenset[str]]:
    tokenizer = jieba_tokenizer()
    return tokenizer.dt.FREQ, tokenizer.dt.user_word_tag_tab, dictionary_name_words()


def _left_ok(folded: str, i: int) -> tuple[bool, bool]:
    """(acceptable left context, a title ends right before)."""
    if i == 0:
        return True, False
    if ZH_TITLE_END.search(folded[max(0, i - 8) : i]):
        return True, True
    return folded[i - 1] in _ZH_BOUNDARY_BEFORE, False


def _zh_candidates(folded: str) -> list[_Mention]:
    found: list[_Mention] = []
    last_end = -1
    for m in _SURNAME_START.finditer(folded):
        i = m.start()
        if i < last_end:
            continue
        cand = _zh_name_at(folded, i)
        if cand is not None:
            found.append(cand)
            last_end = cand.end
    return found


def _zh_name_at(folded: str, i: int) -> _Mention | None:
    left: tuple[bool, bool] | None = None  # _left_ok's answer, once a name could follow
    sur_len = 2 if folded[i : i + 2] in COMPOUND_SURNAMES and _CJK.match(folded[i + 2 : i + 3] or "x") else 1
    if sur_len == 1 and folded[i] not in SINGLE_SURNAMES:  # 长 of 长孙 is not a surname alone
        return None
    for glen in (2, 1):
        end = i + sur_len + glen
        name = folded[i:end]
        if len(name) != sur_len + glen or not _CJK_RUN.fullmatch(name):
            continue
        if not _NOT_GIVEN.isdisjoint(name[sur_len:]):
            continue
        rest = folded[end : end + 8]
        strong = _ZH_STRONG_FOLLOW.match(rest) is not None
        weak = strong or _ZH_WEAK_FOLLOW.match(rest) is not None
        post = None if strong or rest[:1] not in _POST_FIRST else ZH_POST_TITLE.match(rest)
        if not (weak or post):
            continue
        if left is None:
            left = _left_ok(folded, i)
        left_ok, titled = left
        if not left_ok and not (post and _ZH_ORG_END.search(folded[max(0, i - 4) : i])):
            continue
        if _dict_word(name) and not ((titled or post) and strong):
            continue
        if glen == 2 and _dict_word(name[:2]) and not titled:
            continue
        after = end + (post.end() if post else 0)
        mention = _Mention(name=name, start=i, end=end, chain_start=i, after=after, sentence=0, zh=True)
        mention.strong = titled or bool(post) or strong or rest.startswith("等")
        return mention
    return None


def _zh_mentions(body: str, folded: str, sentences: list[tuple[int, int]]) -> list[_Mention]:
    index = _sentence_index(sentences)
    candidates = _zh_candidates(folded)
    _zh_comma_chains(folded, candidates)
    accepted = [c for c in candidates if c.strong]
    accepted.extend(_zh_captions(body, folded))
    accepted.extend(_zh_list_runs(folded))
    accepted = _dedupe_overlaps(accepted)
    known = {m.name for m in accepted if len(m.name) >= 2}
    accepted = _zh_known_mentions(folded, accepted, known)
    for m in accepted:
        m.sentence = index(m.start)
    accepted.sort(key=lambda m: m.start)
    for k, m in enumerate(accepted):
        prev_end = accepted[k - 1].after if k else 0
        _zh_titles(body, folded, m, prev_end, sentences[m.sentence][0] if sentences else 0)
        if _ZH_BYLINE_BEFORE.search(folded[max(0, m.chain_start - 8) : m.chain_start]):
            m.excluded = True
    _zh_list_titles(body, folded, accepted)
    _zh_roles(folded, accepted, sentences)
    return accepted


def _zh_comma_chains(folded: str, candidates: list[_Mention]) -> None:
    """`县领导张三，李四，王五参加会议`: bare names joined by single commas between a titled name
    and a verb are names too."""
    k = 0
    while k < len(candidates):
        j = k
        while j + 1 < len(candidates) and candidates[j + 1].start - candidates[j].after == 1:
            if folded[candidates[j].after] not in "，,、":
                break
            j += 1
        chain = candidates[k : j + 1]
        if len(chain) > 2 and chain[0].strong and chain[-1].strong:
            for c in chain:
                c.strong = True
        k = j + 1


def _dedupe_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[_Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _zh_captions(body: str, folded: str) -> list[_Mention]:
    """TV-caption quotes: `雁塔区燃气安全专项整治工作专班 杨兆龙：…` -> spoke, titled by the unit."""
    out = []
    for m in _ZH_CAPTION.finditer(folded):
        name = m.group("name")
        sur, given = split_hanzi_name(name)
        if not sur or not given or len(given) > 2 or _dict_word(name):
            continue
        if any(c in _NOT_GIVEN for c in given):
            continue
        mention = _Mention(
            name=name,
            start=m.start("name"),
            end=m.end("name"),
            chain_start=m.start("unit"),
            after=m.end("name"),
            sentence=0,
            zh=True,
            strong=True,
        )
        mention.titles.append((m.start("unit"), m.end("unit")))
        mention.roles.add("spoke")
        out.append(mention)
    return out


def _zh_list_runs(folded: str) -> list[_Mention]:
    """Names in a `、` list: `旗领导额尔敦巴特尔、乌云其其格、包青山、秦毅，` or `黄建军、王华光等…`.

    A run counts as a list of people when it has a head title, ends in 等 or in a role verb, and
    at least half its items are surname + given name; names without a Chinese surname (Mongolian,
    Tibetan, Uyghur) are then accepted too.
    """
    out: list[_Mention] = []
    for run in _ZH_LIST_RUN.finditer(folded):
        items: list[tuple[int, int]] = []
        pos = run.start()
        for part in run.group(0).split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        # The first item may carry the head title: `旗领导额尔敦巴特尔`.
        s0, e0 = items[0]
        head = _last_title_end(folded[s0:e0])
        if head:
            items[0] = (s0 + head, e0)
            s0 += head
        if not _plausible_list_name(folded[s0:e0]):
            # `会议由A、B主持` or a phrase before the list: keep the trailing name only.
            items[0] = _trailing_name(folded, s0, e0) or (e0, e0)
        # The last item may run into the verb: `徐新福出席会议`.
        sl, el = items[-1]
        tail_strong = False
        if not _plausible_list_name(folded[sl:el]) or _ZH_STRONG_FOLLOW.match(folded, el):
            cut = _leading_name(folded, sl, el)
            if cut is None:
                items.pop()
            else:
                items[-1] = cut
                tail_strong = _ZH_STRONG_FOLLOW.match(folded, cut[1]) is not None
        items = [(s, e) for s, e in items if e > s]
        if len(items) < 2 or not all(_plausible_list_name(folded[s:e]) for s, e in items):
            continue
        with_surname = sum(1 for s, e in items if split_hanzi_name(folded[s:e])[0] and e - s <= 4)
        ends_etc = folded.startswith("等", items[-1][1])
        if with_surname * 2 < len(items) or not (head or ends_etc or tail_strong):
            continue
        for s, e in items:
            out.append(_Mention(folded[s:e], s, e, s, e, 0, True, strong=True))
    return out


def _trailing_name(folded: str, start: int, end: int) -> tuple[int, int] | None:
    for length in (3, 2, 4):
        s = end - length
        if s >= start and _plausible_list_name(folded[s:end]) and split_hanzi_name(folded[s:end])[0]:
            return (s, end)
    return None


def _leading_name(folded: str, start: int, end: int) -> tuple[int, int] | None:
    for length in (3, 2, 4):
        e = start + length
        name = folded[start:e]
        verb_next = folded.startswith("等", e) or _ZH_STRONG_FOLLOW.match(folded, e)
        if e <= end and verb_next and _plausible_list_name(name) and split_hanzi_name(name)[0]:
            return (start, e)
    return None


def _last_title_end(text: str) -> int:
    """Offset just after the last post word in `text` (0 when there is none)."""
    best = 0
    for k in range(len(text) - 1, 0, -1):
        if ZH_TITLE_END.search(text[:k]):
            best = k
            break
    return best


def _plausible_list_name(item: str) -> bool:
    if not 2 <= len(item) <= 8 or not _NOT_GIVEN.isdisjoint(item):
        return False
    if ZH_TITLE_END.search(item) or _dict_word(item):
        return False
    sur, _ = split_hanzi_name(item)
    # Names without a Chinese surname are accepted only when long (Mongolian/Tibetan/Uyghur names).
    return bool(sur) or len(item) >= 4


def _zh_known_mentions(folded: str, mentions: list[_Mention], known: set[str]) -> list[_Mention]:
    """Later bare mentions of names already found (`陈敏强调`), if the text around them allows a name.

    One pass over the text: at each character, look up the substrings of known name lengths.
    """
    if not known:
        return mentions
    taken = bytearray(len(folded) + 1)
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    lengths = sorted({len(n) for n in known}, reverse=True)
    firsts = {n[0] for n in known}
    extra = []
    i = 0
    n = len(folded)
    while i < n:
        if folded[i] not in firsts or taken[i]:
            i += 1
            continue
        hit = None
        for length in lengths:
            name = folded[i : i + length]
            if name in known and not any(taken[i : i + length]):
                rest = folded[i + length : i + length + 8]
                post = ZH_POST_TITLE.match(rest)
                if post or _ZH_STRONG_FOLLOW.match(rest) or _ZH_WEAK_FOLLOW.match(rest):
                    hit = _Mention(name, i, i + length, i, i + length + (post.end() if post else 0), 0, True)
                    hit.strong = True
                    break
        if hit is None:
            i += 1
            continue
        extra.append(hit)
        i = hit.end
    return _dedupe_overlaps(mentions + extra)


def _zh_titles(body: str, folded: str, m: _Mention, prev_end: int, sentence_start: int) -> None:
    """Read the title chain before the name (and a post after it) into m.titles."""
    if m.titles:  # captions carry their unit already
        return
    lo = max(prev_end, sentence_start, m.start - 80)
    window = folded[lo : m.start]
    cut = 0
    for d in _ZH_CLAUSE_DELIM.finditer(window):
        cut = d.end()
    lead = ZH_TITLE_LEAD.match(window, cut)
    if lead:
        cut = max(cut, lead.end())
    chain_start = lo + cut
    chain = folded[chain_start : m.start]
    while chain.startswith("、"):
        chain = chain[1:]
        chain_start += 1
    # `出席会议的市领导还有刘洋`: the list's head title ends before 还有.
    tail = _ZH_HEAD_TAIL.search(chain)
    if tail:
        chain = chain[: tail.start()]
    post = folded[m.end : m.after]
    segments: list[tuple[int, int]] = []
    if chain and ZH_TITLE_CHARS.match(chain) and len(chain) <= 60:
        pos = chain_start
        for part in chain.split("、"):
            if part:
                segments.append((pos, pos + len(part)))
            pos += len(part) + 1
    titled = [(s, e) for s, e in segments if ZH_TITLE_END.search(folded[s:e])]
    if post:
        if segments and not ZH_TITLE_END.search(folded[segments[-1][0] : segments[-1][1]]):
            s, e = segments[-1]
            m.extra_titles.append(_strip_gloss(body[s:e] + body[m.end : m.after]))
            titled = [t for t in titled if t != (s, e)]
            m.chain_start = s
        else:
            titled.append((m.end, m.after))
    if titled:
        m.chain_start = min(m.chain_start, titled[0][0])
    m.titles = titled


def _strip_gloss(text: str) -> str:
    return re.sub(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]", "", text)


def _zh_list_titles(body: str, folded: str, mentions: list[_Mention]) -> None:
    """Give every member of a `、` list the list's title: a head title (`旗领导A、B`) or a title
    after 等 (`A、B等在家的市四套班子领导`)."""
    groups: list[list[_Mention]] = []
    for m in mentions:
        if groups and folded[groups[-1][-1].after : m.start] == "、":
            groups[-1].append(m)
        else:
            groups.append([m])
    for group in groups:
        if len(group) < 2:
            tail = group[0]
            if not tail.titles and not tail.extra_titles:
                _zh_etc_title(body, folded, group)
            continue
        head = group[0]
        if head.titles and all(not g.titles and not g.extra_titles for g in group[1:]):
            for g in group[1:]:
                g.titles = list(head.titles)
        elif all(not g.titles and not g.extra_titles for g in group):
            _zh_etc_title(body, folded, group)


def _zh_etc_title(body: str, folded: str, group: list[_Mention]) -> None:
    last = group[-1]
    match = _ZH_ETC_TITLE.match(folded, last.after)
    if not match:
        return
    text = match.group(0)[1:]
    lead = ZH_TITLE_LEAD.match(text)
    offset = lead.end() if lead else 0
    title = text[offset:]
    if title and ZH_TITLE_END.search(title) and ZH_TITLE_CHARS.match(title):
        s = match.start() + 1 + offset
        for g in group:
            g.titles = [(s, s + len(title))]


def _zh_roles(folded: str, mentions: list[_Mention], sentences: list[tuple[int, int]]) -> None:
    by_sentence: dict[int, list[_Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    last_person: _Mention | None = None
    last_suppressed = False
    for si, (s_start, s_end) in enumerate(sentences):
        sentence = folded[s_start:s_end]
        group = by_sentence.get(si, [])
        suppressed = bool(_ZH_AFTER_MEETING.match(sentence))
        pron = _ZH_PRONOUN.match(sentence)
        if pron and last_person is not None and not last_suppressed:
            head = folded[s_start + pron.end() : group[0].chain_start if group else s_end]
            roles, _ = _scan_zh(head)
            last_person.roles |= roles
        if not group:
            continue
        shares: list[bool] = []
        for k, m in enumerate(group):
            stop = group[k + 1].chain_start if k + 1 < len(group) else s_end
            window = folded[m.after : max(m.after, stop)]
            if m.excluded:
                shares.append(False)
                continue
            if folded.startswith("关于", m.after) or _ZH_REFERENCED.match(window):
                m.referenced = True
                shares.append(False)
                continue
            roles, _ = _scan_zh(window)
            shares.append(not roles and re.fullmatch(r"[、，,和与及\s]*", window) is not None)
            if suppressed:
                m.suppressed = True
                continue
            m.roles |= roles
        # `出席会议的还有A、B`: the verb before the first name covers the whole list.
        for k, m in enumerate(group):
            if _ZH_ATTEND_BEFORE.search(folded[max(s_start, m.start - 24) : m.start]):
                j = k
                while True:
                    group[j].roles.add("attended")
                    if j + 1 >= len(group) or not re.fullmatch(
                        r"[、，,和与及\s]*", folded[group[j].after : group[j + 1].chain_start]
                    ):
                        break
                    j += 1
        # People joined only by commas and 、 share the verb of the last one.
        for k in range(len(group) - 2, -1, -1):
            if shares[k]:
                nxt = group[k + 1]
                group[k].roles |= nxt.roles
                group[k].referenced = group[k].referenced or (nxt.referenced and not group[k].roles)
        last_person = group[-1]
        last_suppressed = suppressed


def _scan_zh(window: str) -> tuple[set[str], bool]:
    roles: set[str] = set()
    # Once the person has a verb, a clause that opens with something other than a verb or
    # preposition has a new subject (`，县住建局作了发言`, `，有关单位负责同志参加会议`) and ends it.
    limit = len(window)
    first = _ZH_ROLE.search(window)
    if first is None:
        return roles, False
    for comma in _ZH_COMMA.finditer(window, first.end()):
        if not _ZH_CONTINUE.match(window, comma.end()):
            limit = comma.start()
            break
    for match in _ZH_ROLE.finditer(window, 0, limit):
        kind = match.lastgroup or ""
        roles.add(kind)
        word = match.group(0)
        if word in _ZH_STOP or kind == "instructed":
            return roles, True
    return roles, False


# =========================================================================== English


def _en_mentions(body: str, sentences: list[tuple[int, int]]) -> list[_Mention]:
    index = _sentence_index(sentences)
    mentions: list[_Mention] = []
    last_end = -1
    for hit in _EN_NAME.finditer(body):
        start = hit.start()
        if start < last_end:
            continue
        sur, given = hit.group("sur"), hit.group("given")
        if not is_pinyin_name(sur, given):
            continue
        end = start + len(sur) + 1 + len(given)
        if _EN_PLACE_NEXT.match(body, end) or f"{sur} {given}".lower() in _EN_NOT_NAMES:
            continue
        name = f"{sur.capitalize() if sur.isupper() else sur} {given}"
        mentions.append(_Mention(name, start, end, start, end, index(start), False, strong=True))
        last_end = end
    for k, m in enumerate(mentions):
        prev_end = mentions[k - 1].after if k and mentions[k - 1].sentence == m.sentence else None
        sentence_start = sentences[m.sentence][0] if sentences else 0
        _en_pre_title(body, m, sentence_start if prev_end is None else prev_end, prev_end is None)
        next_start = mentions[k + 1].start if k + 1 < len(mentions) else len(body)
        _en_appositive(body, m, next_start)
        before = body[max(0, m.chain_start - 40) : m.chain_start]
        if _EN_PASSIVE_PRESIDED.search(before):
            m.before_roles.add("presided")
        elif _EN_PASSIVE_ATTENDED.search(before):
            m.before_roles.add("attended")
        elif _EN_SAID_BEFORE.search(before):
            m.roles.add("spoke")
        elif _EN_BYLINE_BEFORE.search(before) or (
            before.rstrip().endswith("(") and body[m.end : m.end + 1] == "," and not m.titles
        ):
            m.excluded = True
        elif _EN_REFERENCED_BEFORE.search(before):
            m.referenced = True
    _en_list_titles(body, mentions)
    _en_roles(body, mentions, sentences)
    return mentions


def _title_word_ok(word: str) -> bool:
    low = word.lower()
    if low in _EN_STOP_CAPS:
        return False
    return word[:1].isupper() or low in EN_TITLE_WORDS


def _en_tokens(text: str) -> list[re.Match[str]]:
    return list(_EN_WORD.finditer(text))


def _en_pre_title(body: str, m: _Mention, lo: int, at_sentence_start: bool) -> None:
    """`District Party Secretary Lao Maochang`, `executive deputy District President Zeng Jianhui`."""
    window = body[lo : m.start]
    if not window or not window[-1:].isspace():
        return
    tokens = _en_tokens(window)
    k = len(tokens) - 1
    first = None
    segment_start = None
    while k >= 0:
        tok = tokens[k].group(0)
        if tok == ",":
            # Cross a comma only into a title-like segment that opens the sentence:
            # `District committee standing committee, executive deputy District President Zeng Jianhui`.
            seg_first = _title_segment_back(tokens, k - 1)
            if seg_first == 0 and at_sentence_start:
                first = seg_first
            break
        if tok in ";:.()" or not _title_word_ok(tok):
            break
        first = k
        segment_start = k
        k -= 1
    if first is None or segment_start is None:
        return
    chain_text = window[tokens[first].start() :].rstrip()
    if not (EN_POST_END.search(chain_text) or _EN_POST_OF.match(chain_text)):
        return
    chain_start = lo + tokens[first].start()
    m.chain_start = chain_start
    m.titles.extend(_split_en_titles(body, chain_start, chain_start + len(chain_text)))


def _title_segment_back(tokens: list[re.Match[str]], k: int) -> int | None:
    first = None
    has_post = False
    while k >= 0:
        tok = tokens[k].group(0)
        if tok in ",;:.()":
            break
        if not _title_word_ok(tok):
            return None
        if EN_POST_END.search(tok) or tok.lower() in ("committee", "standing"):
            has_post = True
        first = k
        k -= 1
    return first if has_post else None


def _en_appositive(body: str, m: _Mention, next_start: int) -> None:
    """`Zhang Fei, Secretary of district Party Committee, …` -> the title after the name."""
    pos = m.end
    limit = min(next_start, pos + 300)
    while body.startswith(",", pos) or body.startswith("，", pos):
        seg_start = pos + 1
        while seg_start < limit and body[seg_start] == " ":
            seg_start += 1
        seg_end = seg_start
        tokens = _en_tokens(body[seg_start:limit])
        ok = False
        for tok in tokens:
            word = tok.group(0)
            if word in ",;:.()":
                break
            if not _title_word_ok(word):
                break
            seg_end = seg_start + tok.end()
            ok = True
        segment = body[seg_start:seg_end]
        if not ok or not segment or not EN_POST_ANY.search(segment):
            break
        if body[seg_end : seg_end + 1] not in (",", ":", ";", ".", "，", "", " "):
            break
        # A segment that runs straight into the next name is that person's title, not ours.
        if body[seg_end:next_start].strip() == "":
            break
        m.titles.extend(_split_en_titles(body, seg_start, seg_end))
        pos = seg_end
        m.after = seg_end
        if not body.startswith(",", pos):
            break
        # Stop before `, and He Teng` or `, attended`.
        peek = body[pos + 1 : pos + 40].lstrip()
        if not peek[:1].isupper() and not peek.lower().startswith(_EN_TITLE_OPENERS):
            break


def _split_en_titles(body: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    text = body[start:end]
    pos = 0
    for part in re.split(r"(,\s*| and )", text):
        if part and not re.fullmatch(r",\s*| and ", part):
            s = start + pos
            e = s + len(part)
            lead = re.match(r"and\s+", body[s:e], re.IGNORECASE)
            if lead:
                s += lead.end()
            if e > s:
                out.append((s, e))
        pos += len(part)
    return out


def _en_list_titles(body: str, mentions: list[_Mention]) -> None:
    """`District leaders Liu Xin, Song Rong, …` -> each gets `District leaders`."""
    k = 0
    while k < len(mentions):
        head = mentions[k]
        j = k + 1
        while j < len(mentions) and re.fullmatch(
            r"\s*(?:,|，|、)?\s*(?:and\s+)?", body[mentions[j - 1].after : mentions[j].start]
        ):
            j += 1
        group = mentions[k:j]
        if len(group) > 1 and head.titles and all(not g.titles for g in group[1:]):
            s, e = head.titles[-1]
            if _EN_PLURAL_HEAD.search(body[s:e]):
                for g in group[1:]:
                    g.titles = [(s, e)]
        k = j


def _en_roles(body: str, mentions: list[_Mention], sentences: list[tuple[int, int]]) -> None:
    by_sentence: dict[int, list[_Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    last_person: _Mention | None = None
    for si, (s_start, s_end) in enumerate(sentences):
        group = by_sentence.get(si, [])
        sentence = body[s_start : group[0].chain_start if group else s_end]
        pron = _EN_PRONOUN.match(sentence)
        if pron and last_person is not None:
            last_person.roles |= _scan_en(sentence[pron.end() :])
        if not group:
            continue
        shares = []
        for k, m in enumerate(group):
            stop = group[k + 1].chain_start if k + 1 < len(group) else s_end
            window = body[m.after : max(m.after, stop)]
            if m.excluded:
                shares.append(False)
                continue
            if _EN_POSSESSIVE_AFTER.match(window):
                m.referenced = True
            if m.referenced:
                shares.append(False)
                continue
            if window.lstrip().startswith(")"):
                shares.append(False)
                continue
            roles = _scan_en(window)
            m.roles |= roles
            shares.append(not roles and _EN_JOIN.fullmatch(window) is not None)
        for k in range(len(group) - 2, -1, -1):
            if shares[k]:
                nxt = group[k + 1]
                group[k].roles |= nxt.roles
                if nxt.referenced and not group[k].roles:
                    group[k].referenced = True
        # `attended by A and B`, `chaired by A`: a verb before the first name covers the list.
        # (Joined as in _EN_JOIN.)
        carry: set[str] = set()
        for k, m in enumerate(group):
            carry = carry | m.before_roles
            if m.excluded or m.referenced:
                carry = set()
                continue
            m.roles |= carry
            if k + 1 < len(group) and not _EN_JOIN.fullmatch(body[m.after : group[k + 1].chain_start]):
                carry = set()
        last_person = group[-1]


def _scan_en(window: str) -> set[str]:
    roles: set[str] = set()
    for match in _EN_ROLE.finditer(window):
        roles.add(match.lastgroup or "")
        if _EN_STOP.search(match.group(0)):
            break
    return roles


# =========================================================================== assembling


def _officials(body: str, mentions: list[_Mention]) -> list[ExtractedOfficial]:
    people: dict[str, ExtractedOfficial] = {}
    order: list[str] = []
    for m in mentions:
        key = m.name if m.zh else m.name.lower()
        person = people.get(key)
        if person is None:
            name_zh = m.name if m.zh else None
            name_en = name_to_pinyin(m.name) if m.zh else m.name
            person = ExtractedOfficial(name_zh=name_zh, name_en=name_en)
            people[key] = person
            order.append(key)
        if m.excluded:
            continue
        person.spans.append((m.start, m.end))
        for role in sorted(m.roles):
            if role in ROLES and role not in person.roles:
                person.roles.append(role)
        titles = [_strip_gloss(body[s:e]).strip() for s, e in m.titles] + m.extra_titles
        for title in titles:
            _add_title(person.titles, title)
    out = []
    for key in order:
        person = people[key]
        if not person.roles or not person.spans:
            continue
        # National leaders' instructions are quoted as background (`习近平总书记作出重要指示`), not
        # given to this meeting.
        if person.roles == ["instructed"] and any(_NATIONAL_LEADER.search(t) for t in person.titles):
            continue
        person.roles = [r for r in ROLES if r in person.roles]
        out.append(person)
        if person.name_zh:
            _remember(person.name_zh)
    return out


_NATIONAL_LEADER = re.compile(
    r"^(?:中共中央)?总书记$|^(?:国务院)?副?总理$|^国务委员$|^国家主席$|General Secretary|^(?:Vice )?Premier$|"
    r"^President$|State Councilor"
)
_TITLE_STOPWORDS = frozenset({"the", "of", "and"})


def _add_title(titles: list[str], title: str) -> None:
    title = title.strip(" ,，、")
    if not title or len(title) > 120:
        return
    words = {w for w in re.findall(r"[a-z]+", title.lower()) if w not in _TITLE_STOPWORDS}
    for existing in titles:
        if existing.lower() == title.lower():
            return
        if words and len(words) <= 2:  # `Secretary` after `Secretary of the District Committee`
            other = {w for w in re.findall(r"[a-z]+", existing.lower()) if w not in _TITLE_STOPWORDS}
            if words <= other:
                return
    titles.append(title)


def _remember(name: str) -> None:
    """Teach jieba a found name once per process so later segmentation keeps it whole."""
    if name in _added_words or len(_added_words) > 100_000:
        return
    with _added_lock:
        if name not in _added_words:
            _added_words.add(name)
            add_word(name, tag="nr")
