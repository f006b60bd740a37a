"""Editors add zones and townships, edit sector keywords, and re-tag meetings."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from safetyhub.extraction.reference import Reference
from safetyhub.meetings.extraction_reference import reference_from_db
from safetyhub.meetings.models import Meeting, Region, Sector

from .conftest import BODY, ingest, make_extracted

pytestmark = pytest.mark.django_db


def add_region(client: Client, **fields: str) -> Any:
    data = {"parent": "", "level": "zone", "code": "", "name_zh": "", "name_en": ""} | fields
    return client.post(reverse("admin:meetings_region_add"), data)


def test_an_editor_adds_a_development_zone_under_a_city(editor_client: Client) -> None:
    yingtan = Region.objects.get(code="3606")
    response = add_region(
        editor_client,
        parent=str(yingtan.pk),
        name_zh="鹰潭高新技术产业开发区",
        name_en="Yingtan High-tech Zone",
    )
    assert response.status_code == 302
    zone = Region.objects.get(name_zh="鹰潭高新技术产业开发区")
    assert (zone.code, zone.level, zone.parent, zone.in_gazetteer) == ("3606Z01", "zone", yingtan, False)

    second = add_region(editor_client, parent=str(yingtan.pk), name_zh="鹰潭工业园区")
    assert second.status_code == 302
    assert Region.objects.get(name_zh="鹰潭工业园区").code == "3606Z02"

    # It is found by the region autocomplete and by the prefix filters under Jiangxi.
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "meetings", "model_name": "meeting", "field_name": "region", "term": "鹰潭高新"},
    )
    assert [r["id"] for r in found.json()["results"]] == [str(zone.pk)]
    assert Region.objects.filter(code__startswith="36", pk=zone.pk).exists()
    # Extraction sees it on the next re-extract.
    assert reference_from_db().regions["3606Z01"].parent_code == "3606"


def test_a_township_under_a_county_and_a_bad_code_is_refused(editor_client: Client) -> None:
    guixi = Region.objects.get(code="360681")
    assert (
        add_region(editor_client, parent=str(guixi.pk), level="township", name_zh="雷溪镇").status_code == 302
    )
    assert Region.objects.get(name_zh="雷溪镇").code == "360681T01"
    response = add_region(editor_client, parent=str(guixi.pk), code="4201Z09", name_zh="错")
    assert response.status_code == 200
    assert "code" in response.context["adminform"].form.errors
    assert add_region(editor_client, name_zh="无上级").status_code == 200


def test_gazetteer_codes_cannot_be_edited(editor_client: Client) -> None:
    guixi = Region.objects.get(code="360681")
    response = editor_client.get(reverse("admin:meetings_region_change", args=[guixi.pk]))
    assert "code" not in response.context["adminform"].form.fields


def test_reference_from_db_matches_the_fixtures_until_edited() -> None:
    ref = reference_from_db()
    fixtures = Reference.from_fixtures()
    assert set(ref.regions) == set(fixtures.regions)
    assert ref.regions["360681"] == fixtures.regions["360681"]
    assert [s.slug for s in ref.sectors] == sorted(s.slug for s in fixtures.sectors)


def fake_extract(text: str, source: str | None = None, reference: Reference | None = None) -> Any:
    """Tag sectors the way extraction does: a sector whose keyword is in the text."""
    assert reference is not None
    slugs = [s.slug for s in reference.sectors if any(k in text for k in (*s.keywords_zh, *s.keywords_en))]
    return make_extracted(raw_text=text, body=text, sectors=slugs, directives=[], officials=[], spans={})


def test_editing_keywords_and_retagging_re_tags_meetings(
    editor_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = BODY + "要确保消防车通道畅通。"
    meeting = ingest(make_extracted(raw_text=text, body=text, sectors=[]))
    untouched = ingest(make_extracted(source="reports/other.txt", raw_text="无关", body="无关", sectors=[]))
    monkeypatch.setattr("safetyhub.extraction.extract", fake_extract)
    gas = Sector.objects.get(slug="gas")
    url = reverse("admin:meetings_sector_change", args=[gas.pk])
    response = editor_client.post(
        url,
        {
            "name_en": gas.name_en,
            "name_zh": gas.name_zh,
            "keywords_en": "\n".join(gas.keywords_en),
            "keywords_zh": "\n".join([*gas.keywords_zh, "消防车通道", " ", "消防车通道"]),
        },
        follow=True,
    )
    assert "Re-tag meetings" in response.content.decode()
    gas.refresh_from_db()
    assert gas.keywords_zh[-1] == "消防车通道" and gas.keywords_zh.count("消防车通道") == 1

    response = editor_client.post(
        reverse("admin:meetings_sector_changelist"),
        {"action": "retag", "_selected_action": [str(gas.pk)]},
        follow=True,
    )
    assert "1 meeting re-extracted" in response.content.decode()
    assert "gas" in {s.slug for s in Meeting.objects.get(pk=meeting.pk).sectors.all()}
    assert not untouched.sectors.exists()


def test_a_viewer_cannot_retag(viewer_client: Client) -> None:
    response = viewer_client.get(reverse("admin:meetings_sector_changelist"))
    assert "retag" not in response.content.decode()
