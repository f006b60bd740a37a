"""The review queue: what extraction could not settle, and the review state that follows from it.

`attention_reasons()` is a pure function of a meeting's facts; `meeting_refresh_review()` writes
its result onto a meeting. A reviewed meeting stays reviewed: that is an editor's decision.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Meeting, ReviewState

# A region found with less confidence than this goes to the review queue unless an editor owns it.
LOW_REGION_CONFIDENCE = 0.6

NO_REGION = "no_region"
LOW_CONFIDENCE_REGION = "low_confidence_region"
YEAR_UNKNOWN = "year_unknown"
NO_DATE = "no_date"
NO_OFFICIALS = "no_officials"

REASON_LABELS = {
    NO_REGION: _("No region was found"),
    LOW_CONFIDENCE_REGION: _("The region was found with low confidence"),
    YEAR_UNKNOWN: _("The meeting date has no year"),
    NO_DATE: _("No meeting date was found"),
    NO_OFFICIALS: _("No officials were found"),
}


# What extraction writes into ExtractedMeeting.attention for the facts computed here; these are
# recomputed from the meeting as it stands (an editor may have settled them). Anything else
# extraction noted ("text truncated: ...") is kept as written.
EXTRACTION_EQUIVALENTS = {
    "no region": NO_REGION,
    "no region found": NO_REGION,
    "low-confidence region": LOW_CONFIDENCE_REGION,
    "year unknown": YEAR_UNKNOWN,
    "no date": NO_DATE,
    "no officials found": NO_OFFICIALS,
}


def attention_reasons(
    *,
    has_region: bool,
    region_confidence: float,
    region_owned: bool,
    held_year: int | None,
    held_month: int | None,
    official_count: int,
) -> list[str]:
    """Return the codes of what still needs an editor's eye, in a stable order."""
    reasons: list[str] = []
    if not has_region:
        reasons.append(NO_REGION)
    elif region_confidence < LOW_REGION_CONFIDENCE and not region_owned:
        reasons.append(LOW_CONFIDENCE_REGION)
    if held_year is None and held_month is not None:
        reasons.append(YEAR_UNKNOWN)
    elif held_year is None:
        reasons.append(NO_DATE)
    if official_count == 0:
        reasons.append(NO_OFFICIALS)
    return reasons


def meeting_attention_reasons(meeting: Meeting, *, official_count: int | None = None) -> list[str]:
    """Return the attention reasons of a saved meeting (counts its attendances unless given)."""
    if official_count is None:
        official_count = meeting.attendances.count() if meeting.pk else 0
    return attention_reasons(
        has_region=meeting.region_id is not None,
        region_confidence=meeting.region_confidence,
        region_owned="region" in (meeting.editor_fields or []),
        held_year=meeting.held_year,
        held_month=meeting.held_month,
        official_count=official_count,
    )


def review_state_for(current: str, reasons: list[str]) -> str:
    """Return the review state: reviewed stays reviewed, otherwise the reasons decide."""
    if current == ReviewState.REVIEWED:
        return ReviewState.REVIEWED
    return ReviewState.NEEDS_ATTENTION if reasons else ReviewState.UNREVIEWED


def reason_label(code: str) -> str:
    """Return a reason's human label; reasons written by extraction itself are shown as they are."""
    return str(REASON_LABELS.get(code, code))


def _recomputed_here(note: str) -> bool:
    """True for extraction's notes on facts recomputed here ("no region: places named only in passing")."""
    base = note.split(":", 1)[0].strip().lower()
    return (
        note in REASON_LABELS
        or base in EXTRACTION_EQUIVALENTS
        or base.startswith(("no region", "low-confidence region"))
    )


def merge_reasons(computed: list[str], existing: list[str]) -> list[str]:
    """Computed reasons first, then extraction's own notes that nothing here recomputes."""
    kept = [r for r in existing if not _recomputed_here(r)]
    return list(dict.fromkeys([*computed, *kept]))


def refreshed_review(meeting: Meeting, *, official_count: int | None = None) -> tuple[list[str], str]:
    """The attention reasons and review state `meeting_refresh_review` would write."""
    reasons = merge_reasons(
        meeting_attention_reasons(meeting, official_count=official_count),
        list(meeting.attention_reasons or []),
    )
    return reasons, review_state_for(meeting.review_state, reasons)


def meeting_refresh_review(meeting: Meeting) -> Meeting:
    """Recompute and save a meeting's attention reasons and review state."""
    reasons, state = refreshed_review(meeting)
    if reasons != meeting.attention_reasons or state != meeting.review_state:
        meeting.attention_reasons = reasons
        meeting.review_state = state
        Meeting.objects.filter(pk=meeting.pk).update(attention_reasons=reasons, review_state=state)
    return meeting
