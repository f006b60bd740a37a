"""Print what extraction reads from report files, as the JSON contract of DESIGN.md. Writes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetyhub.extraction import extract


class Command(BaseCommand):
    help = "Extract meetings from report files and print them (one object, or a list for several files)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files", nargs="+", help="report text files (UTF-8; other encodings are detected)"
        )
        parser.add_argument(
            "--json", action="store_true", help="print the extract --json contract (the default)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        results: list[dict[str, Any]] = []
        failed = 0
        for name in options["files"]:
            try:
                text = read_report(Path(name))
            except (OSError, UnicodeError) as exc:
                failed += 1
                self.stderr.write(f"extract: cannot read {name}: {exc}")
                continue
            results.append(extract(text, source=name).to_contract())
        if results:
            obj: Any = results[0] if len(options["files"]) == 1 else results
            self.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2))
        if failed:
            raise CommandError(f"{failed} file(s) could not be read", returncode=1)


def read_report(path: Path) -> str:
    """Read a report as text: UTF-8 first, then the encoding charset-normalizer detects (GBK, Big5)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnicodeError("not a text file (no encoding fits)")
    return str(best)
