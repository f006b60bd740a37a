"""Generated corpora for the benchmarks.

- ensure_corpus(count, seed): the report files (and ground truth) of `generate_corpus`, cached
  under bench/.cache/ (git-ignored) by count and seed.
- load_corpus_into_db(count, seed): fill the current database with `count` meetings straight
  from the generator's ground truth with bulk inserts (no extraction): regions, sectors,
  officials, attendances, directives, sources and the search index. Idempotent: meetings
  already loaded for this seed are kept, so calling it with a larger count adds the rest.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

CACHE = Path(__file__).resolve().parent / ".cache"


def ensure_corpus(count: int, seed: int = 0) -> Path:
    """Return a directory holding reports 0..count-1 of `seed` (generated once, then cached)."""
    from safetyhub.meetings.corpus import generate_corpus

    out = CACHE / f"corpus-s{seed}-n{count}"
    marker = out / ".complete"
    if marker.exists():
        return out
    for _ in generate_corpus(count, seed, out):
        pass
    marker.write_text(str(count), encoding="utf-8")
    return out


def _generate(args: tuple[int, int]) -> dict[str, Any]:
    from safetyhub.meetings.corpus import generate_report

    report = generate_report(*args)
    return {"name": report.name, "text": report.text, "truth": report.truth}


def iter_reports(count: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """Reports 0..count-1 as dicts; generated in parallel the first time and cached (gzip JSON lines)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = sorted(CACHE.glob(f"reports-s{seed}-n*.jsonl.gz"), key=lambda p: int(p.name.split("-n")[1][:-9]))
    best = next((p for p in cached if int(p.name.split("-n")[1][:-9]) >= count), None)
    if best is not None:
        with gzip.open(best, "rt", encoding="utf-8") as fh:
            for line in islice(fh, count):
                yield json.loads(line)
        return
    target = CACHE / f"reports-s{seed}-n{count}.jsonl.gz"
    partial = target.with_suffix(".part")
    ctx = multiprocessing.get_context("forkserver")
    with ctx.Pool() as pool, gzip.open(partial, "wt", encoding="utf-8", compresslevel=3) as fh:
        for item in pool.imap(_generate, ((i, seed) for i in range(count)), chunksize=200):
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
            yield item
    partial.rename(target)


def load_corpus_into_db(count: int, seed: int = 0, *, batch_size: int = 2000, verbose: bool = True) -> int:
    """Bulk-insert generated meetings 0..count-1 of `seed` that are not loaded yet; return how many."""
    from django.db import transaction

    from safetyhub.meetings.ingest_files import content_hash
    from safetyhub.meetings.models import Meeting, MeetingSource, Region, Sector

    prefix = f"corpus/s{seed}/"
    have = MeetingSource.objects.filter(location__startswith=prefix).count()
    if have >= count:
        return 0
    regions = dict(Region.objects.values_list("code", "pk"))
    sectors = dict(Sector.objects.values_list("slug", "pk"))
    if not regions or not sectors:
        raise SystemExit("load the reference data first (manage.py load_reference_data)")
    officials = _OfficialPool()
    started = time.perf_counter()
    added = 0
    reports = islice(iter_reports(count, seed), have, None)
    while batch := list(islice(reports, batch_size)):
        with transaction.atomic():
            added += _load_batch(
                batch, prefix, regions, sectors, officials, content_hash, Meeting, MeetingSource
            )
        if verbose:
            rate = added / (time.perf_counter() - started)
            print(f"  loaded {have + added:,}/{count:,} meetings ({rate:,.0f}/s)", flush=True)
    _index_all(verbose=verbose)
    return added


class _OfficialPool:
    """Officials by (name, province), created in bulk as batches need them."""

    def __init__(self) -> None:
        from safetyhub.meetings.models import Official

        self.ids: dict[tuple[str, str], int] = {}
        for pk, zh, en, code in Official.objects.values_list("pk", "name_zh", "name_en", "home_region__code"):
            self.ids[(zh or en, (code or "")[:2])] = pk

    def resolve(self, people: list[tuple[str, str, str, int]]) -> None:
        """people: (name_zh, name_en, province, home_region_pk); create the missing ones."""
        from safetyhub.meetings.models import Official

        new = {}
        for zh, en, province, region_pk in people:
            key = (zh or en, province)
            if key not in self.ids and key not in new:
                new[key] = Official(name_zh=zh, name_en=en, home_region_id=region_pk)
        if new:
            Official.objects.bulk_create(list(new.values()), batch_size=1000)
            self.ids.update({k: o.pk for k, o in new.items()})


