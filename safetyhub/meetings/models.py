"""SafetyHub's data model: regions, sectors, officials, meetings and what they ordered.

Every extracted fact keeps the character span (start, end) it came from in
`Meeting.body`, so pages can show it in the source text. Editor corrections are
tracked explicitly (pupa's `locked_fields` idea): `Meeting.editor_fields` names
the fields an editor owns, `editor_owned` marks attendances and directives an
editor added or changed, and `Meeting.editor_deleted` remembers the extracted
facts an editor removed, so re-ingest never brings them back.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from . import lookups  # noqa: F401  (registers the `__any` lookup)
from .links import fast_reverse

T = TypeVar("T")


class RegionLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture")
    COUNTY = "county", _("County")
    ZONE = "zone", _("Development zone")
    TOWNSHIP = "township", _("Township")


class Region(models.Model):
    """A jurisdiction. `code` is the GB/T 2260 code trimmed to its level (42, 4201, 420115),
    so "this region and everything under it" is `code__startswith`. Zones and townships
    that have no code of their own get one that extends their parent's (e.g. 2202Z01)."""

    code = models.CharField(_("code"), max_length=24, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=64, db_index=True)
    name_en = models.CharField(_("English name"), max_length=128, blank=True, db_index=True)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    in_gazetteer = models.BooleanField(
        _("from the gazetteer"),
        default=True,
        help_text=_("False for zones and townships added at ingest or by editors."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [
            # varchar_pattern_ops lets PostgreSQL use the index for LIKE 'prefix%'.
            models.Index(fields=["code"], name="region_code_prefix_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.name_en})" if self.name_en else self.name_zh

    def get_absolute_url(self) -> str:
        return fast_reverse("region_detail", self.code)

    def ancestors(self) -> list[Region]:
        """Return the chain from the top-level region down to this one's parent."""
        chain: list[Region] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def path(self) -> list[Region]:
        return [*self.ancestors(), self]

    @property
    def path_zh(self) -> list[str]:
        return [r.name_zh for r in self.path]


class Sector(models.Model):
    """A hazard sector from ../shared/vocab/sectors.json (slugs are stable keys)."""

    slug = models.SlugField(_("slug"), max_length=48, unique=True)
    name_en = models.CharField(_("English name"), max_length=96)
    name_zh = models.CharField(_("Chinese name"), max_length=48)
    keywords_en = models.JSONField(_("English keywords"), default=list, blank=True)
    keywords_zh = models.JSONField(_("Chinese keywords"), default=list, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return f"{self.name_en} / {self.name_zh}"

    def get_absolute_url(self) -> str:
        return fast_reverse("sector_detail", self.slug)


class Official(models.Model):
    """A person who took part in meetings. name_en is pinyin for Chinese names so that
    陈敏 and "Chen Min" meet. A merged duplicate points at its survivor."""

    name_zh = models.CharField(_("Chinese name"), max_length=32, blank=True, db_index=True)
    name_en = models.CharField(_("English name"), max_length=96, blank=True, db_index=True)
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_("Other spellings, kept when duplicates are merged."),
    )
    home_region = models.ForeignKey(
        Region,
        verbose_name=_("home region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_en", "name_zh"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        constraints = [
            models.CheckConstraint(condition=~Q(name_zh="", name_en=""), name="official_has_a_name"),
        ]
        # Ingest looks officials up by name_en in any case (services.OfficialPool): without
        # this, each batch scans the whole table.
        indexes = [models.Index(Lower("name_en"), name="official_name_en_lower")]

    def __str__(self) -> str:
        if self.name_zh and self.name_en:
            return f"{self.name_zh} ({self.name_en})"
        return self.name_zh or self.name_en

    def get_absolute_url(self) -> str:
        return fast_reverse("official_detail", self.pk)


class MeetingType(models.TextChoices):
    PLENARY = "plenary", _("Safety committee plenary")
    EXPANDED = "expanded", _("Expanded meeting")
    WORK_CONFERENCE = "work_conference", _("Work conference")
    ON_SITE = "on_site", _("On-site meeting")
    SCHEDULING = "scheduling", _("Scheduling meeting")
    VIDEO = "video", _("Video/teleconference")
    JOINT = "joint", _("Joint meeting")
    EXECUTIVE = "executive", _("Executive meeting")
    DEPLOYMENT = "deployment", _("Deployment meeting")
    WARNING_EDUCATION = "warning_education", _("Warning education meeting")
    OTHER = "other", _("Other meeting")


class Language(models.TextChoices):
    ZH = "zh", _("Simplified Chinese")
    ZH_HANT = "zh-Hant", _("Traditional Chinese")
    EN = "en", _("English")
    MIXED = "mixed", _("Mixed")


class ReviewState(models.TextChoices):
    UNREVIEWED = "unreviewed", _("Unreviewed")
    NEEDS_ATTENTION = "needs_attention", _("Needs attention")
    REVIEWED = "reviewed", _("Reviewed")


# Meeting fields that extraction fills and an editor may take over.
EDITABLE_MEETING_FIELDS = (
    "title",
    "outlet",
    "reporter",
    "published_on",
    "held_on",  # covers held_year, held_month, held_day
    "region",
    "meeting_type",
    "language",
    "sectors",
    "body",
)


class Meeting(models.Model):
    title = models.CharField(_("title"), max_length=500)
    outlet = models.CharField(_("source outlet"), max_length=200, blank=True)
    reporter = models.CharField(_("reporter"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # A meeting date may be partial: the year can be unknown ("--08-22").
    held_year = models.PositiveSmallIntegerField(_("year held"), null=True, blank=True)
    held_month = models.PositiveSmallIntegerField(_("month held"), null=True, blank=True)
    held_day = models.PositiveSmallIntegerField(_("day held"), null=True, blank=True)
    held_on = models.DateField(
        _("held on"), null=True, blank=True, help_text=_("Set when the date is complete.")
    )
    # What lists sort and facet on: the held date, else its first day of the month, else publication.
    sort_date = models.DateField(_("sort date"), null=True, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    region_confidence = models.FloatField(_("region confidence"), default=0.0)
    meeting_type = models.CharField(
        _("meeting type"), max_length=24, choices=MeetingType.choices, default=MeetingType.OTHER
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.ZH)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True, related_name="meetings")
    body = models.TextField(_("cleaned text"))
    raw_text = models.TextField(_("raw text"))
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    # Spans of meeting-level facts in `body`: {"held_on": [s, e], "region": [s, e], "title": [s, e],
    # "published_on": [s, e], "sectors": {"fire": [[s, e], ...]}}.
    spans = models.JSONField(_("fact spans"), default=dict, blank=True)
    extraction_version = models.CharField(max_length=32, blank=True)
    editor_fields = models.JSONField(
        _("editor-owned fields"), default=list, blank=True, help_text=_("Fields re-ingest leaves alone.")
    )
    # Keys of extracted attendances/directives an editor deleted ("official:<name>", "directive:<hash>").
    editor_deleted = models.JSONField(default=list, blank=True)
    review_state = models.CharField(
        _("review state"), max_length=16, choices=ReviewState.choices, default=ReviewState.UNREVIEWED
    )
    attention_reasons = models.JSONField(_("attention reasons"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sort_date", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["-sort_date", "-id"], name="meeting_sort_date_idx"),
            models.Index(fields=["held_year", "held_month"], name="meeting_held_ym_idx"),
            models.Index(fields=["region", "-sort_date"], name="meeting_region_date_idx"),
            models.Index(fields=["review_state"], name="meeting_review_idx"),
            models.Index(fields=["meeting_type"], name="meeting_type_idx"),
            models.Index(fields=["language"], name="meeting_language_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(held_month__isnull=True) | Q(held_month__gte=1, held_month__lte=12),
                name="meeting_held_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(held_day__isnull=True) | Q(held_day__gte=1, held_day__lte=31),
                name="meeting_held_day_valid",
            ),
            models.CheckConstraint(
                condition=Q(held_day__isnull=True) | Q(held_month__isnull=False),
                name="meeting_day_needs_month",
            ),
        ]

    def __str__(self) -> str:
        date = self.held_on_display
        return f"{self.title} ({date})" if date else self.title

    def get_absolute_url(self) -> str:
        return fast_reverse("meeting_detail", self.pk)

    # Partial dates -------------------------------------------------------------------------

    @property
    def held_on_iso(self) -> str | None:
        """The contract's form: 2023-10-27, 2023-10, --08-22, or None."""
        return format_partial_date(self.held_year, self.held_month, self.held_day)

    @property
    def held_on_display(self) -> str:
        return self.held_on_iso or ""

    def set_held_date(self, year: int | None, month: int | None, day: int | None) -> None:
        """Set the partial meeting date and the fields derived from it."""
        self.held_year, self.held_month, self.held_day = year, month, day
        self.held_on = None
        if year and month and day:
            try:
                self.held_on = dt.date(year, month, day)
            except ValueError:
                self.held_on = None
        self.sort_date = self.held_on
        if self.sort_date is None and year and month:
            self.sort_date = dt.date(year, month, 1)
        if self.sort_date is None and year:
            self.sort_date = dt.date(year, 1, 1)
        if self.sort_date is None:
            self.sort_date = self.published_on

    @property
    def source(self) -> str:
        first = self.sources.order_by("id").first()
        return first.location if first else ""

    @property
    def roles_by_official(self) -> dict[int, list[str]]:
        return {a.official_id: a.roles for a in self.attendances.all()}


def format_partial_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """Format a possibly partial date the way the extract contract does."""
    if year and month and day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if year and month:
        return f"{year:04d}-{month:02d}"
    if month and day:
        return f"--{month:02d}-{day:02d}"
    if year:
        return f"{year:04d}"
    return None


class MeetingSource(models.Model):
    """Where a report was read from; the same content under two paths is one meeting, two sources."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sources")
    location = models.CharField(_("path or URL"), max_length=1000, unique=True)
    file_hash = models.CharField(_("file hash"), max_length=64, blank=True)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.location


class Role(models.TextChoices):
    PRESIDED = "presided", _("presided")
    SPOKE = "spoke", _("spoke")
    ATTENDED = "attended", _("attended")
    INSTRUCTED = "instructed", _("gave instructions")
    REPORTED = "reported", _("reported")


ROLE_ORDER = [r.value for r in Role]


class Attendance(models.Model):
    """An official's part in a meeting: roles as flags (valid by construction), titles as written."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="attendances")
    presided = models.BooleanField(_("presided"), default=False)
    spoke = models.BooleanField(_("spoke"), default=False)
    attended = models.BooleanField(_("attended"), default=False)
    instructed = models.BooleanField(_("gave instructions"), default=False)
    reported = models.BooleanField(_("reported"), default=False)
    title = models.CharField(_("title as written"), max_length=500, blank=True)
    titles = models.JSONField(_("titles"), default=list, blank=True)
    # Where the name is mentioned in the meeting body: [[start, end], ...]; the first is the main one.
    spans = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    editor_owned = models.BooleanField(
        _("editor-owned"),
        default=False,
        help_text=_("Added or changed by an editor; re-ingest leaves it alone."),
    )

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "official"], name="attendance_unique_official"),
            models.CheckConstraint(
                condition=Q(presided=True)
                | Q(spoke=True)
                | Q(attended=True)
                | Q(instructed=True)
                | Q(reported=True),
                name="attendance_has_a_role",
            ),
        ]
        indexes = [models.Index(fields=["official", "meeting"], name="attendance_official_idx")]

    def __str__(self) -> str:
        return f"{self.official} — {', '.join(self.roles)}"

    @property
    def roles(self) -> list[str]:
        return [r for r in ROLE_ORDER if getattr(self, r)]

    def set_roles(self, roles: list[str] | set[str]) -> None:
        unknown = set(roles) - set(ROLE_ORDER)
        if unknown:
            raise ValueError(f"unknown roles: {sorted(unknown)}")
        for r in ROLE_ORDER:
            setattr(self, r, r in roles)


class Directive(models.Model):
    """One instruction the meeting gave, with its issuer (null for "the meeting stressed")."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="directives")
    issuer = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.SET_NULL, related_name="directives"
    )
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(_("order"), default=0)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="directives")
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    editor_owned = models.BooleanField(
        _("editor-owned"),
        default=False,
        help_text=_("Added or changed by an editor; re-ingest leaves it alone."),
    )

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        indexes = [models.Index(fields=["issuer"], name="directive_issuer_idx")]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#directive-{self.pk}"


# Search rows are derived tables owned by the search package; imported here so Django sees them.
from .search.models import DirectiveSearchRow, MeetingSearchRow  # noqa: E402, F401


class ArchiveVersion(models.Model):
    """Rows whose `number` changes with every write: row 1 to what the facet index reads,
    row 2 (the content version) to anything a page shows, for the page cache.

    Database triggers (migrations 0006, 0007) set them, so every writer is covered: ingest's
    bulk operations, the admin, raw SQL, loaddata. The numbers are drawn from a sequence or
    at random rather than incremented, so a rolled-back write cannot bring back a number that
    an index or a cached page was already made for."""

    FACETS = 1  # migration 0006
    CONTENT = 2  # migration 0007

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("archive version")

    def __str__(self) -> str:
        return str(self.number)

    @classmethod
    def kept_per_facet_version(cls, read: Callable[[], T]) -> Callable[[], T]:
        """Wrap a reader of tables the facet version watches (sectors, regions) so it runs
        again only when that version changes: one primary-key read instead of the query."""
        kept: tuple[int, T] | None = None

        @functools.wraps(read)
        def reader() -> T:
            nonlocal kept
            version = cls.number_of(cls.FACETS)
            if version is not None and kept is not None and kept[0] == version:
                return kept[1]
            value = read()
            if version is not None:
                kept = (version, value)
            return value

        return reader

    @classmethod
    def number_of(cls, row: int) -> int | None:
        """A row's current number, read from the primary (where the writes that change it go)."""
        # Raw SQL: every request reads this, and the ORM's query building cost more than the read.
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(f"SELECT number FROM {cls._meta.db_table} WHERE id = %s", [row])
            found = cursor.fetchone()
        return found[0] if found else None
