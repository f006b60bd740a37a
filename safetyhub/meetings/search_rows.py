"""What a search row stores, built from tokens: FTS5 column texts, or tsvector input text.

Django-free, so ingest workers can build the costly part of a row (title, body, directive
text) and the parent only adds the names field, which depends on the officials it resolves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from safetyhub.extraction.tokenize import Token

MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
MAX_POSITIONS_PER_LEXEME = 255


@dataclass(frozen=True)
class Table:
    """One search table: its name and its text fields, best first."""

    name: str
    fields: tuple[str, ...]
    # FTS5 bm25 column weights and tsvector weight letters, in field order.
    bm25_weights: tuple[float, ...]
    ts_weights: tuple[str, ...]


MEETINGS = Table("meetings_search", ("title", "body", "names"), (10.0, 1.0, 4.0), ("A", "B", "C"))
DIRECTIVES = Table("meetings_directive_search", ("text", "names"), (1.0, 4.0), ("B", "C"))


# Tokens are read by index (text 0, position 3, extra 4): ingest workers send them as plain
# tuples, which unpickle several times faster than Token named tuples.
TokenRow = Token | tuple[Any, ...]


def fts_text(tokens: Sequence[TokenRow]) -> str:
    # The word sequence first so phrases line up; search-mode extras after it.
    words = [t[0] for t in tokens if not t[4]]
    extra = [t[0] for t in tokens if t[4]]
    return " ".join(words + extra)


def quote_lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


class _Tsvector:
    """tsvector input text, field by field. `offset` and `counts` continue one that another
    process began: PostgreSQL merges a lexeme given twice, so only the cap needs the counts."""

    def __init__(self, offset: int = 1, counts: dict[str, int] | None = None) -> None:
        self.positions: dict[str, list[str]] = {}
        self.offset = offset
        self.counts = counts or {}

    def add(self, weight: str, tokens: Sequence[TokenRow]) -> None:
        # The hottest loop of a worker's search rows: plain comparisons, no min()/max() calls.
        positions, counts, offset = self.positions, self.counts, self.offset
        last = 0
        for t in tokens:
            lexeme, at = t[0], t[3]
            if at > last:
                last = at
            pos = offset + at
            if pos > MAX_POSITION:
                pos = MAX_POSITION
            entry = positions.get(lexeme)
            if entry is None:
                entry = positions[lexeme] = []
            if len(entry) + (counts.get(lexeme, 0) if counts else 0) < MAX_POSITIONS_PER_LEXEME:
                entry.append(f"{pos}{weight}")
        self.offset += last + 2  # a gap so a phrase never runs from one field into the next

    def text(self) -> str:
        return " ".join(
            f"{quote_lexeme(lex)}:{','.join(dict.fromkeys(ps))}" for lex, ps in self.positions.items()
        )


def tsvector_literal(fields: Sequence[tuple[str, Sequence[TokenRow]]]) -> str:
    """Build tsvector input text: each token at its word position with its field's weight."""
    vector = _Tsvector()
    for weight, tokens in fields:
        vector.add(weight, tokens)
    return vector.text()


# A row's document: the tsvector text (PostgreSQL) or a text per column (SQLite). A head is
# the document less its last field (names), in a form that pickles cheaply.
Document = Any
Head = tuple[Any, ...]


def document(vendor: str, table: Table, fields: Sequence[Sequence[TokenRow]]) -> Document:
    """The stored form of a row with these tokens per field."""
    if vendor == "postgresql":
        return tsvector_literal(list(zip(table.ts_weights, fields, strict=True)))
    return tuple(fts_text(f) for f in fields)


def document_head(vendor: str, table: Table, fields: Sequence[Sequence[TokenRow]]) -> Head:
    """What `document_finish` needs of all the fields but the last."""
    if vendor != "postgresql":
        return tuple(fts_text(f) for f in fields)
    vector = _Tsvector()
    for weight, tokens in zip(table.ts_weights[: len(fields)], fields, strict=True):
        vector.add(weight, tokens)
    return (vector.text(), vector.offset, {lex: len(ps) for lex, ps in vector.positions.items()})


def document_finish(vendor: str, table: Table, head: Head, last: Sequence[TokenRow]) -> Document:
    """The document of `head` plus the tokens of the table's last field: equal to `document`."""
    if vendor != "postgresql":
        return (*head, fts_text(last))
    text, offset, counts = head
    vector = _Tsvector(offset, counts)
    vector.add(table.ts_weights[-1], last)
    tail = vector.text()
    return f"{text} {tail}" if text and tail else text or tail
