"""In a real browser, no hostile payload runs on any page (dialogs, a window flag, CSP reports)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from .hostile import XSS, make_hostile_data
from .urlwalk import candidate_paths, public_routes

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


class Watch:
    """Everything a page does that means script ran or was attempted."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.events: list[str] = []
        page.on("dialog", lambda d: (self.events.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: self.events.append(f"page error: {e}"))
        page.on(
            "console",
            lambda m: (
                self.events.append(f"console: {m.text[:160]}")
                if "Content Security Policy" in m.text or "__xss" in m.text
                else None
            ),
        )

    def visit(self, url: str) -> list[str]:
        self.events.clear()
        try:
            response = self.page.goto(url, wait_until="load")
        except Exception as exc:
            if "Download is starting" in str(exc):
                return []  # an attachment (CSV export): the browser renders nothing
            raise
        self.page.wait_for_timeout(50)  # let onerror/onload/ontoggle handlers fire
        fired = self.page.evaluate("() => window.__xss || (parent && parent.__xss) || null")
        found = list(self.events)
        if fired:
            found.append(f"payload {fired} ran")
        if response is not None and response.status >= 500:
            found.append(f"status {response.status}")
        return [f"{url}: {f}" for f in found]


def test_the_detector_notices_a_payload_that_runs(browser: Any, live_server: Any) -> None:
    page = browser.new_page()
    watch = Watch(page)
    page.set_content('<p>x</p><img src=x onerror="window.__xss=3;alert(3)">')
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.__xss") == 3
    assert any("dialog" in e for e in watch.events)
    page.close()


def test_no_payload_runs_on_any_page(browser: Any, live_server: Any) -> None:
    hostile = make_hostile_data()
    page = browser.new_page()
    watch = Watch(page)
    problems: list[str] = []
    visited = 0
    for route in public_routes():
        for path in candidate_paths(route, hostile):
            problems += watch.visit(live_server.url + path)
            visited += 1
        if not route.params:
            problems += watch.visit(
                f"{live_server.url}/{route.template}?q={quote(XSS[2])}&region={quote(XSS[0])}"
            )
    page.close()
    assert visited >= 3
    assert not problems, "\n".join(problems)
