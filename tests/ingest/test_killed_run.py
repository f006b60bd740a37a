"""A run killed with SIGKILL mid-way leaves whole documents only; running again finishes the job."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from safetyhub.meetings.corpus import generate_corpus
from tests.conftest import REPO

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Runs in a subprocess against its own database; SLOW makes each document take a moment so the
# kill lands mid-run.
SCRIPT = """
import os, sys, time
import django
django.setup()
from django.core.management import call_command
if os.environ.get("SLOW"):
    from safetyhub.extraction import pipeline
    real = pipeline.extract
    def slow(text, source=None, reference=None):
        time.sleep(0.05)
        return real(text, source=source, reference=reference)
    pipeline.extract = slow
call_command("ingest", sys.argv[1], "--jobs", "1", "--json")
"""

COUNT = 40


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A scratch copy of the test database (schema and reference data), of the same kind."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        path = tmp_path / "killed.sqlite3"
        # The test database lives in memory inside an open transaction: copy it as SQL.
        dump = "\n".join(connection.connection.iterdump())
        target = sqlite3.connect(path)
        target.executescript(dump)
        target.close()
        yield f"sqlite:///{path}"
        return
    import psycopg

    params = connection.get_connection_params()
    source = connection.settings_dict["NAME"]
    name = f"{source}_kill"[:63]
    admin = {k: params[k] for k in ("host", "port", "user", "password") if params.get(k)}
    connection.close()  # a template database must have no other sessions
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    user = admin.get("user", "postgres")
    yield f"postgres://{user}@{admin.get('host', '127.0.0.1')}:{admin.get('port', 5432)}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _query(url: str, sql: str) -> Any:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=20) as conn:
            return conn.execute(sql).fetchone()[0]
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(sql).fetchone()[0]  # type: ignore[index]


def _run(url: str, arg: str, **env: str) -> subprocess.Popen[str]:
    full_env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "safetyhub.settings", **env}
    full_env["PYTHONPATH"] = str(REPO)
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, arg],
        cwd=REPO,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_killed_run_is_finished_by_running_again(tmp_path: Path, database_url: str) -> None:
    corpus = tmp_path / "corpus"
    list(generate_corpus(COUNT, 11, corpus))
    for path in corpus.glob("*.json"):
        path.unlink()
    victim = _run(database_url, str(corpus), SLOW="1")
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and victim.poll() is None:
        done = _query(database_url, "SELECT COUNT(*) FROM meetings_meetingsource")
        if done >= 5:
            break
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=30)
    assert victim.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert 5 <= done < COUNT

    half = (
        "SELECT COUNT(*) FROM meetings_meeting m WHERE NOT EXISTS "
        "(SELECT 1 FROM meetings_meetingsource s WHERE s.meeting_id = m.id)"
    )
    assert _query(database_url, half) == 0

    rerun = _run(database_url, str(corpus))
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    summary = json.loads(out)
    written = _query(database_url, "SELECT COUNT(*) FROM meetings_meetingsource")
    assert written == COUNT
    assert summary["unchanged"] >= 5 and summary["new"] + summary["duplicate"] + summary["unchanged"] == COUNT
    assert _query(database_url, half) == 0
    meetings = _query(database_url, "SELECT COUNT(*) FROM meetings_meeting")
    assert meetings == COUNT - summary["duplicate"]
