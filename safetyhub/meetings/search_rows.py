"""What a search row stores, built from tokens: FTS5 column texts, or tsvector input text.

Django-free, so ingest workers can build the costly part of a row (title, body, directive
text) and the parent only adds the names field, which depends on the officials it resolves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from safetyhub.extraction.tokenize import Token

# PostgreSQL keeps a lexeme's lowest 256 positions and caps positions at 16383 itself; the
# grouped form below keeps the first 256 so a giant report's text stays bounded.
MAX_POSITIONS_PER_LEXEME = 256
# Above this many characters a field is written one entry per lexeme, not per token:
# PostgreSQL counts every lexeme given (duplicates too) against its 1 MB limit on lexeme text.
FLAT_CHARS = 200_000


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
    """tsvector input text, field by field, each token at its word position (from `offset` on)
    with its field's weight. One `'lexeme':position` entry per token: PostgreSQL merges a
    lexeme given more than once (positions sorted, duplicates and the excess dropped), so
    entries need no grouping here, and a process can continue a vector another began."""

    def __init__(self, offset: int = 1) -> None:
        self.parts: list[str] = []
        self.offset = offset

    def add(self, weight: str, tokens: Sequence[TokenRow]) -> None:
        if not tokens:
            self.offset += 2
            return
        offset = self.offset
        # The hottest loop of a worker's search rows, hence one comprehension and the check
        # after it: a lexeme with a quote or a backslash (never one of the tokenizer's words)
        # makes the count of quotes differ.
        text = " ".join([f"'{t[0]}':{offset + t[3]}{weight}" for t in tokens])
        if len(text) > FLAT_CHARS:
            text = _grouped(weight, tokens, offset)
        elif "\\" in text or text.count("'") != 2 * len(tokens):
            text = " ".join([f"{quote_lexeme(t[0])}:{offset + t[3]}{weight}" for t in tokens])
        self.parts.append(text)
        self.offset += max(tokens, key=_position)[3] + 2  # a gap so no phrase runs into the next field

    def text(self) -> str:
        return " ".join(self.parts)


def _position(token: TokenRow) -> int:
    return token[3]


def _grouped(weight: str, tokens: Sequence[TokenRow], offset: int) -> str:
    """A long field as one entry per lexeme with its first positions."""
    positions: dict[str, list[int]] = {}
    for t in tokens:
        entry = positions.setdefault(t[0], [])
        if len(entry) < MAX_POSITIONS_PER_LEXEME:
            entry.append(offset + t[3])
    return " ".join(
        f"{quote_lexeme(lex)}:{','.join(f'{p}{weight}' for p in dict.fromkeys(ps))}"
        for lex, ps in positions.items()
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
    return (vector.text(), vector.offset)


def document_finish(vendor: str, table: Table, head: Head, last: Sequence[TokenRow]) -> Document:
    """The document of `head` plus the tokens of the table's last field: equal to `document`."""
    if vendor != "postgresql":
        return (*head, fts_text(last))
    text, offset = head
    vector = _Tsvector(offset)
    vector.add(table.ts_weights[-1], last)
    tail = vector.text()
    return f"{text} {tail}" if text and tail else text or tail
