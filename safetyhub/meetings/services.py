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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, models, transaction
from django.db.models import Max, Q
from django.db.models.functions import Lower

from safetyhub.extraction.types import ExtractedMeeting, ExtractedOfficial, ExtractedRegion

from . import pg_copy
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
from .official_names import name_zh as _name_zh
from .official_names import normalize_name_en, person_names
from .official_names import pinyin as _pinyin
from .review import meeting_refresh_review, refreshed_review

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
    # Regions created outside the gazetteer during the run: (parent code, name_zh) -> Region.
    # Rows of a rolled-back transaction, so `forget_created()` drops them after a failure.
    zones: dict[tuple[str, str], Region] = field(default_factory=dict)

    def forget_created(self) -> None:
        """Forget what this run may have written in a transaction that was rolled back."""
        self.zones.clear()

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

    def prefetch_regions(self, codes: Iterable[str]) -> None:
        """Look up the gazetteer regions a batch of reports needs in one query."""
        wanted = {c for c in codes if c and c not in self.regions}
        if wanted:
            self.regions.update((r.code, r) for r in Region.objects.filter(code__in=wanted))


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
    zone_key = (parent.code, extracted.name_zh)
    if zone_key in context.zones:
        return context.zones[zone_key]
    existing = Region.objects.filter(parent=parent, name_zh=extracted.name_zh).first()
    if existing is not None:
        context.zones[zone_key] = existing
        return existing
    level = extracted.level if extracted.level in RegionLevel.values else RegionLevel.ZONE
    letter, width = _GENERATED_CODE.get(level, ("Z", 2))  # type: ignore[call-overload]
    for _attempt in range(5):
        prefix = f"{parent.code}{letter}"
        last = Region.objects.filter(code__startswith=prefix).aggregate(m=Max("code"))["m"]
        number = int(re.sub(r"\D", "", last[len(prefix) :]) or 0) + 1 if last else 1
        try:
            with transaction.atomic():
                created = Region.objects.create(
                    code=f"{prefix}{number:0{width}d}",
                    name_zh=extracted.name_zh,
                    name_en=extracted.name_en or "",
                    level=level,
                    parent=parent,
                    in_gazetteer=False,
                )
            context.zones[zone_key] = created
            return created
        except IntegrityError:  # another ingest took that code; try the next
            continue
    return None


# Officials --------------------------------------------------------------------------------------


def _alias_q(name: str) -> Q:
    if connection.vendor == "postgresql":
        return Q(aliases__contains=[name])
    # SQLite stores JSON with ASCII escapes; match the quoted element in that form.
    return Q(aliases__icontains=json.dumps(name))


def _province(region: Region | None) -> str | None:
    return region.code[:2] if region is not None else None


def _aliases(official: Official) -> list[str]:
    return [a for a in (official.aliases or []) if isinstance(a, str)]


Wanted = tuple[str, str, str]  # (ExtractedOfficial.key, name_zh, name_en)


def _wanted(people: Sequence[ExtractedOfficial]) -> list[Wanted]:
    wanted = []
    for person in people:
        zh, en = person_names(person)
        if zh or en:
            wanted.append((person.key, zh, en))
    return wanted


