"""The pictures of the seed site in Chromium (issue 16): the visual timeline on the home and
timeline pages, an actor's events and quotes, the coverage charts of the home, outlet,
actor and event pages. Each is shown, its links reach pages of the site, axe finds no
serious problem, nothing is fetched from elsewhere, a phone does not scroll sideways,
the keyboard reaches its links, and its marks stand out in light and dark.

Screenshots of each picture go to test-artifacts/ (README's are copied from there)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP, PHONE, Console, Seed, axe_blocking, open_page

pytestmark = pytest.mark.slow


PICTURES = {
    "timeline-home": ("", "timeline"),
    "coverage-by-country": ("", "by-country"),
    "timeline": ("timeline/", "timeline"),
    "actor-timeline": ("actors/sergei-lavrov/", "actor-timeline"),
    "actor-articles": ("actors/sergei-lavrov/", "articles-per-month"),
    "outlet-articles": ("outlets/cna/", "articles-per-month"),
    "event-timing": ("events/2023-10-18-lavrov-visits-pyongyang/", "timing"),
}
"""Name of the screenshot -> (page, picture's class `bp-<name>`)."""

PAGES = sorted({path for path, _ in PICTURES.values()})


def picture(page: Page, name: str):  # type: ignore[no-untyped-def]
    return page.locator(f"figure.briefings-picture:has(svg.bp-{name})")


def test_each_picture_is_shown_and_its_links_reach_pages_of_the_site(
    browser: Browser, site_url: str, seed: Seed, artifacts: Path
) -> None:
    assert seed.title  # the seed site is built
    console = Console()
    page = open_page(browser, console, viewport=DESKTOP, color_scheme="light")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    checked: set[str] = set()
    try:
        for name, (path, kind) in PICTURES.items():
            page.goto(site_url + path, wait_until="networkidle")
            figure = picture(page, kind)
            assert figure.count() == 1, f"{name}: {figure.count()} pictures on /{path}"
            figure.scroll_into_view_if_needed()
            box = figure.locator("svg").bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 40, (name, box)
            assert figure.locator("figcaption").inner_text().strip()
            figure.screenshot(path=artifacts / f"picture-{name}.png")
            for href in figure.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
                target = urljoin(page.url, href)
                assert target.startswith(site_url), (name, href)
                address = target.split("#")[0]
                if address not in checked:
                    response = page.request.get(address)
                    assert response.status == 200, (name, href, response.status)
                    checked.add(address)
                anchor = urlsplit(target).fragment
                if anchor:
                    html = page.request.get(address).text()
                    assert f'id="{anchor}"' in html, (name, href)
    finally:
        page.context.close()
    assert len(checked) > 10
    assert [url for url in requests if not url.startswith(site_url)] == []
    assert console.errors == []


def test_clicking_a_mark_of_the_timeline_opens_its_event(page: Page, site_url: str) -> None:
    page.goto(site_url + "timeline/", wait_until="networkidle")
    mark = picture(page, "timeline").locator("a").first
    title = mark.locator("title").text_content() or ""
    mark.click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path.startswith("/events/")
    assert page.locator("article h1").first.inner_text().removesuffix("¶").strip() in title


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_with_pictures_pass_axe_and_their_marks_stand_out(browser: Browser, site_url: str, scheme: str,
                                                                artifacts: Path) -> None:
    console = Console()
    page = open_page(browser, console, viewport=DESKTOP, color_scheme=scheme)
    found: dict[str, list[str]] = {}
    try:
        for path in PAGES:
            page.goto(site_url + path, wait_until="networkidle")
            blocking = axe_blocking(page)
            if blocking:
                found[path] = blocking
            colours = page.evaluate("""() => {
                const background = getComputedStyle(document.body).backgroundColor;
                const marks = [...document.querySelectorAll('.briefings-picture svg :is(circle, rect, path, polygon)')]
                  .filter(m => !m.closest('title') && !m.classList.contains('bp-span'));
                return [background, marks.map(m => {
                  const style = getComputedStyle(m);
                  const hollow = style.fill === 'none' || m.classList.contains('bp-planned');
                  return hollow ? style.stroke : style.fill;  // a planned event: its outline
                })];
            }""")
            background, fills = colours
            assert fills, path
            assert all(fill not in (background, "rgba(0, 0, 0, 0)", "none") for fill in fills), (path, fills)
            if path == "":
                picture(page, "timeline").screenshot(path=artifacts / f"picture-timeline-home-{scheme}.png")
    finally:
        page.context.close()
    assert found == {}
    assert console.errors == []


def test_nothing_scrolls_sideways_on_a_phone_and_the_words_stay_legible(browser: Browser, site_url: str,
                                                                        artifacts: Path) -> None:
    console = Console()
    page = open_page(browser, console, viewport=PHONE, color_scheme="light", is_mobile=True)
    try:
        for name, (path, kind) in PICTURES.items():
            page.goto(site_url + path, wait_until="networkidle")
            overflow = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert overflow[0] <= overflow[1], f"/{path} scrolls sideways at 375px: {overflow}"
            figure = picture(page, kind)
            box = figure.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (name, box)
            smallest = figure.locator("svg text").evaluate_all(
                "texts => Math.min(...texts.map(t => t.getBoundingClientRect().height))")
            assert smallest >= 7, f"{name}: words {smallest}px high on a phone"
            figure.screenshot(path=artifacts / f"picture-{name}-phone.png")
    finally:
        page.context.close()
    assert console.errors == []


def test_the_keyboard_reaches_each_mark_of_the_timeline_and_shows_where_it_is(page: Page, site_url: str) -> None:
    page.goto(site_url + "timeline/", wait_until="networkidle")
    links = picture(page, "timeline").locator("a")
    expected = links.count()
    assert expected > 5
    reached: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const a = document.activeElement;
            if (!a || !a.closest('svg.bp-timeline')) return null;
            const mark = a.querySelector(':scope > :not(title)');
            return [a.getAttribute('href'), getComputedStyle(mark).strokeWidth];
        }""")
        if focused:
            reached.append(focused[0])
            assert focused[1] == "3px"  # the focused mark is outlined
        elif reached:
            break
    assert len(reached) == expected
