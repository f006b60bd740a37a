"""Shared fixtures. Reference data (sectors, gazetteer) is loaded once per test database."""

from __future__ import annotations

from pathlib import Path

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
