"""The acceptance round trip with the real ingest command: editor edits survive, the rest refreshes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from safetyhub.meetings.models import Meeting, Official

from .conftest import REPO_SEEDS

pytestmark = pytest.mark.django_db


def ingest_file(path: Path) -> Meeting:
    call_command("ingest", str(path), "--jobs", "1", stdout=io.StringIO(), stderr=io.StringIO())
    return Meeting.objects.get(sources__location__endswith=path.name)


def test_reingesting_a_changed_report_keeps_editor_edits(
    editor_client: Client, change_data: Any, tmp_path: Path
) -> None:
    report = tmp_path / "guixi.txt"
    original = (REPO_SEEDS / "004_02946363d03d7181.txt").read_text(encoding="utf-8")
    report.write_text(original, encoding="utf-8")
    meeting = ingest_file(report)
    assert meeting.held_on_iso == "--08-22"
    assert meeting.region is not None and meeting.region.code == "360681"
    pan = Official.objects.get(name_zh="潘磊")
    directives_before = list(meeting.directives.values_list("text", flat=True))
    assert directives_before

    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = change_data(editor_client.get(url))
    data["held_year"] = "2023"
    prefix = "attendances"
    row = next(
        i for i in range(int(data[f"{prefix}-TOTAL_FORMS"])) if data[f"{prefix}-{i}-official"] == str(pan.pk)
    )
    data[f"{prefix}-{row}-title"] = "市委副书记、市长（已核）"
    first = next(
        i
        for i in range(int(data["directives-TOTAL_FORMS"]))
        if data[f"directives-{i}-text"] == directives_before[0]
    )
    data[f"directives-{first}-DELETE"] = "on"
    assert editor_client.post(url, data).status_code == 302

    # The source changes: the date moves, and a sentence is added.
    changed = original.replace("8月22日", "8月25日", 1).replace(
        "贵溪经开区管委会", "贵溪市应急管理局和贵溪经开区管委会", 1
    )
    report.write_text(changed, encoding="utf-8")
    assert ingest_file(report).pk == meeting.pk
    meeting.refresh_from_db()
    assert "贵溪市应急管理局" in meeting.body  # refreshed
    assert meeting.held_on_iso == "2023-08-22"  # the editor's date
    assert meeting.attendances.get(official=pan).title == "市委副书记、市长（已核）"
    assert directives_before[0] not in set(meeting.directives.values_list("text", flat=True))
    assert meeting.attendances.filter(official__name_zh="陈敏", editor_owned=False).exists()

    # Handing the date back lets extraction's reading of the changed report through.
    data = change_data(editor_client.get(url))
    data["hand_back"] = ["held_on"]
    assert editor_client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.held_on_iso == "--08-25"
    assert "held_on" not in meeting.editor_fields
