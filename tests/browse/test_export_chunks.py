"""The CSV export reads the meetings' sectors, presiders and sources a chunk at a time, and
names regions from the facet index when it can: neither may show in the file."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from safetyhub.meetings import exports, facet_index

from .factories import demo_archive

pytestmark = pytest.mark.django_db


def _export(client: Client, **params: str) -> str:
    response = client.get(reverse("meeting_export_csv"), params)
    return b"".join(response.streaming_content).decode()


def test_chunk_breaks_do_not_show(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    demo_archive(25)
    whole, province = _export(client), _export(client, region="42")
    monkeypatch.setattr(exports, "CHUNK", 3)
    assert _export(client) == whole
    assert _export(client, region="42") == province
    rows = list(csv.reader(io.StringIO(whole.lstrip("\ufeff"))))
    assert len(rows) == 26 and all(row[7] for row in rows[1:])  # every demo meeting has sectors
    assert all(row[8] for row in rows[1:])  # and a presider


def test_the_facet_index_changes_no_byte(client: Client) -> None:
    """Exports and the feed name regions from the facet index while it is current."""
    demo_archive(20)
    urls = [reverse("meeting_feed"), reverse("meeting_feed") + "?region=42"]
    facet_index.reset()
    indexed = [_export(client), _export(client, region="42"), *(client.get(u).content for u in urls)]
    with override_settings(FACET_INDEX=False):
        plain = [_export(client), _export(client, region="42"), *(client.get(u).content for u in urls)]
    facet_index.reset()
    assert indexed == plain
