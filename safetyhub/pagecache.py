"""Whole-response cache for the public pages, keyed by the archive's content version.

The archive changes only when a report is ingested or an editor saves, yet every page view
recomputes facets, renders templates and builds model instances. So anonymous GET responses
(pages, API, feed, small exports) are kept in the `pages` cache under a key made of the
content version (ArchiveVersion row 2, which database triggers change on every write to
anything a page shows, migration 0007), the language, the host and the full path. A write
therefore retires every cached page at once; nothing is ever served stale on purpose, and
PAGE_CACHE_SECONDS only bounds how long unused entries occupy the cache.

What is never cached: signed-in users (staff see admin links, private deployments), requests
carrying a session or messages cookie, responses that set a cookie, anything but a 200, and
streamed exports larger than PAGE_CACHE_MAX_BYTES. Every page holds the language form's CSRF
token, which must not be shared: the cached copy holds a placeholder that each response
replaces with the requester's own token.

The cache is an optimisation only: if the database cannot tell the version, or the cache
backend fails (a full disk, a read-only directory), the view runs as if there were no cache.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

CSRF_PLACEHOLDER = "__safetyhub_csrf_token__"
_CSRF_BYTES = CSRF_PLACEHOLDER.encode("ascii")
_MARK = "_safetyhub_page_cache"  # request attribute: the CSRF placeholder is in use
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Vary", "Cache-Control")

View = Callable[..., HttpResponse]


class PageFileCache(FileBasedCache):
    """Django's file cache, counting its files every CULL_EVERY writes instead of on each one.

    FileBasedCache lists its whole directory before every write to decide whether to cull;
    with thousands of pages that listing costs more than the write."""

    CULL_EVERY = 100
    _writes = 0  # per process, across the per-thread instances

    def _cull(self) -> None:
        PageFileCache._writes += 1
        if (PageFileCache._writes - 1) % self.CULL_EVERY == 0:
            super()._cull()


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def content_version() -> int | None:
    """The current content version (migration 0007's row), read from the primary."""
    from safetyhub.meetings.models import ArchiveVersion

    return ArchiveVersion.number_of(ArchiveVersion.CONTENT)


def placeholder_in_use(request: HttpRequest) -> bool:
    """Whether templates should print the CSRF placeholder instead of a token (see the tag)."""
    return getattr(request, _MARK, False)


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET" or not enabled():
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _key(request: HttpRequest, version: int) -> str:
    parts = "\n".join(
        [
            str(version),
            get_language() or "",
            request.scheme or "",
            request.get_host(),
            request.get_full_path(),
        ]
    )
    return "page:" + hashlib.sha256(parts.encode("utf-8", "surrogatepass")).hexdigest()


def _cache_get(key: str) -> Any:
    try:
        return caches["pages"].get(key)
    except Exception:  # a cache is an optimisation: any backend failure means "not cached"
        logger.warning("page cache read failed", exc_info=True)
        return None


def _cache_set(key: str, value: Any) -> None:
    try:
        caches["pages"].set(key, value, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("page cache write failed", exc_info=True)


def shared_get(*key_parts: object) -> Any:
    """A value other web processes computed (see shared_set); None when absent or disabled."""
    return _cache_get(_shared_key(key_parts)) if enabled() else None


def shared_set(value: Any, *key_parts: object) -> None:
    """Keep a costly intermediate result (a search's matches) for the other web processes.

    The key parts must include whatever version the value belongs to."""
    if enabled():
        _cache_set(_shared_key(key_parts), value)


def _shared_key(parts: tuple[object, ...]) -> str:
    joined = "\n".join(str(p) for p in parts)
    return "shared:" + hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()


def _with_token(request: HttpRequest, content: bytes) -> bytes:
    if _CSRF_BYTES not in content:
        return content
    return content.replace(_CSRF_BYTES, get_token(request).encode("ascii"))


def _from_cache(request: HttpRequest, entry: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(_with_token(request, content), status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _storable(response: HttpResponse) -> bool:
    return response.status_code == 200 and not response.cookies and not response.has_header("Set-Cookie")


def _headers(response: HttpResponse) -> list[tuple[str, str]]:
    return [(name, response[name]) for name in _KEPT_HEADERS if response.has_header(name)]


def _tee(key: str, response: StreamingHttpResponse) -> Iterator[bytes]:
    """Pass a streamed response through, keeping a copy for the cache while it stays small."""
    headers = _headers(response)
    chunks = response.streaming_content  # taken now: the caller replaces it with our generator

    def passing() -> Iterator[bytes]:
        kept: list[bytes] | None = []
        size = 0
        for chunk in chunks:
            if kept is not None:
                size += len(chunk)
                if size > settings.PAGE_CACHE_MAX_BYTES:
                    kept = None
                else:
                    kept.append(chunk)
            yield chunk
        if kept is not None:
            _cache_set(key, (response.status_code, headers, b"".join(kept)))

    return passing()


def page_cached(view: View) -> View:
    """Serve `view`'s anonymous GET responses from the page cache (see the module docstring)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        try:
            version = content_version()
        except DatabaseError:
            version = None  # the view will meet the outage itself and answer 503
        if version is None:
            return view(request, *args, **kwargs)
        key = _key(request, version)
        entry = _cache_get(key)
        if entry is not None:
            return _from_cache(request, entry)
        setattr(request, _MARK, True)
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        finally:
            # Error pages rendered outside the view (a 404 raised in it) get a real token.
            setattr(request, _MARK, False)
        if isinstance(response, StreamingHttpResponse):
            if _storable(response):
                response.streaming_content = _tee(key, response)
            return response
        if _storable(response):
            _cache_set(key, (response.status_code, _headers(response), bytes(response.content)))
        response.content = _with_token(request, response.content)
        response["X-Page-Cache"] = "miss"
        return response

    return wrapper
