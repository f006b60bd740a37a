"""Services that write meetings: apply an extraction, resolve regions and officials.

`meeting_apply_extraction` is the one place an ExtractedMeeting becomes rows. Ingest calls it
for new and changed reports; the admin's re-extract action calls it with a Meeting and a fresh
extraction. It refreshes only what editors do not own:

- `Meeting.editor_fields` names meeting fields an editor took over ("held_on" covers the
  partial date and sort date, "sectors" the M2M); those keep the editor's values.
- Attendances and directives with `editor_owned=True` are never touched; the other (extracted)
  ones are replaced by the new extraction.
- `Meeting.editor_deleted` holds keys of extracted facts an editor removed
  (`official_key()`, `directive_key()`); they are never recreated. When an editor changes the
  text of an extracted directive or the person of an extracted attendance, the admin should
  record the original's key there too, so the original does not come back beside the edit.

Officials are shared across meetings (`official_resolve`): the same name in the same province is
the same person. See `official_resolve` for the exact rule.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import Max, Q

from safetyhub.extraction.types import ExtractedMeeting, ExtractedOfficial, ExtractedRegion

from .models import (
    ROLE_ORDER,
    Attendance,
    Directive,
    Language,
    Meeting,
    MeetingType,
    Official,
    Region,
    RegionLevel,
    ReviewState,
    Sector,
)

_MEETING_TYPES = set(MeetingType.values)
_LANGUAGES = set(Language.values)


# Keys for editor deletions -------------------------------------------------------------------


def official_key(name_zh: str | None, name_en: str | None) -> str:
    """The `editor_deleted` key of an attendance: "official:<name_zh or name_en>"."""
    return f"official:{name_zh or name_en or ''}"


def directive_key(text: str) -> str:
    """The `editor_deleted` key of a directive: "directive:<sha1(text)[:16]>"."""
    return "directive:" + hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:16]


# Caches for a run --------------------------------------------------------------------------------


@dataclass
class ApplyContext:
    """Lookups that do not change during an ingest run (gazetteer regions, sectors)."""

    sectors: dict[str, int] = field(default_factory=dict)  # slug -> pk
    regions: dict[str, Region] = field(default_factory=dict)  # gazetteer code -> Region
    aliases: dict[str, list[int]] | None = None  # normalized alias -> official pks

    def alias_map(self) -> dict[str, list[int]]:
        """Every official alias, read once per run: few officials have any, and scanning the
        JSON column per document would not use an index."""
        if self.aliases is None:
            self.aliases = {}
            for pk, aliases in Official.objects.exclude(aliases=[]).values_list("pk", "aliases"):
                for alias in aliases if isinstance(aliases, list) else []:
                    if isinstance(alias, str):
                        for key in {_name_zh(alias), normalize_name_en(alias)}:
                            self.aliases.setdefault(key, []).append(pk)
        return self.aliases

    def sector_ids(self, slugs: Iterable[str]) -> list[int]:
        if not self.sectors:
            self.sectors = dict(Sector.objects.values_list("slug", "pk"))
        return [self.sectors[s] for s in dict.fromkeys(slugs) if s in self.sectors]

    def region(self, code: str) -> Region | None:
        if code not in self.regions:
            found = Region.objects.filter(code=code).first()
            if found is None:
                return None
            self.regions[code] = found
        return self.regions[code]


# Regions -------------------------------------------------------------------------------------------

_GENERATED_CODE = {RegionLevel.ZONE: ("Z", 2), RegionLevel.TOWNSHIP: ("T", 3)}


def region_resolve(
    extracted: ExtractedRegion | None, *, context: ApplyContext | None = None
) -> Region | None:
    """The Region for an extracted region; zones/townships outside the gazetteer are created
    under their parent with a code extending the parent's (2202 -> 2202Z01, 610922 -> 610922T001)."""
    if extracted is None:
        return None
    context = context or ApplyContext()
    if extracted.code:
        return context.region(extracted.code)
    if not extracted.parent_code:
        return None
    parent = context.region(extracted.parent_code)
    if parent is None:
        return None
    existing = Region.objects.filter(parent=parent, name_zh=extracted.name_zh).first()
    if existing is not None:
        return existing
    level = extracted.level if extracted.level in RegionLevel.values else RegionLevel.ZONE
    letter, width = _GENERATED_CODE.get(level, ("Z", 2))  # type: ignore[call-overload]
    for _attempt in range(5):
        prefix = f"{parent.code}{letter}"
        last = Region.objects.filter(code__startswith=prefix).aggregate(m=Max("code"))["m"]
        number = int(re.sub(r"\D", "", last[len(prefix) :]) or 0) + 1 if last else 1
        try:
            with transaction.atomic():
                return Region.objects.create(
                    code=f"{prefix}{number:0{width}d}",
                    name_zh=extracted.name_zh,
                    name_en=extracted.name_en or "",
                    level=level,
                    parent=parent,
                    in_gazetteer=False,
                )
        except IntegrityError:  # another ingest took that code; try the next
            continue
    return None


