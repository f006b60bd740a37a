"""Send reads to PostgreSQL read replicas and everything else to the primary.

Active when DATABASE_REPLICA_URLS is set (settings add this router and the aliases
replica1, replica2, ...). Rules:

- writes, migrations and the tables of auth, sessions, admin log and login lock-out go
  to the primary ("default");
- a read inside a transaction on the primary stays on the primary, so code that writes
  and reads back in one `transaction.atomic()` sees its own writes;
- a read after a write in the same request (or unit of work) stays on the primary, and
  ReplicaPinningMiddleware extends that to the next few seconds of the same browser;
- other reads pick a replica at random (the load balancer of the poor; replicas are equal).
"""

from __future__ import annotations

import random
from contextvars import ContextVar, Token
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model

PRIMARY = "default"
# Small, write-heavy or consistency-critical tables never read from a replica.
PRIMARY_ONLY_APPS = frozenset({"auth", "sessions", "admin", "axes", "contenttypes"})

# Per request (or thread/task): is this unit of work pinned to the primary, has it written?
_state: ContextVar[dict[str, bool] | None] = ContextVar("safetyhub_db_pin", default=None)


def pin_to_primary(pinned: bool = True) -> Token[dict[str, bool] | None]:
    """Start a unit of work (a request); reads go to the primary if `pinned`. Pass the token to unpin()."""
    return _state.set({"pinned": pinned, "wrote": False})


def unpin(token: Token[dict[str, bool] | None]) -> None:
    _state.reset(token)


def wrote_to_primary() -> bool:
    state = _state.get()
    return bool(state and state["wrote"])


def _mark_write() -> None:
    state = _state.get()
    if state is None:
        # Outside a request (ingest, shell): once it writes, the rest of the work reads the primary.
        _state.set({"pinned": True, "wrote": True})
    else:
        state["pinned"] = True
        state["wrote"] = True


class PrimaryReplicaRouter:
    """Route reads to settings.DATABASE_REPLICAS and writes to the primary."""

    def _replicas(self) -> list[str]:
        return list(getattr(settings, "DATABASE_REPLICAS", []))

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        replicas = self._replicas()
        if not replicas or model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        instance = hints.get("instance")
        if instance is not None and instance._state.db == PRIMARY and instance._state.adding is False:
            # Related objects of something read from the primary come from the primary too.
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        state = _state.get()
        if state and state["pinned"]:
            return PRIMARY
        return random.choice(replicas)

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        _mark_write()
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        pool = {PRIMARY, *self._replicas()}
        if obj1._state.db in pool and obj2._state.db in pool:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        # Replicas receive the schema through replication.
        return db == PRIMARY
