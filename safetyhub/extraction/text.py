"""Shared text helpers: jieba loaded once per process, Traditional->Simplified folding."""

from __future__ import annotations

import os
import re
import tempfile
import threading
from bisect import bisect_right
from functools import cache, lru_cache
from pathlib import Path

_lock = threading.Lock()


def _cache_dir() -> Path:
    # jieba writes its dictionary cache to the temp dir; use a writable project folder.
    configured = os.environ.get("JIEBA_CACHE_DIR")
    base = Path(configured) if configured else Path(__file__).resolve().parents[2] / "var" / "jieba"
    try:
        base.mkdir(parents=True, exist_ok=True)
        probe = base / ".probe"
        probe.touch()
        probe.unlink()
        return base
    except OSError:
        return Path(tempfile.gettempdir())


def import_jieba():  # type: ignore[no-untyped-def]
    """Import jieba, quiet (warnings only), without the pkg_resources it imports only to find
    its own data files (a few tenths of a second of every process's start, and a deprecation
    warning); without it jieba opens them by path."""
    import logging
    import sys

    block = "jieba" not in sys.modules and "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import -> ImportError
    try:
        import jieba
    finally:
        if block and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


@cache
def jieba_tokenizer():  # type: ignore[no-untyped-def]
    """Return the process-wide jieba module, its dictionary loaded once."""
    with _lock:
        jieba = import_jieba()
        jieba.dt.tmp_dir = str(_cache_dir())
        jieba.initialize()
    return jieba


