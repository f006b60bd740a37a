"""Ingest report files: discover, extract in worker processes, write each document atomically.

Extraction (CPU-bound, Django-free) runs in a process pool that loads jieba and the reference
data once per worker; the parent writes. The parent writes the documents that arrive together
(up to BATCH_SIZE, or what came in BATCH_SECONDS) in one transaction with a few statements for
them all. If anything in that batch fails, the transaction is rolled back and each of its
documents is written again in a transaction of its own, so a failing document leaves nothing
of itself and never stops the others, and a kill leaves whole documents only. Writes are
idempotent (content hash, source location): running again finishes the job.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from safetyhub.iterables import chunked

from .ingest_files import (
    Failed,
    FileTask,
    Outcome,
    Prepared,
    Unchanged,
    discover,
    fewer_collections,
    process_batch,
    process_file,
    worker_init,
)
from .models import Meeting, MeetingSource
from .services import ApplyContext, NewMeeting, insert_values, meeting_apply_extraction, meetings_create

FILES_PER_WORKER = 20
BATCH_SIZE = 50  # documents written per transaction at most
BATCH_SECONDS = 0.5  # a batch is written at the latest this long after its first document came in
POLL_SECONDS = 0.05  # how often the parent looks up from waiting for the workers
STATUSES = ("new", "updated", "unchanged", "duplicate", "skipped", "failed")


@dataclass
class FileNote:
    file: str
    reason: str = ""
    meeting_id: int | None = None


@dataclass
class IngestSummary:
    """Counts per status; the files behind the ones an operator must look at."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    failures: list[FileNote] = field(default_factory=list)
    skips: list[FileNote] = field(default_factory=list)
    duplicates: list[FileNote] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False
    interrupted: bool = False

    def add(self, status: str, note: FileNote | None = None) -> None:
        self.counts[status] += 1
        if note is None:
            return
        if status == "failed":
            self.failures.append(note)
        elif status == "skipped":
            self.skips.append(note)
        elif status == "duplicate":
            self.duplicates.append(note)

    @property
    def documents(self) -> int:
        return sum(self.counts[s] for s in ("new", "updated", "unchanged", "duplicate"))

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.counts,
            "documents": self.documents,
            "seconds": round(self.seconds, 3),
            "dry_run": self.dry_run,
            "interrupted": self.interrupted,
            "failures": [{"file": n.file, "reason": n.reason} for n in self.failures],
            "skips": [{"file": n.file, "reason": n.reason} for n in self.skips],
            "duplicates": [asdict(n) for n in self.duplicates],
        }

    def line(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        counts = ", ".join(f"{self.counts[s]} {s}" for s in STATUSES)
        prefix = "dry run: " if self.dry_run else ""
        return f"{prefix}{counts} ({self.seconds:.1f} s, {rate:.1f} docs/s)"


ProgressFn = Callable[[str, IngestSummary], None]


def ingest_paths(
    paths: list[str],
    *,
    jobs: int = 1,
    max_bytes: int,
    dry_run: bool = False,
    progress: ProgressFn | None = None,
    on_discovered: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestSummary:
    """Ingest every report file under `paths`; never raises for a bad file."""
    started = time.monotonic()
    summary = IngestSummary(dry_run=dry_run)
    found = discover(paths)
    for location, reason in found.failed:
        summary.add("failed", FileNote(location, reason))
    for location, reason in found.skipped:
        summary.add("skipped", FileNote(location, reason))
    if on_discovered:
        on_discovered(len(found.files))
    context = ApplyContext()
    # A worker costs a second or more to start (jieba's dictionary): not worth it for a few files.
    jobs = max(1, min(jobs, len(found.files) // FILES_PER_WORKER))
    batch: list[Outcome] = []
    first_at = 0.0

    def flush() -> None:
        for status, note in _write_batch(batch, dry_run=dry_run, context=context):
            summary.add(status, note)
            if progress:
                progress(status, summary)
        batch.clear()

    threshold = gc.get_threshold()  # `fewer_collections` changes it for the run
    try:
        for outcome in _outcomes(_tasks(found.files), jobs=jobs, max_bytes=max_bytes):
            if outcome is not None:
                if not batch:
                    first_at = time.monotonic()
                batch.append(outcome)
            # None: nothing ready yet. The batch keeps gathering until it is full or old: when
            # the workers are the limit (they use every core), each batch's fixed cost (a dozen
            # statements, a commit, on the database's side too) is CPU taken from them.
            if batch and (len(batch) >= batch_size or time.monotonic() - first_at >= BATCH_SECONDS):
                flush()
        flush()
    except KeyboardInterrupt:  # the batch being written was rolled back; a rerun writes it
        summary.interrupted = True
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
    summary.seconds = time.monotonic() - started
    return summary


def _tasks(files: list[tuple[str, str]]) -> Iterator[FileTask]:
    """Tasks with the stored file hash of their location, looked up 500 at a time."""
    for batch in chunked((FileTask(loc, path) for loc, path in files), 500):
        known = dict(
            MeetingSource.objects.filter(location__any=[t.location for t in batch]).values_list(
                "location", "file_hash"
            )
        )
        for task in batch:
            yield FileTask(task.location, task.path, known.get(task.location, ""))


def _outcomes(tasks: Iterator[FileTask], *, jobs: int, max_bytes: int) -> Iterator[Outcome | None]:
    """Each file's outcome, in order; None every POLL_SECONDS while the next one is not ready."""
    backend = connection.vendor  # workers build the search documents in its format
    if jobs <= 1:  # extraction loads jieba lazily, so a run of unchanged files never pays for it
        for task in tasks:
            yield process_file(task, max_bytes, backend)
        return
    # forkserver: workers do not inherit the parent's database connections or threads.
    ctx = multiprocessing.get_context("forkserver")
    pool = ctx.Pool(jobs, initializer=worker_init, initargs=(max_bytes,))
    # The parent needs no jieba of its own: workers hand in the search tokens of what they
    # extract (see `search.indexing._cached_name_tokens` for officials merged across
    # languages). It loads one only to index an updated report or a name from an earlier run.
    try:
        fewer_collections()
        # A bounded window keeps memory flat however many files there are. It is wide enough
        # (~100 files a worker) that the workers keep extracting while the parent writes a batch.
        pending: deque[Any] = deque()
        batches = chunked(tasks, 4)
        window = jobs * 24
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                pending.append(pool.apply_async(process_batch, (batch, max_bytes, backend)))
            if not pending:
                break
            while not pending[0].ready():
                yield None  # so the caller can write a batch that is old enough meanwhile
                pending[0].wait(POLL_SECONDS)
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _write_batch(
    batch: list[Outcome], *, dry_run: bool, context: ApplyContext
) -> list[tuple[str, FileNote | None]]:
    """Write a batch of outcomes: all in one transaction, or each in its own if that fails."""
    results: list[tuple[str, FileNote | None] | None] = [None] * len(batch)
    prepared: list[tuple[int, Prepared]] = []
    for i, outcome in enumerate(batch):
        if isinstance(outcome, Failed):
            results[i] = ("failed", FileNote(outcome.location, outcome.reason))
        elif isinstance(outcome, Unchanged):
            results[i] = ("unchanged", None)
        elif dry_run:
            results[i] = _classify(outcome)
        else:
            prepared.append((i, outcome))
    if len(prepared) > 1:
        try:
            with transaction.atomic():
                _commit_without_flush_wait()
                written = _write_together([doc for _i, doc in prepared], context)
        except Exception:  # rolled back: each document is tried on its own below
            context.forget_created()
        else:
            for (i, _doc), result in zip(prepared, written, strict=True):
                results[i] = result
            prepared = []
    for i, doc in prepared:
        results[i] = _record(doc, context=context)
    return [r for r in results if r is not None]


def _commit_without_flush_wait() -> None:
    """PostgreSQL: let this transaction's COMMIT return before its WAL reaches the disk.

    Each commit otherwise waits for an fsync (~20 ms a batch here). The trade-off: a crash of
    the database server (not of ingest) can lose the last fraction of a second of committed
    documents; the database stays consistent (each document is whole or absent) and running
    ingest again writes them. The same bargain as SQLite's synchronous=NORMAL in WAL mode.
    """
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def _record(doc: Prepared, *, context: ApplyContext) -> tuple[str, FileNote | None]:
    try:
        return document_write(doc, context=context)
    except Exception as exc:  # one document's failure never stops the others (its transaction rolled back)
        context.forget_created()
        return "failed", FileNote(doc.location, f"database write failed: {type(exc).__name__}: {exc}")


def _write_together(docs: list[Prepared], context: ApplyContext) -> list[tuple[str, FileNote | None]]:
    """Write documents inside the caller's transaction: new ones in bulk, the others one by one."""
    known = set(
        MeetingSource.objects.filter(location__any=[d.location for d in docs]).values_list(
            "location", flat=True
        )
    )
    hashes = {d.content_hash for d in docs}
    taken = set(Meeting.objects.filter(content_hash__any=hashes).values_list("content_hash", flat=True))
    new: list[Prepared] = []
    others: list[int] = []
    for i, doc in enumerate(docs):
        # New: no source at this path, content not stored yet nor earlier in the batch.
        if doc.location in known or doc.content_hash in taken or doc.search_tokens is None:
            others.append(i)
        else:
            taken.add(doc.content_hash)
            new.append(doc)
    if new:
        _create_new(new, context)
    results: list[tuple[str, FileNote | None]] = [("new", None)] * len(docs)
    for i in others:  # after the new ones: a duplicate within the batch finds its meeting
        results[i] = _write(docs[i], context)
    return results


def _create_new(docs: list[Prepared], context: ApplyContext) -> None:
    from safetyhub.meetings.official_names import set_person_name_hints
    from safetyhub.meetings.search.indexing import set_name_token_hints

    people = [p for doc in docs for p in (doc.search_tokens or {}).get("people", ())]
    set_person_name_hints({(raw_zh, raw_en): (zh, en) for raw_zh, raw_en, zh, en, _t in people})
    set_name_token_hints(
        {(zh or None, en or None): tokens for _rz, _re, zh, en, tokens in people},
        {zh: t for doc in docs for zh, t in (doc.search_tokens or {}).get("zh_name_tokens", {}).items()},
    )
    try:
        created = meetings_create([(d.extracted, d.content_hash) for d in docs], context=context)
        _index_created(created, [d.search_tokens or {} for d in docs])
        seen = MeetingSource._meta.get_field("first_seen").get_db_prep_save(timezone.now(), connection)
        insert_values(
            MeetingSource,
            ["meeting_id", "location", "file_hash", "first_seen", "last_seen"],
            [[c.meeting.pk, d.location, d.file_hash, seen, seen] for c, d in zip(created, docs, strict=True)],
        )
    finally:
        set_person_name_hints({})  # name token hints stay: they are the same for every batch


def _classify(doc: Prepared) -> tuple[str, FileNote | None]:
    """What a real run would do, without writing."""
    source = MeetingSource.objects.select_related("meeting").filter(location=doc.location).first()
    if source and source.meeting.content_hash == doc.content_hash:
        return "unchanged", None
    same = Meeting.objects.filter(content_hash=doc.content_hash).values_list("pk", flat=True).first()
    if same:
        return "duplicate", FileNote(doc.location, "same content as another source", same)
    return ("updated" if source else "new"), None


def document_write(doc: Prepared, *, context: ApplyContext | None = None) -> tuple[str, FileNote | None]:
    """Write one document in its own transaction; retry once if a concurrent ingest won a race."""
    context = context or ApplyContext()
    for attempt in range(2):
        try:
            with transaction.atomic():
                _commit_without_flush_wait()
                return _write(doc, context)
        except IntegrityError:
            if attempt == 1:
                raise
    raise AssertionError("unreachable")


def _write(doc: Prepared, context: ApplyContext) -> tuple[str, FileNote | None]:
    source = MeetingSource.objects.select_related("meeting").filter(location=doc.location).first()
    if source is not None and source.meeting.content_hash == doc.content_hash:
        if source.file_hash != doc.file_hash:  # re-encoded or re-wrapped, same text
            MeetingSource.objects.filter(pk=source.pk).update(file_hash=doc.file_hash)
        return "unchanged", None
    same = Meeting.objects.filter(content_hash=doc.content_hash).values_list("pk", flat=True).first()
    if same is not None:
        # The same report under another path: one meeting, both sources kept.
        if source is not None:
            MeetingSource.objects.filter(pk=source.pk).update(meeting_id=same, file_hash=doc.file_hash)
        else:
            MeetingSource.objects.create(meeting_id=same, location=doc.location, file_hash=doc.file_hash)
        return "duplicate", FileNote(doc.location, "same content as another source", same)
    if source is not None:
        meeting_apply_extraction(
            meeting=source.meeting, extracted=doc.extracted, content_hash=doc.content_hash, context=context
        )
        MeetingSource.objects.filter(pk=source.pk).update(file_hash=doc.file_hash)
        return "updated", None
    meeting = meeting_apply_extraction(
        meeting=Meeting(),
        extracted=doc.extracted,
        content_hash=doc.content_hash,
        context=context,
        index=doc.search_tokens is None,
    )
    if doc.search_tokens is not None:
        _index_new(meeting, doc.search_tokens)
    MeetingSource.objects.create(meeting=meeting, location=doc.location, file_hash=doc.file_hash)
    return "new", None


def _index_new(meeting: Meeting, tokens: dict[str, Any]) -> None:
    """Write a new meeting's search rows from tokens the worker computed."""
    created = NewMeeting(
        meeting,
        [a.official for a in meeting.attendances.select_related("official").order_by("position", "id")],
        [(d.pk, d.text, d.issuer) for d in meeting.directives.select_related("issuer")],
    )
    _index_created([created], [tokens])


def _index_created(created: list[NewMeeting], tokens: list[dict[str, Any]]) -> None:
    """Write new meetings' search rows, from the documents the worker began where it could.

    Only for new meetings, which have nothing editor-owned: their rows are exactly what
    `index_meetings` would build. Uses the search module's row writer and name tokenizer.
    """
    from safetyhub.extraction.tokenize import document_tokens
    from safetyhub.meetings.search import backends
    from safetyhub.meetings.search.indexing import _name_field, _official_names
    from safetyhub.meetings.search_rows import document_finish, document_head

    vendor = connection.vendor
    meeting_rows = []
    directive_rows = []
    for new, worker in zip(created, tokens, strict=True):
        meeting = new.meeting
        names: list[tuple[str | None, str | None]] = []
        for official in new.officials:
            names.extend(_official_names(official))
        head = worker.get("meeting_head")
        if head is None or worker.get("title_text") != meeting.title:
            fields = [document_tokens(meeting.title), document_tokens(meeting.body)]
            head = document_head(vendor, backends.MEETINGS, fields)
        document = document_finish(vendor, backends.MEETINGS, head, _name_field(names))
        meeting_rows.append((meeting.pk, document))
        known = worker.get("directive_heads", {})
        for pk, text, issuer in new.directives:
            head = known.get(text)
            if head is None:
                head = document_head(vendor, backends.DIRECTIVES, [document_tokens(text)])
            names = _official_names(issuer) if issuer else []
            document = document_finish(vendor, backends.DIRECTIVES, head, _name_field(names))
            directive_rows.append((pk, document))
    backends.write_documents(backends.MEETINGS, meeting_rows)
    backends.write_documents(backends.DIRECTIVES, directive_rows)


class QuietProgress:
    """Progress for logs: a line every `every` files or `seconds`, on stderr."""

    def __init__(self, total: int = 0, every: int = 500, seconds: float = 15.0, stream: Any = None) -> None:
        self.total, self.every, self.seconds = total, every, seconds
        self.stream = stream or sys.stderr
        self.done = 0
        self.last = time.monotonic()

    def __call__(self, status: str, summary: IngestSummary) -> None:
        self.done += 1
        now = time.monotonic()
        if self.done % self.every == 0 or now - self.last >= self.seconds:
            self.last = now
            counts = ", ".join(f"{summary.counts[s]} {s}" for s in STATUSES)
            print(f"ingest: {self.done}/{self.total} files ({counts})", file=self.stream, flush=True)
