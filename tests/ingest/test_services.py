"""meeting_apply_extraction and official matching, at the model level."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models.functions import Lower

from safetyhub.extraction.types import ExtractedDirective, ExtractedOfficial, ExtractedRegion, PartialDate
from safetyhub.meetings.models import Attendance, Directive, Meeting, Official, Region, ReviewState
from safetyhub.meetings.services import (
    ApplyContext,
    directive_key,
    meeting_apply_extraction,
    official_key,
    official_resolve,
    region_resolve,
)

from .factories import extracted

pytestmark = pytest.mark.django_db


def test_it_writes_a_new_meeting_with_everything() -> None:
    meeting = meeting_apply_extraction(meeting=Meeting(), extracted=extracted())
    meeting.refresh_from_db()
    assert meeting.region.code == "360681"
    assert meeting.held_on == dt.date(2023, 8, 22)
    assert meeting.sort_date == dt.date(2023, 8, 22)
    assert [s.slug for s in meeting.sectors.all()] == ["fire"]
    assert [(a.official.name_zh, a.roles) for a in meeting.attendances.all()] == [
        ("陈敏", ["spoke", "attended"]),
        ("潘磊", ["presided"]),
    ]
    first = meeting.directives.first()
    assert first.issuer.name_zh == "陈敏"
    assert [s.slug for s in first.sectors.all()] == ["fire"]
    assert meeting.spans["sectors"] == {"fire": [[46, 48]]}
    assert len(meeting.content_hash) == 64


def test_editor_edits_survive_a_reextraction() -> None:
    meeting = meeting_apply_extraction(meeting=Meeting(), extracted=extracted())
    # What the admin does: edit fields and mark them owned, edit an attendance, delete one
    # extracted directive, add a directive of its own.
    meeting.title = "编辑改过的标题"
    meeting.set_held_date(2023, 8, 21)
    meeting.editor_fields = ["title", "held_on"]
    deleted = meeting.directives.get(text="要压实安全生产责任")
    meeting.editor_deleted = [directive_key(deleted.text)]
    meeting.save()
    deleted.delete()
    pan = meeting.attendances.get(official__name_zh="潘磊")
    pan.title = "贵溪市市长"
    pan.set_roles(["presided", "spoke"])
    pan.editor_owned = True
    pan.save()
    Directive.objects.create(meeting=meeting, text="编辑加的指示", order=9, editor_owned=True)

    changed = extracted(
        title="新标题",
        held_on=PartialDate(2023, 9, 1),
        meeting_type="plenary",
        sectors=["fire", "gas"],
        officials=[
            ExtractedOfficial("陈敏", "Chen Min", ["spoke"], ["市委书记"]),
            ExtractedOfficial("潘磊", "Pan Lei", ["attended"], []),
        ],
    )
    meeting_apply_extraction(meeting=Meeting.objects.get(pk=meeting.pk), extracted=changed)

    meeting.refresh_from_db()
    assert meeting.title == "编辑改过的标题"
    assert meeting.held_on == dt.date(2023, 8, 21)
    assert meeting.meeting_type == "plenary"  # not owned: refreshed
    assert sorted(s.slug for s in meeting.sectors.all()) == ["fire", "gas"]
    pan = meeting.attendances.get(official__name_zh="潘磊")
    assert (pan.title, pan.roles, pan.editor_owned) == ("贵溪市市长", ["presided", "spoke"], True)
    assert meeting.attendances.get(official__name_zh="陈敏").roles == ["spoke"]
    texts = sorted(meeting.directives.values_list("text", flat=True))
    assert texts == ["编辑加的指示", "要加强消防安全"]
    assert Attendance.objects.filter(meeting=meeting).count() == 2


def test_an_attendance_the_editor_deleted_is_not_recreated() -> None:
    meeting = meeting_apply_extraction(meeting=Meeting(), extracted=extracted())
    meeting.attendances.filter(official__name_zh="潘磊").delete()
    meeting.editor_deleted = [official_key("潘磊", "Pan Lei")]
    meeting.save()
    meeting_apply_extraction(meeting=meeting, extracted=extracted())
    assert list(meeting.attendances.values_list("official__name_zh", flat=True)) == ["陈敏"]


def test_editor_owned_sectors_and_region_are_kept() -> None:
    meeting = meeting_apply_extraction(meeting=Meeting(), extracted=extracted())
    meeting.region = Region.objects.get(code="3606")
    meeting.editor_fields = ["region", "sectors"]
    meeting.save()
    meeting.sectors.set([])
    meeting_apply_extraction(meeting=meeting, extracted=extracted(sectors=["gas"]))
    meeting.refresh_from_db()
    assert meeting.region.code == "3606"
    assert meeting.sectors.count() == 0


def test_attention_sets_the_review_state_unless_reviewed() -> None:
    meeting = meeting_apply_extraction(
        meeting=Meeting(),
        extracted=extracted(held_on=PartialDate(None, 8, 22), attention=["year unknown", "text truncated"]),
    )
    assert meeting.review_state == ReviewState.NEEDS_ATTENTION
    # Reasons are recomputed from the meeting; extraction's other notes are kept as written.
    assert meeting.attention_reasons == ["year_unknown", "text truncated"]
    meeting.review_state = ReviewState.REVIEWED
    meeting.save()
    meeting_apply_extraction(meeting=meeting, extracted=extracted(attention=["no region"]))
    assert meeting.review_state == ReviewState.REVIEWED


def test_a_region_an_editor_settled_is_not_flagged_again_by_reingest() -> None:
    meeting = meeting_apply_extraction(
        meeting=Meeting(), extracted=extracted(attention=["low-confidence region: from the outlet"])
    )
    meeting.region_confidence = 0.2
    meeting.editor_fields = ["region"]
    meeting.save()
    meeting_apply_extraction(
        meeting=meeting, extracted=extracted(attention=["low-confidence region: from the outlet"])
    )
    meeting.refresh_from_db()
    assert not any("region" in reason for reason in meeting.attention_reasons)


def test_the_same_person_in_chinese_and_english_reports_is_one_official() -> None:
    zh = meeting_apply_extraction(meeting=Meeting(), extracted=extracted())
    en = meeting_apply_extraction(
        meeting=Meeting(),
        extracted=extracted(
            body="Chen Min attended.",
            raw_text="Chen Min attended.",
            language="en",
            region=ExtractedRegion("36", "江西省", "Jiangxi", "province", ["江西省"]),
            officials=[ExtractedOfficial(None, "CHEN  min", ["attended"], ["Secretary"])],
            directives=[],
        ),
    )
    assert zh.attendances.get(official__name_zh="陈敏").official_id == en.attendances.get().official_id
    assert Official.objects.filter(name_en="Chen Min").count() == 1


def test_an_english_name_first_gets_its_hanzi_later() -> None:
    jiangxi = Region.objects.get(code="36")
    first = official_resolve(name_zh=None, name_en="Chen Min", region=jiangxi)
    second = official_resolve(name_zh="陳敏", name_en=None, region=Region.objects.get(code="360681"))
    assert first.pk == second.pk
    first.refresh_from_db()
    assert first.name_zh == "陈敏"


def test_namesakes_in_other_provinces_are_different_people() -> None:
    a = official_resolve(name_zh="陈敏", name_en=None, region=Region.objects.get(code="360681"))
    b = official_resolve(name_zh="陈敏", name_en=None, region=Region.objects.get(code="42"))
    c = official_resolve(name_zh="陈敏", name_en=None, region=None)
    assert a.pk != b.pk
    assert c.pk in (a.pk, b.pk)


def test_merged_officials_resolve_to_the_survivor_and_aliases_match() -> None:
    survivor = Official.objects.create(name_zh="陈敏", name_en="Chen Min", aliases=["陈老敏"])
    merged = Official.objects.create(name_zh="陈明", name_en="Chen Ming", merged_into=survivor)
    assert official_resolve(name_zh="陈明", name_en=None).pk == survivor.pk
    assert official_resolve(name_zh="陈老敏", name_en=None).pk == survivor.pk
    assert merged.pk != survivor.pk


def test_zones_outside_the_gazetteer_get_codes_extending_their_parent() -> None:
    zone = ExtractedRegion(None, "吉林某某新区", "", "zone", ["吉林省", "吉林市"], False, parent_code="2202")
    town = ExtractedRegion(None, "迎丰镇", "Yingfeng", "township", [], False, parent_code="610922")
    made = region_resolve(zone)
    assert made is not None and made.code == "2202Z02" and not made.in_gazetteer
    assert region_resolve(zone).pk == made.pk
    township = region_resolve(town)
    assert township is not None and township.code == "610922T001" and township.level == "township"


def test_a_directive_issuer_is_the_resolved_official() -> None:
    meeting = meeting_apply_extraction(
        meeting=Meeting(),
        extracted=extracted(directives=[ExtractedDirective("要严查隐患", "潘磊", [], None)]),
    )
    assert meeting.directives.get().issuer.name_zh == "潘磊"


def test_ingest_matches_aliases_through_the_run_cache() -> None:
    survivor = Official.objects.create(name_zh="陈敏", name_en="Chen Min", aliases=["陳老敏", "Chen Laomin"])
    meeting = meeting_apply_extraction(
        meeting=Meeting(),
        extracted=extracted(officials=[ExtractedOfficial("陈老敏", "", ["spoke"], [])], directives=[]),
        context=ApplyContext(),
    )
    assert meeting.attendances.get().official_id == survivor.pk


def test_a_deletion_keyed_by_the_stored_official_holds_for_a_traditional_report() -> None:
    meeting = meeting_apply_extraction(meeting=Meeting(), extracted=extracted())
    meeting.attendances.filter(official__name_zh="陈敏").delete()
    meeting.editor_deleted = [official_key("陈敏", "Chen Min")]
    meeting.save()
    hant = extracted(officials=[ExtractedOfficial("陳敏", "Chen Min", ["spoke"], [])], directives=[])
    meeting_apply_extraction(meeting=meeting, extracted=hant)
    assert meeting.attendances.count() == 0


def test_any_lookup_matches_as_in_does_with_awkward_strings() -> None:
    """`__any` (one array parameter on PostgreSQL, an IN list on SQLite) finds what `__in` finds."""
    names = ["陈敏", "O'Brien", 'say "hi"', "a,b", "{x}", "back\\slash", "NULL", ""]
    for name in names:
        Official.objects.create(name_zh=name, name_en=f"en {name}")
    wanted = [*names[:6], "nobody"]
    expected = set(Official.objects.filter(name_zh__in=wanted).values_list("pk", flat=True))
    assert len(expected) == 6
    assert set(Official.objects.filter(name_zh__any=wanted).values_list("pk", flat=True)) == expected
    assert not Official.objects.filter(name_zh__any=[]).exists()
    lowered = Official.objects.annotate(en_lower=Lower("name_en")).filter(en_lower__any=["en o'brien"])
    assert [o.name_en for o in lowered] == ["en O'Brien"]