class OfficialPool:
    """Officials that may match a set of people, found with one query, resolved in memory.

    `resolve()` applies the matching rule (see `officials_resolve`) one report at a time, in
    order, as if each report's officials had been written before the next one is resolved;
    `save()` then writes the new officials and the filled-in ones in two statements. The
    candidates a report sees are the ones the per-report query would return: the same name_zh
    or alias for a Chinese name (or an English-only official with its pinyin), the same
    name_en (any case) or alias for an English name.
    """

    def __init__(self, people: Iterable[Wanted], *, context: ApplyContext | None = None) -> None:
        self._index: dict[tuple[str, str], list[Official]] = {}
        self._by_pk: dict[int, Official] = {}
        self._seq: dict[int, int] = {}  # id(official) -> order of arrival (pk order, then new ones)
        self._created: list[Official] = []
        self._filled: dict[int, Official] = {}
        self._aliases = context.alias_map() if context is not None else None
        self._alias_keys: dict[int, list[str]] = {}  # official pk -> its keys in the run's alias map
        for name, pks in (self._aliases or {}).items():
            for pk in pks:
                self._alias_keys.setdefault(pk, []).append(name)
        zhs: set[str] = set()
        ens: set[str] = set()
        alias_names: set[str] = set()
        for _key, zh, en in people:
            if zh:
                zhs.add(zh)
            ens.add(en)
            alias_names.add(zh or en)
        if not (zhs or ens):
            return
        # name_en is compared case-insensitively (iexact): lower() on both sides.
        query = Q(name_zh__any=sorted(zhs)) | Q(en_lower__any=sorted({en.lower() for en in ens}))
        for name in sorted(alias_names):
            if self._aliases is None:
                query |= _alias_q(name)
            elif name in self._aliases:
                query |= Q(pk__in=self._aliases[name])
        found = Official.objects.annotate(en_lower=Lower("name_en")).filter(query)
        for official in found.select_related("home_region").order_by("pk"):
            self._add(official)

    def _keys(self, official: Official) -> set[tuple[str, str]]:
        keys = {("en", official.name_en.lower())}
        if official.name_zh:
            keys.add(("zh", official.name_zh))
        else:
            keys.add(("en-only", official.name_en.lower()))
        if self._aliases is not None:
            keys.update(("alias", k) for k in self._alias_keys.get(official.pk, ()))
        else:
            for alias in _aliases(official):
                keys.update({("alias", _name_zh(alias)), ("alias", normalize_name_en(alias))})
        return keys

    def _add(self, official: Official) -> None:
        self._seq.setdefault(id(official), len(self._seq))
        if official.pk is not None:
            self._by_pk[official.pk] = official
        for key in self._keys(official):
            self._index.setdefault(key, []).append(official)

    def _candidates(self, wanted: list[Wanted]) -> list[Official]:
        found: dict[int, Official] = {}
        for _key, zh, en in wanted:
            lookups = [("zh", zh), ("alias", zh), ("en-only", en.lower())] if zh else []
            if not zh:
                lookups = [("en", en.lower()), ("alias", en)]
            for lookup in lookups:
                for official in self._index.get(lookup, ()):
                    found.setdefault(id(official), official)
        return sorted(found.values(), key=lambda o: self._seq[id(o)])

    def _survivor(self, official: Official) -> Official:
        seen = set()
        while official.merged_into_id and official.pk not in seen:
            seen.add(official.pk)
            nxt = self._by_pk.get(official.merged_into_id)
            if nxt is None:
                nxt = Official.objects.select_related("home_region").get(pk=official.merged_into_id)
                self._add(nxt)
            official = nxt
        return official

    def resolve(self, people: Sequence[ExtractedOfficial], *, region: Region | None) -> dict[str, Official]:
        """Officials for one report's people, keyed by `ExtractedOfficial.key` (unsaved if new)."""
        wanted = _wanted(people)
        if not wanted:
            return {}
        candidates = self._candidates(wanted)
        province = _province(region)
        result: dict[str, Official] = {}
        to_create: list[Official] = []
        for key, zh, en in wanted:
            if key in result:
                continue
            matches: list[Official] = []
            for cand in candidates:
                names = {cand.name_zh, *(_name_zh(a) for a in _aliases(cand))}
                en_names = {normalize_name_en(cand.name_en)} | {normalize_name_en(a) for a in _aliases(cand)}
                if zh:
                    hit = zh in names or (not cand.name_zh and en in en_names)
                else:
                    hit = en in en_names or bool(cand.name_zh and _pinyin(cand.name_zh) == en)
                if not hit:
                    continue
                survivor = self._survivor(cand)
                theirs = _province(survivor.home_region) if survivor.home_region_id else None
                if province and theirs and province != theirs:
                    continue
                matches.append(survivor)
            if matches:
                # Prefer someone known in this very province over a placeless namesake.
                matches.sort(key=lambda o: (not (o.home_region_id and province), self._seq[id(o)]))
                chosen = matches[0]
                changed = False
                if zh and not chosen.name_zh:
                    chosen.name_zh = zh
                    self._add(chosen)  # now also found under its Chinese name
                    changed = True
                if region is not None and chosen.home_region_id is None:
                    chosen.home_region = region
                    changed = True
                if changed and chosen.pk is not None:
                    self._filled[chosen.pk] = chosen
                result[key] = chosen
                continue
            # The same person twice in one report (陈敏 and "Chen Min" in a mixed text) is one new row.
            twin = next(
                (
                    o
                    for o in to_create
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
            to_create.append(new)
            result[key] = new
        for official in to_create:
            self._created.append(official)
            self._add(official)
        return result

    def save(self) -> None:
        """Write the officials `resolve()` created and the ones it filled in."""
        if self._created:
            insert_rows(Official, self._created, returning_ids=True)
            for official in self._created:
                self._by_pk[official.pk] = official
            self._created = []
        if self._filled:
            Official.objects.bulk_update(list(self._filled.values()), ["name_zh", "home_region"])
            self._filled = {}


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
    pool = OfficialPool(_wanted(people), context=context)
    result = pool.resolve(people, region=region)
    pool.save()
    return result


def official_resolve(*, name_zh: str | None, name_en: str | None, region: Region | None = None) -> Official:
    """Find or create one Official (the single-person form of `officials_resolve`)."""
    person = ExtractedOfficial(name_zh=name_zh, name_en=name_en or "")
    return officials_resolve([person], region=region)[person.key]


# Meetings ----------------------------------------------------------------------------------------


def _owned(meeting: Meeting) -> set[str]:
    return {f for f in (meeting.editor_fields or []) if isinstance(f, str)}


def _fill_meeting(
    meeting: Meeting,
    extracted: ExtractedMeeting,
    *,
    region: Region | None,
    content_hash: str | None,
    extraction_version: str,
) -> bool:
    """Set the meeting's own fields from `extracted` (not saved); return whether the body was refreshed."""
    from safetyhub.meetings.ingest_files import content_hash as hash_text

    owned = _owned(meeting)

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
    return body_refreshed


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
    context = context or ApplyContext()
    is_new = meeting.pk is None
    region = region_resolve(extracted.region, context=context)
    body_refreshed = _fill_meeting(
        meeting, extracted, region=region, content_hash=content_hash, extraction_version=extraction_version
    )
    meeting.save()

    if "sectors" not in _owned(meeting):
        sector_ids = context.sector_ids(extracted.sectors)
        if is_new:
            through = Meeting.sectors.through
            through.objects.bulk_create([through(meeting_id=meeting.pk, sector_id=s) for s in sector_ids])
        else:
            meeting.sectors.set(sector_ids)

    _apply_people_and_directives(meeting, extracted, region, context, is_new, body_refreshed)
    # Recompute the review queue's reasons from the meeting as it now stands, so a region or
    # date an editor settled is not flagged again by extraction's notes.
    meeting_refresh_review(meeting)
    if index:
        from safetyhub.meetings.search import index_meetings

        index_meetings([meeting])
    return meeting


class _AttendanceFact(NamedTuple):
    """An extracted attendance, not yet a row: plain values (building model instances for
    thousands of rows costs a bulk ingest more than writing them)."""

    official: Official
    title: str
    titles: list[str]
    spans: list[list[int]]
    position: int
    roles: tuple[str, ...]


class _DirectiveFact(NamedTuple):
    issuer: Official | None
    text: str
    order: int
    span_start: int | None
    span_end: int | None
    sector_ids: list[int]


@dataclass
class _Facts:
    """A meeting's extracted attendances and directives, built but not yet saved."""

    meeting: Meeting
    attendances: list[_AttendanceFact] = field(default_factory=list)
    directives: list[_DirectiveFact] = field(default_factory=list)


def _build_people_and_directives(
    meeting: Meeting,
    extracted: ExtractedMeeting,
    *,
    resolve: Callable[[Sequence[ExtractedOfficial]], dict[str, Official]],
    context: ApplyContext,
    body_refreshed: bool,
    owned_official_ids: set[int] = frozenset(),  # type: ignore[assignment]
    owned_directive_keys: set[str] = frozenset(),  # type: ignore[assignment]
) -> _Facts:
    deleted = {k for k in (meeting.editor_deleted or []) if isinstance(k, str)}

    def was_deleted(person: ExtractedOfficial) -> bool:
        raw = official_key(person.name_zh, person.name_en)
        normalized = official_key(_name_zh(person.name_zh), normalize_name_en(person.name_en or ""))
        return raw in deleted or normalized in deleted

    people = [p for p in extracted.officials if not was_deleted(p)] if deleted else list(extracted.officials)
    officials = resolve(people)
    facts = _Facts(meeting)
    # New officials have no pk yet: tell them apart by identity.
    used: set[tuple[str, int]] = {("pk", pk) for pk in owned_official_ids}
    for position, person in enumerate(people):
        official = officials.get(person.key)
        ident = (
            ("pk", official.pk) if official is not None and official.pk is not None else ("new", id(official))
        )
        if official is None or ident in used:
            continue
        # The admin keys a deleted attendance by its Official.
        if deleted and official_key(official.name_zh, official.name_en) in deleted:
            continue
        used.add(ident)
        roles = tuple(r for r in ROLE_ORDER if r in person.roles) or ("attended",)
        facts.attendances.append(
            _AttendanceFact(
                official,
                (person.titles[0] if person.titles else "")[:500],
                list(person.titles),
                [list(s) for s in person.spans] if body_refreshed else [],
                position,
                roles,
            )
        )

    skipped = deleted | owned_directive_keys  # usually empty: then no key is worth computing
    for order, item in enumerate(extracted.directives):
        text = item.text.strip()
        if not text or (skipped and directive_key(text) in skipped):
            continue
        issuer = officials.get(item.issuer) if item.issuer else None
        span = item.span if body_refreshed else None
        facts.directives.append(
            _DirectiveFact(
                issuer,
                text,
                order,
                span[0] if span else None,
                span[1] if span else None,
                context.sector_ids(item.sectors),
            )
        )
    return facts


_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.FloatField,
)
_PLAIN_TYPES = (str, int, bool, float)


def insert_rows(
    model: type[models.Model], objs: Sequence[models.Model], *, returning_ids: bool = False
) -> None:
    """INSERT unsaved instances with `insert_values`, setting their ids when `returning_ids`.

    For the many small rows of a bulk ingest, where `bulk_create`'s per-object work costs more
    than the database: values are prepared by each field as `bulk_create` would (defaults,
    auto_now, JSON adaptation), and a foreign key takes the id of its related instance, which
    may have been saved after this instance was built.
    """
    if not objs:
        return
    conn = connections[DEFAULT_DB_ALIAS]  # the real connection: the proxy's lookups cost per value
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    # Fields whose str/int/bool/float values go to either driver as they are.
    plain = [f.is_relation or isinstance(f, _PLAIN_FIELDS) for f in fields]
    # JSON with the default encoder: the text either driver takes for the column, without
    # the driver's JSON wrapper (what the field would hand it, serialized the same way).
    as_json = [isinstance(f, models.JSONField) and f.encoder is None for f in fields]
    dumps = json.dumps
    rows = []
    for obj in objs:
        row = []
        for f, as_is, is_json in zip(fields, plain, as_json, strict=True):
            if f.is_relation and f.is_cached(obj):
                related = f.get_cached_value(obj)
                value = related.pk if related is not None else None
            else:
                value = f.pre_save(obj, add=True)
            if is_json and type(value) in (list, dict):
                value = dumps(value)
            elif not (as_is and (value is None or type(value) in _PLAIN_TYPES)):
                value = f.get_db_prep_save(value, conn)
            row.append(value)
        rows.append(row)
    ids = insert_values(model, [f.column for f in fields], rows, returning_ids=returning_ids)
    for obj, pk_value in zip(objs, ids, strict=returning_ids):
        obj.pk = pk_value  # what saving sets on an instance (as bulk_create does)
        obj._state.adding = False
        obj._state.db = connection.alias


def insert_values(
    model: type[models.Model],
    columns: list[str],
    rows: Sequence[Sequence[object]],
    *,
    returning_ids: bool = False,
) -> list[int]:
    """INSERT rows of values ready for the database into `model`'s table; return the new ids
    in row order when `returning_ids` (else []).

    SQLite: one executemany, or multi-row INSERT ... RETURNING statements (rows come back in
    the order given, which `bulk_create` relies on too). PostgreSQL: one COPY, the ids taken
    from the sequence beforehand.
    """
    if not rows:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    if connection.vendor == "postgresql":
        ids: list[int] = []
        if returning_ids:
            ids = pg_copy.next_ids(table, pk, len(rows))
            columns = [pk, *columns]
            rows = [[pk_value, *row] for pk_value, row in zip(ids, rows, strict=True)]
        pg_copy.copy_rows(table, columns, rows)
        return ids
    quote = connection.ops.quote_name
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    insert = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES "
    with connection.cursor() as cursor:
        if not returning_ids:
            cursor.executemany(insert + placeholders, rows)
            return []
        ids = []
        size = max(1, 999 // len(columns))  # SQLite's classic limit on parameters per statement
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            cursor.execute(
                f"{insert}{', '.join([placeholders] * len(chunk))} RETURNING {quote(pk)}",
                [value for row in chunk for value in row],
            )
            ids.extend(pk_value for (pk_value,) in cursor.fetchall())
        return ids


def insert_pairs(
    through: type[models.Model], left: str, right: str, pairs: Sequence[tuple[int, int]]
) -> None:
    """INSERT (left id, right id) rows of an M2M through table (`insert_values`)."""
    columns = [through._meta.get_field(name).column for name in (left, right)]
    insert_values(through, columns, list(pairs))


def _save_facts(facts: Sequence[_Facts]) -> list[list[int]]:
    """Insert the attendances and directives (with their sectors) of these meetings, as plain
    rows; return each meeting's new directive ids, in the order of its facts."""
    dumps = json.dumps  # what JSONField stores (its encoder is the default one)
    attendances = [
        [
            f.meeting.pk,
            a.official.pk,
            *(role in a.roles for role in ROLE_ORDER),
            a.title,
            dumps(a.titles),
            dumps(a.spans),
            a.position,
            False,
        ]
        for f in facts
        for a in f.attendances
    ]
    insert_values(Attendance, _ATTENDANCE_COLUMNS, attendances)
    directives = [
        [f.meeting.pk, d.issuer.pk if d.issuer else None, d.text, d.order, d.span_start, d.span_end, False]
        for f in facts
        for d in f.directives
    ]
    ids = insert_values(Directive, _DIRECTIVE_COLUMNS, directives, returning_ids=True)
    pairs = [
        (pk, sector)
        for pk, d in zip(ids, (d for f in facts for d in f.directives), strict=True)
        for sector in d.sector_ids
    ]
    insert_pairs(Directive.sectors.through, "directive", "sector", pairs)
    it = iter(ids)
    return [[next(it) for _d in f.directives] for f in facts]


_ATTENDANCE_COLUMNS = [
    "meeting_id",
    "official_id",
    *ROLE_ORDER,
    "title",
    "titles",
    "spans",
    "position",
    "editor_owned",
]
_DIRECTIVE_COLUMNS = ["meeting_id", "issuer_id", "text", "order", "span_start", "span_end", "editor_owned"]


def _apply_people_and_directives(
    meeting: Meeting,
    extracted: ExtractedMeeting,
    region: Region | None,
    context: ApplyContext,
    is_new: bool,
    body_refreshed: bool,
) -> None:
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
    place = region if region is not None else meeting.region
    facts = _build_people_and_directives(
        meeting,
        extracted,
        resolve=lambda people: officials_resolve(people, region=place, context=context),
        context=context,
        body_refreshed=body_refreshed,
        owned_official_ids=owned_official_ids,
        owned_directive_keys=owned_directive_keys,
    )
    _save_facts([facts])


@dataclass
class NewMeeting:
    """A meeting `meetings_create` wrote, with what its search rows need of the facts it wrote."""

    meeting: Meeting
    officials: list[Official]  # of its attendances, in their order
    directives: list[tuple[int, str, Official | None]]  # (id, text, issuer)


def meetings_create(
    items: Sequence[tuple[ExtractedMeeting, str]], *, context: ApplyContext | None = None
) -> list[NewMeeting]:
    """Create one new meeting per (extraction, content hash) with a few statements for them all.

    The rows are the ones `meeting_apply_extraction(meeting=Meeting(), ...)` would write for
    each in turn (officials are resolved report by report, in order, so a person named in two
    of them is one official). Call inside a transaction: a failure leaves none of them.
    """
    context = context or ApplyContext()
    context.prefetch_regions(
        code for e, _h in items if e.region is not None for code in (e.region.code, e.region.parent_code)
    )
    meetings: list[tuple[Meeting, ExtractedMeeting, Region | None, bool]] = []
    for extracted, content_hash in items:
        meeting = Meeting()
        region = region_resolve(extracted.region, context=context)
        refreshed = _fill_meeting(
            meeting, extracted, region=region, content_hash=content_hash, extraction_version=""
        )
        meetings.append((meeting, extracted, region, refreshed))
    pool = OfficialPool(
        [w for _m, extracted, _r, _b in meetings for w in _wanted(extracted.officials)], context=context
    )
    facts: list[_Facts] = []
    for meeting, extracted, region, refreshed in meetings:
        place = region if region is not None else meeting.region
        found = _build_people_and_directives(
            meeting,
            extracted,
            resolve=lambda people, place=place: pool.resolve(people, region=place),  # type: ignore[misc]
            context=context,
            body_refreshed=refreshed,
        )
        # What meeting_refresh_review would write once the attendances exist.
        meeting.attention_reasons, meeting.review_state = refreshed_review(
            meeting, official_count=len(found.attendances)
        )
        facts.append(found)
    pool.save()
    insert_rows(Meeting, [m for m, *_rest in meetings], returning_ids=True)
    pairs = [(m.pk, s) for m, extracted, _r, _b in meetings for s in context.sector_ids(extracted.sectors)]
    insert_pairs(Meeting.sectors.through, "meeting", "sector", pairs)
    directive_ids = _save_facts(facts)
    return [
        NewMeeting(
            f.meeting,
            [a.official for a in f.attendances],
            [(pk, d.text, d.issuer) for pk, d in zip(ids, f.directives, strict=True)],
        )
        for f, ids in zip(facts, directive_ids, strict=True)
    ]
