"""Rebuild the full-text search index from the meetings and directives in the database."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from safetyhub.meetings.search import rebuild_search_index


class Command(BaseCommand):
    help = "Drop every search row and index all meetings and their directives again."

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        count = rebuild_search_index()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Indexed {count} meetings in {elapsed:.1f}s.")
