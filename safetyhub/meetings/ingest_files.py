"""The Django-free half of ingest: find files, decode them, reduce HTML to text, extract.

Worker processes import only this module (and the extraction package), so they start
fast and never touch the database. Everything a worker returns is picklable.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safetyhub.extraction.types import ExtractedMeeting, ExtractedOfficial

TEXT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})

# Encodings worth considering for Chinese and English reports; restricting the detector to
# them keeps it from "finding" an exotic single-byte code page in random bytes.
CANDIDATE_ENCODINGS = ["utf_8", "utf_16", "utf_16_le", "utf_16_be", "gb18030", "big5", "big5hkscs"]

_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive or Office document",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
}

# A report must mention a meeting somewhere; "会" alone is too common (社会, 会计) to count.
MEETING_WORDS = re.compile(
    r"会议|會議|大会|大會|会上|會上|座谈会|座談會|调度会|調度會|推进会|推進會|部署会|部署會|例会|例會|"
    r"全会|全會|常务会|常務會|召开|召開|开会|開會|\bmeetings?\b|\bconferences?\b|\bplenary\b|\bconvened?\b",
    re.IGNORECASE,
)


class InputError(Exception):
    """A file that cannot be ingested; the message is shown to the operator as the reason."""


@dataclass(frozen=True)
class FileTask:
    location: str  # the path as the operator gave it (relative stays relative)
    path: str  # what to open
    known_file_hash: str = ""  # the stored hash for this location, so workers can skip unchanged files


@dataclass
class Discovery:
    files: list[tuple[str, str]] = field(default_factory=list)  # (location, path)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (location, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Prepared:
    """A decoded and extracted document, ready for the database."""

    location: str
    file_hash: str
    content_hash: str
    encoding: str
    extracted: ExtractedMeeting
    # Search tokens computed in the worker, so the parent only writes them:
    # {"title_text": str, "meeting_head": head, "directive_heads": {text: head},
    #  "people": [(raw name_zh, raw name_en, name_zh, name_en, name tokens), ...]}.
    search_tokens: dict[str, Any] | None = None


@dataclass
class Unchanged:
    location: str
    file_hash: str


@dataclass
class Failed:
    location: str
    reason: str


Outcome = Prepared | Unchanged | Failed


# Discovery -------------------------------------------------------------------------------------


def discover(paths: Iterable[str]) -> Discovery:
    """Expand files and directories (recursively, following symlinks, once per real directory)."""
    found = Discovery()
    seen_files: set[str] = set()
    for given in paths:
        if not os.path.lexists(given):
            found.failed.append((given, "no such file or directory"))
            continue
        if os.path.isdir(given):
            _walk(given, found, seen_files)
        elif os.path.islink(given) and not os.path.exists(given):
            found.failed.append((given, "broken symbolic link"))
        else:
            _add_file(given, found, seen_files)
    return found


def _walk(root: str, found: Discovery, seen_files: set[str]) -> None:
    visited: dict[tuple[int, int], str] = {}
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            st = os.stat(directory)
        except OSError as exc:
            found.failed.append((directory, f"cannot read directory: {exc.strerror}"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited:
            found.skipped.append((directory, f"directory loop: already visited as {visited[key]}"))
            continue
        visited[key] = directory
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            found.failed.append((directory, f"cannot read directory: {exc.strerror}"))
            continue
        subdirs = []
        for entry in entries:
            location = os.path.normpath(os.path.join(directory, entry.name))
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(location)
            elif entry.is_symlink() and not os.path.exists(entry.path):
                found.failed.append((location, "broken symbolic link"))
            else:
                _add_file(location, found, seen_files)
        stack.extend(reversed(subdirs))


def _add_file(location: str, found: Discovery, seen_files: set[str]) -> None:
    location = os.path.normpath(location)
    if location in seen_files:
        return
    seen_files.add(location)
    suffix = os.path.splitext(location)[1].lower()  # Path(...).suffix, at a tenth of the cost
    if suffix == ".":  # "name." has no extension
        suffix = ""
    if suffix not in TEXT_SUFFIXES:
        found.skipped.append((location, f"not a report file ({suffix or 'no extension'})"))
        return
    found.files.append((location, location))


# Reading and decoding ----------------------------------------------------------------------------


def read_bytes(path: str, *, max_bytes: int) -> bytes:
    """Read a file, refusing what is not a regular file or is over the size limit."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}") from exc
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file")
    if st.st_size > max_bytes:
        raise InputError(f"file is {st.st_size:,} bytes, over the limit of {max_bytes:,}")
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}") from exc
    if len(data) > max_bytes:  # grew while we looked
        raise InputError(f"file is over the limit of {max_bytes:,} bytes")
    return data


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 (BOM or not), UTF-16/32 with BOM, else detected."""
    if not data.strip():
        raise InputError("empty file")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary file ({kind})")
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable bytes: invalid {encoding} at byte {exc.start}") from exc
    if b"\x00" not in data:
        try:
            return _checked(data.decode("utf-8")), "utf-8"
        except UnicodeDecodeError:
            pass
    text, encoding = _detect(data)
    return _checked(text), encoding


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        if b"\x00" in data:
            raise InputError("binary file (contains NUL bytes)")
        raise InputError("undecodable bytes: not UTF-8, UTF-16, GB18030/GBK or Big5")
    text = str(best)
    if "\x00" in text:
        raise InputError("binary file (contains NUL bytes)")
    return text, best.encoding


# Unicode's Cc category (U+0000-U+001F, U+007F-U+009F) but for \t \n \v \f \r: as one regex,
# since a per-character unicodedata lookup cost more than decoding.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _checked(text: str) -> str:
    """Refuse text that is mostly control characters (a binary file that happened to decode)."""
    if "\x00" in text:
        raise InputError("binary file (contains NUL bytes)")
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError("binary file (control characters)")
    if "\ufffd" in text and text.count("\ufffd") > max(2, len(text) // 200):
        raise InputError("undecodable bytes (replacement characters)")
    if not text.strip():
        raise InputError("empty file")
    return text


_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article")


def html_to_text(html: str) -> str:
    """Reduce HTML to its visible text, one line per block, with a real parser."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "svg"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if soup.head:
        soup.head.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = soup.get_text("")
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.splitlines()]
    body = "\n".join(line for line in lines if line)
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    return body


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)", re.MULTILINE)
_MD_EMPH = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(md: str) -> str:
    """Drop Markdown markup (headings, links, emphasis) and keep the words."""
    text = _MD_LINK.sub(r"\1", md)
    text = _MD_MARK.sub("", text)
    return _MD_EMPH.sub(r"\2", text)