# Officials --------------------------------------------------------------------------------------


def normalize_name_en(name: str) -> str:
    """'chen  MIN' -> 'Chen Min' (the form stored in Official.name_en)."""
    name = unicodedata.normalize("NFKC", name)
    parts = re.split(r"[\s\u00b7\u30fb]+", name.strip())
    return " ".join(p[:1].upper() + p[1:].lower() for p in parts if p)


def _name_zh(name: str | None) -> str:
    if not name:
        return ""
    from safetyhub.extraction.text import fold

    return fold(re.sub(r"[\s\u00b7\u30fb•]", "", unicodedata.normalize("NFKC", name)))


def _pinyin(name_zh: str) -> str:
    from safetyhub.extraction.people import name_to_pinyin

    return normalize_name_en(name_to_pinyin(name_zh)) if name_zh else ""


def _alias_q(name: str) -> Q:
    if connection.vendor == "postgresql":
        return Q(aliases__contains=[name])
    # SQLite stores JSON with ASCII escapes; match the quoted element in that form.
    return Q(aliases__icontains=json.dumps(name))


def _province(region: Region | None) -> str | None:
    return region.code[:2] if region is not None else None


def _survivor(official: Official, by_pk: dict[int, Official]) -> Official:
    seen = set()
    while official.merged_into_id and official.pk not in seen:
        seen.add(official.pk)
        nxt = by_pk.get(official.merged_into_id)
        if nxt is None:
            nxt = Official.objects.get(pk=official.merged_into_id)
            by_pk[nxt.pk] = nxt
        official = nxt
    return official


def officials_resolve(
    people: Sequence[ExtractedOfficial], *, region: Region | None, context: ApplyContext | None = None
) -> dict[str, Official]:
    """Find or create the Official for each extracted person, keyed by `ExtractedOfficial.key`.

    The rule: the same person is the same name in a compatible place. A Chinese name matches
    `name_zh` or an alias; an English-only name matches `name_en` (pinyin, case and spacing
    ignored) or an alias, and a Chinese name also matches an English-only official whose name_en
    is its pinyin (陈敏 meets "Chen Min"). Places are compatible when both are in the same
    province or either is unknown. Titles are not compared: they change with promotions and
    are written differently in every report. Merged officials resolve to their survivor.
    """
    wanted: list[tuple[str, str, str]] = []  # (key, name_zh, name_en)
    for person in people:
        zh = _name_zh(person.name_zh)
        en = normalize_name_en(person.name_en) if person.name_en else _pinyin(zh)
        if zh and not en:
            en = _pinyin(zh)
        if zh or en:
            wanted.append((person.key, zh, en))
    if not wanted:
        return {}
    aliases = context.alias_map() if context is not None else None

    def by_alias(name: str) -> Q:
        if aliases is None:
            return _alias_q(name)
        return Q(pk__in=aliases[name]) if name in aliases else Q()

    query = Q()
    for _key, zh, en in wanted:
        if zh:
            query |= Q(name_zh=zh) | by_alias(zh)
            query |= Q(name_zh="", name_en__iexact=en)
        else:
            query |= Q(name_en__iexact=en) | by_alias(en)
    candidates = list(Official.objects.filter(query).select_related("home_region").order_by("pk"))
    by_pk = {o.pk: o for o in candidates}
    province = _province(region)
    result: dict[str, Official] = {}
    to_create: list[tuple[str, Official]] = []
    to_fill: list[Official] = []
    for key, zh, en in wanted:
        if key in result:
            continue
        matches: list[Official] = []
        for cand in candidates:
            names = {cand.name_zh, *(_name_zh(a) for a in cand.aliases if isinstance(a, str))}
            en_names = {normalize_name_en(cand.name_en)} | {
                normalize_name_en(a) for a in cand.aliases if isinstance(a, str)
            }
            if zh:
                hit = zh in names or (not cand.name_zh and en in en_names)
            else:
                hit = en in en_names or bool(cand.name_zh and _pinyin(cand.name_zh) == en)
            if not hit:
                continue
            survivor = _survivor(cand, by_pk)
            theirs = _province(survivor.home_region) if survivor.home_region_id else None
            if province and theirs and province != theirs:
                continue
            matches.append(survivor)
        if matches:
            # Prefer someone known in this very province over a placeless namesake.
            matches.sort(key=lambda o: (not (o.home_region_id and province), o.pk))
            chosen = matches[0]
            changed = False
            if zh and not chosen.name_zh:
                chosen.name_zh = zh
                changed = True
            if region is not None and chosen.home_region_id is None:
                chosen.home_region = region
                changed = True
            if changed:
                to_fill.append(chosen)
            result[key] = chosen
            continue
        # The same person twice in one report (陈敏 and "Chen Min" in a mixed text) is one new row.
        twin = next(
            (
                o
                for _k, o in to_create
                if (zh and o.name_zh == zh) or (o.name_en == en and not (zh and o.name_zh))
            ),
            None,
        )
        if twin is not None:
            if zh and not twin.name_zh:
                twin.name_zh = zh
            result[key] = twin
            continue
        new = Official(name_zh=zh, name_en=en, home_region=region)
        to_create.append((key, new))
        result[key] = new
    if to_create:
        Official.objects.bulk_create([o for _k, o in to_create])
    if to_fill:
        Official.objects.bulk_update(list({o.pk: o for o in to_fill}.values()), ["name_zh", "home_region"])
    return result


