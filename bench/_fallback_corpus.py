"""Bulk-insert N synthetic meetings when bench/_corpus.py (the ingest helper's generator) is absent.

Rows are written straight to the tables (no extraction), from a seeded random generator:
gazetteer regions, the sector vocabulary, a pool of officials, 2-4 attendances and 2-5
directives per meeting. Idempotent per (count, seed): content hashes are deterministic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.db import transaction

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "建军华光海东敏磊伟芳娜秀英丽强磊军洋勇艳杰涛明超霞平刚桂英志强春梅晓东红梅立新国庆"
TITLES = [
    "市委书记",
    "市长",
    "副市长",
    "县委书记",
    "县长",
    "应急管理局局长",
    "安委会主任",
    "常务副县长",
    "区长",
]
PHRASES = [
    "会议强调，要压紧压实安全生产责任，坚决遏制重特大事故发生。",
    "要深入开展隐患排查整治，对重点行业领域开展拉网式检查。",
    "会议要求，各地各部门要加强汛期安全防范，做好应急值守工作。",
    "要强化道路交通安全管理，严厉打击超速超载等违法行为。",
    "要抓好危险化学品和烟花爆竹安全监管，严防事故发生。",
    "要加强建筑施工领域安全管理，落实企业主体责任。",
    "要做好森林防火工作，加强野外火源管控。",
    "要持续推进安全生产治本攻坚三年行动，提升本质安全水平。",
]
TYPES = ["plenary", "expanded", "work_conference", "on_site", "scheduling", "video", "deployment", "other"]


def load_fallback_corpus(count: int, seed: int) -> int:
    """Insert meetings until `count` generated ones exist; return how many were added."""
    from safetyhub.meetings.models import Attendance, Directive, Meeting, Official, Region, Sector

    rng = random.Random(seed)
    regions = list(Region.objects.filter(level__in=["prefecture", "county"]).values_list("id", "name_zh"))
    sectors = list(Sector.objects.values_list("id", "name_zh"))
    if not regions or not sectors:
        raise SystemExit("load the reference data first (manage.py load_reference_data)")
    officials = list(Official.objects.filter(aliases=["bench"]).values_list("id", flat=True))
    if len(officials) < 5000:
        names = {rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) for _ in range(8000)}
        Official.objects.bulk_create(
            [Official(name_zh=n, name_en="", aliases=["bench"]) for n in sorted(names)[:5000]]
        )
        officials = list(Official.objects.filter(aliases=["bench"]).values_list("id", flat=True))
    prefix = f"bench-{seed}-"
    have = Meeting.objects.filter(content_hash__startswith=prefix).count()
    added = 0
    batch = 2000
    M2M = Meeting.sectors.through
    D2S = Directive.sectors.through
    for start in range(have, count, batch):
        stop = min(count, start + batch)
        meetings, extras = [], []
        for i in range(start, stop):
            r = random.Random(seed * 1_000_003 + i)
            region_id, region_name = r.choice(regions)
            chosen = r.sample(sectors, r.randint(1, 3))
            year, month, day = r.randint(2015, 2024), r.randint(1, 12), r.randint(1, 28)
            body = f"{year}年{month}月{day}日，{region_name}召开安全生产工作会议。" + "".join(
                r.choice(PHRASES) for _ in range(r.randint(6, 14))
            )
            m = Meeting(
                title=f"{region_name}召开{chosen[0][1]}安全生产工作会议",
                outlet=f"{region_name}日报",
                body=body,
                raw_text=body,
                content_hash=prefix + hashlib.sha1(str(i).encode()).hexdigest()[:40],
                region_id=region_id,
                meeting_type=r.choice(TYPES),
                language="zh",
                published_on=dt.date(year, month, day),
            )
            m.set_held_date(year, month, day if r.random() < 0.8 else None)
            meetings.append(m)
            extras.append((r, chosen))
        with transaction.atomic():
            Meeting.objects.bulk_create(meetings)
            links, attendances, directives, dsectors = [], [], [], []
            for m, (r, chosen) in zip(meetings, extras, strict=True):
                links += [M2M(meeting_id=m.pk, sector_id=s) for s, _ in chosen]
                people = r.sample(officials, r.randint(2, 4))
                for pos, oid in enumerate(people):
                    attendances.append(
                        Attendance(
                            meeting_id=m.pk,
                            official_id=oid,
                            presided=pos == 0,
                            spoke=pos > 0,
                            title=r.choice(TITLES),
                            titles=[],
                            position=pos,
                        )
                    )
                for order in range(r.randint(2, 5)):
                    directives.append(
                        Directive(
                            meeting_id=m.pk,
                            issuer_id=r.choice([*people, None]),
                            text=r.choice(PHRASES),
                            order=order,
                        )
                    )
            M2M.objects.bulk_create(links)
            Attendance.objects.bulk_create(attendances)
            Directive.objects.bulk_create(directives)
            sector_ids = [s for s, _ in sectors]
            for d in directives:
                dsectors.append(D2S(directive_id=d.pk, sector_id=random.Random(d.pk).choice(sector_ids)))
            D2S.objects.bulk_create(dsectors)
            try:
                from safetyhub.meetings.search import index_meetings

                index_meetings(meetings)
            except Exception as exc:  # the index is derived data; report and go on
                print(f"  search index not built for this batch: {exc}")
        added += len(meetings)
        print(f"  corpus: {have + added:,}/{count:,} meetings", flush=True)
    return added