def normalize_text(text: str) -> str:
    """The form the content hash is taken over: NFC, Unix line ends, stripped."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def load_text(path: str, *, max_bytes: int) -> tuple[str, str, str]:
    """Read, decode and reduce a file to plain text: (text, encoding, file_hash)."""
    data = read_bytes(path, max_bytes=max_bytes)
    file_hash = hashlib.sha256(data).hexdigest()
    text, encoding = decode_bytes(data)
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        text = html_to_text(text)
    elif suffix == ".md":
        text = markdown_to_text(text)
    text = normalize_text(text)
    if not text:
        raise InputError("empty file (no text)")
    return text, encoding, file_hash


def looks_like_meeting(extracted: ExtractedMeeting) -> bool:
    """The rule for "no meeting found": no meeting word in the text and nothing extracted."""
    if MEETING_WORDS.search(extracted.body):
        return True
    return bool(extracted.officials or extracted.directives or extracted.held_on)


# Workers -----------------------------------------------------------------------------------------

_max_bytes = 5 * 1024 * 1024


def worker_init(max_bytes: int) -> None:
    """Load the reference data and jieba once per worker process."""
    global _max_bytes
    _max_bytes = max_bytes
    import signal

    from safetyhub.extraction.reference import default_reference
    from safetyhub.extraction.text import jieba_tokenizer

    # The parent decides what an interrupt means; workers just stop when told.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    default_reference()
    jieba_tokenizer()
    search_tokens(ExtractedMeeting(None, "会议", "zh", "会议", "会议"), "sqlite")  # load the search tokenizer
    fewer_collections()


def fewer_collections() -> None:
    """Tune the cyclic garbage collector for a process that extracts or writes thousands of
    documents: leave what is loaded (dictionaries, reference data) out of its scans, and
    collect less often. Nearly everything a document allocates is freed by reference
    counting; collections every 700 allocations took ~3% of a worker's time and ~14% of the
    parent's. Returns nothing to undo: see `ingest.ingest_paths` for the parent."""
    import gc

    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


