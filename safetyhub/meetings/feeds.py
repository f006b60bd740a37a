"""An Atom feed of any filtered meeting list, for alerts in a feed reader."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models.functions import Left
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import selectors
from .filters import MeetingFilter
from .i18n import localized_name
from .links import fast_reverse
from .models import Meeting, Region, format_partial_date
from .querystate import QueryState

FEED_SIZE = 50
EXCERPT = 400  # characters of the body in an entry's summary


@dataclass
class FeedItem:
    pk: int
    title: str
    held_on_iso: str | None
    region: Region | None  # with its path's parents loaded
    sort_date: dt.date | None
    updated_at: dt.datetime | None
    excerpt: str


class MeetingFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        filterset = MeetingFilter(request.GET, queryset=Meeting.objects.all())
        state = QueryState(request.GET, reverse("meeting_list"))
        return {"filterset": filterset, "link": state.current}

    def title(self, obj: dict[str, Any]) -> str:
        return _("SafetyHub: meetings")

    def link(self, obj: dict[str, Any]) -> str:
        return obj["link"]

    def subtitle(self, obj: dict[str, Any]) -> str:
        return _("Newest work-safety meetings matching the list's filters.")

    def items(self, obj: dict[str, Any]) -> list[FeedItem]:
        # Plain values, not meetings with the list's prefetches: an entry shows none of those,
        # and only the start of the body (EXCERPT characters) travels.
        rows = list(
            selectors.meeting_list(filterset=obj["filterset"])
            .prefetch_related(None)
            .values_list(
                "pk",
                "title",
                "held_year",
                "held_month",
                "held_day",
                "region_id",
                "sort_date",
                "updated_at",
                Left("body", EXCERPT),
            )[:FEED_SIZE]
        )
        regions = selectors.regions_by_id({row[5] for row in rows if row[5] is not None})
        return [
            FeedItem(
                pk,
                title,
                format_partial_date(year, month, day),
                regions.get(region_id),
                sort_date,
                updated_at,
                excerpt,
            )
            for pk, title, year, month, day, region_id, sort_date, updated_at, excerpt in rows
        ]

    def item_title(self, item: FeedItem) -> str:
        return item.title

    def item_description(self, item: FeedItem) -> str:
        region = " › ".join(localized_name(r) for r in item.region.path) if item.region else ""
        # Atom sends the summary as type="html": escape it so a reader shows report text as text.
        return escape(f"{item.held_on_iso or ''} {region}\n{item.excerpt}")

    def item_link(self, item: FeedItem) -> str:
        return fast_reverse("meeting_detail", item.pk)

    def item_pubdate(self, item: FeedItem) -> dt.datetime | None:
        if item.sort_date:
            return dt.datetime.combine(item.sort_date, dt.time(), tzinfo=dt.UTC)
        return None

    def item_updateddate(self, item: FeedItem) -> dt.datetime:
        return item.updated_at or timezone.now()
