"""Extraction throughput (KB/s) on Chinese and English reports, against bare jieba.lcut.

Run from the repository root: `python bench/extraction.py [--count N] [--repeat R]`.
The corpus is the seed reports plus ../shared/devset articles when present, cycled to N
documents per language, each made unique so no cache can help. Prints readable lines, then
one JSON line: zh_kb_per_s, en_kb_per_s, cost_vs_jieba (extraction time / jieba.lcut time on
the same texts in the same run; medians of R runs). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from safetyhub.extraction import extract  # noqa: E402
from safetyhub.extraction.language import detect_language  # noqa: E402
from safetyhub.extraction.text import fold, jieba_tokenizer, segment  # noqa: E402


def corpus() -> dict[str, list[str]]:
    paths = sorted((REPO / "seeds").glob("*.txt"))
    for shared in (REPO.parent / "shared", REPO.parent.parent / "shared"):
        if (shared / "devset" / "articles").is_dir():
            paths += sorted((shared / "devset" / "articles").glob("*.txt"))
            break
    by_lang: dict[str, list[str]] = {"zh": [], "en": []}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        lang = detect_language(text, fold(text))
        by_lang["en" if lang in ("en", "mixed") else "zh"].append(text)
    return by_lang


def documents(texts: list[str], count: int) -> list[str]:
    # A distinct last line per copy: caches keyed on the text never hit.
    return [f"{texts[i % len(texts)]}\n({i})" for i in range(count)]


def timed(fn, docs: list[str]) -> float:  # type: ignore[no-untyped-def]
    segment.cache_clear()
    start = time.perf_counter()
    for doc in docs:
        fn(doc)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="documents per language (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs to take the median of (default 3)")
    parser.add_argument(
        "--database-url", default=None, help="accepted for symmetry; extraction uses no database"
    )
    args = parser.parse_args()

    jieba = jieba_tokenizer()
    texts_by_lang = corpus()
    for texts in texts_by_lang.values():  # load jieba, OpenCC, pypinyin and reference data untimed
        for text in texts:
            extract(text)
    figures: dict[str, float] = {}
    total_extract = total_jieba = 0.0
    for lang, texts in texts_by_lang.items():
        docs = documents(texts, args.count)
        kb = sum(len(d.encode("utf-8")) for d in docs) / 1024
        ext = statistics.median(timed(extract, docs) for _ in range(args.repeat))
        seg = statistics.median(timed(jieba.lcut, docs) for _ in range(args.repeat))
        total_extract += ext
        total_jieba += seg
        figures[f"{lang}_kb_per_s"] = round(kb / ext, 1)
        figures[f"{lang}_jieba_kb_per_s"] = round(kb / seg, 1)
        figures[f"{lang}_cost_vs_jieba"] = round(ext / seg, 2)
        print(
            f"{lang}: {len(docs)} docs, {kb:.0f} KB; extract {kb / ext:.1f} KB/s, "
            f"jieba.lcut {kb / seg:.1f} KB/s, cost {ext / seg:.2f}x"
        )
    figures["cost_vs_jieba"] = round(total_extract / total_jieba, 2)
    machine = f"{platform.machine()} {platform.processor() or ''}".strip()
    print(f"machine: {machine}, python {platform.python_version()}")
    print(f"extraction costs {figures['cost_vs_jieba']}x bare jieba.lcut (target <= 3x)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
