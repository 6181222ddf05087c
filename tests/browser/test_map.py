"""The map of places (issue 16) in Chromium: on map.md and on an event page, markers that link to
pages of the site, the base map served by the site itself, nothing fetched from elsewhere,
axe, a phone's 375 px, the keyboard, light and dark."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP, PHONE, Console, axe_blocking, open_page

pytestmark = pytest.mark.slow

PYONGYANG_EVENT = "events/2023-10-18-lavrov-visits-pyongyang/"
ASSET = "assets/map/world-110m.svg"


def _requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def _markers(page: Page, scope: str = ".briefings-map") -> list[str]:
    return page.eval_on_selector_all(f"{scope} svg a", "links => links.map(a => a.getAttribute('href'))")


def _check_links_resolve(page: Page, hrefs: list[str]) -> None:
    """Every marker leads to an element of this page: its row in a table that links the pages."""
    for href in hrefs:
        assert href.startswith("#"), f"{href}: a marker's link would be read differently by MkDocs and Zensical"
        row = page.locator(f"[id='{href[1:]}']")
        assert row.count() == 1, href
        assert row.locator("xpath=ancestor::tr//a[@href]").count() >= 1, f"{href}: its row links no page"


def _base_map(scheme: str) -> str:
    return ASSET if scheme == "light" else ASSET.replace(".svg", "-dark.svg")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_map_page_draws_linked_markers_over_the_sites_own_base_map(
    browser: Browser, site_url: str, artifacts: Path, scheme: str
) -> None:
    console = Console()
    page = open_page(browser, console, viewport=DESKTOP, color_scheme=scheme)
    requests = _requests(page)
    try:
        page.goto(site_url + "map/", wait_until="networkidle")
        figures = page.locator("figure.briefings-map")
        assert figures.count() == 2  # the whole map, and closer, the Korean places crowded on it
        figure = figures.first
        assert figure.is_visible() and figures.nth(1).is_visible()
        hrefs = _markers(page)
        assert len(hrefs) >= 10  # the seed's places and its outlets' countries
        assert figure.locator(".briefings-map-outlet").count() == 3  # KP, KR and SG
        _check_links_resolve(page, hrefs)
        # the base map is the site's own file (the scheme's), and it loaded
        assert site_url + _base_map(scheme) in requests
        loaded = page.evaluate(f"fetch('{site_url + _base_map(scheme)}').then(r => r.status)")
        assert loaded == 200
        assert [url for url in requests if not url.startswith(site_url)] == []
        # the text equivalent: a row per place
        assert page.locator("#place-n39\\.03-e125\\.75").count() == 1
        assert axe_blocking(page) == []
        figure.screenshot(path=artifacts / f"map-page-{scheme}.png")
        figures.nth(1).screenshot(path=artifacts / f"map-page-closer-{scheme}.png")
    finally:
        page.context.close()
    assert console.errors == []


def test_an_event_page_shows_its_place_on_a_locator_map(browser: Browser, site_url: str,
                                                        artifacts: Path) -> None:
    console = Console()
    page = open_page(browser, console, viewport=DESKTOP, color_scheme="light")
    requests = _requests(page)
    try:
        page.goto(site_url + PYONGYANG_EVENT, wait_until="networkidle")
        assert page.get_by_text("guessed from the location text by the offline gazetteer").count() == 1
        figure = page.locator("figure.briefings-map")
        assert figure.count() == 1 and figure.is_visible()
        assert figure.locator("g.briefings-map-event title").text_content() == "Pyongyang"
        assert _markers(page) == []  # one place: nothing to choose, no link
        assert site_url + ASSET in requests
        assert [url for url in requests if not url.startswith(site_url)] == []
        assert axe_blocking(page) == []
        page.locator("figure.briefings-map").screenshot(path=artifacts / "map-event-locator.png")
    finally:
        page.context.close()
    assert console.errors == []


def test_the_map_fits_a_phone_and_its_markers_take_the_keyboard(browser: Browser, site_url: str,
                                                               artifacts: Path) -> None:
    console = Console()
    page = open_page(browser, console, viewport=PHONE, color_scheme="dark", is_mobile=True)
    try:
        page.goto(site_url + "map/", wait_until="networkidle")
        box = page.locator("figure.briefings-map svg").first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        overflow = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert overflow[0] <= overflow[1], f"the map page scrolls sideways at 375px: {overflow}"
        # Tab from the page's heading reaches the markers, one after the other
        page.locator("article h1").first.click()
        reached = []
        for _ in range(60):
            page.keyboard.press("Tab")
            inside = page.evaluate("document.activeElement.closest('.briefings-map') !== null")
            if inside:
                reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
            elif reached:
                break
        assert len(reached) == len(_markers(page))
        page.locator("figure.briefings-map").first.screenshot(path=artifacts / "map-page-phone-dark.png")
    finally:
        page.context.close()
    assert console.errors == []
