"""Snippets: the passage with the most query terms, escaped, the terms wrapped in <mark>."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from safetyhub.extraction.tokenize import ParsedQuery, alpha_token, normalize

from .query import parse

_WORD = re.compile(r"[^\W\d_]+|\d+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MAX_HITS = 2000


def find_hits(text: str, terms: frozenset[str] | set[str]) -> list[tuple[int, int, str]]:
    """Return (start, end, term) for every occurrence of the query's tokens in `text`."""
    if not terms or not text:
        return []
    norm = normalize(text)
    hits: list[tuple[int, int, str]] = []
    for term in terms:
        if _CJK.search(term):
            i = norm.find(term)
            while i != -1 and len(hits) < MAX_HITS:
                hits.append((i, i + len(term), term))
                i = norm.find(term, i + len(term))
    plain = {t for t in terms if not _CJK.search(t)}
    if plain:
        for m in _WORD.finditer(norm):
            word = m.group()
            if _CJK.search(word):
                continue
            token = word if word.isdigit() else alpha_token(word)
            if token in plain:
                hits.append((m.start(), m.end(), token))
                if len(hits) >= MAX_HITS:
                    break
    hits.sort(key=lambda h: (h[0], -h[1]))
    return hits


def _keep_phrases(
    text: str, hits: list[tuple[int, int, str]], parsed: ParsedQuery
) -> list[tuple[int, int, str]]:
    """Keep hits of single-token terms, and of phrase tokens only where the whole phrase is."""
    singles = parsed.highlight - {t for p in parsed.phrases for t in p} | {
        alt[0] for g in parsed.required for alt in g.alternatives if len(alt) == 1
    }
    keep = [h[2] in singles for h in hits]
    for i in range(len(hits)):
        for phrase in parsed.phrases:
            j, k = i, 0
            while k < len(phrase) and j < len(hits) and hits[j][2] == phrase[k]:
                if k and (hits[j][0] - hits[j - 1][1] > 3 or text[hits[j - 1][1] : hits[j][0]].strip(" ,-")):
                    break
                j, k = j + 1, k + 1
            if k == len(phrase):
                keep[i:j] = [True] * (j - i)
    return [h for h, kept in zip(hits, keep, strict=True) if kept]


def _best_window(hits: list[tuple[int, int, str]], size: int, text_len: int) -> int:
    """Start of the `size`-long window holding the most distinct terms (then the most hits)."""
    best = (0, 0, 0)  # (distinct, count, -start)
    j = 0
    for i, (start, _, _) in enumerate(hits):
        j = max(j, i)
        while j + 1 < len(hits) and hits[j + 1][1] <= start + size:
            j += 1
        inside = hits[i : j + 1]
        score = (len({h[2] for h in inside}), len(inside), -start)
        if score > best:
            best = score
    start = -best[2]
    # Show a little context before the first term, but never run past the end.
    start = max(0, min(start - size // 5, text_len - size))
    return start


def snippet(text: str, q: str | ParsedQuery | None, length: int = 200) -> SafeString:
    """The best passage of `text` for `q`, HTML-escaped with the matched terms in <mark>."""
    text = text or ""
    length = max(1, length)
    parsed = parse(q) if q else ParsedQuery()
    hits = _keep_phrases(text, find_hits(text, parsed.highlight), parsed)
    start = _best_window(hits, length, len(text)) if hits else 0
    end = min(len(text), start + length)
    parts: list[str] = ["…"] if start > 0 else []
    cursor = start
    for h_start, h_end, _ in hits:
        if h_start < cursor or h_end > end:
            continue
        parts.append(escape(text[cursor:h_start]))
        parts.append(f"<mark>{escape(text[h_start:h_end])}</mark>")
        cursor = h_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))
