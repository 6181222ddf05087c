"""axe-core (bundled by axe-playwright-python) finds no serious or critical
accessibility violation on the home, actor, event and article pages, in
light and in dark mode (colour contrast differs between the two)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.browser.conftest import DESKTOP, Console, Seed, open_page

pytestmark = pytest.mark.slow

BLOCKING = {"serious", "critical"}


def describe(violation: dict) -> str:
    """One line per failing element: rule, impact, help and where."""
    where = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {where}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_violations(browser: Browser, site_url: str, seed: Seed, scheme: str) -> None:
    axe = Axe()
    console = Console()
    page = open_page(browser, console, viewport=DESKTOP, color_scheme=scheme)
    found: dict[str, list[str]] = {}
    checked: dict[str, int] = {}
    try:
        for name, path in seed.pages().items():
            page.goto(site_url + path, wait_until="networkidle")
            results = axe.run(page, options={"resultTypes": ["violations", "passes"]})
            checked[name] = len(results.response["passes"])
            blocking = [describe(v) for v in results.response["violations"] if v["impact"] in BLOCKING]
            if blocking:
                found[name] = blocking
    finally:
        page.context.close()
    # axe really ran its rules on every page (an empty result would also pass).
    assert all(count > 10 for count in checked.values()), checked
    assert found == {}
    assert console.errors == []
