"""Benchmark the meeting admin: changelist (default and filtered) and change form at scale.

    python bench/admin.py --count 100000 --database-url postgres://postgres@127.0.0.1:5432/sh_admin_bench

Rows are bulk-inserted (not extracted): from `bench/_corpus.py` (`load_corpus_into_db`) when it
exists, otherwise from a generator in this file that gives the same shape (regions over the
whole gazetteer, partial dates, 1-3 sectors, 2-6 officials and 2-5 directives per meeting).
Requests go through Django's test client in this process, so the times are the server's
(queries, ORM, templates), without network. Prints readable lines, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "bench" / ".cache"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="meetings in the database")
    parser.add_argument("--database-url", default="", help="default: a SQLite file under bench/.cache/")
    parser.add_argument("--repeat", type=int, default=20, help="requests per view")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def configure(args: argparse.Namespace) -> str:
    CACHE.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{CACHE / f'admin-{args.count}-{args.seed}.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("STATIC_PLAIN", "true")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safetyhub.settings")
    sys.path.insert(0, str(REPO))
    if url.startswith("postgres"):
        ensure_pg_database(url)
    import django

    django.setup()
    return url


def ensure_pg_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database when it does not exist yet."""
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


WORDS = tuple(
    [
        "会议强调",
        "要深入开展",
        "安全生产",
        "隐患排查整治",
        "压实企业主体责任",
        "道路交通",
        "危险化学品",
        "消防",
        "燃气",
        "建筑施工",
        "森林防火",
        "防汛",
        "有限空间",
        "动火作业",
        "特种设备",
        "自建房",
        "人员密集场所",
        "校园",
        "旅游景区",
        "落实",
        "部署",
        "检查",
        "督导",
        "整改",
        "闭环",
        "专项行动",
        "监管",
        "执法",
        "应急",
        "值班值守",
        "预警",
        "演练",
        "培训",
    ]
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = "敏磊华军海东建国明伟强平红兵勇峰涛斌超刚波辉宁坤凯健俊杰鹏飞鑫龙文博志"
TITLES = ("市委书记", "市长", "副市长", "县委书记", "县长", "副县长", "应急管理局局长", "区长")


def generate(count: int, seed: int) -> None:
    """Bulk-insert `count` meetings with attendances, directives and sectors."""
    from django.db import transaction

    from safetyhub.meetings.models import (
        Attendance,
        Directive,
        Language,
        Meeting,
        MeetingType,
        Official,
        Region,
        ReviewState,
        Sector,
    )
    from safetyhub.meetings.review import attention_reasons, review_state_for

    rng = random.Random(seed)
    regions = list(Region.objects.exclude(level="national").values_list("pk", "code"))
    sectors = list(Sector.objects.values_list("pk", flat=True))
    types = [t.value for t in MeetingType]
    langs = [Language.ZH] * 7 + [Language.EN] * 2 + [Language.ZH_HANT]
    names = sorted({a + b + c for a in SURNAMES for b in GIVEN for c in ("", *GIVEN[:6])})
    rng.shuffle(names)
    officials = Official.objects.bulk_create(
        [Official(name_zh=n, name_en=f"Official {i}") for i, n in enumerate(names[: max(50, count // 5)])],
        batch_size=2000,
    )
    official_ids = [o.pk for o in officials]
    start = Meeting.objects.count()
    batch = 2000
    done = 0
    while done < count:
        n = min(batch, count - done)
        with transaction.atomic():
            meetings = []
            plans = []
            for i in range(start + done, start + done + n):
                region = rng.choice(regions) if rng.random() > 0.05 else None
                year = rng.randint(2015, 2026) if rng.random() > 0.1 else None
                month = rng.randint(1, 12)
                day = rng.randint(1, 28) if rng.random() > 0.1 else None
                body = "".join(rng.choice(WORDS) + rng.choice("，。、") for _ in range(rng.randint(60, 160)))
                n_people = rng.choice((0, 2, 3, 4, 5, 6)) if rng.random() > 0.03 else 0
                confidence = rng.random()
                reasons = attention_reasons(
                    has_region=region is not None,
                    region_confidence=confidence,
                    region_owned=False,
                    held_year=year,
                    held_month=month,
                    official_count=n_people,
                )
                state = ReviewState.REVIEWED if rng.random() < 0.3 else ReviewState.UNREVIEWED
                m = Meeting(
                    title=f"{rng.choice(WORDS)}{rng.choice(WORDS)}工作会议 #{i}",
                    region_id=region[0] if region else None,
                    region_confidence=confidence,
                    meeting_type=rng.choice(types),
                    language=rng.choice(langs),
                    body=body,
                    raw_text=body,
                    content_hash=f"bench-{seed}-{i}",
                    attention_reasons=reasons,
                    review_state=review_state_for(state, reasons),
                )
                m.set_held_date(year, month, day)
                meetings.append(m)
                plans.append((n_people, rng.randint(0, 5), rng.sample(sectors, rng.randint(0, 3))))
            Meeting.objects.bulk_create(meetings, batch_size=batch)
            attendances, directives, meeting_sectors = [], [], []
            for m, (n_people, n_dirs, sector_ids) in zip(meetings, plans, strict=True):
                people = rng.sample(official_ids, n_people)
                for pos, oid in enumerate(people):
                    attendances.append(
                        Attendance(
                            meeting_id=m.pk,
                            official_id=oid,
                            attended=True,
                            presided=pos == 0,
                            title=rng.choice(TITLES),
                            position=pos,
                        )
                    )
                for order in range(n_dirs):
                    directives.append(
                        Directive(
                            meeting_id=m.pk,
                            issuer_id=people[0] if people and order == 0 else None,
                            text="".join(rng.choice(WORDS) for _ in range(8)),
                            order=order,
                        )
                    )
                meeting_sectors += [Meeting.sectors.through(meeting_id=m.pk, sector_id=s) for s in sector_ids]
            Attendance.objects.bulk_create(attendances, batch_size=5000)
            Directive.objects.bulk_create(directives, batch_size=5000)
            Meeting.sectors.through.objects.bulk_create(meeting_sectors, batch_size=5000)
        done += n
        print(f"  inserted {done:,}/{count:,} meetings", flush=True)


def load_rows(count: int, seed: int) -> str:
    """Fill the database up to `count` meetings; say where the rows came from."""
    from django.db import connection

    from safetyhub.meetings.models import Meeting

    have = Meeting.objects.count()
    source = "generator in bench/admin.py (bulk insert, no extraction)"
    if have < count:
        try:
            from bench._corpus import load_corpus_into_db  # the ingest issue's shared corpus
        except ImportError:
            generate(count - have, seed)
        else:
            load_corpus_into_db(count=count, seed=seed)
            source = "bench/_corpus.py ground truth (bulk insert, no extraction)"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # steady state: visibility map set, as autovacuum leaves it
    return source


LAST_SQL: list[str] = []


def timed(client: Any, url: str, repeat: int) -> tuple[list[float], list[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], []
    client.get(url)  # warm up
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries.append(len(ctx.captured_queries))
    LAST_SQL[:] = [q["sql"] for q in ctx.captured_queries]
    return times, queries


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def main() -> None:
    args = parse_args()
    url = configure(args)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from safetyhub.meetings.models import Meeting, Region
    from safetyhub.meetings.reference import regions_load, sectors_load

    call_command("migrate", verbosity=0)
    sectors_load()
    regions_load()
    t0 = time.perf_counter()
    source = load_rows(args.count, args.seed)
    total = Meeting.objects.count()
    print(f"database: {connection.vendor} ({url.split('@')[-1]}), {total:,} meetings from {source}")
    print(f"  loading took {time.perf_counter() - t0:.1f}s")

    from django.contrib.auth.models import User

    user = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", "bench@example.org", "unused-password-for-bench"
    )
    client = Client()
    client.force_login(user)

    base = "/" + os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/meetings/meeting/"
    province = Region.objects.get(code="36").code
    changelists = {
        "default": base,
        "page 40": base + "?p=40",
        "needs attention": base + "?review_state__exact=needs_attention",
        "province 36": base + f"?province={province}",
        "sector fire": base + "?sector=fire",
        "county, English": base + "?region__level__exact=county&language__exact=en",
        "year 2020": base + "?sort_date__year=2020",
        "search title": base + "?q=%E9%98%B2%E6%B1%9B",
    }
    all_list: list[float] = []
    query_counts: dict[str, int] = {}
    counts_default = False
    for label, path in changelists.items():
        times, queries = timed(client, path, args.repeat)
        if label == "default":
            # (the page's own grouped counts of attendances and directives are fine)
            counts_default = any("COUNT(*)" in sql and 'FROM "meetings_meeting"' in sql for sql in LAST_SQL)
        query_counts[label] = max(queries)
        if label != "search title":  # search is the search issue's figure; shown, not in the p95
            all_list += times
        print(
            f"changelist {label:<16} p50 {statistics.median(times):7.1f} ms  p95 {p95(times):7.1f} ms"
            f"  queries {max(queries)}"
        )

    # Baseline in the same run: Django's own group changelist (a handful of rows, none of our code),
    # so figures from a busy machine can be read against what the machine gives a trivial page.
    baseline, _queries = timed(
        client, "/" + os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/auth/group/", args.repeat
    )
    print(f"baseline (auth group changelist) p50 {statistics.median(baseline):7.1f} ms")

    rng = random.Random(args.seed)
    ids = list(Meeting.objects.order_by("?").values_list("pk", flat=True)[:200])
    form_times: list[float] = []
    form_queries: list[int] = []
    for pk in rng.sample(ids, min(len(ids), args.repeat * 3)):
        times, queries = timed(client, f"{base}{pk}/change/", 1)
        form_times += times
        form_queries += queries
    print(
        f"change form          p50 {statistics.median(form_times):7.1f} ms  p95 {p95(form_times):7.1f} ms"
        f"  queries {min(form_queries)}-{max(form_queries)}"
    )
    default_q, page_q = query_counts["default"], query_counts["page 40"]
    print(
        f"queries: default page {default_q}, page 40 {page_q}; "
        f"COUNT on the unfiltered changelist: {'yes' if counts_default else 'none'}"
    )
    print(
        json.dumps(
            {
                "changelist_p95_ms": round(p95(all_list), 1),
                "changelist_p50_ms": round(statistics.median(all_list), 1),
                "change_form_p95_ms": round(p95(form_times), 1),
                "change_form_p50_ms": round(statistics.median(form_times), 1),
                "changelist_queries_max": max(v for k, v in query_counts.items() if k != "search title"),
                "change_form_queries_max": max(form_queries),
                "unfiltered_changelist_counts": counts_default,
                "baseline_p50_ms": round(statistics.median(baseline), 1),
                "changelist_vs_baseline": round(statistics.median(all_list) / statistics.median(baseline), 1),
                "change_form_vs_baseline": round(
                    statistics.median(form_times) / statistics.median(baseline), 1
                ),
                "load_average": round(os.getloadavg()[0], 1),
                "meetings": total,
                "database": connection.vendor,
                "rows_from": source,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
