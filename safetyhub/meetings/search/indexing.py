"""Keep the search rows in step with meetings and directives."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction

from safetyhub.extraction.tokenize import Token, document_tokens, has_hanzi, name_tokens

from . import backends


@dataclass(frozen=True)
class IndexDocument:
    """What a meeting contributes to the index; `names` are (name_zh, name_en) pairs."""

    id: int
    title: str
    body: str
    names: Sequence[tuple[str | None, str | None]] = ()
    directives: Sequence[tuple[int, str, Sequence[tuple[str | None, str | None]]]] = field(
        default_factory=tuple
    )


# Name tokens by (name_zh, name_en). Ingest workers hand in the tokens of the names they
# extracted (`set_name_token_hints`, with each batch); the last MAX_HINTS are kept, since an
# official met in one batch is often met again in a later one. An official merged across
# languages (陈敏 of one report, "Chen Min" of another) is stored under a pair no report gave:
# its tokens are those of the Chinese name followed by those of the English one (see
# `tokenize.name_tokens`), so they are composed from the Chinese name's tokens a worker
# handed in (the last MAX_ZH_PARTS kept, ~200 bytes each) and the English name's,
# which need no jieba. Only a name neither covers (an official of an earlier run, an alias)
# makes the parent tokenize it, and load a jieba dictionary of its own (~3 s, ~100 MB).
MAX_HINTS = 10_000
MAX_ZH_PARTS = 50_000
_HINTS: dict[tuple[str | None, str | None], Sequence[str]] = {}
_ZH_PARTS: dict[str, str] = {}  # the tokens joined by _SEP: a third of the memory of a list
_SEP = "\x1f"


def _keep_last(store: dict, limit: int) -> None:  # type: ignore[type-arg]
    if len(store) > limit:
        for key in list(islice(store, len(store) - limit)):  # the oldest first
            del store[key]


def set_name_token_hints(
    hints: dict[tuple[str | None, str | None], Sequence[str]],
    zh_parts: dict[str, Sequence[str]] | None = None,
) -> None:
    """Remember these `name_tokens(zh, en)` results and `name_tokens(zh, None)` results by
    zh (they equal what the parent would compute)."""
    _HINTS.update(hints)
    _keep_last(_HINTS, MAX_HINTS)
    parts = {zh: tokens for (zh, en), tokens in hints.items() if zh and not en}
    parts.update(zh_parts or {})
    for zh, tokens in parts.items():
        _ZH_PARTS.pop(zh, None)  # re-inserted: the most recent last
        joined = _SEP.join(tokens)
        if joined.count(_SEP) == len(tokens) - 1:  # no token holds the separator
            _ZH_PARTS[zh] = joined
    _keep_last(_ZH_PARTS, MAX_ZH_PARTS)


def _cached_name_tokens(zh: str | None, en: str | None) -> Sequence[str]:
    found = _HINTS.get((zh, en))
    if found is not None:
        return found
    if en and not has_hanzi(en) and (zh is None or zh in _ZH_PARTS):
        en_part = name_tokens(None, en)  # no jieba needed for a name without hanzi
        return en_part if zh is None else tuple(dict.fromkeys([*_ZH_PARTS[zh].split(_SEP), *en_part]))
    return name_tokens(zh, en)


def _name_field(names: Iterable[tuple[str | None, str | None]]) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    for zh, en in names:
        for text in _cached_name_tokens(zh, en):
            tokens.append(Token(text, 0, 0, position))
            position += 1
        position += 1  # keep different people's names from forming a phrase
    return tokens


def _rows(docs: Iterable[IndexDocument]) -> tuple[list, list]:  # type: ignore[type-arg]
    meetings = []
    directives = []
    for doc in docs:
        names = _name_field(doc.names)
        meetings.append((doc.id, (document_tokens(doc.title), document_tokens(doc.body), names)))
        for directive_id, text, issuer in doc.directives:
            directives.append((directive_id, (document_tokens(text), _name_field(issuer))))
    return meetings, directives


def index_documents(docs: Iterable[IndexDocument], *, batch_size: int = 500) -> int:
    """Write the search rows of these documents, replacing any they had; return the count."""
    count = 0
    it = iter(docs)
    while batch := list(islice(it, batch_size)):
        meetings, directives = _rows(batch)
        count += backends.write_rows(backends.MEETINGS, meetings)
        backends.write_rows(backends.DIRECTIVES, directives)
    return count


def _official_names(official) -> list[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    names = [(official.name_zh or None, official.name_en or None)]
    names.extend(
        (a, None) if any("\u4e00" <= c <= "\u9fff" for c in a) else (None, a) for a in official.aliases
    )
    return names


def _documents(meetings: Iterable) -> Iterator[IndexDocument]:  # type: ignore[type-arg]
    for m in meetings:
        names: list[tuple[str | None, str | None]] = []
        for attendance in m.attendances.all():
            names.extend(_official_names(attendance.official))
        directives = [
            (d.id, d.text, _official_names(d.issuer) if d.issuer else []) for d in m.directives.all()
        ]
        yield IndexDocument(id=m.pk, title=m.title, body=m.body, names=names, directives=directives)


def _with_relations(queryset):  # type: ignore[no-untyped-def]
    return queryset.only("id", "title", "body").prefetch_related(
        "attendances__official", "directives__issuer"
    )


def index_meetings(meetings: Iterable) -> int:  # type: ignore[type-arg]
    """(Re)build the search rows of these meetings (instances or ids) and their directives."""
    from ..models import Directive, Meeting

    ids = [m if isinstance(m, int) else m.pk for m in meetings]
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return 0
    with transaction.atomic():
        # Directives an edit removed must leave the index too.
        stale = list(Directive.objects.filter(meeting_id__in=ids).values_list("id", flat=True))
        backends.delete_rows(backends.DIRECTIVES, stale)
        found = _with_relations(Meeting.objects.filter(pk__in=ids))
        count = index_documents(_documents(found))
        missing = set(ids) - {m.pk for m in found}
        backends.delete_rows(backends.MEETINGS, sorted(missing))
    return count


def rebuild_search_index(*, batch_size: int = 500, progress=None) -> int:  # type: ignore[no-untyped-def]
    """Empty the search tables and index every meeting again; return the number indexed."""
    from ..models import Meeting

    count = 0
    with transaction.atomic():
        backends.clear(backends.MEETINGS)
        backends.clear(backends.DIRECTIVES)
        ids = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
        for i in range(0, len(ids), batch_size):
            chunk = _with_relations(Meeting.objects.filter(pk__in=ids[i : i + batch_size]))
            count += index_documents(_documents(chunk), batch_size=batch_size)
            if progress:
                progress(count, len(ids))
    backends.optimize(backends.MEETINGS)
    backends.optimize(backends.DIRECTIVES)
    return count
