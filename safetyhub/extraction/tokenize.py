"""The search tokenizer: one function for documents and queries. Plain Python, no Django.

- Chinese: Traditional folded to Simplified, then jieba. Documents get the precise-mode words
  in order plus, at the same position, jieba's search-mode sub-words and any lexicon entry
  (gazetteer names, sector keywords, a few domain compounds) that starts inside the word, so
  贵溪市委书记 yields 贵溪市 as well as 市委书记. Queries use the lexicon entries whole and jieba's
  precise words for the rest, so a query token is always one of the document's tokens.
- English and other alphabetic scripts: lower-cased, Snowball-stemmed (inspections -> inspect).
- Numbers are kept as tokens.

The search tokenizer uses its own jieba instance: extraction adds the officials it meets to
the shared one at run time, which would make a document's tokens depend on what the process
had read before. Here the dictionary is fixed (jieba's plus the fixtures), so the same text
gives the same tokens in every process.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from .reference import Reference, default_reference
from .text import _cache_dir, fold, import_jieba, pristine_dictionary

MAX_TOKEN_CHARS = 64
MAX_QUERY_CHARS = 1000
MAX_GROUPS = 16
MAX_ALTERNATIVES = 32

# A run of CJK ideographs, a run of letters (any other script), or a run of digits.
_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([^\W\d_]+)|(\d+)")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Full-width ASCII to ASCII, one character for one, so spans stay valid.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

# Dropped from unquoted query words only (documents keep them so phrases still line up).
EN_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "that",
        "this",
        "was",
        "were",
        "will",
        "its",
        "not",
        "no",
    ]
)
ZH_STOPWORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "在",
        "是",
        "等",
        "并",
        "对",
        "之",
        "也",
        "将",
        "从",
        "就",
        "都",
        "而",
        "或",
    ]
)

# Domain compounds jieba splits or misses; indexed whole so compound queries are exact.
DOMAIN_TERMS = (
    "安全生产",
    "隐患排查",
    "排查整治",
    "隐患排查治理",
    "安委会",
    "安委办",
    "应急管理",
    "消防安全",
    "危化品",
    "危险化学品",
    "专项整治",
    "风险隐患",
    "安全隐患",
    "重大事故隐患",
)

# Common Chinese surnames: a 2-4 character query that starts with one may be a person's name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒"
    "阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓"
    "古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣"
    "巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝劳"
)


class Token(NamedTuple):
    """A token with the span it came from in the original text (a tuple: documents make many)."""

    text: str
    start: int
    end: int
    position: int  # index of the precise-mode word; sub-words share their word's position
    extra: bool = False  # a search-mode sub-word or lexicon entry, not part of the word sequence


# --- dictionary ---------------------------------------------------------------------------------

_lock = threading.Lock()


class Lexicon:
    """Multi-character terms indexed whole wherever they occur (gazetteer names, keywords)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in (fold(w.strip()) for w in words) if len(w) >= 2)
        self.lengths: dict[str, tuple[int, ...]] = {}
        by_first: dict[str, set[int]] = {}
        for w in self.words:
            by_first.setdefault(w[0], set()).add(len(w))
        self.lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in by_first.items()}

    def matches(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield (start, end) of every lexicon word in `text`, overlapping ones included."""
        for i, ch in enumerate(text):
            for n in self.lengths.get(ch, ()):
                if text[i : i + n] in self.words:
                    yield i, i + n


def _reference_words(reference: Reference) -> list[str]:
    words = list(DOMAIN_TERMS)
    for region in reference.regions.values():
        words.append(region.name_zh)
    for sector in reference.sectors:
        words.append(sector.name_zh)
        words.extend(sector.keywords_zh)
    return words


@cache
def _engine() -> tuple[object, Lexicon]:
    """Return this module's own jieba Tokenizer and lexicon, built once per process."""
    with _lock:
        jieba = import_jieba()
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = str(_cache_dir())
        if (pristine := pristine_dictionary()) is not None:  # extraction's, as loaded: copy it
            tokenizer.FREQ, tokenizer.total = pristine
            tokenizer.initialized = True
        else:
            tokenizer.initialize()
    lexicon = Lexicon(_reference_words(default_reference()))
    return tokenizer, lexicon


# --- words --------------------------------------------------------------------------------------


def load() -> None:
    """Load the tokenizer's dictionary now rather than at its first use."""
    _engine()


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@cache
def _traditional_chars() -> frozenset[str]:
    """Characters OpenCC's t2s changes; text without any is already Simplified."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    changed = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values.split(" ")[0] != key:
                changed.add(key)
    return frozenset(changed)


def normalize(text: str) -> str:
    """Full-width to ASCII and Traditional to Simplified, keeping every character's offset."""
    text = text.translate(_FULLWIDTH)
    # OpenCC's pure-Python conversion is slow; most reports are Simplified and need none.
    if _traditional_chars().isdisjoint(text):
        return text
    return fold(text)


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    # The pure-Python Snowball stemmer costs ~0.5 ms a word; vocabularies are small, so cache.
    return _stemmer().stemWord(word)


def alpha_token(word: str) -> str:
    """Lower-case and stem one alphabetic word (accents dropped when that leaves plain ASCII)."""
    word = word.lower()[:MAX_TOKEN_CHARS]
    if word.isascii():
        return _stem(word)
    stripped = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    if stripped.isascii() and stripped:
        return _stem(stripped)
    return word


def _cjk_words(run: str, *, hmm: bool = True) -> list[tuple[str, int, int]]:
    from .segment import tokenize

    tokenizer, _ = _engine()
    return tokenize(tokenizer, run, hmm=hmm)


def _sub_words(word: str) -> Iterator[tuple[str, int]]:
    """jieba's search-mode sub-words of one word: its dictionary 2- and 3-grams."""
    tokenizer, _ = _engine()
    freq = tokenizer.FREQ  # type: ignore[attr-defined]
    for n in (2, 3):
        if len(word) > n:
            for i in range(len(word) - n + 1):
                gram = word[i : i + n]
                if freq.get(gram):
                    yield gram, i


def document_tokens(text: str) -> list[Token]:
    """Tokenize a document: words in order, with sub-words and lexicon entries alongside."""
    return [Token(*row) for row in document_token_rows(text)]


def document_token_rows(text: str) -> list[tuple[str, int, int, int, bool]]:
    """document_tokens as plain tuples (text, start, end, position, extra): what ingest workers
    send to the parent, where building Tokens and converting them back cost more than pickling."""
    norm = normalize(text)
    tokens: list[tuple[str, int, int, int, bool]] = []
    position = 0
    for m in _RUN.finditer(norm):
        cjk, alpha, digits = m.groups()
        start = m.start()
        if alpha is not None:
            tokens.append((alpha_token(alpha), start, m.end(), position, False))
            position += 1
        elif digits is not None:
            tokens.append((digits[:MAX_TOKEN_CHARS], start, m.end(), position, False))
            position += 1
        else:
            run_tokens, words = _run_tokens(cjk)
            tokens.extend((w, start + s, start + e, position + p, x) for w, s, e, p, x in run_tokens)
            position += words
    return tokens


@lru_cache(maxsize=4096)
def _run_tokens(cjk: str) -> tuple[tuple[tuple[str, int, int, int, bool], ...], int]:
    """The tokens of one CJK run, relative to the run: (text, start, end, position, extra), and
    the number of word positions it takes. A run's tokens depend on the run alone, so runs that
    recur (a directive is a clause of its report's body; boilerplate) are tokenized once.
    Nearly all repeats are within a report or of common boilerplate: 4,096 runs hit as often
    as 20,000 over 5,000 reports, and an ingest worker's memory stays flat sooner."""
    _, lexicon = _engine()
    tokens: list[tuple[str, int, int, int, bool]] = []
    position = 0
    word_at: list[int] = []  # run offset -> position of the word covering it
    seen: set[tuple[str, int]] = set()
    for w, s, e in _cjk_words(cjk):
        tokens.append((w, s, e, position, False))
        seen.add((w, s))
        for gram, offset in _sub_words(w):
            tokens.append((gram, s + offset, s + offset + len(gram), position, True))
            seen.add((gram, s + offset))
        word_at.extend([position] * (e - s))
        position += 1
    for s, e in lexicon.matches(cjk):
        if (cjk[s:e], s) not in seen:
            tokens.append((cjk[s:e], s, e, word_at[s], True))
    return tuple(tokens), position


def index_terms(text: str) -> tuple[list[str], list[str]]:
    """Return (word sequence, extra tokens) of a document, for a backend that needs plain text."""
    words: list[str] = []
    extra: list[str] = []
    for t in document_tokens(text):
        (extra if t.extra else words).append(t.text)
    return words, extra


def phrase_tokens(text: str) -> list[str]:
    """The word sequence of a quoted phrase: the same words a document's sequence has."""
    out: list[str] = []
    for m in _RUN.finditer(normalize(text)):
        cjk, alpha, digits = m.groups()
        if alpha is not None:
            out.append(alpha_token(alpha))
        elif digits is not None:
            out.append(digits[:MAX_TOKEN_CHARS])
        else:
            out.extend(w for w, _, _ in _cjk_words(cjk))
    return out


def term_tokens(text: str) -> list[str]:
    """The tokens of an unquoted query word: lexicon entries whole, jieba words for the rest."""
    _, lexicon = _engine()
    out: list[str] = []
    for m in _RUN.finditer(normalize(text)):
        cjk, alpha, digits = m.groups()
        if alpha is not None:
            out.append(alpha_token(alpha))
        elif digits is not None:
            out.append(digits[:MAX_TOKEN_CHARS])
        else:
            # Longest lexicon entries first, left to right; jieba for the gaps.
            i = 0
            gap_start = 0
            while i < len(cjk):
                hit = next((n for n in lexicon.lengths.get(cjk[i], ()) if cjk[i : i + n] in lexicon.words), 0)
                if hit:
                    if gap_start < i:
                        out.extend(w for w, _, _ in _cjk_words(cjk[gap_start:i]))
                    out.append(cjk[i : i + hit])
                    i += hit
                    gap_start = i
                else:
                    i += 1
            if gap_start < len(cjk):
                out.extend(w for w, _, _ in _cjk_words(cjk[gap_start:]))
    return out


def name_tokens(name_zh: str | None, name_en: str | None) -> list[str]:
    """Tokens for an official's name: hanzi, pinyin syllables and the joined pinyin ("chenmin")."""
    return list(_name_tokens(name_zh, name_en))


@lru_cache(maxsize=8192)
def _name_tokens(name_zh: str | None, name_en: str | None) -> tuple[str, ...]:
    # Officials recur across reports; segmenting and pinyin are the costly part. The recent
    # 8,192 names are what recurs within a run; at 65,536 an ingest worker grew ~10 MB more
    # over 5,000 reports of mostly new names.
    out: list[str] = []
    if name_zh:
        out.extend(phrase_tokens(name_zh))
        folded = normalize(name_zh).strip()
        if _CJK_CHAR.search(folded) and folded not in out:
            out.append(folded[:MAX_TOKEN_CHARS])
        out.append(joined_pinyin(folded))
    if name_en:
        out.extend(phrase_tokens(name_en))
        joined = "".join(re.findall(r"[^\W\d_]+", name_en.lower()))
        if joined:
            out.append(joined[:MAX_TOKEN_CHARS])
    return tuple(t for t in dict.fromkeys(out) if t)


def joined_pinyin(name_zh: str) -> str:
    """陈敏 -> "chenmin": the form a pinyin name is indexed and queried by as one token."""
    from .names import lazy_pinyin

    chars = "".join(_CJK_CHAR.findall(name_zh))
    return "".join(lazy_pinyin(chars)).lower()[:MAX_TOKEN_CHARS] if chars else ""


def has_hanzi(text: str) -> bool:
    """Whether `text` holds a CJK character: only then does tokenizing it need jieba."""
    return _CJK_CHAR.search(text) is not None


def looks_like_name(word: str) -> bool:
    """Whether a Chinese query word could be a person's name (surname + 1-3 characters)."""
    return 2 <= len(word) <= 4 and word[0] in SURNAMES and all(_CJK_CHAR.match(c) for c in word)


# --- queries ------------------------------------------------------------------------------------

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """One query term: matches when any alternative (a token or a phrase of tokens) matches."""

    alternatives: tuple[Phrase, ...]


@dataclass(frozen=True)
class ParsedQuery:
    """A tokenized query: every required group must match, no excluded group may."""

    required: tuple[Group, ...] = ()
    excluded: tuple[Group, ...] = ()
    highlight: frozenset[str] = field(default_factory=frozenset)  # every token of every alternative
    phrases: frozenset[Phrase] = field(default_factory=frozenset)  # multi-token alternatives

    def __bool__(self) -> bool:
        return bool(self.required or self.excluded)


# A query item: optional minus, then a "quoted phrase" (closing quote optional) or a bare word.
_ITEM = re.compile(r'(-?)(?:"([^"]*)(?:"|$)|([^\s"]+))')
_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "＂": '"', "『": '"', "』": '"'})


