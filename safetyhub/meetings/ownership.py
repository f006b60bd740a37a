"""Editor ownership: which facts an editor took over, in the keys re-ingest checks.

An editor-deleted attendance is remembered as "official:<name_zh or name_en>", an
editor-deleted directive as "directive:<first 16 hex digits of sha1(text)>".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .models import EDITABLE_MEETING_FIELDS, Attendance, Directive, Meeting, Official

# Form fields that are stored as one editable meeting field.
FORM_FIELD_TO_OWNED = {"held_year": "held_on", "held_month": "held_on", "held_day": "held_on"}


def official_key(official: Official) -> str:
    return f"official:{official.name_zh or official.name_en}"


def directive_key(text: str) -> str:
    return f"directive:{hashlib.sha1(text.encode()).hexdigest()[:16]}"


def owned_fields_from_form(changed: Iterable[str]) -> list[str]:
    """Map the form fields an editor changed onto editable meeting field names, in model order."""
    touched = {FORM_FIELD_TO_OWNED.get(name, name) for name in changed}
    return [f for f in EDITABLE_MEETING_FIELDS if f in touched]


def merge_owned(existing: Iterable[str], added: Iterable[str], removed: Iterable[str] = ()) -> list[str]:
    """Return the owned field list with `added` and without `removed`, in model order."""
    owned = (set(existing) | set(added)) - set(removed)
    return [f for f in EDITABLE_MEETING_FIELDS if f in owned]


def add_deleted_keys(existing: Iterable[str], keys: Iterable[str]) -> list[str]:
    result = list(existing)
    for key in keys:
        if key not in result:
            result.append(key)
    return result


def attendance_key(attendance: Attendance) -> str:
    return official_key(attendance.official)


def meeting_forget_facts(*, meeting_id: int, keys: Iterable[str]) -> list[str]:
    """Remember extracted facts an editor deleted or replaced, so re-ingest does not bring them back."""
    keys = [k for k in keys if k]
    meeting = Meeting.objects.select_for_update().only("pk", "editor_deleted").get(pk=meeting_id)
    if not keys:
        return list(meeting.editor_deleted)
    deleted = add_deleted_keys(meeting.editor_deleted, keys)
    if deleted != meeting.editor_deleted:
        Meeting.objects.filter(pk=meeting_id).update(editor_deleted=deleted)
    return deleted


def is_hand_back(changed: Iterable[str], editor_owned: bool) -> bool:
    """An editor who only unticks "editor-owned" hands the row back to extraction."""
    return list(changed) == ["editor_owned"] and not editor_owned


def directive_edited(
    *, original: Directive | None, directive: Directive, changed: Iterable[str]
) -> list[str]:
    """Mark an edited directive as the editor's; return the key of the extracted one it replaces."""
    changed = list(changed)
    if is_hand_back(changed, directive.editor_owned):
        return []
    directive.editor_owned = True
    if "text" in changed:
        start = directive.meeting.body.find(directive.text) if directive.text else -1
        directive.span_start, directive.span_end = (
            (start, start + len(directive.text)) if start >= 0 else (None, None)
        )
    if original is not None and not original.editor_owned and original.text != directive.text:
        return [directive_key(original.text)]
    return []


def attendance_edited(
    *, original: Attendance | None, attendance: Attendance, changed: Iterable[str]
) -> list[str]:
    """Mark an edited attendance as the editor's; return the key of the extracted one it replaces."""
    changed = list(changed)
    if is_hand_back(changed, attendance.editor_owned):
        return []
    attendance.editor_owned = True
    if attendance.title and attendance.title not in attendance.titles:
        attendance.titles = [attendance.title, *attendance.titles]
    if original is not None and not original.editor_owned and original.official_id != attendance.official_id:
        return [attendance_key(original)]
    return []
