"""URLs of archive records, remembered: a list page links each row to ~8 records."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=65_536)
def _cached_reverse(urlconf: str | None, prefix: str, name: str, arg: str) -> str:
    return reverse(name, urlconf=urlconf, args=[arg])


def fast_reverse(name: str, arg: object) -> str:
    """reverse() for one-argument routes (~0.1 ms each), kept per process; keyed by everything
    reverse() depends on, so a test's own urlconf or a script prefix gets its own entries."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _cached_reverse(urlconf, get_script_prefix(), name, str(arg))
