"""A minimal `meeting_apply_extraction` for running these tests before the ingest issue lands.

It honours the ownership contract the admin relies on (editor_fields, editor_owned rows,
editor_deleted keys, merged_into) and nothing more; the real one replaces it as soon as
`safetyhub.meetings.services` defines it.
"""

from __future__ import annotations

import hashlib

from safetyhub.extraction.types import ExtractedMeeting
from safetyhub.meetings.models import Attendance, Directive, Meeting, Official, Region, Sector
from safetyhub.meetings.ownership import directive_key


def _official(name_zh: str | None, name_en: str) -> Official:
    official = (
        Official.objects.filter(name_zh=name_zh).first()
        if name_zh
        else Official.objects.filter(name_en=name_en).first()
    )
    if official is None:
        official = Official.objects.create(name_zh=name_zh or "", name_en=name_en)
    while official.merged_into_id:
        official = Official.objects.get(pk=official.merged_into_id)
    return official


def meeting_apply_extraction(*, meeting: Meeting, extracted: ExtractedMeeting, **_: object) -> Meeting:
    owned = set(meeting.editor_fields or [])
    for name in ("title", "outlet", "reporter", "published_on", "meeting_type", "language", "body"):
        if name not in owned:
            setattr(meeting, name, getattr(extracted, name))
    if "region" not in owned:
        region = extracted.region
        meeting.region = Region.objects.filter(code=region.code).first() if region and region.code else None
        meeting.region_confidence = region.confidence if region and meeting.region else 0.0
    if "held_on" not in owned:
        held = extracted.held_on
        meeting.set_held_date(*(held.year, held.month, held.day) if held else (None, None, None))
    meeting.raw_text = extracted.raw_text
    meeting.content_hash = meeting.content_hash or hashlib.sha256(extracted.raw_text.encode()).hexdigest()
    if "body" not in owned:
        meeting.spans = {k: list(v) for k, v in extracted.spans.items()}
    meeting.save()
    if "sectors" not in owned:
        meeting.sectors.set(Sector.objects.filter(slug__in=extracted.sectors))
    deleted = set(meeting.editor_deleted or [])
    owned_officials = set(meeting.attendances.filter(editor_owned=True).values_list("official_id", flat=True))
    owned_texts = {
        directive_key(t) for t in meeting.directives.filter(editor_owned=True).values_list("text", flat=True)
    }
    meeting.attendances.filter(editor_owned=False).delete()
    meeting.directives.filter(editor_owned=False).delete()
    by_key: dict[str, Official] = {}
    for position, person in enumerate(extracted.officials):
        if f"official:{person.key}" in deleted:
            continue
        official = _official(person.name_zh, person.name_en)
        by_key[person.key] = official
        if official.pk in owned_officials:
            continue
        owned_officials.add(official.pk)
        attendance = Attendance(
            meeting=meeting,
            official=official,
            title=person.titles[0] if person.titles else "",
            titles=list(person.titles),
            spans=[list(s) for s in person.spans],
            position=position,
        )
        attendance.set_roles(person.roles or ["attended"])
        attendance.save()
    for order, item in enumerate(extracted.directives):
        key = directive_key(item.text)
        if key in deleted or key in owned_texts:
            continue
        directive = Directive.objects.create(
            meeting=meeting,
            issuer=by_key.get(item.issuer) if item.issuer else None,
            text=item.text,
            order=order,
            span_start=item.span[0] if item.span else None,
            span_end=item.span[1] if item.span else None,
        )
        directive.sectors.set(Sector.objects.filter(slug__in=item.sectors))
    meeting.attention_reasons = list(extracted.attention)
    meeting.save(update_fields=["attention_reasons"])
    return meeting
