"""Search latency: a fixed mix of 40 queries, each with the list page's facet counts.

    python bench/search.py --count 100000 [--database-url postgres://...] [--repeat 3]

Loads `--count` generated meetings (cached in the database by count and seed: a second run
on the same database skips loading), then times each query of the mix as the list page runs
it (safetyhub.meetings.facets.meeting_facets and the page source the view uses): every facet
of the list page with its counts, the total, and the ranked (or date-sorted) first page of 20
with snippets. Each query runs --repeat times and its median counts; the first pass over the
mix is also reported on its own, since it finds no query group in the facet index's cache.
With FACET_INDEX=false the facets are counted in SQL instead. The same mix runs with a naive
`icontains` search over title and body (its facets in one SQL statement) in the same run, for
the ratio. Ends with one JSON line.

The corpus is generated, not extracted: meetings, officials, attendances and sectors are
bulk-inserted from the generator's ground truth. Bodies are built from sentences joined at
punctuation, and each distinct sentence is tokenized once with the search tokenizer; since
the tokenizer never joins tokens across punctuation, the composed tokens equal those of
tokenizing the whole body (checked on a sample at load time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SEED = 20261123
PAGE = 20


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# --- corpus -------------------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
GIVEN = "伟敏磊军华明强平刚海东建国立新志红光辉林峰涛斌超波晨鹏宇俊杰飞鸿文武德"

ZH_GENERIC = [
    "会议强调，要深入学习贯彻关于安全生产的重要论述，压紧压实安全生产责任。",
    "各地各部门要坚持人民至上、生命至上，统筹发展和安全。",
    "会议听取了近期全市安全生产工作情况汇报，研究部署下一阶段重点工作。",
    "要强化值班值守，确保信息畅通，遇有突发情况及时报告。",
    "要深入开展安全生产大检查，全面排查整治各类风险隐患。",
    "要持续推进重大事故隐患排查整治，建立问题清单和整改清单。",
    "要严格落实企业主体责任，加强执法检查，严厉打击非法违法行为。",
    "要加强应急值守和应急救援准备，确保一旦发生险情能够快速处置。",
    "会议通报了上半年全县安全生产形势。",
    "要加强安全宣传教育，提升群众安全意识。",
]
EN_GENERIC = [
    "The meeting stressed that responsibility for work safety must be fully implemented.",
    "All departments must put people and life first and coordinate development and security.",
    "The meeting heard a report on recent work and arranged the next stage of key tasks.",
    "Duty shifts must be strengthened to keep information flowing and report emergencies promptly.",
    "A thorough safety inspection campaign will check and rectify hidden dangers.",
    "Enterprises must fulfil their main responsibility and law enforcement inspections will increase.",
    "Emergency rescue teams must be ready to respond quickly to any incident.",
    "The meeting reviewed the work safety situation of the first half of the year.",
]
# Per sector: Chinese and English sentences naming its keywords.
SECTOR_TEXT = {
    "road-traffic": (
        "要加强道路交通安全管理，严查超载超速。",
        "Road traffic safety checks on trucks will be tightened.",
    ),
    "fire": ("要开展消防安全检查，严防火灾事故。", "Fire safety inspections will cover every shopping mall."),
    "hazardous-chemicals": (
        "要加强危险化学品企业监管，开展危化品运输专项整治。",
        "Hazardous chemicals storage and transport will be inspected.",
    ),
    "mining": ("要加强非煤矿山和尾矿库监管。", "Non-coal mines and tailings ponds must be monitored."),
    "gas": (
        "要开展燃气安全排查，检查液化石油气钢瓶。",
        "Gas safety checks will cover bottled gas in restaurants.",
    ),
    "construction": (
        "要加强建筑施工安全管理，严防高处作业坠落。",
        "Construction sites must prevent falls from heights.",
    ),
    "flood-control": (
        "要做好防汛准备，加强汛期值守。",
        "Flood control duty will be strengthened in the flood season.",
    ),
    "special-equipment": (
        "要加强电梯等特种设备安全监管。",
        "Elevators and boilers must be inspected regularly.",
    ),
    "schools": ("要加强校园安全管理。", "Campus safety at schools will be checked before term."),
    "forest-fire": ("要加强森林防火巡查。", "Forest fire patrols will be increased in the dry season."),
    "fireworks": ("要严格烟花爆竹经营管理。", "Sales of fireworks and firecrackers will be controlled."),
    "confined-spaces": (
        "有限空间作业必须先通风、再检测、后作业。",
        "Confined space work requires ventilation first.",
    ),
    "civil-explosives": ("要加强民用爆炸物品管理。", "Civil explosives storage will be audited."),
}
SECTOR_WEIGHTS = {
    "road-traffic": 30,
    "fire": 30,
    "hazardous-chemicals": 12,
    "mining": 8,
    "gas": 12,
    "construction": 15,
    "flood-control": 10,
    "special-equipment": 6,
    "schools": 5,
    "forest-fire": 4,
    "fireworks": 3,
    "confined-spaces": 2,
    "civil-explosives": 1,
}
RARE_ZH = "要加强尾矿库在线监测预警系统建设。"
RARE_EN = "An online monitoring system for tailings dams will be piloted."
KINDS_ZH = [
    "安全生产工作会议",
    "安委会全体（扩大）会议",
    "安全生产专题会议",
    "安全生产调度会",
    "安全防范工作部署会",
]
KINDS_EN = ["work safety conference", "safety committee plenary meeting", "safety dispatch meeting"]


def generate(count: int, seed: int = SEED):  # type: ignore[no-untyped-def]
    """Yield meeting dicts: title, chunks (body pieces joined at punctuation), facts."""
    from pypinyin import lazy_pinyin

    from safetyhub.meetings.models import MeetingType, Region

    rnd = random.Random(seed)
    counties = list(Region.objects.filter(level="county").values_list("id", "name_zh", "name_en"))
    people = []
    for _ in range(3000):
        zh = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))
        py = lazy_pinyin(zh)
        people.append((zh, f"{py[0].capitalize()} {''.join(py[1:]).capitalize()}"))
    people = list(dict.fromkeys(people))
    slugs = list(SECTOR_WEIGHTS)
    weights = list(SECTOR_WEIGHTS.values())
    types = [t.value for t in MeetingType]
    for i in range(count):
        language = rnd.choices(["zh", "en", "mixed"], [70, 25, 5])[0]
        region_id, region_zh, region_en = rnd.choice(counties)
        sectors = sorted(set(rnd.choices(slugs, weights, k=rnd.choice((1, 2, 3)))))
        officials = rnd.sample(people, rnd.choice((1, 2, 3, 4)))
        date = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(3650))
        zh = language != "en"
        if zh:
            title = f"{region_zh}召开{rnd.choice(KINDS_ZH)}"
            chunks = [f"{date.month}月{date.day}日，", f"{region_zh}召开{rnd.choice(KINDS_ZH)}。"]
            chunks.append("出席领导：" + "、".join(p[0] for p in officials) + "。")
            generic, sector_idx, rare = ZH_GENERIC, 0, RARE_ZH
        else:
            title = f"{region_en} holds {rnd.choice(KINDS_EN)}"
            chunks = [f"On {date:%B} {date.day}, {region_en} held a {rnd.choice(KINDS_EN)}. "]
            chunks.append("Officials present: " + ", ".join(p[1] for p in officials) + ". ")
            generic, sector_idx, rare = EN_GENERIC, 1, RARE_EN
        body = rnd.sample(generic, 4) + [SECTOR_TEXT[s][sector_idx] for s in sectors]
        if rnd.random() < 0.0003:
            body.append(rare)
        rnd.shuffle(body)
        chunks.extend(body if zh else [s + " " for s in body])
        if language == "mixed":
            chunks.append(rnd.choice(EN_GENERIC))
        yield {
            "i": i,
            "title": title,
            "chunks": chunks,
            "language": language,
            "region_id": region_id,
            "sectors": sectors,
            "officials": officials,
            "date": date,
            "year_known": rnd.random() > 0.03,
            "type": rnd.choice(types),
        }


def composed_tokens(chunks: list[str], cache: dict):  # type: ignore[no-untyped-def]
    from safetyhub.extraction.tokenize import Token, document_tokens

    out = []
    offset_chars = 0
    offset_pos = 0
    for chunk in chunks:
        toks = cache.get(chunk)
        if toks is None:
            toks = cache[chunk] = document_tokens(chunk)
        for t in toks:
            out.append(
                Token(t.text, t.start + offset_chars, t.end + offset_chars, t.position + offset_pos, t.extra)
            )
        offset_chars += len(chunk)
        offset_pos += 1 + max((t.position for t in toks), default=-1)
    return out


def load(count: int, batch: int = 2000) -> str:
    from django.db import connection, transaction

    from safetyhub.extraction.tokenize import document_tokens
    from safetyhub.meetings.models import Attendance, Meeting, Official, Sector
    from safetyhub.meetings.search import backends
    from safetyhub.meetings.search.indexing import _name_field

    marker = f"bench-search-{count}-{SEED}"
    if Meeting.objects.filter(extraction_version=marker).count() == count:
        return "reused"
    Meeting.objects.all().delete()
    Official.objects.all().delete()
    sector_ids = dict(Sector.objects.values_list("slug", "id"))
    official_ids: dict[tuple[str, str], int] = {}
    cache: dict = {}
    through = Meeting.sectors.through
    started = time.perf_counter()
    checked = 0
    gen = generate(count)
    done = 0
    while True:
        rows = [r for _, r in zip(range(batch), gen, strict=False)]
        if not rows:
            break
        with transaction.atomic():
            meetings = []
            for r in rows:
                m = Meeting(
                    title=r["title"],
                    body="".join(r["chunks"]),
                    raw_text="",
                    language=r["language"],
                    region_id=r["region_id"],
                    meeting_type=r["type"],
                    content_hash=f"{marker}-{r['i']}",
                    extraction_version=marker,
                )
                d = r["date"]
                m.set_held_date(d.year if r["year_known"] else None, d.month, d.day)
                if m.sort_date is None:
                    m.published_on = m.sort_date = d
                meetings.append(m)
            Meeting.objects.bulk_create(meetings, batch_size=500)
            new_people = {p for r in rows for p in r["officials"] if p not in official_ids}
            created = Official.objects.bulk_create(
                [Official(name_zh=zh, name_en=en) for zh, en in new_people]
            )
            official_ids.update({(o.name_zh, o.name_en): o.pk for o in created})
            Attendance.objects.bulk_create(
                [
                    Attendance(meeting=m, official_id=official_ids[p], attended=True, position=k)
                    for m, r in zip(meetings, rows, strict=True)
                    for k, p in enumerate(r["officials"])
                ],
                batch_size=2000,
            )
            through.objects.bulk_create(
                [
                    through(meeting_id=m.pk, sector_id=sector_ids[s])
                    for m, r in zip(meetings, rows, strict=True)
                    for s in r["sectors"]
                ],
                batch_size=2000,
            )
            index_rows = []
            for m, r in zip(meetings, rows, strict=True):
                body_tokens = composed_tokens(r["chunks"], cache)
                if checked < 50:
                    whole = document_tokens(m.body)
                    assert [(t.text, t.position) for t in whole] == [
                        (t.text, t.position) for t in body_tokens
                    ], f"composed tokens differ for meeting {r['i']}"
                    checked += 1
                title_tokens = cache.get(r["title"]) or cache.setdefault(
                    r["title"], document_tokens(r["title"])
                )
                index_rows.append((m.pk, (title_tokens, body_tokens, _name_field(r["officials"]))))
            backends.write_rows(backends.MEETINGS, index_rows)
        done += len(rows)
        rate = done / (time.perf_counter() - started)
        print(f"  loaded {done:,}/{count:,} ({rate:,.0f}/s)", flush=True)
    backends.optimize(backends.MEETINGS)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE") if connection.get_autocommit() else cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return "generated"


# --- the measured work ----------------------------------------------------------------------------

# (query, sort): rare and very common terms, cross-language, names, phrases, exclusions.
MIX = [
    ("安全生产", "rank"),
    ("安全生产", "date"),
    ("safety", "rank"),
    ("safety", "date"),
    ("会议", "rank"),
    ("meeting", "date"),
    ("消防", "rank"),
    ("fire", "rank"),
    ("fire", "date"),
    ("隐患排查", "rank"),
    ("危化品", "rank"),
    ("hazardous chemicals", "rank"),
    ("燃气", "date"),
    ("gas", "rank"),
    ("道路交通", "rank"),
    ("road traffic", "date"),
    ("mines", "rank"),
    ("电梯", "rank"),
    ("防汛", "rank"),
    ("flood control", "date"),
    ("inspections", "rank"),
    ("民用爆炸物品", "rank"),
    ("有限空间", "date"),
    ("尾矿库在线监测", "rank"),
    ("尾矿库在线监测", "date"),
    ("tailings dams", "date"),
    ("贵溪市", "rank"),
    ("贵溪市", "date"),
    ("Guixi", "date"),
    ("{name_zh}", "rank"),
    ("{name_zh}", "date"),
    ("{name_en}", "rank"),
    ("{name_en}", "date"),
    ('"安全生产工作会议"', "rank"),
    ('"fire safety"', "rank"),
    ("fire -forest", "rank"),
    ("消防 -检查", "date"),
    ("safety inspections 2019", "rank"),
    ("zzzz-no-such-term", "rank"),
    ("校园 安全", "date"),
]


def facet_counts(queryset) -> dict:  # type: ignore[no-untyped-def]
    """The list page's facets in one round trip: the matching rows are computed once."""
    from django.db import connection

    from safetyhub.meetings.models import Meeting, Region

    matched = queryset.order_by().values("id", "region_id", "held_year", "meeting_type", "language")
    sql, params = matched.query.sql_with_params()
    region = Region._meta.db_table
    through = Meeting.sectors.through._meta.db_table
    # Regions are grouped by id first and joined to their codes afterwards (a few thousand
    # groups, not every match); provinces and cities are rolled up from the codes in Python.
    query = f"""
        WITH m AS MATERIALIZED ({sql})
        SELECT 'region', r.code, g.n
            FROM (SELECT region_id, count(*) AS n FROM m GROUP BY 1) g
            JOIN {region} r ON r.id = g.region_id
        UNION ALL
        SELECT 'sector', CAST(s.sector_id AS TEXT), count(*)
            FROM m JOIN {through} s ON s.meeting_id = m.id GROUP BY 2
        UNION ALL
        SELECT 'year', CAST(m.held_year AS TEXT), count(*) FROM m GROUP BY 2
        UNION ALL
        SELECT 'type', m.meeting_type, count(*) FROM m GROUP BY 2
        UNION ALL
        SELECT 'language', m.language, count(*) FROM m GROUP BY 2
    """
    facets: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for facet, value, n in cursor.fetchall():
            if facet != "region":
                facets.setdefault(facet, {})[value] = n
                continue
            for name, prefix in (("province", value[:2]), ("city", value[:4] if len(value) >= 4 else None)):
                if prefix is not None:
                    bucket = facets.setdefault(name, {})
                    bucket[prefix] = bucket.get(prefix, 0) + n
    facets["total"] = {"": sum(facets.get("language", {}).values())}
    return facets


