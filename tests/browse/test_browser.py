"""Browser walk-throughs with Playwright driving Debian's Chromium (never `playwright install`).

Outside CI a missing Chromium skips these tests; in CI (CI=true) it fails them.
Screenshots of every page at desktop and phone width go to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .factories import demo_archive, make_meeting, make_official, region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def archive(transactional_db: None) -> dict[str, Any]:
    """Transactional tests flush the database, so (re)load the reference data they need."""
    from safetyhub.meetings.reference import regions_load, sectors_load

    sectors_load()
    regions_load()
    chen = make_official("陈敏", "Chen Min")
    pan = make_official("潘磊", "Pan Lei")
    meetings = demo_archive(30)
    key = make_meeting(
        title="贵溪市召开安全生产委员会全体会议",
        region=region("360681"),
        date=(2023, 10, 27),
        sectors=["road-traffic", "hazardous-chemicals", "fire"],
        officials=[(chen, ["attended", "spoke"], "贵溪市委书记"), (pan, ["presided"], "市委副书记、市长")],
        directives=[
            (chen, "要加强危险化学品企业隐患排查治理，严防重特大事故", ["hazardous-chemicals"]),
            (chen, "要深入开展道路交通安全专项整治", ["road-traffic"]),
            (None, "要压紧压实安全生产责任，确保全市安全形势稳定", []),
        ],
        outlet="鹰潭日报",
        source="seeds/004_02946363d03d7181.txt",
        extra_text="\n" + "会议指出，今年以来全市安全生产形势总体平稳。" * 12,
    )
    english = make_meeting(
        title="Jiangxia District holds fireworks safety meeting",
        region=region("420115"),
        date=(2022, 1, 18),
        sectors=["fireworks"],
        officials=[(make_official("", "Liang Shuang"), ["presided"], "district head")],
        language="en",
    )
    return {"chen": chen, "key": key, "english": english, "meetings": meetings}


def shoot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_staff_walk_through_search_facets_detail_language_export_and_official(
    browser: Any, live_server: Any, archive: dict[str, Any]
) -> None:
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    base = live_server.url

    # Search in Chinese from the home page.
    page.goto(base + "/")
    page.fill("#q-home", "贵溪")
    page.press("#q-home", "Enter")
    page.wait_for_url("**/meetings/?q=*")
    assert page.locator(".result-title a", has_text="贵溪市召开安全生产委员会全体会议").count() == 1

    # Search in English.
    page.fill("#q-main", "fireworks")
    page.press("#q-main", "Enter")
    page.wait_for_url("**q=fireworks*")
    assert page.locator(".result-title", has_text="Jiangxia District holds fireworks").count() == 1

    # Narrow by the region tree: province, then city; then by a sector.
    page.goto(base + "/meetings/")
    page.locator("#facet-region ~ ul .facet-link", has_text="Jiangxi").first.click()
    page.wait_for_url("**region=36*")
    page.locator("#facet-region ~ ul .facet-link", has_text="Yingtan").first.click()
    page.wait_for_url("**region=3606*")
    page.locator("section.facet a.facet-link", has_text="Hazardous chemicals").first.click()
    page.wait_for_url("**sector=hazardous-chemicals*")
    assert page.locator(".chip").count() == 2
    titles = page.locator(".result-title a").all_inner_texts()
    assert "贵溪市召开安全生产委员会全体会议" in titles
    heading = page.locator("#results-heading").inner_text()
    # The back button restores the previous state (the URL holds it all).
    page.go_back()
    page.wait_for_url(lambda url: "sector=" not in url)
    assert page.locator(".chip").count() == 1
    page.go_forward()
    assert page.locator("#results-heading").inner_text() == heading

    # Export CSV of the current list.
    with page.expect_download() as download_info:
        page.click("text=CSV")
    csv_path = download_info.value.path()
    text = Path(csv_path).read_text(encoding="utf-8-sig")
    assert "贵溪市召开安全生产委员会全体会议" in text and text.startswith("id,url,title")

    # Open the detail page and jump to a directive in the text.
    page.click("text=贵溪市召开安全生产委员会全体会议")
    page.wait_for_url("**/meetings/*/")
    page.locator(".directives a.directive-text").first.click()
    target = page.locator(":target")
    assert target.get_attribute("class").startswith("fact fact-directive")
    assert page.evaluate("document.activeElement.id").startswith("text-directive-")
    # Focus an official in the text: its label says what it is.
    label = page.locator(".body-text .fact-official").first.get_attribute("data-label")
    assert "Chen Min" in label or "Pan Lei" in label
    page.locator("details.raw summary").click()
    assert page.locator("details.raw pre").is_visible()

    # Switch the language: the same page in Chinese, with Chinese region names.
    page.click(".lang-switch button[value='zh-hans']")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator(".breadcrumb", has_text="江西省").count() == 1
    assert page.locator("#officials-heading").inner_text() == "官员"

    # Follow an official to their page.
    page.locator(".people a.person", has_text="陈敏").click()
    page.wait_for_url("**/officials/*/")
    assert "Chen Min" in page.locator("h1").inner_text()
    assert page.locator("#titles-heading ~ ul li", has_text="贵溪市委书记").count() == 1
    context.close()


def test_directives_region_tree_narrows_and_climbs_back(
    browser: Any, live_server: Any, archive: dict[str, Any]
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + "/directives/")
    total = page.locator("#results-heading").inner_text()
    # Province, then city: each count says how many directives choosing it gives.
    jiangxi = page.locator("#facet-region ~ ul .facet-link", has_text="Jiangxi").first
    expected = jiangxi.locator(".count").inner_text()
    jiangxi.click()
    page.wait_for_url("**/directives/?region=36")
    assert page.locator("#results-heading").inner_text().split()[0] == expected
    page.locator("#facet-region ~ ul .facet-link", has_text="Yingtan").first.click()
    page.wait_for_url("**region=3606*")
    assert page.locator(".tree-trail li").all_inner_texts() == ["All regions", "Jiangxi", "Yingtan"]
    # Every directive shown lies in Yingtan.
    places = page.locator(".result .region-path").all_inner_texts()
    assert places and all("Yingtan" in p for p in places)
    # Add an issuer; then remove the region by its chip: the issuer stays.
    page.locator("#facet-issuer ~ ul .facet-link", has_text="Chen Min").first.click()
    page.wait_for_url("**issuer=*")
    assert page.locator(".chip").count() == 2
    page.locator(".chip", has_text="Region").click()
    page.wait_for_url(lambda url: "region=" not in url and "issuer=" in url)
    assert page.locator(".chip").count() == 1
    # Climb back up the trail to all regions.
    page.goto(live_server.url + "/directives/?region=3606")
    page.locator(".tree-trail a", has_text="All regions").click()
    page.wait_for_url(lambda url: "region=" not in url)
    assert page.locator("#results-heading").inner_text() == total
    context.close()


def test_every_page_at_desktop_and_phone_width(
    browser: Any, live_server: Any, archive: dict[str, Any]
) -> None:
    key = archive["key"]
    pages = {
        "home": "/",
        "list": "/meetings/?region=36&sector=road-traffic",
        "list-year": "/meetings/?from=2023-01-01&to=2023-12-31",
        "detail": f"/meetings/{key.pk}/",
        "official": f"/officials/{archive['chen'].pk}/",
        "sector": "/sectors/road-traffic/",
        "region": "/regions/36/",
        "directives": "/directives/?sector=fire",
        "directives-region": "/directives/?region=3606&from=2023-01-01&to=2023-12-31",
    }
    for lang in ("en", "zh-hans"):
        for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            context = browser.new_context(viewport=viewport)
            context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            page.on(
                "console",
                lambda msg, errors=errors: errors.append(msg.text) if msg.type == "error" else None,
            )
            for name, path in pages.items():
                response = page.goto(live_server.url + path)
                assert response is not None and response.status == 200, path
                # Nothing may overflow the viewport sideways at phone width.
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 1, (name, width_name, overflow)
                shoot(page, f"{name}-{width_name}-{lang}")
            assert not errors, errors
            context.close()
