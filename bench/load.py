"""Load test: gunicorn (4 workers) on 127.0.0.1 under 16 locust users over a browsing mix.

    python bench/load.py --count 100000 --database-url postgres://postgres@127.0.0.1:5432/sh_prod_load

Fills the database with --count generated meetings (bench/_corpus.py's ground truth, bulk
inserted, or bench/_fallback_corpus.py when that module is absent), collects static files,
starts gunicorn with safetyhub/gunicorn.conf.py on a free local port, runs locust headless
for --duration seconds or --max-requests requests (whichever comes first), stops gunicorn,
and prints requests/s, errors and p50/p95/p99 per endpoint. The last line is JSON:
{"rps", "errors", "p50_ms", "p95_ms", "p99_ms", ...}.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

WEIGHTS = {"list_facets": 3, "search": 3, "detail": 3, "api": 2, "export": 1, "feed": 1}
SEARCH_WORDS = [
    "安全生产",
    "消防",
    "隐患排查",
    "道路交通",
    "危险化学品",
    "fire",
    "safety",
    "汛期",
    "建筑施工",
    "会议",
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000, help="generated meetings in the database")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file under var/bench/")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--duration", type=int, default=60, help="seconds (upper bound)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop after this many requests")
    parser.add_argument(
        "--wait", type=float, default=0.0, help="mean think time per user in seconds (0: none)"
    )
    parser.add_argument("--prepare-only", action="store_true", help="fill the database and stop")
    parser.add_argument(
        "--page-cache",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="serve with the page cache (the production default), starting empty",
    )
    args = parser.parse_args()
    if not 1 <= args.duration <= 600 or not 1 <= args.max_requests <= 1_000_000:
        parser.error("duration must be 1..600 s and max-requests 1..1,000,000")

    work = REPO / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    database_url = args.database_url or f"sqlite:///{work / f'load-{args.count}-{args.seed}.sqlite3'}"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "STATIC_PLAIN", "REQUIRE_LOGIN")},
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "safetyhub.settings",
        # A fresh, empty page cache per run (or none): no run starts with another's pages.
        "PAGE_CACHE_DIR": str(work / "page-cache"),
        "PAGE_CACHE_SECONDS": "600" if args.page_cache else "0",
    }
    os.environ.update(env)
    print(f"database: {_redact(database_url)}")

    t0 = time.perf_counter()
    if database_url.startswith(("postgres://", "postgresql://")):
        from bench.search import ensure_postgres_database

        ensure_postgres_database(database_url)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "load_reference_data")
    _manage(env, "collectstatic", "--noinput", "-v0")
    import django

    django.setup()
    corpus_source = _fill(args.count, args.seed)
    plan = _plan(args.seed)
    print(f"prepared in {time.perf_counter() - t0:.0f} s; corpus: {corpus_source}")
    for name, spec in plan["endpoints"].items():
        state = (
            f"{len(spec['paths'])} URLs, weight {spec['weight']}"
            if spec["paths"]
            else "no such page yet, skipped"
        )
        print(f"  {name:12s} {state}")

    if args.prepare_only:
        return
    from django.db import connections

    connections.close_all()
    port = _free_port()
    plan_file = work / "load_plan.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False))
    timings_file = work / "load_timings.json"
    timings_file.unlink(missing_ok=True)
    gunicorn_log = (work / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "safetyhub/gunicorn.conf.py", "safetyhub.wsgi"],
        cwd=REPO,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(args.workers)},
        stdout=gunicorn_log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_healthy(port, server)
        _warm_up(port, plan)
        shutil.rmtree(work / "page-cache", ignore_errors=True)  # warm-up loads code, not pages
        print(
            f"gunicorn: {args.workers} workers on 127.0.0.1:{port}; locust: {args.users} users, "
            f"{args.duration} s or {args.max_requests:,} requests, think time {args.wait} s"
        )
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(REPO / "bench" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "--loglevel",
                "WARNING",
                "-u",
                str(args.users),
                "-r",
                str(args.users),
                "-t",
                f"{args.duration}s",
                "--stop-timeout",
                "10",
                "--host",
                f"http://127.0.0.1:{port}",
            ],
            cwd=REPO,
            env={
                **env,
                "LOAD_PLAN": str(plan_file),
                "LOAD_TIMINGS": str(timings_file),
                "LOAD_MAX_REQUESTS": str(args.max_requests),
                "LOAD_WAIT": str(args.wait),
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=args.duration + 120,
        )
        elapsed = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        gunicorn_log.close()

    timings: list[list[Any]] = json.loads(timings_file.read_text())
    _report(timings, elapsed, args, corpus_source, database_url)


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL
    )


def _fill(count: int, seed: int) -> str:
    """Load the corpus once per database: the shared generator when there is one, else a fallback."""
    from safetyhub.meetings.models import Meeting

    t = time.perf_counter()
    try:
        from bench._corpus import load_corpus_into_db  # type: ignore[import-not-found]
    except ImportError:
        load_corpus_into_db = None
    if load_corpus_into_db is not None:
        if Meeting.objects.count() < count:
            load_corpus_into_db(count=count, seed=seed)
            _vacuum_analyze()
        source = "bench/_corpus.py ground truth (bulk inserts, no extraction)"
    elif os.environ.get("LOAD_CORPUS", "search") == "search":
        # The search benchmark's generator: realistic bodies, officials and sectors, and a real
        # search index built from cached sentence tokens (fast enough for 100,000 meetings).
        from bench.search import load

        how = load(count)
        source = f"bench/search.py generator, {how} (bulk inserts with the search index, no extraction)"
    else:
        from bench._fallback_corpus import load_fallback_corpus

        load_fallback_corpus(count, seed)
        source = "bench/_fallback_corpus.py (bulk inserts, no extraction)"
    total = Meeting.objects.count()
    print(f"meetings in the database: {total:,} (ready in {time.perf_counter() - t:.0f} s)")
    _index(total)
    return source


def _index(total: int) -> None:
    """Build the full-text index when it lags the meetings (corpus loaded before search existed)."""
    try:
        from safetyhub.meetings.search import rebuild_search_index
        from safetyhub.meetings.search.models import MeetingSearchRow
    except ImportError:
        return
    indexed = MeetingSearchRow.objects.count()
    if indexed >= total:
        return
    t = time.perf_counter()
    rebuild_search_index()
    print(f"  search index rebuilt ({indexed:,} -> {total:,} meetings) in {time.perf_counter() - t:.0f} s")


def _plan(seed: int) -> dict[str, Any]:
    """Pick the URLs of the mix from the data: existing ids, busy regions and sectors."""
    from django.db.models import Count

    from safetyhub.meetings.models import Meeting, Region, Sector
    from tests.prod.urlwalk import public_routes  # the same route discovery the hostile-input tests use

    rng = random.Random(seed)
    routes = {r.template: r for r in public_routes()}
    ids = list(Meeting.objects.order_by("?").values_list("id", flat=True)[:500])
    region_codes = list(
        Region.objects.annotate(n=Count("meetings"))
        .filter(n__gt=0)
        .order_by("-n")
        .values_list("code", flat=True)[:200]
    )
    region_codes += sorted({c[:2] for c in region_codes} | {c[:4] for c in region_codes})
    slugs = list(Sector.objects.values_list("slug", flat=True))

    def filters() -> str:
        parts = [f"region={rng.choice(region_codes)}"] if region_codes and rng.random() < 0.7 else []
        if slugs and rng.random() < 0.6:
            parts.append(f"sector={rng.choice(slugs)}")
        if not parts and rng.random() < 0.5:
            parts.append(f"page={rng.randint(2, 5)}")  # only where page 5 surely exists (404 beyond)
        return "&".join(parts)

    def find(*needles: str) -> str | None:
        for template, route in routes.items():
            if not route.params and any(n in template or n in route.name for n in needles):
                return "/" + template
        return None

    from urllib.parse import quote

    endpoints: dict[str, list[str]] = {
        "list_facets": [],
        "search": [],
        "detail": [],
        "api": [],
        "export": [],
        "feed": [],
    }
    if "meetings/" in routes:
        endpoints["list_facets"] = [f"/meetings/?{filters()}" for _ in range(300)]
        endpoints["search"] = [
            f"/meetings/?q={quote(rng.choice(SEARCH_WORDS))}&{filters()}" for _ in range(300)
        ]
    if "meetings/<int:pk>/" in routes:
        endpoints["detail"] = [f"/meetings/{i}/" for i in ids]
    if "api/meetings/" in routes:
        endpoints["api"] = [f"/api/meetings/?{filters()}" for _ in range(300)]
    export = find("export", ".csv")
    if export:
        # An export is of one city's meetings: a whole-archive export (100,000 rows) is a
        # batch job, not interactive traffic, and outlives gunicorn's 30 s timeout here.
        cities = [c for c in region_codes if len(c) == 4] or region_codes
        endpoints["export"] = [f"{export}?region={rng.choice(cities)}" for _ in range(100)]
    feed = find("feed", "rss", "atom")
    if feed:
        endpoints["feed"] = [f"{feed}?{filters()}" for _ in range(100)]
    return {"endpoints": {k: {"weight": WEIGHTS[k], "paths": v} for k, v in endpoints.items()}}


def _vacuum_analyze() -> None:
    """Fresh statistics and visibility map after the bulk load (without them the planner
    guessed badly enough to make a detail page 7x slower)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited; see var/bench/gunicorn.log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not become healthy within 60 s")


