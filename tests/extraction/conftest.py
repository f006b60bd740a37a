"""Fixtures for extraction tests: plain Python, no database unless a test asks for it."""

from __future__ import annotations

import pytest

from safetyhub.extraction import Reference, default_reference


@pytest.fixture(scope="session")
def reference() -> Reference:
    return default_reference()