def process_file(task: FileTask, max_bytes: int | None, backend: str) -> Outcome:
    """Read, decode and extract one file; never raises. `backend`: see `search_tokens`."""
    from safetyhub.extraction.pipeline import extract

    limit = max_bytes if max_bytes is not None else _max_bytes
    try:
        data_hash = _quick_hash(task, limit)
        if data_hash is not None:
            return Unchanged(task.location, data_hash)
        text, encoding, file_hash = load_text(task.path, max_bytes=limit)
        extracted = extract(text, source=task.location)
        if not looks_like_meeting(extracted):
            return Failed(task.location, "no meeting found (no meeting words and nothing extracted)")
        tokens = search_tokens(extracted, backend)
        return Prepared(task.location, file_hash, content_hash(text), encoding, extracted, tokens)
    except InputError as exc:
        return Failed(task.location, str(exc))
    except Exception as exc:  # an extractor bug must not stop the run
        return Failed(task.location, f"extraction failed: {type(exc).__name__}: {exc}")


def search_tokens(extracted: ExtractedMeeting, backend: str) -> dict[str, Any]:
    """Tokenize what a new meeting's search rows hold (the CPU-heavy part of indexing).

    Title, body and directive texts come as `backend`'s (the database vendor's) documents less
    their names field (`search_rows.document_head`): cheaper to send than the tokens, and they
    leave the parent, which writes every document, less to do.
    """
    from safetyhub.extraction.tokenize import document_token_rows, name_tokens
    from safetyhub.meetings.official_names import person_names
    from safetyhub.meetings.search_rows import DIRECTIVES, MEETINGS, document_head

    def tokens(text: str) -> list[tuple[Any, ...]]:
        return document_token_rows(text)  # plain tuples: building Tokens costs more

    title = (extracted.title or "").strip()[:500] or "(untitled)"
    directives = {d.text.strip() for d in extracted.directives}
    # The stored names of each person and their name tokens, as a new official would have them.
    people = []
    zh_parts = {}  # the Chinese name's tokens alone, for an official the parent merges across languages
    for person in extracted.officials:
        if not isinstance(person, ExtractedOfficial):  # a hint only: the writer decides what is valid
            continue
        zh, en = person_names(person)
        people.append((person.name_zh, person.name_en, zh, en, name_tokens(zh or None, en or None)))
        if zh and en:
            zh_parts[zh] = name_tokens(zh, None)
    return {
        "title_text": title,
        "meeting_head": document_head(backend, MEETINGS, [tokens(title), tokens(extracted.body)]),
        "directive_heads": {t: document_head(backend, DIRECTIVES, [tokens(t)]) for t in directives},
        "people": people,
        "zh_name_tokens": zh_parts,
    }


def process_batch(batch: list[FileTask], max_bytes: int, backend: str) -> list[Outcome]:
    """Process a few files per round trip to the pool."""
    return [process_file(task, max_bytes, backend) for task in batch]


def _quick_hash(task: FileTask, limit: int) -> str | None:
    """Return the file's hash when it matches the stored one (nothing to do), else None."""
    if not task.known_file_hash:
        return None
    data = read_bytes(task.path, max_bytes=limit)
    digest = hashlib.sha256(data).hexdigest()
    return digest if digest == task.known_file_hash else None