def _clean_query(q: str) -> str:
    q = (q or "")[:MAX_QUERY_CHARS].translate(_QUOTES)
    # Control, format, surrogate and private-use characters become spaces.
    return "".join(" " if unicodedata.category(c)[0] == "C" else c for c in q)


def _word_groups(words: list[tuple[str, str]], synonyms: Mapping[Phrase, Sequence[Phrase]]) -> list[Group]:
    """Group unquoted (token, source word) pairs: sector keywords expand across languages,
    possible names also match their pinyin."""
    longest = max((len(k) for k in synonyms), default=0)
    content = [w for w in words if w[0] not in EN_STOPWORDS and w[0] not in ZH_STOPWORDS] or words
    tokens = [t for t, _ in content]
    groups: list[Group] = []
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(tokens[i : i + n])
            if key in synonyms:
                groups.append(Group(tuple(dict.fromkeys([key, *synonyms[key]]))[:MAX_ALTERNATIVES]))
                i += n
                break
        else:
            source = normalize(content[i][1])
            alternatives: list[Phrase] = [(tokens[i],)]
            if looks_like_name(source):
                # A name query "黄建军" tokenizes to 黄 + 建军: the whole name is one group.
                n = 1
                while i + n < len(tokens) and content[i + n][1] == content[i][1]:
                    n += 1
                alternatives = [tuple(tokens[i : i + n]), (source,), (joined_pinyin(source),)]
                i += n - 1
            groups.append(Group(tuple(dict.fromkeys(alternatives))))
            i += 1
    return groups


