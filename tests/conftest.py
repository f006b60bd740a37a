"""Shared fixtures. Reference data (sectors, gazetteer) is loaded once per test database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Load the reference data once into the test database."""
    from safetyhub.meetings.reference import regions_load, sectors_load

    with django_db_blocker.unblock():
        sectors_load()
        regions_load()


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole run: Playwright's sync API allows one session per thread.

    In CI (CI=true) a browser that cannot start fails the tests instead of skipping them.
    """
    # Playwright's sync API keeps an event loop in this thread; Django's ORM would refuse to run.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = None
    try:
        from playwright.sync_api import sync_playwright

        manager = sync_playwright().start()
        chromium = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:  # missing binary or libraries, sandbox trouble
        if manager is not None:
            manager.stop()
        _restore_env("DJANGO_ALLOW_ASYNC_UNSAFE", previous)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium could not start in CI: {exc}")
        pytest.skip(f"Chromium could not start: {exc}")
    try:
        yield chromium
    finally:
        chromium.close()
        manager.stop()
        _restore_env("DJANGO_ALLOW_ASYNC_UNSAFE", previous)


def _restore_env(name: str, previous: str | None) -> None:
    if previous is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = previous
