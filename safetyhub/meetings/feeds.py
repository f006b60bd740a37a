"""An Atom feed of any filtered meeting list, for alerts in a feed reader."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import selectors
from .filters import MeetingFilter
from .i18n import localized_name
from .models import Meeting
from .querystate import QueryState

FEED_SIZE = 50


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

    def items(self, obj: dict[str, Any]) -> list[Meeting]:
        return list(selectors.meeting_list(filterset=obj["filterset"])[:FEED_SIZE])

    def item_title(self, item: Meeting) -> str:
        return item.title

    def item_description(self, item: Meeting) -> str:
        region = " › ".join(localized_name(r) for r in item.region.path) if item.region else ""
        # Atom sends the summary as type="html": escape it so a reader shows report text as text.
        return escape(f"{item.held_on_iso or ''} {region}\n{item.body[:400]}")

    def item_link(self, item: Meeting) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Meeting) -> dt.datetime | None:
        if item.sort_date:
            return dt.datetime.combine(item.sort_date, dt.time(), tzinfo=dt.UTC)
        return None

    def item_updateddate(self, item: Meeting) -> dt.datetime:
        return item.updated_at or timezone.now()
