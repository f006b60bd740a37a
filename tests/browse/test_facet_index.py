"""The in-memory facet index counts and orders exactly as the SQL facets do, and never goes stale."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import override_settings

from safetyhub.meetings import facet_index, selectors
from safetyhub.meetings.facets import meeting_facets
from safetyhub.meetings.filters import MeetingFilter
from safetyhub.meetings.models import ArchiveVersion, Attendance, Meeting, MeetingSource, Region, Sector
from safetyhub.meetings.querystate import QueryState

from .factories import demo_archive, make_meeting, make_official, region

pytestmark = pytest.mark.django_db

QUERIES = [
    "消防",
    "安全生产",
    "fire",
    "隐患排查 -燃气",
    '"安全生产工作会议"',
    "-消防",
    "zzzz",
    "Chen Min",
    "危化品",
]


@pytest.fixture(autouse=True)
def _fresh_index() -> Any:
    facet_index.reset()
    yield
    facet_index.reset()


def facets_and_page(params: dict[str, Any], *, indexed: bool) -> dict[str, Any]:
    """What the list page shows for these parameters: every facet, the total and page ids."""
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    with override_settings(FACET_INDEX=indexed):
        filterset = MeetingFilter(query, queryset=Meeting.objects.all())
        counted = meeting_facets(filterset, QueryState(query, "/meetings/"), "en")
        assert (counted.selection is not None) == indexed
        source = selectors.meeting_page_source(filterset=filterset, selection=counted.selection)
        pages = [[m.pk for m in source[start : start + 7]] for start in (0, 7, 14)]
        total = counted.total if counted.total is not None else source.count()
    facets = {
        name: (
            [(v.value, v.count, v.selected) for v in result.values],
            [(v.value, v.selected) for v in result.trail],
            result.extra.get("own"),
            [(v.value, v.count, v.selected) for v in result.extra.get("months", [])],
        )
        for name, result in counted.facets.items()
    }
    return {"facets": facets, "total": total, "pages": pages}


def random_params(rng: random.Random, officials: list[int]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if rng.random() < 0.5:
        params["q"] = rng.choice(QUERIES)
        if rng.random() < 0.5:
            params["sort"] = "relevance"
    if rng.random() < 0.5:
        params["region"] = rng.choice(["36", "3606", "360602", "42", "420115", "44", "4403", "11"])
    if rng.random() < 0.4:
        slugs = ["fire", "road-traffic", "gas", "hazardous-chemicals", "mining", "construction"]
        params["sector"] = rng.sample(slugs, rng.choice([1, 1, 2]))
    if rng.random() < 0.3:
        params["official"] = str(rng.choice(officials))
    if rng.random() < 0.4:
        year = rng.choice([2021, 2022, 2023, 2024])
        if rng.random() < 0.5:
            params.update({"from": f"{year}-01-01", "to": f"{year}-12-31"})
        else:
            params["from" if rng.random() < 0.5 else "to"] = f"{year}-06-15"
    if rng.random() < 0.3:
        params["type"] = rng.choice(["plenary", "work_conference", "video"])
    if rng.random() < 0.3:
        params["language"] = rng.choice(["zh", "en"])
    return params


def test_index_counts_and_pages_equal_the_sql_facets_under_random_filters() -> None:
    demo_archive(60)
    officials = list(Attendance.objects.values_list("official_id", flat=True).distinct())
    rng = random.Random(5)
    combos = [{}, {"sort": "relevance", "q": "安全"}] + [random_params(rng, officials) for _ in range(80)]
    nonempty = 0
    for params in combos:
        expected = facets_and_page(params, indexed=False)
        got = facets_and_page(params, indexed=True)
        assert got == expected, params
        nonempty += expected["total"] > 0
    assert nonempty > 30  # the combinations exercise real results, not only empty lists


def test_the_index_follows_every_kind_of_write_at_once() -> None:
    demo_archive(12)
    first = facets_and_page({"region": "42"}, indexed=True)
    version = facet_index.current_version()
    # A bulk write that bypasses signals and save(): the triggers still see it.
    moved = Meeting.objects.exclude(region__code__startswith="42").order_by("pk")[:3]
    Meeting.objects.filter(pk__in=[m.pk for m in moved]).update(region=region("420115"))
    assert facet_index.current_version() != version
    after = facets_and_page({"region": "42"}, indexed=True)
    assert after["total"] == first["total"] + 3
    assert after == facets_and_page({"region": "42"}, indexed=False)

    someone = make_official("赵静", "Zhao Jing")
    meeting = Meeting.objects.order_by("pk").first()
    assert meeting is not None
    Attendance.objects.bulk_create([Attendance(meeting=meeting, official=someone, position=9, attended=True)])
    meeting.sectors.add(Sector.objects.get(slug="mining"))
    got = facets_and_page({"official": str(someone.pk), "sector": ["mining"]}, indexed=True)
    assert got["total"] == 1 and got["pages"][0] == [meeting.pk]

    Meeting.objects.filter(pk=meeting.pk).delete()
    assert facets_and_page({"official": str(someone.pk)}, indexed=True)["total"] == 0


def test_writes_that_facets_do_not_read_keep_the_index() -> None:
    demo_archive(5)
    facets_and_page({}, indexed=True)
    version = facet_index.current_version()
    Meeting.objects.update(review_state="reviewed")
    assert facet_index.current_version() == version


def test_renaming_a_region_retires_the_index_and_the_list_shows_the_new_name(client: Any) -> None:
    """The index keeps the region rows (names included) for facets and result rows."""
    demo_archive(12)
    Meeting.objects.update(region=region("420115"))
    facets_and_page({}, indexed=True)
    version = facet_index.current_version()
    Region.objects.filter(code="420115").update(name_en="Jiangxia <District>")
    assert facet_index.current_version() != version
    with override_settings(FACET_INDEX=True):
        page = client.get("/meetings/?region=4201", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("Jiangxia &lt;District&gt;") >= 13  # the facet and every result row


def _row_relations(meeting: Meeting) -> tuple[Any, ...]:
    region = meeting.region
    return (
        [(r.pk, r.code, r.name_zh, r.name_en) for r in region.path] if region else None,
        [s.slug for s in meeting.sectors.all()],
        [(a.pk, a.official_id, a.official.name_zh, a.official.name_en) for a in meeting.presiders],
    )


def test_indexed_page_rows_carry_what_the_sql_rows_carry_in_few_queries() -> None:
    from django.test.utils import CaptureQueriesContext

    demo_archive(30)
    query = QueryDict()
    with override_settings(FACET_INDEX=True):
        filterset = MeetingFilter(query, queryset=Meeting.objects.all())
        counted = meeting_facets(filterset, QueryState(query, "/meetings/"), "en")
        source = selectors.meeting_page_source(filterset=filterset, selection=counted.selection)
        assert isinstance(source, selectors.IndexedMeetings)
        with CaptureQueriesContext(connection) as queries:
            indexed = source[0:20]
            got = [_row_relations(m) for m in indexed]
        assert len(queries) == 3  # meetings, their sector links, their presiders
    expected = selectors.meeting_list(filterset=MeetingFilter(query, queryset=Meeting.objects.all()))[:20]
    assert [m.pk for m in indexed] == [m.pk for m in expected]
    assert got == [_row_relations(m) for m in expected]
    assert any(row[2] for row in got) and any(len(row[1]) > 1 for row in got)


def test_a_rolled_back_write_never_reuses_a_version() -> None:
    from django.db import transaction

    demo_archive(3)
    before = facet_index.current_version()
    seen = set()
    for _ in range(3):
        try:
            with transaction.atomic():
                Meeting.objects.update(meeting_type="video")
                seen.add(facet_index.current_version())
                raise RuntimeError
        except RuntimeError:
            pass
    assert facet_index.current_version() == before
    assert before not in seen and len(seen) == 3


@override_settings(FACET_INDEX_REFRESH=3600)
def test_while_writes_keep_coming_requests_count_in_sql_and_stay_exact() -> None:
    demo_archive(6)
    assert facet_index.meeting_index() is not None
    make_meeting(title="新会议", region=region("420115"), sectors=["fire"])
    assert facet_index.meeting_index() is None  # reloaded moments ago: SQL instead
    total = Meeting.objects.count()
    assert facets_and_page({}, indexed=False)["total"] == total


def test_the_list_page_and_api_use_the_index(client: Any) -> None:
    demo_archive(10)
    facet_index.reset()
    response = client.get("/meetings/", {"region": "42"})
    assert response.status_code == 200
    assert facet_index._current is not None
    data = client.get("/api/meetings/", {"region": "42", "page_size": 3}).json()
    expected = Meeting.objects.filter(region__code__startswith="42").count()
    assert data["count"] == expected
    assert len(data["results"]) == min(3, expected)
    assert all(r["source"] for r in data["results"])
    # Reported twice: the first source (lowest id) is the one given, as on the detail endpoint.
    top = Meeting.objects.get(pk=data["results"][0]["id"])
    first = top.sources.get().location
    MeetingSource.objects.create(meeting=top, location="aaa/earlier-name-later-row.txt")
    again = client.get("/api/meetings/", {"region": "42", "page_size": 3}).json()
    assert again["results"][0]["source"] == first
    assert client.get(f"/api/meetings/{top.pk}/").json()["source"] == first


def test_version_row_is_written_by_the_database_itself() -> None:
    make_meeting(title="x", region=region("420115"))
    assert ArchiveVersion.objects.filter(pk=1).exists()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE meetings_meeting SET sort_date = NULL")
    assert facets_and_page({}, indexed=True)["facets"]["year"][0] == []
