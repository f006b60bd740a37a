"""Backups round-trip a database with editor edits: the edits and who owns them survive.

PostgreSQL: pg_dump -Fc, then pg_restore into a scratch database. SQLite: a file copy with
SQLite's online backup API, and dumpdata/loaddata into a fresh database.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest
from django.db import connection

from ..conftest import REPO

pytestmark = pytest.mark.slow

EXPECTED_EDITS = {
    "title": "编辑改过的标题 «edited»",
    "held_on": "--08-22",
    "region": "36",
    "editor_fields": ["title", "region", "sectors"],
    "editor_deleted": ["official:王华光", "directive:0123456789abcdef"],
    "review_state": "reviewed",
    "sectors": ["fire", "road-traffic"],
    "attendances": [
        ["陈敏", ["presided"], "贵溪市委书记", False],
        ["潘磊", ["spoke", "attended"], "市长（编辑补充）", True],
    ],
    "directives": [["要抓好消防安全（编辑改写）", "陈敏", ["fire"], True]],
    "edited_by": [["editor", '[{"changed": {"fields": ["Title", "Region"]}}]']],
    "editor_can_log_in": True,
}


def manage(database_url: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URLS")}
    env.update(DEBUG="true", DATABASE_URL=database_url)
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def describe(database_url: str) -> dict[str, object]:
    out = manage(
        database_url, "shell", "-c", "from tests.prod.backup_data import print_description as p; p()"
    )
    return json.loads(out.strip().splitlines()[-1])


def create(database_url: str, *, migrate: bool = True) -> dict[str, object]:
    """Create the edited meeting and return its description, in one process."""
    if migrate:
        manage(database_url, "migrate", "-v0")
    code = "from tests.prod.backup_data import create_and_print_description as c; c()"
    return json.loads(manage(database_url, "shell", "-c", code).strip().splitlines()[-1])


def assert_edits(described: dict[str, object]) -> None:
    for key, value in EXPECTED_EDITS.items():
        assert described[key] == value, key


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run covers SQLite backups")
def test_sqlite_backups_keep_editor_edits(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    manage(f"sqlite:///{empty}", "migrate", "-v0")
    shutil.copy(empty, tmp_path / "live.sqlite3")
    shutil.copy(empty, tmp_path / "fresh.sqlite3")
    source_url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    before = create(source_url, migrate=False)
    assert_edits(before)

    # 1. An online file copy (safe while the app runs, unlike cp on a WAL database).
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(tmp_path / "live.sqlite3") as live, sqlite3.connect(copy) as target:
        live.backup(target)
    assert describe(f"sqlite:///{copy}") == before

    # 2. dumpdata/loaddata into a freshly migrated database.
    dump = tmp_path / "dump.json"
    manage(
        source_url,
        "dumpdata",
        "--natural-foreign",
        "--exclude",
        "contenttypes",
        "--exclude",
        "auth.permission",
        "--exclude",
        "sessions",
        "-o",
        str(dump),
    )
    fresh_url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    manage(fresh_url, "loaddata", str(dump))
    assert describe(fresh_url) == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL run covers pg_dump")
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_pg_dump_and_restore_keep_editor_edits(tmp_path: Path) -> None:
    # Scratch databases named after the configured one (sh_prod -> sh_prod_backup, sh_prod_restore).
    configured = dj_database_url.parse(os.environ["DATABASE_URL"])
    base = os.environ.get("BACKUP_TEST_DB_PREFIX", configured["NAME"])
    server = {k: str(configured[k]) for k in ("HOST", "PORT", "USER") if configured.get(k)}
    conn_args = [
        "-h",
        server.get("HOST", "127.0.0.1"),
        "-p",
        server.get("PORT", "5432"),
        "-U",
        server.get("USER", "postgres"),
    ]
    env = {**os.environ, "PGPASSWORD": str(configured.get("PASSWORD") or "")}
    source, restored = f"{base}_backup", f"{base}_restore"

    def url(name: str) -> str:
        auth = server.get("USER", "postgres")
        return f"postgres://{auth}@{server.get('HOST', '127.0.0.1')}:{server.get('PORT', '5432')}/{name}"

    def run(*cmd: str) -> None:
        subprocess.run(cmd, env=env, check=True, capture_output=True)

    for name in (source, restored):
        run("dropdb", *conn_args, "--if-exists", name)
        run("createdb", *conn_args, name)
    try:
        before = create(url(source))
        assert_edits(before)
        dump = tmp_path / "safetyhub.dump"
        run("pg_dump", *conn_args, "--format=custom", "--no-owner", "-f", str(dump), source)
        run("pg_restore", *conn_args, "--no-owner", "--exit-on-error", "-d", restored, str(dump))
        assert describe(url(restored)) == before
    finally:
        for name in (source, restored):
            run("dropdb", *conn_args, "--if-exists", name)
