"""`manage.py ingest PATH...`: load report files into SafetyHub (see safetyhub/meetings/ingest.py)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetyhub.meetings.ingest import IngestSummary, QuietProgress, ingest_paths


class Command(BaseCommand):
    help = (
        "Ingest report files (.txt, .html, .htm, .md) and directories of them. Exit code 0 when "
        "nothing failed, 1 when some files failed (the rest are ingested), 2 for a usage error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (recursive)")
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="extraction worker processes (default: cores)",
        )
        parser.add_argument("--max-bytes", type=int, default=None, help="skip files larger than this")
        parser.add_argument("--dry-run", action="store_true", help="extract and report without writing")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs: int = options["jobs"]
        max_bytes: int = options["max_bytes"] or settings.INGEST_MAX_BYTES
        if jobs < 1:
            raise CommandError("--jobs must be at least 1", returncode=2)
        if max_bytes < 1:
            raise CommandError("--max-bytes must be at least 1", returncode=2)
        progress, close = self._progress()
        try:
            summary = ingest_paths(
                options["paths"],
                jobs=jobs,
                max_bytes=max_bytes,
                dry_run=options["dry_run"],
                progress=progress,
                on_discovered=self._set_total,
            )
        finally:
            close()
        self._report(summary, as_json=options["json"])
        if summary.interrupted:
            sys.exit(130)
        if summary.counts["failed"]:
            sys.exit(1)

    def _progress(self) -> tuple[Any, Any]:
        if sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(total=0, unit="file", desc="ingest", file=sys.stderr)
            self._bar = bar

            def update(status: str, summary: IngestSummary) -> None:
                bar.update(1)
                bar.set_postfix_str(f"{summary.counts['new']} new, {summary.counts['failed']} failed")

            return update, bar.close
        quiet = QuietProgress()
        self._bar = quiet
        return quiet, lambda: None

    def _set_total(self, total: int) -> None:
        self._bar.total = total
        if hasattr(self._bar, "refresh"):
            self._bar.refresh()

    def _report(self, summary: IngestSummary, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
            return
        skips = summary.skips
        for note in skips[:20]:
            self.stdout.write(f"skipped {note.file}: {note.reason}")
        if len(skips) > 20:
            self.stdout.write(f"... and {len(skips) - 20} more skipped (--json lists them all)")
        for note in summary.duplicates[:20]:
            self.stdout.write(f"duplicate {note.file}: same content as meeting {note.meeting_id}")
        for note in summary.failures:
            self.stderr.write(f"failed {note.file}: {note.reason}")
        if summary.interrupted:
            self.stderr.write("interrupted: documents written so far are complete; run again to finish")
        self.stdout.write(f"ingest: {summary.line()}")
