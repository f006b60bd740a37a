"""Enumerate the project's URL patterns and fill their parameters with hostile objects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver

# Patterns tests cannot GET meaningfully (POST-only endpoints), by URL name.
NOT_GETTABLE = {"set_language"}
_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    name: str
    template: str  # e.g. "meetings/<int:pk>/"

    @property
    def params(self) -> list[tuple[str, str]]:
        return [(m["conv"] or "str", m["name"]) for m in _PARAM.finditer(self.template)]


def public_routes() -> list[Route]:
    """Every named route outside the admin, with its full path template."""
    return sorted(_walk(get_resolver(), ""), key=lambda r: r.template)


def _walk(resolver: URLResolver, prefix: str) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin" or entry.namespace == "admin":
                continue
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name and entry.name not in NOT_GETTABLE:
            template = prefix + str(entry.pattern)
            if "(?P<" in template or "^" in template:
                continue  # regex routes (none of ours): nothing to fill
            yield Route(entry.name, template)


def candidate_paths(route: Route, objects: dict[str, Model]) -> list[str]:
    """Paths for this route, one per hostile object whose key fits its parameters."""
    if not route.params:
        return ["/" + route.template]
    # Prefer the object the route is named after (meeting_detail, officials/<pk>/); else try all.
    named = {k: o for k, o in objects.items() if k in route.name or f"{k}s/" in route.template}
    objects = named or objects
    values: dict[str, list[str]] = {}
    for conv, name in route.params:
        if conv == "int" or name in ("pk", "id") or name.endswith("_id"):
            values[name] = [str(o.pk) for o in objects.values()]
        elif conv == "slug" or name == "slug":
            values[name] = [o.slug for o in objects.values() if hasattr(o, "slug")]
        else:
            values[name] = [getattr(o, name) for o in objects.values() if hasattr(o, name)]
            values[name] += [o.code for o in objects.values() if hasattr(o, "code")]
    paths = []
    for i in range(max(len(v) for v in values.values())):
        chosen = {
            name: (values[name] or ["x"])[min(i, len(values[name] or ["x"]) - 1)] for _c, name in route.params
        }
        paths.append("/" + _PARAM.sub(lambda m, chosen=chosen: chosen[m["name"]], route.template))
    return sorted(set(paths))
