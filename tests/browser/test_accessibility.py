"""axe-core (bundled by axe-playwright-python) finds no serious or critical
accessibility violation on the home, actor, event and article pages, in
light and in dark mode (colour contrast differs between the two)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import DESKTOP, Console, Seed, axe_blocking, open_page

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_violations(browser: Browser, site_url: str, seed: Seed, scheme: str) -> None:
    console = Console()
    page = open_page(browser, console, viewport=DESKTOP, color_scheme=scheme)
    found: dict[str, list[str]] = {}
    try:
        for name, path in seed.pages().items():
            page.goto(site_url + path, wait_until="networkidle")
            blocking = axe_blocking(page)
            if blocking:
                found[name] = blocking
    finally:
        page.context.close()
    assert found == {}
    assert console.errors == []
