"""jieba's accurate-mode segmentation (`Tokenizer.cut`), the same words in less time.

jieba builds a dict of every word starting at each character (get_DAG), then finds the most
probable path with `max()` over a generator of tuples (calc). Both are pure Python and take
most of a worker's segmentation time. Here the two passes are one backward loop over the same
dictionary, with the same arithmetic in the same order and the same tie-breaking, so the words
are exactly jieba's (tests/extraction/test_segment.py compares them on every report at hand);
everything else (blocks, HMM for unknown runs) is jieba's own code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from math import log
from typing import Any


def cut(tokenizer: Any, sentence: str, *, hmm: bool = True) -> list[str]:
    """`tokenizer.lcut(sentence, HMM=hmm)` (accurate mode), for a jieba.Tokenizer."""
    # The patterns `Tokenizer.cut` splits text with, jieba's own (loaded with the tokenizer).
    from jieba import re_han_default as han
    from jieba import re_skip_default as skip

    tokenizer.check_initialized()
    out: list[str] = []
    for block in han.split(sentence):
        if not block:
            continue
        if han.match(block):
            out.extend(_cut_block(tokenizer, block, hmm))
        else:
            for piece in skip.split(block):
                if skip.match(piece):
                    out.append(piece)
                else:
                    out.extend(piece)
    return out


def tokenize(tokenizer: Any, sentence: str, *, hmm: bool = True) -> list[tuple[str, int, int]]:
    """`tokenizer.tokenize(sentence, HMM=hmm)` as a list: (word, start, end)."""
    out = []
    start = 0
    for word in cut(tokenizer, sentence, hmm=hmm):
        end = start + len(word)
        out.append((word, start, end))
        start = end
    return out


def _route(sentence: str, freq: dict[str, int], total: int) -> list[int]:
    """For each offset, the last offset of the word the best path takes from there.

    jieba: route[idx] = max((log(FREQ.get(word) or 1) - logtotal + route[x + 1][0], x) for x
    in DAG[idx]), where DAG[idx] lists the ends of the dictionary words (nonzero frequency)
    starting at idx, in increasing order, or [idx] when there is none. `max` keeps the larger
    x among equal scores, hence `>=` below.
    """
    n = len(sentence)
    logtotal = log(total)
    score = [0.0] * (n + 1)
    best_end = [0] * n
    get = freq.get
    for idx in range(n - 1, -1, -1):
        best = None
        end = idx
        i = idx
        frag = sentence[idx]
        while i < n:
            f = get(frag)
            if f is None:  # not even a prefix of a word
                break
            if f:
                s = log(f) - logtotal + score[i + 1]
                if best is None or s >= best:
                    best = s
                    end = i
            i += 1
            frag = sentence[idx : i + 1]
        if best is None:
            best = log(get(sentence[idx]) or 1) - logtotal + score[idx + 1]
        score[idx] = best
        best_end[idx] = end
    return best_end


def _cut_block(tokenizer: Any, sentence: str, hmm: bool) -> Iterator[str]:
    freq = tokenizer.FREQ
    best_end = _route(sentence, freq, tokenizer.total)
    n = len(sentence)
    x = 0
    if not hmm:  # jieba's __cut_DAG_NO_HMM: runs of single Latin letters and digits joined
        from jieba import re_eng

        buf = ""
        while x < n:
            y = best_end[x] + 1
            word = sentence[x:y]
            if y - x == 1 and re_eng.match(word):
                buf += word
            else:
                if buf:
                    yield buf
                    buf = ""
                yield word
            x = y
        if buf:
            yield buf
        return
    # jieba's __cut_DAG: runs of single characters go to the HMM unless they form a word.
    buf = ""
    while x < n:
        y = best_end[x] + 1
        if y - x == 1:
            buf += sentence[x]
        else:
            if buf:
                yield from _single_run(buf, freq)
                buf = ""
            yield sentence[x:y]
        x = y
    if buf:
        yield from _single_run(buf, freq)


def _single_run(buf: str, freq: dict[str, int]) -> Iterable[str]:
    if len(buf) == 1:
        return buf
    if not freq.get(buf):
        from jieba import finalseg

        return _hmm_words(buf, len(finalseg.Force_Split_Words))
    return buf


@lru_cache(maxsize=4096)
def _hmm_words(buf: str, force_split_count: int) -> tuple[str, ...]:
    """jieba.finalseg's words for a run of characters the dictionary leaves single. The HMM
    (a Viterbi pass in Python) is a quarter of segmentation, and the same runs recur: a name
    the dictionary lacks comes back in every sentence that mentions it. The words depend on
    the run and on the words finalseg must split (a set that only grows), hence the key."""
    from jieba import finalseg

    return tuple(finalseg.cut(buf))
