"""Build the links of a list page: every view is a URL, so every facet value and chip is a link."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote_plus

from django.http import QueryDict

# Parameters a new filter choice must reset: a changed result set starts at page 1.
VOLATILE = ("page",)


@lru_cache(maxsize=8192)
def _pair(name: str, value: str) -> str:
    return f"{quote_plus(name)}={quote_plus(value)}"


def urlencode(pairs: Iterable[tuple[str, str]]) -> str:
    """urllib's urlencode for string pairs, each pair encoded once per process: a list page
    builds ~100 links from the same few parameters."""
    return "&".join(_pair(k, v) for k, v in pairs)


class QueryState:
    """An immutable view of the query string that returns URLs with one thing changed."""

    def __init__(self, query: QueryDict, path: str) -> None:
        self.path = path
        self._items: dict[str, list[str]] = {k: [v for v in query.getlist(k) if v != ""] for k in query}
        self._items = {k: v for k, v in self._items.items() if v}

    def _url(self, items: dict[str, list[str]], path: str | None = None) -> str:
        path = self.path if path is None else path
        pairs = [(k, v) for k, values in items.items() for v in values]
        return f"{path}?{urlencode(pairs)}" if pairs else path

    def _copy(self, *, keep_page: bool = False) -> dict[str, list[str]]:
        items = {k: list(v) for k, v in self._items.items()}
        if not keep_page:
            for k in VOLATILE:
                items.pop(k, None)
        return items

    def get(self, name: str) -> str:
        values = self._items.get(name)
        return values[0] if values else ""

    def getlist(self, name: str) -> list[str]:
        return list(self._items.get(name, []))

    def set(self, **params: str | None) -> str:
        """Set (or with None remove) single-valued parameters."""
        items = self._copy(keep_page="page" in params)
        for name, value in params.items():
            if value is None or value == "":
                items.pop(name, None)
            else:
                items[name] = [value]
        return self._url(items)

    def toggle(self, name: str, value: str) -> str:
        """Add a value of a repeatable parameter, or remove it when present."""
        items = self._copy()
        values = items.get(name, [])
        items[name] = [v for v in values if v != value] if value in values else [*values, value]
        if not items[name]:
            del items[name]
        return self._url(items)

    def page(self, number: int, param: str = "page") -> str:
        """This list's page `number`; every other parameter, another list's page too, is kept."""
        items = self._copy(keep_page=True)
        items.pop(param, None)
        if number > 1:
            items[param] = [str(number)]
        return self._url(items)

    def with_path(self, path: str) -> str:
        """The same filters on another page (export, feed, API)."""
        return self._url(self._copy(), path)

    @property
    def current(self) -> str:
        return self._url(self._copy(keep_page=True))

    def hidden_except(self, *names: str) -> list[tuple[str, str]]:
        """(name, value) pairs for hidden inputs: a form that changes `names` keeps the rest."""
        skip = set(names) | set(VOLATILE)
        return [(k, v) for k, values in self._items.items() if k not in skip for v in values]
