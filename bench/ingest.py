"""Ingest throughput and memory: `manage.py ingest` over generated reports, against bare jieba.

    python bench/ingest.py --count 10000 [--jobs 2] [--database-url postgres://.../sh_x] [--seed 0]

Generates (and caches) the corpus with bench/_corpus.py, then ingests it end to end (decode,
extract in --jobs workers, write, index) into a fresh database, once with count/10 reports and
once with count, each in its own process so peak RSS is measured separately. The baseline is
bare single-process `jieba.lcut` over the same texts, timed in the same run.
Ends with one JSON line: docs_per_s, vs_jieba, rss_growth (peak RSS at count / at count/10), ...
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _fresh_database(url: str | None, tag: str) -> str:
    if url is None:
        path = REPO / "var" / "bench" / f"ingest-{tag}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg
    from dj_database_url import parse

    cfg = parse(url)
    name = f"{cfg['NAME']}_{tag}"
    admin = {"host": cfg["HOST"], "port": cfg["PORT"] or 5432, "user": cfg["USER"], "dbname": "postgres"}
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def run_child(corpus: str, jobs: int) -> None:
    """In a fresh process: migrate, load reference data, ingest, print figures as JSON."""
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safetyhub.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from safetyhub.meetings.ingest import ingest_paths
    from safetyhub.meetings.reference import regions_load, sectors_load

    call_command("migrate", verbosity=0)
    sectors_load()
    regions_load()
    summary = ingest_paths([corpus], jobs=jobs, max_bytes=settings.INGEST_MAX_BYTES)
    parent_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "documents": summary.documents,
                "new": summary.counts["new"],
                "failed": summary.counts["failed"],
                "seconds": summary.seconds,
                "parent_rss_mb": parent_kb / 1024,
                "worker_rss_mb": workers_kb / 1024,
                "failures": [f.reason for f in summary.failures[:5]],
            }
        )
    )


def ingest_in_child(corpus: Path, url: str, jobs: int) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(corpus), "--jobs", str(jobs)],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def jieba_baseline(corpus: Path) -> tuple[float, int]:
    """Docs per second of bare single-process jieba.lcut over the corpus texts."""
    from safetyhub.extraction.text import jieba_tokenizer
    from safetyhub.meetings.ingest_files import load_text

    jieba = jieba_tokenizer()
    texts = [
        load_text(str(p), max_bytes=5 * 1024 * 1024)[0]
        for p in sorted(corpus.iterdir())
        if p.suffix in (".txt", ".html")
    ]
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return len(texts) / (time.perf_counter() - started), len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.jobs)
        return
    os.environ.setdefault("SECRET_KEY", "bench-only")
    from bench._corpus import ensure_corpus

    small_count = max(1, args.count // 10)
    started = time.perf_counter()
    big = ensure_corpus(args.count, args.seed)
    small = ensure_corpus(small_count, args.seed)
    took = time.perf_counter() - started
    print(f"corpus: {args.count:,} and {small_count:,} generated reports ({took:.0f} s)")
    database = "postgresql" if args.database_url else "sqlite"

    small_run = ingest_in_child(small, _fresh_database(args.database_url, "small"), args.jobs)
    print(
        f"ingest {small_count:,}: {small_run['documents'] / small_run['seconds']:.1f} docs/s, "
        f"{small_run['failed']} failed {small_run['failures'][:2]}, "
        f"peak RSS {small_run['parent_rss_mb']:.0f} MB"
    )
    big_run = ingest_in_child(big, _fresh_database(args.database_url, "big"), args.jobs)
    docs_per_s = big_run["documents"] / big_run["seconds"]
    print(
        f"ingest {args.count:,}: {docs_per_s:.1f} docs/s with {args.jobs} jobs on {database}, "
        f"{big_run['failed']} failed {big_run['failures'][:2]}, peak RSS {big_run['parent_rss_mb']:.0f} MB"
    )
    jieba_rate, n_texts = jieba_baseline(big)
    print(f"bare jieba.lcut, one process: {jieba_rate:.1f} docs/s over the same {n_texts:,} texts")
    # The parent is what could accumulate (results, summaries); forkserver workers are not our
    # children, so their peak is not visible to getrusage and is not part of the figure.
    rss_growth = big_run["parent_rss_mb"] / small_run["parent_rss_mb"]
    figures = {
        "count": args.count,
        "jobs": args.jobs,
        "database": database,
        "docs_per_s": round(docs_per_s, 2),
        "jieba_docs_per_s": round(jieba_rate, 2),
        "vs_jieba": round(docs_per_s / jieba_rate, 3),
        "rss_growth": round(rss_growth, 3),
        "peak_rss_mb": round(big_run["parent_rss_mb"], 1),
        "failed": big_run["failed"],
        "corpus": "generate_corpus reports, ingested end to end (extraction included)",
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