def naive(queryset, q: str):  # type: ignore[no-untyped-def]
    from django.db.models import Q

    for word in q.replace('"', " ").split():
        if word.startswith("-") and len(word) > 1:
            queryset = queryset.exclude(Q(title__icontains=word[1:]) | Q(body__icontains=word[1:]))
        elif word != "-":
            queryset = queryset.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return queryset


def run_one(q: str, sort: str, *, use_index: bool) -> int:
    """One query as the list page runs it (facets, total, first page, snippets), or naively."""
    from django.http import QueryDict

    from safetyhub.meetings.facets import meeting_facets
    from safetyhub.meetings.filters import MeetingFilter
    from safetyhub.meetings.models import Meeting
    from safetyhub.meetings.querystate import QueryState
    from safetyhub.meetings.search import parse, snippet
    from safetyhub.meetings.selectors import meeting_page_source

    if use_index:
        query = QueryDict(mutable=True)
        query["q"] = q
        if sort == "rank":
            query["sort"] = "relevance"
        filterset = MeetingFilter(query, queryset=Meeting.objects.all())
        counted = meeting_facets(filterset, QueryState(query, "/meetings/"), "zh-hans")
        source = meeting_page_source(filterset=filterset, selection=counted.selection)
        parsed = parse(q)
        for row in source[:PAGE]:
            snippet(row.body, parsed)
        return counted.total if counted.total is not None else source.count()
    qs = naive(Meeting.objects.all(), q)
    rows = list(qs.order_by("-sort_date", "-id").only("id", "title", "body", "sort_date")[:PAGE])
    for row in rows:
        snippet(row.body, q)
    facets = facet_counts(qs)
    return facets["total"].get("", 0)


