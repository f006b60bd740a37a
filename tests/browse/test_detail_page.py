"""The meeting page reads sectors and nearby meetings from the facet index when it is current:
the page must be the same with and without it, and the same as the prefetching selector's."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from safetyhub.meetings import facet_index, selectors
from safetyhub.meetings.models import Meeting, Region

from .factories import demo_archive, make_meeting, region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index() -> Any:
    facet_index.reset()
    yield
    facet_index.reset()


def _page(client: Client, pk: int, *, indexed: bool) -> str:
    with override_settings(FACET_INDEX=indexed):
        html = client.get(reverse("meeting_detail", args=[pk])).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _related_by_sql(meeting: Meeting, limit: int = 6) -> list[int]:
    """The nearby meetings as the SQL version picked them (before the index did)."""
    window = dt.timedelta(days=180)
    day = meeting.sort_date or dt.date.today()
    if not meeting.region:
        return []
    nearby = (
        Meeting.objects.filter(
            region__code__startswith=meeting.region.code[:4],
            sort_date__range=(day - window, day + window),
        )
        .exclude(pk=meeting.pk)
        .order_by(*selectors.NEWEST)
        .values_list("id", "sort_date")[:50]
    )
    return [pk for pk, _d in sorted(nearby, key=lambda r: abs((r[1] - day).days))][:limit]


def test_the_page_is_the_same_with_and_without_the_index(client: Client) -> None:
    meetings = demo_archive(30)
    # Same city, same date: ties broken by the list's order (newest, then highest id).
    twins = [make_meeting(title=f"双胞胎{i}", region=region("360681"), date=(2023, 5, 5)) for i in range(3)]
    for m in [*meetings[:12], *twins]:
        assert _page(client, m.pk, indexed=True) == _page(client, m.pk, indexed=False)


def test_nearby_meetings_from_the_index_match_the_sql(client: Client) -> None:
    meetings = demo_archive(40)
    index = facet_index.meeting_index()
    assert index is not None
    for m in Meeting.objects.select_related("region").filter(pk__in=[x.pk for x in meetings]):
        related = selectors.meeting_related(meeting=m, sector_ids=[], index=index)
        nearby = [r.pk for r in related]
        assert nearby == _related_by_sql(m), m.pk
        with override_settings(FACET_INDEX=False):
            assert [r.pk for r in selectors.meeting_related(meeting=m, sector_ids=[], index=None)] == nearby


def test_a_missing_meeting_is_not_found(client: Client) -> None:
    assert client.get(reverse("meeting_detail", args=[987654])).status_code == 404


def test_every_region_above_the_meeting_is_shown(client: Client) -> None:
    parent = None
    for depth, code in enumerate(["91", "9101", "910101", "910101Z01", "910101Z01A"]):
        parent = Region.objects.create(
            code=code, name_zh=f"层{depth}", name_en=f"Level {depth}", parent=parent, level="county"
        )
    m = make_meeting(title="深层地区会议", region=parent, date=(2023, 5, 5))
    html = _page(client, m.pk, indexed=True)
    crumbs = html.split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert [f"Level {d}" in crumbs for d in range(5)] == [True] * 5


def test_a_meeting_sharing_several_sectors_is_related_once() -> None:
    """The sector query joins each meeting to each of its sectors: a meeting sharing three
    sectors must still be listed once."""
    sectors = ["fire", "gas", "construction"]
    meeting = make_meeting(region=region("360681"), date=(2023, 5, 5), sectors=sectors)
    others = [make_meeting(region=region("110101"), date=(2023, 5, 9), sectors=sectors) for _ in range(4)]
    meeting = Meeting.objects.select_related("region").get(pk=meeting.pk)
    sector_ids = list(meeting.sectors.values_list("pk", flat=True))
    assert len(sector_ids) == 3
    related = [r.pk for r in selectors.meeting_related(meeting=meeting, sector_ids=sector_ids, index=None)]
    assert sorted(related) == sorted(m.pk for m in others)
