"""The built seed site in a real browser: loading, search, links, colour schemes, phone width.

Expected pages and texts are looked up in the linked content graph (ids,
names, aliases, quotes), never typed in by hand, so the tests follow the
content when a curator changes it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from generator.text import normalise
from tests.browser.conftest import PHONE, Console, Seed, open_page

pytestmark = pytest.mark.slow


def path_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def heading(page: Page) -> str:
    """The page's title as shown, without the '¶' permalink after it."""
    return page.locator("article h1").first.inner_text().removesuffix("¶").strip()


# --- loading -----------------------------------------------------------------


def test_home_page_loads_without_console_errors(page: Page, console: Console, site_url: str, seed: Seed) -> None:
    page.goto(site_url, wait_until="networkidle")
    assert heading(page) == seed.title
    assert console.errors == []


# --- search ------------------------------------------------------------------


def search(page: Page, site_url: str, query: str) -> None:
    """Type `query` into the search box the way a reader does, and wait for its results.

    The page must have loaded (not merely gone quiet on the network): the search
    box's script runs after the theme's and Mermaid's. Results are shown while
    typing; the search box marks the query its results answer.
    """
    page.goto(site_url, wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=10)
    wait_for_answer(page, query)


def wait_for_answer(page: Page, query: str) -> None:
    """Wait until the results shown are those of `query` (the search box marks what they answer)."""
    page.wait_for_function("query => document.querySelector('.md-search-result')?.dataset.answered === query",
                           arg=query, timeout=15_000)


def open_first_result(page: Page) -> None:
    first = page.locator(".md-search-result__item > a.md-search-result__link").first
    with page.expect_navigation():
        first.click()
    page.wait_for_load_state("domcontentloaded")


@pytest.mark.parametrize("how", ["name", "alias"])
def test_searching_an_actor_by_name_or_alias_lands_on_the_actor(
    page: Page, console: Console, site_url: str, seed: Seed, how: str
) -> None:
    search(page, site_url, seed.actor_name if how == "name" else seed.actor_alias)
    open_first_result(page)
    assert path_of(page.url) == seed.actor_path
    assert heading(page) == seed.actor_name
    assert console.errors == []


def test_searching_a_quote_lands_on_a_page_that_shows_it(
    page: Page, console: Console, site_url: str, seed: Seed
) -> None:
    text = normalise(seed.long_quote)
    # A reader types the words of the quote that stick: its three longest.
    words = [word.strip(".,;:'\"") for word in text.split()]
    longest = sorted(set(words), key=lambda word: (-len(word), word))[:3]
    search(page, site_url, " ".join(word for word in dict.fromkeys(words) if word in longest))
    open_first_result(page)
    shown = normalise(page.locator("article").first.inner_text())
    assert text in shown, page.url
    assert console.errors == []


# --- links -------------------------------------------------------------------


def test_event_to_actor_to_article_paragraph(page: Page, console: Console, site_url: str, seed: Seed) -> None:
    page.goto(site_url + seed.event_path, wait_until="domcontentloaded")

    # The event lists the actor as a participant; follow that link.
    name = seed.participant_name
    participants = page.locator("article ul li", has_text=name)
    with page.expect_navigation():
        participants.get_by_role("link", name=name, exact=True).first.click()
    assert path_of(page.url) == seed.participant_path

    # The actor's first quote cites the article paragraph it comes from.
    with page.expect_navigation():
        page.locator("article blockquote a[href*='/#p']").first.click()
    target = f"p{seed.quote_paragraph}"
    assert path_of(page.url) == seed.article_path
    assert urlsplit(page.url).fragment == target
    paragraph = page.locator(f"#{target}")
    assert paragraph.is_visible()
    # The quote (up to any ellipsis the curator used) is in that paragraph.
    assert normalise(seed.quote_text).split("...")[0].strip("\"' ,.") in normalise(paragraph.inner_text())
    # The browser scrolled to the paragraph: its top is inside the window.
    top = paragraph.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]
    assert console.errors == []


# --- colour schemes, phone width, screenshots ----------------------------------

SCHEMES = {"light": "default", "dark": "slate"}
"""Reader's preference -> the Material palette scheme the page must switch to."""


def luminance(css_colour: str) -> float:
    """Relative brightness (0..1) of an 'rgb(r, g, b)' or 'rgba(...)' colour."""
    inside = css_colour[css_colour.index("(") + 1 : css_colour.index(")")]
    r, g, b = (float(part) / 255 for part in inside.split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_fit_a_phone_in_light_and_dark_mode(
    browser: Browser, site_url: str, seed: Seed, artifacts: Path, scheme: str
) -> None:
    console = Console()
    page = open_page(browser, console, viewport=PHONE, color_scheme=scheme, is_mobile=True)
    try:
        for name, path in seed.pages().items():
            page.goto(site_url + path, wait_until="networkidle")
            assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
            background = page.evaluate(
                "getComputedStyle(document.querySelector('.md-main')).backgroundColor "
                "|| getComputedStyle(document.body).backgroundColor"
            )
            if background.startswith("rgba(0, 0, 0, 0)"):
                background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert (luminance(background) > 0.5) == (scheme == "light"), (name, background)
            overflow = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert overflow[0] <= overflow[1], f"{name} scrolls sideways at 375px: {overflow}"
            page.screenshot(path=artifacts / f"{name}-{scheme}-phone.png", full_page=True)
    finally:
        page.context.close()
    assert console.errors == []


def test_screenshots_of_the_main_pages(page: Page, console: Console, site_url: str, seed: Seed, artifacts: Path) -> None:
    for name, path in seed.pages().items():
        page.goto(site_url + path, wait_until="networkidle")
        target = artifacts / f"{name}-desktop.png"
        target.unlink(missing_ok=True)
        page.screenshot(path=target, full_page=True)
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert console.errors == []


# --- diagrams ------------------------------------------------------------------


def test_neighbourhood_diagram_is_drawn_from_the_site_own_mermaid(
    page: Page, console: Console, site_url: str
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "actors/sergei-lavrov/", wait_until="networkidle")
    # Material swaps the diagram's source block for a drawn one (in a closed
    # shadow root, so only its box can be seen from outside) once Mermaid ran.
    drawn = page.locator("div.mermaid").first
    drawn.wait_for(state="visible", timeout=15_000)
    assert page.locator("pre.mermaid").count() == 0
    assert drawn.bounding_box()["height"] > 100
    assert [url for url in requested if not url.startswith(site_url)] == []
    assert console.errors == []