@cache
def dictionary_name_words() -> frozenset[str]:
    """The words jieba's dictionary file tags as personal names (nr, nrfg, nrt...).

    That is all extraction needs of jieba.posseg's tag table, which parses the whole file in
    Python (~0.6 s of every worker's start); kept in a cache file beside jieba's own.
    """
    import hashlib
    import marshal

    jieba = jieba_tokenizer()
    path = jieba.dt.dictionary or os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    info = os.stat(path)
    key = hashlib.sha1(f"{os.path.abspath(path)}|{info.st_size}|{info.st_mtime_ns}".encode()).hexdigest()
    cached = _cache_dir() / f"name-words.{key[:16]}.marshal"
    try:
        return frozenset(marshal.loads(cached.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    with open(path, "rb") as fh:
        data = fh.read().decode("utf-8")
    tags = dict(re.findall(r"^(\S+) \S+ (\S+)$", data, re.MULTILINE))  # the last entry of a word wins
    names = frozenset(word for word, tag in tags.items() if tag.startswith("nr"))
    try:
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(sorted(names)))
        partial.replace(cached)  # atomic: a concurrent worker reads a whole file or none
    except OSError:
        pass
    return names


_words_lock = threading.Lock()
_words_added = False  # whether the default dictionary has learnt words since it was loaded


def add_word(word: str, *, tag: str) -> None:
    """Teach the default jieba dictionary a word (extraction learns the names it finds)."""
    global _words_added
    tokenizer = jieba_tokenizer()
    with _words_lock:
        _words_added = True
        tokenizer.add_word(word, freq=None, tag=tag)


def pristine_dictionary() -> tuple[dict[str, int], int] | None:
    """A copy of the default jieba dictionary as loaded (word frequencies, total), if it is
    loaded and has learnt nothing yet; else None.

    The search tokenizer needs the same dictionary in a jieba.Tokenizer of its own: copying
    it takes ~15 ms, loading it again ~1.4 s of every ingest worker's start."""
    import sys

    jieba = sys.modules.get("jieba")
    if jieba is None or not getattr(jieba.dt, "initialized", False):
        return None
    with _words_lock:
        if _words_added:
            return None
        return dict(jieba.dt.FREQ), jieba.dt.total


@cache
def _t2s():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("t2s")


_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@cache
def _traditional_chars() -> frozenset[str]:
    """Characters OpenCC's t2s maps to something else: text without any of them is already Simplified."""
    import opencc

    path = Path(opencc.__file__).resolve().parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            key, _, values = line.rstrip("\n").partition("\t")
            if len(key) == 1 and values.split(" ")[0] != key:
                chars.add(key)
    return frozenset(chars)


def fold(text: str) -> str:
    """Traditional -> Simplified with the same length, so spans stay valid in the original."""
    traditional = _traditional_chars()
    if traditional.isdisjoint(text):
        return text  # the common case (Simplified or English): OpenCC would return it unchanged
    return _HAN_RUN.sub(_fold_run, text)


def _fold_run(m: re.Match[str]) -> str:
    chunk = m.group()
    return chunk if _traditional_chars().isdisjoint(chunk) else _fold_chunk(chunk)


@lru_cache(maxsize=65_536)
def _fold_chunk(chunk: str) -> str:
    # OpenCC's pure-Python converter is slow, and a report's runs are folded again and again
    # (the whole text, then its title, body, directives and names), so remember each run.
    convert = _t2s().convert
    converted = convert(chunk)
    if len(converted) == len(chunk):
        return converted
    # Phrase conversions that change length are rare; fall back to character by character.
    return "".join(c if len(s := convert(c)) != 1 else s for c in chunk)


# Sentence ends: Chinese and English terminators (a period only when followed by space/CJK/end,
# so "No. 5" and "3.5" stay whole), plus line breaks.
_SENTENCE_END = re.compile(r"[。！？!?；;﹔]+[”’\"』」)]?|\.(?=\s|[\u4e00-\u9fff“\"A-Z]|$)|\n+")


_ABBREVIATION = re.compile(
    r"(?:^|(?<=[^A-Za-z]))(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|Mr|Mrs|Ms|Dr|Prof|St|Co|"
    r"Ltd|Inc|Gov|Dept|vs|etc|i\.e|e\.g|[A-Z])$"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentence spans (start, end), whitespace trimmed, empty ones dropped."""
    return list(_sentence_spans(text))


@lru_cache(maxsize=4)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Kept for the last few texts: the pipeline, people and directives split the same body.
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group() == "." and _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
            continue  # "Jan. 3", "No. 5", "Mr. Li"
        _append_trimmed(text, start, m.end(), spans)
        start = m.end()
    _append_trimmed(text, start, len(text), spans)
    return tuple(spans)


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


@lru_cache(maxsize=8)
def segment(folded: str) -> tuple[tuple[str, int, int], ...]:
    """jieba words of `folded` with their offsets (the whole text: the bare jieba pass)."""
    return _offset_words(folded, 0)


def _offset_words(text: str, offset: int) -> tuple[tuple[str, int, int], ...]:
    """jieba words of `text` with their offsets, counted from `offset`."""
    out = []
    pos = offset
    from .segment import cut

    for word in cut(jieba_tokenizer().dt, text):
        out.append((word, pos, pos + len(word)))
        pos += len(word)
    return tuple(out)


# jieba's own block pattern (jieba.re_han_default): it segments each such block on its own,
# so the words inside one block do not depend on the rest of the text.
_JIEBA_BLOCK = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]+")


class LazyWords:
    """jieba's words of a text, segmented block by block only where someone asks.

    Segmenting a whole report is the single largest cost of extraction, yet only the clauses
    holding a sector keyword need word boundaries. Within a block the words are exactly those of
    `segment(text)`; outside blocks every offset counts as a boundary.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: list[tuple[int, int]] | None = None
        self._starts: list[int] = []
        self._words: dict[int, tuple[tuple[str, int, int], ...]] = {}  # block start -> words

    def _block(self, pos: int) -> tuple[int, int] | None:
        if self._spans is None:
            self._spans = [m.span() for m in _JIEBA_BLOCK.finditer(self.text)]
            self._starts = [s for s, _ in self._spans]
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._spans[i][1]:
            return self._spans[i]
        return None

    def _block_words(self, start: int, end: int) -> tuple[tuple[str, int, int], ...]:
        words = self._words.get(start)
        if words is None:
            words = self._words[start] = _offset_words(self.text[start:end], start)
        return words

    def word_at(self, pos: int) -> tuple[str, int, int] | None:
        """The word covering offset `pos`, or None outside jieba's blocks."""
        block = self._block(pos)
        if block is None:
            return None
        for word in self._block_words(*block):
            if word[1] <= pos < word[2]:
                return word
        return None

    def is_boundary(self, pos: int) -> bool:
        """Whether a word starts or ends at `pos`."""
        block = self._block(pos)
        if block is None or pos == block[0]:
            return True
        return any(word[1] == pos for word in self._block_words(*block))


@lru_cache(maxsize=8)
def lazy_words(folded: str) -> LazyWords:
    """The per-text LazyWords, shared by every extractor that reads the same folded text."""
    return LazyWords(folded)
