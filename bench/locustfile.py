"""Locust user for bench/load.py: a browsing mix over a plan of URLs prepared by load.py.

Environment: LOAD_PLAN (JSON file with {"endpoints": {name: {"weight": w, "paths": [...]}}}),
LOAD_MAX_REQUESTS (stop after this many), LOAD_TIMINGS (where to write per-request timings),
LOAD_WAIT (seconds of think time between requests; 0 = back-to-back). Each timing records
whether the page cache answered (the X-Page-Cache header).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, constant, events, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "100000"))
WAIT = float(os.environ.get("LOAD_WAIT", "0"))
_timings: list[tuple[str, float, int, bool]] = []


@events.request.add_listener
def _record(
    request_type: str,
    name: str,
    response_time: float,
    response_length: int,
    exception: BaseException | None = None,
    response: Any = None,
    **_: Any,
) -> None:
    status = getattr(response, "status_code", 0) or 0
    headers = getattr(response, "headers", None) or {}
    cached = headers.get("X-Page-Cache") == "hit"
    _timings.append((name, response_time, status, exception is None and 200 <= status < 400, cached))
    if len(_timings) >= MAX_REQUESTS:
        runner = _record.environment.runner  # type: ignore[attr-defined]
        if runner is not None:
            runner.quit()


@events.init.add_listener
def _remember(environment: Any, **_: Any) -> None:
    _record.environment = environment  # type: ignore[attr-defined]


@events.quitting.add_listener
def _dump(environment: Any, **_: Any) -> None:
    with open(os.environ["LOAD_TIMINGS"], "w", encoding="utf-8") as out:
        json.dump(_timings, out)


ENDPOINTS = [(name, spec) for name, spec in PLAN["endpoints"].items() if spec["paths"]]


class Browser(FastHttpUser):
    wait_time = constant(0) if WAIT <= 0 else between(0, 2 * WAIT)

    @task
    def visit(self) -> None:
        name, spec = random.choices(ENDPOINTS, weights=[s["weight"] for _, s in ENDPOINTS])[0]
        self.client.get(random.choice(spec["paths"]), name=name)
