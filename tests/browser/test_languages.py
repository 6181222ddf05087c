"""Articles in Arabic and Korean in a real browser: Arabic runs right to left, and
Hangul and Arabic text ask for fonts that have their letters.

The site is the mini corpus (tests/fixtures/mini), which holds an English,
an Arabic and a Korean article, built with `mkdocs build --strict`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Console
from tests.test_pages_languages import AR, EN, KO

pytestmark = pytest.mark.slow

PARAGRAPHS = "article p[id^='p']"


def computed(page: Page, selector: str, name: str) -> list[str]:
    """The computed value of CSS property `name` for every element `selector` matches."""
    return page.eval_on_selector_all(
        selector, f"found => found.map(e => getComputedStyle(e).getPropertyValue({name!r}))")


def number_is_on_the_right(page: Page) -> bool:
    """Whether the first paragraph's number sits in the right half of its paragraph."""
    paragraph = page.locator(PARAGRAPHS).first.bounding_box()
    number = page.locator(f"{PARAGRAPHS} a.paragraph-number").first.bounding_box()
    assert paragraph and number
    return number["x"] > paragraph["x"] + paragraph["width"] / 2


@pytest.mark.parametrize("path, direction", [(AR, "rtl"), (EN, "ltr"), (KO, "ltr")])
def test_article_text_runs_in_the_direction_of_its_language(
    page: Page, console: Console, mini_url: str, artifacts: Path, path: str, direction: str
) -> None:
    page.goto(mini_url + path, wait_until="networkidle")
    paragraphs = computed(page, PARAGRAPHS, "direction")
    assert len(paragraphs) >= 2 and set(paragraphs) == {direction}
    assert computed(page, "article h1", "direction") == [direction]
    assert computed(page, "article blockquote p:first-child", "direction") == [direction]
    assert number_is_on_the_right(page) == (direction == "rtl")
    assert computed(page, "article table", "direction") == ["ltr"]  # the site's own words
    page.screenshot(path=artifacts / f"article-{path.rstrip('/').rsplit('-', 1)[-1]}.png", full_page=True)
    assert console.errors == []


def test_hangul_and_arabic_text_asks_for_fonts_of_its_script(page: Page, mini_url: str) -> None:
    page.goto(mini_url + KO, wait_until="networkidle")
    assert computed(page, PARAGRAPHS, "font-family")[0].startswith('"Noto Sans KR"')
    page.goto(mini_url + AR, wait_until="networkidle")
    assert computed(page, PARAGRAPHS, "font-family")[0].startswith('"Noto Sans Arabic"')
    page.goto(mini_url + EN, wait_until="networkidle")
    body = computed(page, "body", "font-family")[0]
    assert body.startswith("-apple-system") and '"Malgun Gothic"' in body and '"Geeza Pro"' in body
    assert computed(page, PARAGRAPHS, "font-family")[0] == body
