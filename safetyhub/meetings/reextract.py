"""Re-extract stored meetings from their raw text, refreshing only what editors do not own."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

import safetyhub.extraction as extraction
from safetyhub.extraction.reference import Reference

from . import services
from .extraction_reference import reference_from_db
from .models import Meeting
from .review import meeting_refresh_review


@transaction.atomic
def meeting_reextract(*, meeting: Meeting, reference: Reference | None = None) -> Meeting:
    """Run extraction again on a meeting's raw text and apply it (editor-owned facts stay)."""
    reference = reference or reference_from_db()
    extracted = extraction.extract(meeting.raw_text, source=meeting.source or None, reference=reference)
    services.meeting_apply_extraction(meeting=meeting, extracted=extracted)
    meeting.refresh_from_db()
    return meeting_refresh_review(meeting)


def meetings_reextract(*, meetings: Iterable[Meeting]) -> int:
    """Re-extract several meetings with one reference; return how many were done."""
    reference = reference_from_db()
    done = 0
    for meeting in meetings:
        meeting_reextract(meeting=meeting, reference=reference)
        done += 1
    return done
