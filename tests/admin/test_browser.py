"""An editor works the review queue in a real browser (Playwright driving Debian's Chromium)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, User

from safetyhub.extraction.types import PartialDate
from safetyhub.meetings.models import Meeting, ReviewState

from .conftest import PASSWORD, ingest, make_extracted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def page(browser: Any, live_server: Any, settings: Any) -> Iterator[Any]:
    # The live server speaks plain HTTP; secure-only cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_an_editor_fixes_region_and_year_from_the_review_queue(page: Any, live_server: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    editor = User.objects.create_user("eddie", password=PASSWORD, is_staff=True)
    # A transactional test run before this one may have flushed the groups migration 0002 made.
    groups = importlib.import_module("safetyhub.meetings.migrations.0002_admin_groups")
    groups.create_groups(django_apps, None)
    editor.groups.add(Group.objects.get(name="editor"))
    meeting = ingest(make_extracted(title="安全生产委员会全体会议", region=None))
    settled = make_extracted(source="reports/settled.txt", raw_text="另一份报告", title="已经核实的会议")
    settled.held_on = PartialDate(2023, 9, 1)
    assert settled.region is not None
    settled.region.confidence = 0.95
    ingest(settled)
    assert meeting.review_state == ReviewState.NEEDS_ATTENTION

    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/meetings/meeting/")
    page.click("text=Review queue")
    page.wait_for_url("**review_state__exact=needs_attention**")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "--08-22" in rows.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "admin-review-queue.png"), full_page=True)

    rows.first.locator("th a").click()
    assert "No region was found" in page.inner_text(".field-attention")
    page.locator(".field-region .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("贵溪")
    page.locator(".select2-results__option", has_text="贵溪市").first.click()
    page.fill("#id_held_year", "2023")
    page.screenshot(path=str(ARTIFACTS / "admin-change-form.png"), full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert "Editor-owned" in page.inner_text(".field-region")
    assert "Editor-owned" in page.inner_text(".field-held_year")
    # The stylesheet loads under the CSP (no inline styles): marks are coloured.
    colour = page.evaluate("getComputedStyle(document.querySelector('mark.span-official')).backgroundColor")
    assert colour == "rgb(255, 213, 158)"
    page.screenshot(path=str(ARTIFACTS / "admin-change-form-saved.png"), full_page=True)

    # Nothing is left to settle, so it leaves the queue; the editor then marks it reviewed.
    page.goto(f"{live_server.url}/admin/meetings/meeting/?review_state__exact=needs_attention")
    assert page.locator("#result_list tbody tr").count() == 0
    page.goto(f"{live_server.url}/admin/meetings/meeting/?review_state__exact=unreviewed")
    page.check(f"input[name=_selected_action][value='{meeting.pk}']")
    page.select_option("select[name=action]", "mark_reviewed")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success")
    assert "1 meeting marked reviewed" in page.inner_text(".messagelist")

    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.REVIEWED
    assert meeting.region is not None and meeting.region.code == "360681"
    assert meeting.held_on_iso == "2023-08-22"
    assert meeting.editor_fields == ["held_on", "region"]

    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    text = page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / "public-meeting.png"), full_page=True)
    assert "贵溪" in text or "Guixi" in text
    assert "2023" in text
    assert Meeting.objects.filter(review_state=ReviewState.NEEDS_ATTENTION).count() == 0