def official_resolve(*, name_zh: str | None, name_en: str | None, region: Region | None = None) -> Official:
    """Find or create one Official (the single-person form of `officials_resolve`)."""
    person = ExtractedOfficial(name_zh=name_zh, name_en=name_en or "")
    return officials_resolve([person], region=region)[person.key]


# Meetings ----------------------------------------------------------------------------------------


def _owned(meeting: Meeting) -> set[str]:
    return {f for f in (meeting.editor_fields or []) if isinstance(f, str)}


def meeting_apply_extraction(
    *,
    meeting: Meeting,
    extracted: ExtractedMeeting,
    content_hash: str | None = None,
    extraction_version: str = "",
    context: ApplyContext | None = None,
    index: bool = True,
) -> Meeting:
    """Write `extracted` onto `meeting` (new or saved), keeping what editors own; index it.

    Call inside a transaction (ingest wraps each document in one): on an error the caller's
    rollback leaves nothing half-written.
    """
    from safetyhub.meetings.ingest_files import content_hash as hash_text

    context = context or ApplyContext()
    owned = _owned(meeting)
    is_new = meeting.pk is None

    def take(name: str) -> bool:
        return name not in owned

    if take("title"):
        meeting.title = (extracted.title or "").strip()[:500] or "(untitled)"
    if take("outlet"):
        meeting.outlet = (extracted.outlet or "")[:200]
    if take("reporter"):
        meeting.reporter = (extracted.reporter or "")[:200]
    if take("published_on"):
        meeting.published_on = extracted.published_on
    if take("meeting_type"):
        meeting.meeting_type = (
            extracted.meeting_type if extracted.meeting_type in _MEETING_TYPES else MeetingType.OTHER
        )
    if take("language"):
        meeting.language = extracted.language if extracted.language in _LANGUAGES else Language.ZH
    body_refreshed = take("body")
    if body_refreshed:
        meeting.body = extracted.body
    meeting.raw_text = extracted.raw_text
    region = region_resolve(extracted.region, context=context)
    if take("region"):
        meeting.region = region
        meeting.region_confidence = extracted.region.confidence if extracted.region and region else 0.0
    if take("held_on"):
        held = extracted.held_on
        meeting.set_held_date(held.year, held.month, held.day) if held else meeting.set_held_date(
            None, None, None
        )
    else:  # keep the editor's date; the sort date may still depend on a refreshed publication date
        meeting.set_held_date(meeting.held_year, meeting.held_month, meeting.held_day)
    if body_refreshed:
        spans: dict[str, object] = {k: list(v) for k, v in extracted.spans.items()}
        by_sector: dict[str, list[list[int]]] = {}
        for slug, span in extracted.sector_mentions:
            by_sector.setdefault(slug, []).append(list(span))
        if by_sector:
            spans["sectors"] = by_sector
        meeting.spans = spans
    meeting.content_hash = content_hash or meeting.content_hash or hash_text(extracted.raw_text)
    if extraction_version:
        meeting.extraction_version = extraction_version
    meeting.attention_reasons = list(dict.fromkeys(extracted.attention))
    if meeting.review_state != ReviewState.REVIEWED:
        meeting.review_state = (
            ReviewState.NEEDS_ATTENTION if meeting.attention_reasons else ReviewState.UNREVIEWED
        )
    meeting.save()

    if take("sectors"):
        sector_ids = context.sector_ids(extracted.sectors)
        if is_new:
            through = Meeting.sectors.through
            through.objects.bulk_create([through(meeting_id=meeting.pk, sector_id=s) for s in sector_ids])
        else:
            meeting.sectors.set(sector_ids)

    _apply_people_and_directives(meeting, extracted, region, context, is_new, body_refreshed)
    if index:
        from safetyhub.meetings.search import index_meetings

        index_meetings([meeting])
    return meeting


