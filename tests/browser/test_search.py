"""Full-text search (Pagefind) in a real browser: words from anywhere in the briefing,
in any script, find their page and land on their paragraph.

Two sites: the seed briefing (actors with Korean and Arabic aliases) and the
mini corpus (tests/fixtures/mini: one article each in English, Arabic and
Korean). Each search is typed into the header's box as a reader does, and
the first result is followed. Every search starts on an English page, so the
Korean and Arabic finds also show that all languages' indexes are searched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from generator.text import normalise
from tests.browser.conftest import PHONE, Console, Seed, open_page
from tests.browser.test_pages import heading, path_of, search, wait_for_answer
from tests.test_pages_languages import AR, EN, KO
from tests.website import serve

pytestmark = pytest.mark.slow

FIRST = ".md-search-result__item > a.md-search-result__link"


def first_result(page: Page, site_url: str, query: str) -> tuple[str, str, str]:
    """Search `query`; (what the first result says it is, its page path, its fragment)."""
    search(page, site_url, query)
    first = page.locator(FIRST).first
    url = urlsplit(first.evaluate("link => link.href"))
    return first.get_attribute("data-kind") or "", url.path.lstrip("/"), url.fragment


def follow_first(page: Page) -> None:
    with page.expect_navigation():
        page.locator(FIRST).first.click()
    page.wait_for_load_state("domcontentloaded")


def assert_on_paragraph(page: Page, path: str, number: int, words: str) -> None:
    """The browser shows page `path`, scrolled to paragraph `number`, which holds `words`."""
    assert path_of(page.url) == path
    assert urlsplit(page.url).fragment == f"p{number}"
    paragraph = page.locator(f"#p{number}")
    assert normalise(words) in normalise(paragraph.inner_text())
    top = paragraph.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]


@pytest.mark.parametrize("path, number, words", [
    (AR, 3, "سفن الشحن"),  # "cargo ships": only in the third paragraph of the Arabic article
    (KO, 1, "하버시티에서"),  # a town named only in the first paragraph of the Korean article
], ids=["arabic", "korean"])
def test_words_only_in_an_article_body_land_on_their_paragraph(
    page: Page, console: Console, mini_url: str, path: str, number: int, words: str
) -> None:
    kind, found, fragment = first_result(page, mini_url, words)
    assert (kind, found, fragment) == ("article", path, f"p{number}")
    follow_first(page)
    assert_on_paragraph(page, path, number, words)
    assert console.errors == []


@pytest.mark.parametrize("path, number, name", [
    (KO, 1, "아나 리마"),  # Ana Lima in Hangul: written only in the Korean article
    (AR, 1, "آنا ليما"),  # and in Arabic script, only in the Arabic article
], ids=["korean", "arabic"])
def test_a_name_in_korean_or_arabic_script_finds_the_article_that_writes_it(
    page: Page, console: Console, mini_url: str, path: str, number: int, name: str
) -> None:
    assert first_result(page, mini_url, name) == ("article", path, f"p{number}")
    follow_first(page)
    assert_on_paragraph(page, path, number, name)
    assert console.errors == []


def test_a_quote_words_land_on_the_quote(page: Page, console: Console, mini_url: str) -> None:
    words = "이번 봄에는 화물이"  # from Bo Lima's quote, printed in the Korean article's third paragraph
    kind, found, fragment = first_result(page, mini_url, words)
    follow_first(page)
    if kind == "article":
        assert (found, fragment) == (KO, "p3")
        assert_on_paragraph(page, KO, 3, words)
    else:  # the quote's own entry on a quotes page, which links to the paragraph
        assert kind == "quote" and fragment.startswith("q-"), (kind, found, fragment)
        entry = page.locator(f"[id='{fragment}']")
        assert entry.is_visible() and "Bo Lima" in entry.inner_text()
        assert normalise(words) in normalise(page.locator("article").first.inner_text())
    assert console.errors == []


def test_results_say_what_they_are(page: Page, mini_url: str) -> None:
    search(page, mini_url, "Lima")
    kinds = page.locator(FIRST).evaluate_all("links => links.map(link => link.dataset.kind)")
    labels = page.locator(".md-search-result .briefings-search__kind").all_inner_texts()
    assert {"actor", "article", "event"} <= set(kinds)
    assert [label.lower() for label in labels] == kinds
    found = {path_of(href) for href in page.locator(FIRST).evaluate_all("links => links.map(l => l.href)")}
    assert EN in found


@pytest.mark.parametrize("name", ["김정은", "كيم جونغ أون", "Kim Jong-un"], ids=["korean", "arabic", "alias"])
def test_an_actor_name_in_any_script_ranks_the_actor_first(
    page: Page, console: Console, site_url: str, seed: Seed, name: str
) -> None:
    assert_actor_first(page, console, site_url, seed, name)


def assert_actor_first(page: Page, console: Console, url: str, seed: Seed, name: str) -> None:
    """Searching `name` on the site at `url` ranks the seed's actor first, and its link opens the page."""
    kind, found, _ = first_result(page, url, name)
    assert (kind, found) == ("actor", seed.actor_path)
    follow_first(page)
    assert heading(page) == seed.actor_name
    assert console.errors == []


