"""Benchmark the browse pages: server time of the list page (three filters, all facets), a detail
page and the JSON API, over a generated archive of --count meetings.

    python bench/browse.py --count 100000 --database-url postgres://postgres@127.0.0.1:5432/sh_browse_bench

The archive is bulk-inserted straight from a seeded generator (no extraction runs), and kept
between runs: a database that already holds exactly --count generated meetings is reused.
Server time is measured in-process through Django's test client (request → response, no
network). Ends with one JSON line: list_p95_ms, detail_p95_ms, api_p95_ms and friends.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CACHE = REPO / "bench" / ".cache"


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--count", type=int, default=100_000, help="meetings in the archive")
    p.add_argument("--database-url", default="", help="default: a SQLite file under bench/.cache/")
    p.add_argument("--requests", type=int, default=60, help="timed requests per page kind")
    p.add_argument("--seed", type=int, default=1)
    return p.parse_args()


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("STATIC_PLAIN", "true")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safetyhub.settings")
    if database_url.startswith("postgres"):
        import psycopg

        name = database_url.rsplit("/", 1)[1]
        admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    from safetyhub.meetings.reference import regions_load, sectors_load

    sectors_load()
    regions_load()


TITLE_KINDS = ["安全生产工作会议", "安全生产委员会全体会议", "安全生产专题会议", "安全防范工作部署会"]
SENTENCES = [
    "会议传达学习了上级安全生产工作会议精神。",
    "会议强调，要压紧压实安全生产责任，坚决遏制重特大事故发生。",
    "会议要求，要深入开展隐患排查治理，确保人民群众生命财产安全。",
    "会议指出，今年以来全市安全生产形势总体平稳，但风险隐患依然突出。",
]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙潘胡郭何"
GIVEN = ["敏", "磊", "建军", "华光", "海东", "伟", "芳", "静", "强", "晓峰", "国庆", "红梅", "志刚", "勇"]


def generate(count: int, seed: int) -> None:
    """Bulk-insert `count` meetings with sectors, attendances, directives and sources."""
    from django.db import connection, transaction

    from safetyhub.meetings.models import (
        Attendance,
        Directive,
        Meeting,
        MeetingSource,
        Official,
        Region,
        Sector,
    )

    rng = random.Random(seed)
    regions = list(Region.objects.filter(level="county").values_list("id", "name_zh"))
    sectors = list(Sector.objects.values_list("id", flat=True))
    print(f"generating {count} meetings over {len(regions)} counties (bulk insert, no extraction)...")
    t0 = time.perf_counter()
    with transaction.atomic():
        Directive.sectors.through.objects.all().delete()
        Directive.objects.all().delete()
        Attendance.objects.all().delete()
        MeetingSource.objects.all().delete()
        Meeting.sectors.through.objects.all().delete()
        Meeting.objects.all().delete()
        Official.objects.all().delete()
        people = [
            Official(
                id=i + 1,
                name_zh=f"{SURNAMES[i % 16]}{GIVEN[(i // 16) % 14]}{i // 224 or ''}",
                name_en=f"Person {i + 1}",
            )
            for i in range(max(50, count // 50))
        ]
        Official.objects.bulk_create(people, batch_size=2000)
    batch = 2000
    for start in range(0, count, batch):
        meetings, msectors, atts, dirs, dsectors, sources = [], [], [], [], [], []
        for mid in range(start + 1, min(start + batch, count) + 1):
            region_id, place = rng.choice(regions)
            year = rng.choice([2019, 2020, 2021, 2022, 2023, 2024])
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            m = Meeting(
                id=mid,
                title=f"{place}召开{month}月{rng.choice(TITLE_KINDS)}",
                body=f"{month}月{day}日，{place}召开会议。" + "".join(rng.sample(SENTENCES, 3)) * 3,
                raw_text="",
                content_hash=hashlib.sha256(f"bench:{mid}".encode()).hexdigest(),
                region_id=region_id,
                meeting_type=rng.choice(["plenary", "work_conference", "scheduling", "video", "other"]),
                language="en" if mid % 10 == 0 else "zh",
            )
            m.set_held_date(None if mid % 25 == 0 else year, month, day)
            meetings.append(m)
            for sid in rng.sample(sectors, rng.randint(1, 3)):
                msectors.append(Meeting.sectors.through(meeting_id=mid, sector_id=sid))
            cast = rng.sample(range(1, len(people) + 1), 3)
            for pos, oid in enumerate(cast):
                atts.append(Attendance(meeting_id=mid, official_id=oid, presided=pos == 0, attended=pos > 0,
                                       spoke=pos == 1, position=pos, titles=["市长"], spans=[]))  # fmt: skip
            for k in range(2):
                did = mid * 2 + k
                dirs.append(Directive(id=did, meeting_id=mid, issuer_id=cast[1] if k == 0 else None,
                                      text=rng.choice(SENTENCES), order=k))  # fmt: skip
                dsectors.append(Directive.sectors.through(directive_id=did, sector_id=rng.choice(sectors)))
            sources.append(MeetingSource(meeting_id=mid, location=f"bench/{mid}.txt"))
        with transaction.atomic():
            Meeting.objects.bulk_create(meetings)
            Meeting.sectors.through.objects.bulk_create(msectors)
            Attendance.objects.bulk_create(atts)
            Directive.objects.bulk_create(dirs)
            Directive.sectors.through.objects.bulk_create(dsectors)
            MeetingSource.objects.bulk_create(sources)
        if (start // batch) % 10 == 0:
            print(f"  {start + len(meetings)} meetings, {time.perf_counter() - t0:.0f}s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("meetings_meeting", "meetings_official", "meetings_directive"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )
            # VACUUM too: index-only scans (the facet counts) need the visibility map set.
            cursor.execute("VACUUM ANALYZE")
    print(f"generated in {time.perf_counter() - t0:.1f}s")


def ensure_archive(count: int, seed: int) -> None:
    from safetyhub.meetings.models import Meeting

    have = Meeting.objects.filter(content_hash__startswith="").count()
    generated = Meeting.objects.filter(
        content_hash=hashlib.sha256(f"bench:{count}".encode()).hexdigest()
    ).exists()
    if have == count and generated:
        print(f"reusing the archive of {count} generated meetings")
        return
    generate(count, seed)


def timed(client: object, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        t0 = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        times.append((time.perf_counter() - t0) * 1000)
    return times


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    args = parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{CACHE / f'browse-{args.count}.sqlite3'}"
    setup_django(url)
    ensure_archive(args.count, args.seed)

    from django.db import connection
    from django.test import Client

    from safetyhub.meetings.models import Meeting, Region, Sector

    rng = random.Random(args.seed + 1)
    provinces = list(Region.objects.filter(parent__isnull=True).values_list("code", flat=True))
    slugs = list(Sector.objects.values_list("slug", flat=True))
    ids = list(Meeting.objects.values_list("id", flat=True)[:5000])
    n = args.requests

    def list_url(path: str) -> str:
        year = rng.choice([2020, 2021, 2022, 2023])
        return (
            f"{path}?region={rng.choice(provinces)}&sector={rng.choice(slugs)}"
            f"&from={year}-01-01&to={year + 1}-12-31"
        )

    print(f"load average before timing: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    client = Client()
    client.get("/meetings/")  # warm up: imports, template loading, connection
    list_urls = [list_url("/meetings/") for _ in range(n)]
    detail_urls = [f"/meetings/{rng.choice(ids)}/" for _ in range(n)]
    api_urls = [list_url("/api/meetings/") for _ in range(n)]
    plain_urls = ["/meetings/" for _ in range(max(5, n // 4))]

    results = {}
    for name, urls in (
        ("list", list_urls),
        ("detail", detail_urls),
        ("api", api_urls),
        ("list_all", plain_urls),
    ):
        times = timed(client, urls)
        results[name] = times
        print(
            f"{name:9s} n={len(times):4d}  p50 {statistics.median(times):7.1f} ms  "
            f"p95 {pct(times, 95):7.1f} ms  max {max(times):7.1f} ms"
        )
    figures = {
        "count": args.count,
        "database": connection.vendor,
        "data": "bulk-inserted from a seeded generator (no extraction)",
        "list_p50_ms": round(statistics.median(results["list"]), 1),
        "list_p95_ms": round(pct(results["list"], 95), 1),
        "detail_p50_ms": round(statistics.median(results["detail"]), 1),
        "detail_p95_ms": round(pct(results["detail"], 95), 1),
        "api_p50_ms": round(statistics.median(results["api"]), 1),
        "api_p95_ms": round(pct(results["api"], 95), 1),
        "unfiltered_list_p95_ms": round(pct(results["list_all"], 95), 1),
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, Python {platform.python_version()}",
        # The machine is shared: a load average above the core count inflates every figure.
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
