"""Merging duplicate officials through the admin, and finding officials."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from safetyhub.extraction.types import ExtractedDirective, ExtractedOfficial
from safetyhub.meetings.merge import official_canonical, official_merge
from safetyhub.meetings.models import Attendance, Directive, Meeting, Official, Region

from .conftest import ingest, make_extracted

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:meetings_official_changelist"


def merge_via_admin(client: Client, officials: list[Official], survivor: Official) -> Any:
    url = reverse(CHANGELIST)
    selected = [str(o.pk) for o in officials]
    confirm = client.post(url, {"action": "merge", "_selected_action": selected})
    assert confirm.status_code == 200
    assert "Merge officials" in confirm.content.decode()
    return client.post(
        url,
        {"action": "merge", "_selected_action": selected, "apply": "1", "survivor": str(survivor.pk)},
        follow=True,
    )


def test_merging_moves_every_link_and_keeps_the_names(editor_client: Client) -> None:
    # One report writes 陈敏 in hanzi, another only in pinyin: two officials for one person.
    first = ingest(make_extracted())
    english = ingest(
        make_extracted(
            source="reports/en.txt",
            raw_text="Chen Min attended",
            language="en",
            officials=[ExtractedOfficial(None, "Min Chen", ["spoke"], ["Party Secretary"], [])],
            directives=[ExtractedDirective("Strengthen inspections", "Min Chen", [], None)],
        )
    )
    chen = Official.objects.get(name_zh="陈敏")
    chen_en = Official.objects.get(name_en="Min Chen")
    chen_en.home_region = Region.objects.get(code="360681")
    chen_en.save()

    response = merge_via_admin(editor_client, [chen, chen_en], survivor=chen)
    assert "1 attendances moved" in response.content.decode()

    chen.refresh_from_db()
    chen_en.refresh_from_db()
    assert chen_en.merged_into == chen
    assert chen.aliases == ["Min Chen"]
    assert chen.home_region is not None and chen.home_region.code == "360681"
    assert not Attendance.objects.filter(official=chen_en).exists()
    assert not Directive.objects.filter(issuer=chen_en).exists()
    assert set(Attendance.objects.filter(official=chen).values_list("meeting_id", flat=True)) == {
        first.pk,
        english.pk,
    }
    assert Directive.objects.filter(issuer=chen).count() == 2
    assert LogEntry.objects.filter(object_id=str(chen.pk), change_message__startswith="Merged").exists()

    # The tombstone is hidden from autocomplete, and a later ingest of the English report attaches to 陈敏.
    search = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "meetings", "model_name": "attendance", "field_name": "official", "term": "Chen"},
    )
    assert [r["id"] for r in search.json()["results"]] == [str(chen.pk)]
    ingest(
        make_extracted(
            source="reports/en.txt",
            raw_text="Chen Min attended",
            language="en",
            officials=[ExtractedOfficial(None, "Min Chen", ["spoke"], [], [])],
            directives=[],
        )
    )
    assert official_canonical(chen_en) == chen
    assert list(Attendance.objects.filter(meeting=english).values_list("official_id", flat=True)) == [chen.pk]


def test_two_attendances_at_one_meeting_are_combined() -> None:
    meeting = ingest(make_extracted())
    chen = Official.objects.get(name_zh="陈敏")
    typo = Official.objects.create(name_zh="陈 敏", name_en="Chen Min", aliases=["CHEN Min"])
    a = Attendance.objects.create(
        meeting=meeting, official=typo, presided=True, title="书记", titles=["书记"], spans=[[1, 3]]
    )
    result = official_merge(survivor=chen, duplicates=[typo])
    assert result.attendances_combined == 1
    merged = Attendance.objects.get(meeting=meeting, official=chen)
    assert merged.roles == ["presided", "spoke", "attended"]
    assert merged.titles == ["市委书记", "书记"]
    assert [1, 3] in merged.spans
    assert not Attendance.objects.filter(pk=a.pk).exists()
    chen.refresh_from_db()
    assert chen.aliases == ["陈 敏", "CHEN Min"]


def test_merging_twice_points_old_tombstones_at_the_final_survivor() -> None:
    a, b, c = (Official.objects.create(name_zh=n) for n in ("甲", "乙", "丙"))
    official_merge(survivor=b, duplicates=[a])
    official_merge(survivor=c, duplicates=[b])
    a.refresh_from_db()
    assert a.merged_into == c
    with pytest.raises(ValueError):
        official_merge(survivor=b, duplicates=[a])


def test_merge_needs_two_live_officials(editor_client: Client) -> None:
    one = Official.objects.create(name_zh="甲")
    response = editor_client.post(
        reverse(CHANGELIST), {"action": "merge", "_selected_action": [str(one.pk)]}, follow=True
    )
    assert "Select at least two officials" in response.content.decode()


@pytest.mark.parametrize("term", ["潘磊", "pan lei", "市长", "Lei"])
def test_officials_are_found_by_hanzi_pinyin_or_title(editor_client: Client, term: str) -> None:
    ingest(make_extracted())
    response = editor_client.get(reverse(CHANGELIST), {"q": term})
    names = [o.name_zh for o in response.context["cl"].result_list]
    assert "潘磊" in names


def test_viewer_cannot_merge(viewer_client: Client) -> None:
    a, b = Official.objects.create(name_zh="甲"), Official.objects.create(name_zh="乙")
    response = viewer_client.post(
        reverse(CHANGELIST),
        {"action": "merge", "_selected_action": [str(a.pk), str(b.pk)], "apply": "1", "survivor": str(a.pk)},
    )
    assert response.status_code in (302, 200, 403)
    b.refresh_from_db()
    assert b.merged_into is None
    assert Meeting.objects.count() == 0
