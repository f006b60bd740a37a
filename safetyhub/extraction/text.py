"""Shared text helpers: jieba loaded once per process, Traditional->Simplified folding."""

from __future__ import annotations

import os
import tempfile
import threading
from functools import cache
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


@cache
def jieba_tokenizer():  # type: ignore[no-untyped-def]
    """Return the process-wide jieba module, its dictionary loaded once."""
    import logging
    import warnings

    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pkg_resources deprecation from jieba's import
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        jieba.dt.tmp_dir = str(_cache_dir())
        jieba.initialize()
    return jieba


@cache
def _t2s():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("t2s")


def fold(text: str) -> str:
    """Traditional -> Simplified with the same length, so spans stay valid in the original."""
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    # Phrase conversions that change length are rare; fall back to character by character.
    convert = _t2s().convert
    return "".join(c if len(s := convert(c)) != 1 else s for c in text)