def _warm_up(port: int, plan: dict[str, Any]) -> None:
    """One request per endpoint per worker-ish, so imports and first-use loads are not measured."""
    for spec in plan["endpoints"].values():
        for path in spec["paths"][:6]:
            with contextlib.suppress(OSError, http.client.HTTPException):
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).read()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _report(
    timings: list[list[Any]], elapsed: float, args: argparse.Namespace, corpus: str, url: str
) -> None:
    by_name: dict[str, list[list[Any]]] = {}
    for row in timings:
        by_name.setdefault(row[0], []).append(row)
    print(
        f"{'endpoint':12s} {'requests':>9s} {'errors':>7s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s}"
        f" {'cached':>7s}"
    )
    endpoints = {}
    for name, rows in sorted(by_name.items()):
        ms = [r[1] for r in rows]
        errors = sum(1 for r in rows if not r[3])
        figures = {
            "requests": len(rows),
            "errors": errors,
            "p50_ms": round(_percentile(ms, 0.5), 1),
            "p95_ms": round(_percentile(ms, 0.95), 1),
            "p99_ms": round(_percentile(ms, 0.99), 1),
            "cache_hits": sum(1 for r in rows if len(r) > 4 and r[4]),
        }
        endpoints[name] = figures
        p50, p95, p99 = figures["p50_ms"], figures["p95_ms"], figures["p99_ms"]
        hits = figures["cache_hits"]
        print(f"{name:12s} {len(rows):9d} {errors:7d} {p50:8.1f} {p95:8.1f} {p99:8.1f} {hits:7d}")
    all_ms = [r[1] for r in timings]
    errors = sum(1 for r in timings if not r[3])
    statuses: dict[str, int] = {}
    for r in timings:
        if not r[3]:
            statuses[str(r[2])] = statuses.get(str(r[2]), 0) + 1
    result = {
        "rps": round(len(timings) / elapsed, 1) if elapsed else 0.0,
        "errors": errors,
        "p50_ms": round(_percentile(all_ms, 0.5), 1),
        "p95_ms": round(_percentile(all_ms, 0.95), 1),
        "p99_ms": round(_percentile(all_ms, 0.99), 1),
        "requests": len(timings),
        "page_cache": args.page_cache,
        "cache_hits": sum(1 for r in timings if len(r) > 4 and r[4]),
        "duration_s": round(elapsed, 1),
        "error_statuses": statuses,
        "count": args.count,
        "workers": args.workers,
        "users": args.users,
        "think_time_s": args.wait,
        "database": url.split(":", 1)[0],
        "corpus": corpus,
        "endpoints": endpoints,
        "machine": f"{os.cpu_count()} cores",
        "load_average_1m_after": round(os.getloadavg()[0], 2),
    }
    print(
        f"total: {len(timings):,} requests in {elapsed:.1f} s = {result['rps']} requests/s, {errors} errors, "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms"
    )
    print(json.dumps(result, ensure_ascii=False))


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':')[0]}@{host}"
    return url


if __name__ == "__main__":
    main()
