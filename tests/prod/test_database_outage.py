"""A database outage, a read-only or a full database answer a clean 503, never a traceback."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace
from unittest import mock

import psycopg
import pytest
from django.db import DatabaseError, ProgrammingError, connection, connections, transaction
from django.db.utils import DatabaseErrorWrapper
from django.test import Client, override_settings

from safetyhub.errors import FULL, READ_ONLY, UNAVAILABLE, database_problem
from safetyhub.meetings.models import Sector

pytestmark = pytest.mark.django_db


def real_error(fail: Callable[[], object], driver: ModuleType = sqlite3) -> DatabaseError:
    """Run `fail` (which makes the driver raise) under Django's wrapper, return Django's exception."""
    try:
        with DatabaseErrorWrapper(SimpleNamespace(Database=driver, errors_occurred=False)):
            fail()
    except DatabaseError as exc:
        return exc
    raise AssertionError("the driver did not fail")


def dead_postgres() -> DatabaseError:
    return real_error(
        lambda: psycopg.connect("host=127.0.0.1 port=1 dbname=x user=x connect_timeout=1"), psycopg
    )


def readonly_sqlite(tmp_path: Path) -> DatabaseError:
    path = tmp_path / "ro.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()

    def write() -> None:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.execute("INSERT INTO t VALUES (1)")

    return real_error(write)


def test_it_classifies_real_driver_errors(tmp_path: Path) -> None:
    assert database_problem(dead_postgres()) == UNAVAILABLE
    assert database_problem(readonly_sqlite(tmp_path)) == READ_ONLY
    assert database_problem(real_error(lambda: sqlite3.connect(tmp_path / "no/such/dir.db"))) == UNAVAILABLE
    disk_full = real_error(
        lambda: (_ for _ in ()).throw(sqlite3.OperationalError("database or disk is full"))
    )
    assert database_problem(disk_full) == FULL


def test_it_does_not_hide_programming_errors_as_outages(tmp_path: Path) -> None:
    missing = real_error(lambda: sqlite3.connect(":memory:").execute("SELECT * FROM no_such_table"))
    assert database_problem(missing) is None
    assert database_problem(ProgrammingError("syntax error")) is None
    assert database_problem(ValueError("x")) is None


def failing_cursor(exc: DatabaseError) -> mock._patch:  # type: ignore[type-arg]
    return mock.patch.object(type(connections["default"]), "cursor", side_effect=exc)


def test_healthz_reports_ok_and_then_the_outage(client: Client) -> None:
    ok = client.get("/healthz")
    assert ok.status_code == 200 and ok.json() == {"status": "ok", "databases": {"default": "ok"}}
    with failing_cursor(dead_postgres()):
        down = client.get("/healthz")
    assert down.status_code == 503
    assert down.json() == {"status": "error", "databases": {"default": "unavailable"}}
    assert "no-store" in down["Cache-Control"]


def test_pages_answer_a_clean_503_while_the_database_is_down(client: Client) -> None:
    with failing_cursor(dead_postgres()):
        page = client.get("/meetings/")
        api = client.get("/api/meetings/")
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    assert b"cannot be reached right now" in page.content
    assert b"Traceback" not in page.content
    if api.status_code != 404:  # the API lands with the browse issue
        assert api.status_code == 503
        assert api.json()["error"] == "unavailable"
    # No restart needed: the next request works.
    assert client.get("/meetings/").status_code == 200


@override_settings(REQUIRE_LOGIN=True)
def test_an_outage_outside_the_view_is_a_503_too(client: Client) -> None:
    # REQUIRE_LOGIN reads the session (the database) in middleware, before any view runs.
    client.cookies["sessionid"] = "x" * 32
    client.raise_request_exception = False
    with failing_cursor(dead_postgres()):
        response = client.get("/meetings/")
    assert response.status_code == 503
    assert b"cannot be reached right now" in response.content


def test_a_read_only_database_says_so_when_an_editor_saves(client: Client, tmp_path: Path) -> None:
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "pw-123-long-enough"))
    if connection.vendor == "postgresql":
        # The real thing: PostgreSQL refuses writes in a read-only transaction (SQLSTATE 25006).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL transaction_read_only = on")
        response = client.post(
            "/admin/meetings/sector/add/", {"slug": "new-sector", "name_en": "New", "name_zh": "新"}
        )
    else:
        with mock.patch.object(Sector, "save", side_effect=readonly_sqlite(tmp_path)):
            response = client.post(
                "/admin/meetings/sector/add/", {"slug": "new-sector", "name_en": "New", "name_zh": "新"}
            )
    assert response.status_code == 503
    assert b"read-only at the moment" in response.content
    if connection.vendor == "postgresql":
        transaction.set_rollback(True)


def test_commands_get_a_sentence_for_a_read_only_database(tmp_path: Path) -> None:
    from safetyhub.errors import database_problem_message

    assert "read-only" in (database_problem_message(readonly_sqlite(tmp_path)) or "")
    assert database_problem_message(ValueError("x")) is None
