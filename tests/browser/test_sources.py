"""Coverage by side on a phone (issue 15): the Lavrov visit's page at 375 px shows which
countries' and kinds of outlets covered it, and KCNA as the original source, without
scrolling sideways; so does the blindspots page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import PHONE, Console, open_page

pytestmark = pytest.mark.slow

LAVROV = "events/2023-10-18-lavrov-visits-pyongyang/"


def test_the_event_page_shows_coverage_by_side_readable_on_a_phone(
    browser: Browser, site_url: str, artifacts: Path
) -> None:
    console = Console()
    page = open_page(browser, console, viewport=PHONE, color_scheme="light", is_mobile=True)
    try:
        page.goto(site_url + LAVROV, wait_until="networkidle")
        section = page.locator("#coverage-by-side")
        section.scroll_into_view_if_needed()
        assert section.is_visible()
        tables = page.locator("#coverage-by-side ~ div.md-typeset__scrollwrap table, "
                              "#coverage-by-side ~ table")
        heads = [tables.nth(i).locator("th").first.inner_text() for i in range(2)]
        assert heads == ["Country", "Kind of outlet"]
        for i in range(2):
            table = tables.nth(i)
            width = table.evaluate("t => [t.scrollWidth, t.parentElement.clientWidth]")
            assert width[0] <= width[1], f"table {heads[i]} needs sideways scrolling at 375px: {width}"
            box = table.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        countries = tables.nth(0).inner_text()
        assert "Singapore" in countries and "South Korea" in countries
        original = page.get_by_text("Original sources that the articles repeat")
        assert original.is_visible()
        assert original.locator("a").first.inner_text() == "Korean Central News Agency"
        overflow = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert overflow[0] <= overflow[1], f"the event page scrolls sideways at 375px: {overflow}"
        top = section.bounding_box()
        assert top is not None
        page.screenshot(path=artifacts / "event-coverage-by-side-phone.png", full_page=True,
                        clip={"x": 0, "y": top["y"] + page.evaluate("window.scrollY"),
                              "width": PHONE["width"], "height": 600})
        page.goto(site_url + "blindspots/", wait_until="networkidle")
        assert page.locator("article h1").first.inner_text().startswith("Blindspots")
        overflow = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert overflow[0] <= overflow[1], f"the blindspots page scrolls sideways at 375px: {overflow}"
    finally:
        page.context.close()
    assert console.errors == []