def test_articles_are_indexed_in_their_own_language(mini_site: Path) -> None:
    manifest = json.loads((mini_site / "pagefind" / "partitions.json").read_text(encoding="utf-8"))
    languages = {language for _, pages in manifest["partitions"] for language in pages}
    assert {"en", "ar", "ko"} <= languages
    assert '<html lang="ar"' in (mini_site / AR / "index.html").read_text(encoding="utf-8")


def test_the_keyboard_opens_searches_and_closes(page: Page, console: Console, site_url: str, seed: Seed) -> None:
    page.goto(site_url, wait_until="load")  # the search script has run
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')", timeout=5_000)
    page.keyboard.type(seed.actor_alias)
    wait_for_answer(page, seed.actor_alias)
    page.keyboard.press("ArrowDown")
    assert page.locator(FIRST).first.evaluate("link => link === document.activeElement")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    assert console.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_on_a_phone_in_light_and_dark_fetches_nothing_from_elsewhere(
    browser, site_url: str, seed: Seed, artifacts: Path, scheme: str
) -> None:
    console = Console()
    page = open_page(browser, console, viewport=PHONE, color_scheme=scheme, is_mobile=True)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(site_url, wait_until="load")  # the search script has run
        page.locator("label.md-header__button[for='__search']").click()
        box = page.locator("input.md-search__input")
        box.wait_for(state="visible")
        box.press_sequentially(seed.actor_name, delay=10)
        wait_for_answer(page, seed.actor_name)
        result = page.locator(FIRST).first
        size = result.bounding_box()
        assert size and size["x"] >= 0 and size["x"] + size["width"] <= PHONE["width"]
        # The theme fades the search in: read the colours once no transition runs.
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        background, brightness = result.evaluate("""link => {
            let colour = getComputedStyle(document.body).backgroundColor;
            for (let at = link; at; at = at.parentElement) {
                const own = getComputedStyle(at).backgroundColor;
                if (!own.startsWith("rgba(0, 0, 0, 0)") && own !== "transparent") { colour = own; break; }
            }
            // Whatever syntax the browser reports the colour in, a canvas gives its sRGB bytes.
            const canvas = document.createElement("canvas").getContext("2d");
            canvas.fillStyle = colour;
            canvas.fillRect(0, 0, 1, 1);
            const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
            return [colour, (r + g + b) / 3];
        }""")
        assert (brightness > 128) == (scheme == "light"), background
        page.screenshot(path=artifacts / f"search-{scheme}-phone.png")
    finally:
        page.context.close()
    assert [url for url in requested if not url.startswith(site_url)] == []
    assert any("/pagefind/" in url for url in requested)
    assert console.errors == []


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed briefing built by Zensical, indexed as `briefings index-search` does, served."""
    from generator.search import index_site
    from tests.test_pages_site import seed_copy
    from tests.test_zensical import zensical_build

    site = zensical_build(seed_copy(tmp_path_factory.mktemp("zensical-search")))
    index_site(site)
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("name", ["김정은", "Kim Jong-un"], ids=["korean", "alias"])
def test_the_zensical_site_is_searched_the_same_way(
    page: Page, console: Console, zensical_url: str, seed: Seed, name: str
) -> None:
    assert_actor_first(page, console, zensical_url, seed, name)
