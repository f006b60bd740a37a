"""`manage.py generate_corpus --count N --out DIR --seed S`: synthetic reports with ground truth."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetyhub.meetings.corpus import generate_corpus


class Command(BaseCommand):
    help = "Write N synthetic meeting reports and their ground truth (<name>.json) into DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["count"]
        if count < 0:
            raise CommandError("--count must not be negative", returncode=2)
        out: Path = options["out"]
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} exists and is not a directory", returncode=2)
        written = sum(1 for _ in generate_corpus(count, options["seed"], out))
        self.stdout.write(f"generate_corpus: {written} reports with ground truth in {out}")
