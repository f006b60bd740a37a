from __future__ import annotations

import pytest

from safetyhub.meetings.models import Meeting, Region, ReviewState
from safetyhub.meetings.review import (
    LOW_CONFIDENCE_REGION,
    NO_DATE,
    NO_OFFICIALS,
    NO_REGION,
    YEAR_UNKNOWN,
    attention_reasons,
    meeting_attention_reasons,
    meeting_refresh_review,
    merge_reasons,
    reason_label,
    review_state_for,
)

SETTLED = {
    "has_region": True,
    "region_confidence": 0.9,
    "region_owned": False,
    "held_year": 2023,
    "held_month": 8,
    "official_count": 2,
}


def reasons(**changes: object) -> list[str]:
    return attention_reasons(**{**SETTLED, **changes})  # type: ignore[arg-type]


def test_a_settled_meeting_needs_nothing() -> None:
    assert reasons() == []


def test_each_unsettled_fact_gives_its_reason() -> None:
    assert reasons(has_region=False) == [NO_REGION]
    assert reasons(region_confidence=0.3) == [LOW_CONFIDENCE_REGION]
    assert reasons(held_year=None) == [YEAR_UNKNOWN]
    assert reasons(held_year=None, held_month=None) == [NO_DATE]
    assert reasons(official_count=0) == [NO_OFFICIALS]


def test_an_editor_owned_region_is_trusted_whatever_its_confidence() -> None:
    assert reasons(region_confidence=0.1, region_owned=True) == []


def test_reasons_come_in_a_stable_order() -> None:
    assert reasons(has_region=False, held_year=None, official_count=0) == [
        NO_REGION,
        YEAR_UNKNOWN,
        NO_OFFICIALS,
    ]


def test_review_state_follows_reasons_until_an_editor_reviews() -> None:
    assert review_state_for(ReviewState.UNREVIEWED, [NO_REGION]) == ReviewState.NEEDS_ATTENTION
    assert review_state_for(ReviewState.NEEDS_ATTENTION, []) == ReviewState.UNREVIEWED
    assert review_state_for(ReviewState.REVIEWED, [NO_REGION]) == ReviewState.REVIEWED


def test_unknown_reasons_from_extraction_are_shown_as_written() -> None:
    assert reason_label("two candidate regions") == "two candidate regions"
    assert "region" in reason_label(NO_REGION).lower()


@pytest.mark.django_db
def test_refresh_writes_reasons_and_state() -> None:
    meeting = Meeting.objects.create(title="t", body="b", raw_text="b", content_hash="x")
    meeting_refresh_review(meeting)
    meeting.refresh_from_db()
    assert meeting.attention_reasons == [NO_REGION, NO_DATE, NO_OFFICIALS]
    assert meeting.review_state == ReviewState.NEEDS_ATTENTION

    meeting.region = Region.objects.get(code="360681")
    meeting.region_confidence = 1.0
    meeting.set_held_date(2023, 8, 22)
    meeting.save()
    assert meeting_attention_reasons(meeting, official_count=1) == []


def test_extraction_notes_on_computed_facts_are_recomputed_and_others_kept() -> None:
    existing = ["low-confidence region", "year unknown", "text truncated: longer than an article", NO_REGION]
    assert merge_reasons([YEAR_UNKNOWN], existing) == [YEAR_UNKNOWN, "text truncated: longer than an article"]
    assert merge_reasons([], ["no officials found"]) == []
