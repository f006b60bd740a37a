"""Merge duplicate officials into one survivor.

Duplicates are kept as tombstones: their `merged_into` points at the survivor and their
names become the survivor's aliases, so an ingest that matches a duplicate's name follows
`merged_into` (see `official_canonical`) and attaches to the survivor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from .models import ROLE_ORDER, Attendance, Directive, Meeting, Official


@dataclass
class MergeResult:
    survivor: Official
    merged: list[Official] = field(default_factory=list)
    attendances_moved: int = 0
    attendances_combined: int = 0
    directives_moved: int = 0
    meeting_ids: set[int] = field(default_factory=set)


def official_canonical(official: Official) -> Official:
    """Follow `merged_into` to the official that stands for this one today."""
    seen = {official.pk}
    while official.merged_into_id is not None and official.merged_into_id not in seen:
        seen.add(official.merged_into_id)
        official = Official.objects.get(pk=official.merged_into_id)
    return official


def _combine(into: Attendance, other: Attendance) -> None:
    """Fold another attendance of the same meeting into `into`: roles, titles and spans join."""
    for role in ROLE_ORDER:
        setattr(into, role, getattr(into, role) or getattr(other, role))
    into.title = into.title or other.title
    into.titles = into.titles + [t for t in other.titles if t not in into.titles]
    into.spans = sorted({tuple(s) for s in [*into.spans, *other.spans]})
    into.spans = [list(s) for s in into.spans]
    into.position = min(into.position, other.position)
    into.editor_owned = into.editor_owned or other.editor_owned


@transaction.atomic
def official_merge(*, survivor: Official, duplicates: Iterable[Official]) -> MergeResult:
    """Move every attendance and directive of `duplicates` to `survivor` and keep their names as aliases."""
    survivor = Official.objects.select_for_update().get(pk=survivor.pk)
    if survivor.merged_into_id is not None:
        raise ValueError(f"{survivor} was itself merged into another official; merge into that one")
    dup_ids = sorted({d.pk for d in duplicates} - {survivor.pk})
    result = MergeResult(survivor=survivor)
    dups = list(Official.objects.select_for_update().filter(pk__in=dup_ids).order_by("pk"))
    for dup in dups:
        taken = {
            a.meeting_id: a
            for a in Attendance.objects.filter(official=survivor, meeting__attendances__official=dup)
        }
        for attendance in Attendance.objects.filter(official=dup).order_by("pk"):
            result.meeting_ids.add(attendance.meeting_id)
            existing = taken.get(attendance.meeting_id)
            if existing is None:
                attendance.official = survivor
                attendance.save(update_fields=["official"])
                result.attendances_moved += 1
                continue
            _combine(existing, attendance)
            attendance.delete()
            existing.save()
            result.attendances_combined += 1
        result.meeting_ids.update(Directive.objects.filter(issuer=dup).values_list("meeting_id", flat=True))
        result.directives_moved += Directive.objects.filter(issuer=dup).update(issuer=survivor)

        if not survivor.name_zh and dup.name_zh:
            survivor.name_zh = dup.name_zh
        if not survivor.name_en and dup.name_en:
            survivor.name_en = dup.name_en
        for name in (dup.name_zh, dup.name_en, *dup.aliases):
            if name and name not in (survivor.name_zh, survivor.name_en) and name not in survivor.aliases:
                survivor.aliases.append(name)
        if survivor.home_region_id is None:
            survivor.home_region_id = dup.home_region_id
        dup.merged_into = survivor
        dup.save(update_fields=["merged_into"])
        # Earlier tombstones of the duplicate now point straight at the survivor.
        Official.objects.filter(merged_into=dup).update(merged_into=survivor)
        result.merged.append(dup)
    survivor.save()
    if result.meeting_ids:
        from .search import index_meetings

        index_meetings(Meeting.objects.filter(pk__in=result.meeting_ids))
    return result