def _load_batch(batch, prefix, regions, sectors, officials, content_hash, Meeting, MeetingSource) -> int:  # type: ignore[no-untyped-def]
    from safetyhub.extraction.text import fold
    from safetyhub.meetings.ingest_files import html_to_text
    from safetyhub.meetings.models import Attendance, Directive

    hashes = {}
    for item in batch:
        text = html_to_text(item["text"]) if item["name"].endswith(".html") else item["text"].strip()
        item["body"] = text
        hashes[item["name"]] = content_hash(text)
    existing = set(
        Meeting.objects.filter(content_hash__in=hashes.values()).values_list("content_hash", flat=True)
    )
    batch = [i for i in batch if hashes[i["name"]] not in existing]
    meetings = []
    people = []
    for item in batch:
        truth = item["truth"]
        region_pk = regions.get(truth["region"]["code"])
        m = Meeting(
            title=truth["title"][:500],
            language=truth["language"],
            meeting_type=truth["meeting_type"],
            body=item["body"],
            raw_text=item["text"],
            content_hash=hashes[item["name"]],
            region_id=region_pk,
            region_confidence=1.0,
            extraction_version="corpus-ground-truth",
        )
        if truth["published_on"]:
            m.published_on = _date(truth["published_on"])
        m.set_held_date(*_partial(truth["held_on"]))
        meetings.append(m)
        province = truth["region"]["code"][:2]
        for p in truth["officials"]:
            people.append((p["name_zh"] or "", p["name_en"], province, region_pk))
    Meeting.objects.bulk_create(meetings, batch_size=1000)
    officials.resolve(people)
    MeetingSource.objects.bulk_create(
        [
            MeetingSource(meeting=m, location=prefix + i["name"], file_hash=m.content_hash)
            for m, i in zip(meetings, batch, strict=True)
        ],
        batch_size=1000,
    )
    through = Meeting.sectors.through
    through.objects.bulk_create(
        [
            through(meeting_id=m.pk, sector_id=sectors[s])
            for m, i in zip(meetings, batch, strict=True)
            for s in i["truth"]["sectors"]
            if s in sectors
        ],
        batch_size=2000,
    )
    attendances = []
    directives = []
    directive_sectors = []
    for m, item in zip(meetings, batch, strict=True):
        truth = item["truth"]
        province = truth["region"]["code"][:2]
        folded = fold(m.body) if truth["language"] == "zh-Hant" else m.body
        ids = {}
        for position, p in enumerate(truth["officials"]):
            name = p["name_zh"] or p["name_en"]
            pk = officials.ids[(name, province)]
            if pk in ids.values():  # two namesakes of one province: one person, as ingest has it
                ids[name] = pk
                continue
            ids[name] = pk
            at = folded.find(name)
            a = Attendance(
                meeting_id=m.pk,
                official_id=pk,
                title=p["titles"][0] if p["titles"] else "",
                titles=p["titles"],
                spans=[[at, at + len(name)]] if at >= 0 else [],
                position=position,
            )
            a.set_roles(p["roles"])
            attendances.append(a)
        for order, d in enumerate(truth["directives"]):
            at = folded.find(d["text"])
            directives.append(
                Directive(
                    meeting_id=m.pk,
                    issuer_id=ids.get(d["issuer"]) if d["issuer"] else None,
                    text=d["text"],
                    order=order,
                    span_start=at if at >= 0 else None,
                    span_end=at + len(d["text"]) if at >= 0 else None,
                )
            )
            directive_sectors.append([sectors[s] for s in d["sectors"] if s in sectors])
    Attendance.objects.bulk_create(attendances, batch_size=2000)
    Directive.objects.bulk_create(directives, batch_size=2000)
    dthrough = Directive.sectors.through
    dthrough.objects.bulk_create(
        [
            dthrough(directive_id=d.pk, sector_id=s)
            for d, ids in zip(directives, directive_sectors, strict=True)
            for s in ids
        ],
        batch_size=2000,
    )
    return len(meetings)


def _index_all(*, verbose: bool) -> None:
    """Rebuild the search index when the search module offers a bulk rebuild."""
    from safetyhub.meetings import search

    rebuild = getattr(search, "rebuild_search_index", None)
    if rebuild is None:
        return
    started = time.perf_counter()
    count = rebuild()
    if verbose:
        print(
            f"  search index rebuilt: {count:,} meetings in {time.perf_counter() - started:.0f} s", flush=True
        )


def _date(iso: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date.fromisoformat(iso)


def _partial(iso: str | None) -> tuple[int | None, int | None, int | None]:
    if not iso:
        return None, None, None
    if iso.startswith("--"):
        month, day = iso[2:].split("-")
        return None, int(month), int(day)
    parts: list[int | None] = [int(p) for p in iso.split("-")]
    parts += [None, None]
    return parts[0], parts[1], parts[2]