def _apply_people_and_directives(
    meeting: Meeting,
    extracted: ExtractedMeeting,
    region: Region | None,
    context: ApplyContext,
    is_new: bool,
    body_refreshed: bool,
) -> None:
    deleted = {k for k in (meeting.editor_deleted or []) if isinstance(k, str)}
    owned_official_ids: set[int] = set()
    owned_directive_keys: set[str] = set()
    if not is_new:
        owned_official_ids = set(
            meeting.attendances.filter(editor_owned=True).values_list("official_id", flat=True)
        )
        owned_directive_keys = {
            directive_key(t)
            for t in meeting.directives.filter(editor_owned=True).values_list("text", flat=True)
        }
        meeting.attendances.filter(editor_owned=False).delete()
        meeting.directives.filter(editor_owned=False).delete()

    def was_deleted(person: ExtractedOfficial) -> bool:
        raw = official_key(person.name_zh, person.name_en)
        normalized = official_key(_name_zh(person.name_zh), normalize_name_en(person.name_en or ""))
        return raw in deleted or normalized in deleted

    people = [p for p in extracted.officials if not was_deleted(p)]
    officials = officials_resolve(
        people, region=region if region is not None else meeting.region, context=context
    )
    attendances: list[Attendance] = []
    used: set[int] = set(owned_official_ids)
    for position, person in enumerate(people):
        official = officials.get(person.key)
        if official is None or official.pk in used:
            continue
        if official_key(official.name_zh, official.name_en) in deleted:  # the admin keys by the Official
            continue
        used.add(official.pk)
        roles = [r for r in ROLE_ORDER if r in person.roles] or ["attended"]
        attendance = Attendance(
            meeting=meeting,
            official=official,
            title=(person.titles[0] if person.titles else "")[:500],
            titles=list(person.titles),
            spans=[list(s) for s in person.spans] if body_refreshed else [],
            position=position,
        )
        attendance.set_roles(roles)
        attendances.append(attendance)
    Attendance.objects.bulk_create(attendances)

    directives: list[Directive] = []
    directive_sectors: list[list[int]] = []
    for order, item in enumerate(extracted.directives):
        text = item.text.strip()
        key = directive_key(text)
        if not text or key in deleted or key in owned_directive_keys:
            continue
        issuer = officials.get(item.issuer) if item.issuer else None
        span = item.span if body_refreshed else None
        directives.append(
            Directive(
                meeting=meeting,
                issuer=issuer,
                text=text,
                order=order,
                span_start=span[0] if span else None,
                span_end=span[1] if span else None,
            )
        )
        directive_sectors.append(context.sector_ids(item.sectors))
    if directives:
        created = Directive.objects.bulk_create(directives)
        through = Directive.sectors.through
        rows = [
            through(directive_id=d.pk, sector_id=s)
            for d, ids in zip(created, directive_sectors, strict=True)
            for s in ids
        ]
        if rows:
            through.objects.bulk_create(rows)