def parse_query(q: str, synonyms: Mapping[Phrase, Sequence[Phrase]] | None = None) -> ParsedQuery:
    """Parse user text into token groups; nothing of it ever reaches a database as syntax.

    Words must all match, "quoted phrases" match as phrases, -word and -"phrase" exclude.
    `synonyms` maps a token sequence (a sector keyword, say `("fire",)`) to alternatives that
    also satisfy it (that sector's keywords in both languages); it applies to unquoted words.
    """
    synonyms = synonyms or {}
    required: list[Group] = []
    excluded: list[Group] = []
    words: list[tuple[str, str]] = []  # (token, the unquoted query word it came from)

    for m in _ITEM.finditer(_clean_query(q)):
        minus, quoted, bare = m.groups()
        if quoted is not None:
            tokens = tuple(phrase_tokens(quoted)[:MAX_ALTERNATIVES])
            if tokens:
                (excluded if minus else required).append(Group((tokens,)))
        elif minus:
            excluded.extend(_word_groups([(tok, bare) for tok in term_tokens(bare)], synonyms))
        else:
            words.extend((tok, bare) for tok in term_tokens(bare))
    required.extend(_word_groups(words, synonyms))

    required = required[:MAX_GROUPS]
    excluded = excluded[:MAX_GROUPS]
    alternatives = [alt for g in required for alt in g.alternatives]
    highlight = frozenset(tok for alt in alternatives for tok in alt)
    phrases = frozenset(alt for alt in alternatives if len(alt) > 1)
    return ParsedQuery(tuple(required), tuple(excluded), highlight, phrases)


def keyword_synonyms(
    sectors: Iterable[tuple[str, str, str, Sequence[str], Sequence[str]]],
) -> dict[Phrase, tuple[Phrase, ...]]:
    """Build the cross-language table from sectors (slug, name_en, name_zh, keywords_en, keywords_zh).

    Every name or keyword of a sector, in either language, stands for all of them.
    """
    table: dict[Phrase, dict[Phrase, None]] = {}
    for slug, name_en, name_zh, keywords_en, keywords_zh in sectors:
        phrases: dict[Phrase, None] = {}
        for text in (slug.replace("-", " "), name_en, name_zh, *keywords_en, *keywords_zh):
            tokens = tuple(t for t in term_tokens(text.replace("&", " ")) if t not in EN_STOPWORDS)
            if tokens:
                phrases[tokens] = None
        for key in phrases:
            table.setdefault(key, {}).update(phrases)
    return {k: tuple(v) for k, v in table.items()}