def measure(mix: list[tuple[str, str]], *, use_index: bool, repeat: int) -> tuple[list[float], dict]:
    timings: dict[tuple[str, str], list[float]] = {}
    totals: dict[tuple[str, str], int] = {}
    for _ in range(repeat):
        for q, sort in mix:
            started = time.perf_counter()
            totals[(q, sort)] = run_one(q, sort, use_index=use_index)
            timings.setdefault((q, sort), []).append((time.perf_counter() - started) * 1000)
    medians = {k: statistics.median(v) for k, v in timings.items()}
    # The first pass over the mix meets every query for the first time: no cached matches.
    first = [v[0] for v in timings.values()]
    return list(medians.values()), {"medians": medians, "totals": totals, "first": first}


def explain(q: str) -> str:
    from django.db import connection

    from safetyhub.meetings.models import Meeting
    from safetyhub.meetings.search import meeting_search

    qs = meeting_search(Meeting.objects.all(), q).order_by("-sort_date", "-id")[:PAGE]
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join("    " + " ".join(str(c) for c in row) for row in cursor.fetchall())


def ensure_postgres_database(url: str) -> None:
    """Create the PostgreSQL database of `url` when it does not exist yet (also bench/load.py's)."""
    import psycopg
    from dj_database_url import parse

    cfg = parse(url)
    admin = dict(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], dbname="postgres")
    with psycopg.connect(**admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (cfg["NAME"],)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    url = args.database_url or f"sqlite:///{REPO / 'var' / 'bench' / f'search-{args.count}.sqlite3'}"
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    else:
        ensure_postgres_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safetyhub.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from safetyhub.meetings.models import Attendance, Official
    from safetyhub.meetings.reference import regions_load, sectors_load

    call_command("migrate", verbosity=0)
    sectors_load()
    regions_load()
    name = connection.settings_dict["NAME"]
    print(f"search benchmark: {args.count:,} meetings on {connection.vendor} ({name})")
    started = time.perf_counter()
    how = load(args.count)
    print(f"corpus {how} in {time.perf_counter() - started:.1f}s (bulk-inserted generator ground truth)")

    # The name queries use an official with a typical number of meetings.
    from django.db.models import Count

    busiest = (
        Official.objects.annotate(n=Count("attendances"))
        .order_by("-n", "id")
        .values_list("id", flat=True)[:1]
    )
    typical = Official.objects.exclude(pk__in=list(busiest)).order_by("id").first()
    assert typical is not None
    n_meetings = Attendance.objects.filter(official=typical).count()
    mix = [(q.format(name_zh=typical.name_zh, name_en=typical.name_en), s) for q, s in MIX]
    print(f"name queries use {typical.name_zh} / {typical.name_en} ({n_meetings} meetings)")

    from django.conf import settings

    from safetyhub.meetings import facet_index

    if settings.FACET_INDEX:
        started = time.perf_counter()
        index = facet_index.meeting_index()
        assert index is not None
        print(f"facet index: {index.size:,} meetings loaded in {time.perf_counter() - started:.2f}s")
    else:
        print("facet index off (FACET_INDEX=false): facets counted in SQL")
    for q, sort in mix[:2]:  # warm caches and the tokenizer
        run_one(q, sort, use_index=True)
    indexed, detail = measure(mix, use_index=True, repeat=args.repeat)
    for (q, sort), ms in detail["medians"].items():
        print(f"  {ms:8.1f} ms  {detail['totals'][(q, sort)]:>7,} hits  {sort:4}  {q}")
    naive_ms, _ = measure(mix, use_index=False, repeat=max(1, args.repeat // 3))
    print("plan of a date-sorted rare-term query (尾矿库在线监测):")
    print(explain("尾矿库在线监测"))
    figures = {
        "count": args.count,
        "database": connection.vendor,
        "queries": len(mix),
        "p50_ms": round(percentile(indexed, 50), 1),
        "p95_ms": round(percentile(indexed, 95), 1),
        "max_ms": round(max(indexed), 1),
        "first_pass_p50_ms": round(percentile(detail["first"], 50), 1),
        "first_pass_p95_ms": round(percentile(detail["first"], 95), 1),
        "naive_p50_ms": round(percentile(naive_ms, 50), 1),
        "naive_p95_ms": round(percentile(naive_ms, 95), 1),
        "naive_vs_index_p95": round(percentile(naive_ms, 95) / max(percentile(indexed, 95), 0.001), 1),
        "corpus": "generated, bulk-inserted",
        "facets": "index" if settings.FACET_INDEX else "sql",
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }
    print(
        f"first pass (no query cached): p50 {figures['first_pass_p50_ms']} ms, "
        f"p95 {figures['first_pass_p95_ms']} ms"
    )
    print(
        f"search + facets: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms; "
        f"naive icontains: p50 {figures['naive_p50_ms']} ms, p95 {figures['naive_p95_ms']} ms"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
