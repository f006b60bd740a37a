"""The primary/replica router: reads to replicas, writes and read-after-write to the primary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import transaction
from django.test import override_settings

from safetyhub import db_router
from safetyhub.db_router import PrimaryReplicaRouter
from safetyhub.meetings.models import Meeting, Sector

from ..conftest import REPO

REPLICAS = ["replica1", "replica2"]


@pytest.fixture
def router() -> PrimaryReplicaRouter:
    token = db_router.pin_to_primary(False)  # a fresh unit of work, like a new request
    with override_settings(DATABASE_REPLICAS=REPLICAS):
        yield PrimaryReplicaRouter()
    db_router.unpin(token)


def test_reads_go_to_the_replicas_and_writes_to_the_primary(router: PrimaryReplicaRouter) -> None:
    reads = {router.db_for_read(Meeting) for _ in range(50)}
    assert reads == set(REPLICAS)  # spread over both
    assert router.db_for_write(Meeting) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(router: PrimaryReplicaRouter) -> None:
    # pytest-django wraps the test in a transaction already; leave it to see a clean slate.
    with transaction.atomic():
        assert router.db_for_read(Sector) == "default"


def test_reads_after_a_write_stay_on_the_primary(router: PrimaryReplicaRouter) -> None:
    assert router.db_for_read(Meeting) in REPLICAS
    router.db_for_write(Meeting)
    assert db_router.wrote_to_primary()
    assert router.db_for_read(Meeting) == "default"


def test_accounts_and_sessions_always_use_the_primary(router: PrimaryReplicaRouter) -> None:
    assert router.db_for_read(User) == "default"
    assert router.db_for_read(Session) == "default"


def test_migrations_run_on_the_primary_only(router: PrimaryReplicaRouter) -> None:
    assert router.allow_migrate("default", "meetings")
    assert not router.allow_migrate("replica1", "meetings")


def test_without_replicas_everything_uses_the_primary() -> None:
    with override_settings(DATABASE_REPLICAS=[]):
        assert PrimaryReplicaRouter().db_for_read(Meeting) == "default"


# End to end: two SQLite files stand in for a primary and a replica that has not caught up.
SCRIPT = r"""
import json
from django.db import transaction
from django.test import Client
from safetyhub.meetings.models import Sector

Sector.objects.using("default").create(slug="only-on-primary", name_en="P", name_zh="主")
Sector.objects.using("replica1").create(slug="only-on-replica", name_en="R", name_zh="副")
from safetyhub import db_router
token = db_router.pin_to_primary(False)  # a new unit of work: nothing written yet
plain = list(Sector.objects.values_list("slug", flat=True))
with transaction.atomic():
    in_transaction = list(Sector.objects.values_list("slug", flat=True))
db_router.unpin(token)
client = Client()
get = client.get("/healthz")
print(json.dumps({"plain": plain, "in_transaction": in_transaction, "healthz": get.json()}))
"""


@pytest.mark.slow
def test_a_configured_replica_serves_reads_end_to_end(tmp_path: Path) -> None:
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URLS")}
    env.update(
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{primary}",
        DATABASE_REPLICA_URLS=f"sqlite:///{replica}",
        ALLOWED_HOSTS="testserver",
    )
    for alias in ("default", "replica1"):
        # allow_migrate keeps the replica empty, as replication would fill it; force the schema there.
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0", "--database", alias, "--run-syncdb"]
            if alias == "default"
            else [sys.executable, "-c", _copy_schema(primary, replica)],
            cwd=REPO,
            env=env,
            check=True,
        )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SCRIPT],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain"] == ["only-on-replica"]
    assert seen["in_transaction"] == ["only-on-primary"]
    assert seen["healthz"] == {"status": "ok", "databases": {"default": "ok", "replica1": "ok"}}


def _copy_schema(source: Path, target: Path) -> str:
    return (
        "import sqlite3\n"
        f"src = sqlite3.connect({str(source)!r}); dst = sqlite3.connect({str(target)!r})\n"
        "src.backup(dst)\n"
        "dst.execute('DELETE FROM meetings_sector'); dst.commit()\n"
    )


def test_a_browser_that_wrote_reads_from_the_primary_for_a_while(rf) -> None:  # type: ignore[no-untyped-def]
    from django.http import HttpResponse

    from safetyhub.middleware import ReplicaPinningMiddleware

    router = PrimaryReplicaRouter()
    seen: list[str] = []

    def view(request):  # type: ignore[no-untyped-def]
        if request.method == "POST":
            router.db_for_write(Meeting)
        seen.append(router.db_for_read(Meeting))
        return HttpResponse("ok")

    with override_settings(DATABASE_REPLICAS=REPLICAS, REPLICA_PIN_SECONDS=10):
        middleware = ReplicaPinningMiddleware(view)
        posted = middleware(rf.post("/admin/meetings/meeting/1/change/"))
        assert seen[-1] == "default"
        assert posted.cookies["sh_primary"]["max-age"] == 10
        middleware(rf.get("/meetings/1/", HTTP_COOKIE="sh_primary=1"))
        assert seen[-1] == "default"
        middleware(rf.get("/meetings/1/"))
        assert seen[-1] in REPLICAS
        assert not db_router.wrote_to_primary()  # the request's state ended with it
