"""Hostile text, end to end: article text and YAML values from the internet
render as text and never as markup, in the pages, in the search index and in
what the browser shows when a reader searches.

The project is the seed briefing plus one article, actor and event whose
every field carries the payloads below. Every payload calls `pwn` or names
`pwn`, so anything that survived as live markup is easy to find: an element,
an attribute, a link target or a script that mentions it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import copy_seed_project, write_tree
from playwright.sync_api import Browser

from tests.sitehtml import search_records
from tests.website import build_site, serve

pytestmark = pytest.mark.slow

PAYLOADS = [
    "<script>pwn()</script>",
    "<img src=x onerror=pwn()>",
    '<a href="javascript:pwn()">a javascript link</a>',
    "[a markdown link](javascript:pwn())",
    "![a markdown image](https://img.example/pwn.png)",
    "[a reference link][pwnref]",
    '<div class="pwn-raw" onclick="pwn()">raw html</div>',
    '" onmouseover="pwn()" data-pwn="',
    "' onfocus='pwn()' data-pwn='",
    '{: onclick="pwn()" .pwn-class }',
    '{: lang="pwn" dir="rtl" }',
    "<svg onload=pwn()>",
    '<iframe src="javascript:pwn()"></iframe>',
    "<style>body{display:none} .pwn{}</style>",
    "&lt;script&gt;pwn()&lt;/script&gt;",
    "<https://autolink.example/pwn>",
]
"""Each is shown to the reader exactly as written."""

ALL = " ".join(PAYLOADS)


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar holding `value` exactly."""
    return json.dumps(value)


def hostile_files() -> dict[str, str]:
    """An article, an actor and an event with a payload in every text field."""
    paragraphs = "\n\n".join(
        f"Paragraph {n} of the hostile report says {payload} and goes on to the end."
        for n, payload in enumerate(PAYLOADS, start=1)
    )
    seed = (
        "Hostile <script>pwn()</script> headline\n\n"
        f"{paragraphs}\n\n"
        "[pwnref]: javascript:pwn()\n"
    )
    return {
        "seeds/hostile.txt": seed,
        "content/actors/hostile-actor.yml": f"""
            name: {_quoted("Hostile " + PAYLOADS[1] + " Actor")}
            kind: person
            aliases:
              - {_quoted(PAYLOADS[0])}
            title: {_quoted(PAYLOADS[7])}
            summary: {_quoted(ALL)}
            links:
              - title: {_quoted(PAYLOADS[2])}
                url: {_quoted('https://links.example/a"onmouseover="pwn()"><script>pwn()</script>')}
            """,
        "content/events/2023-10-21-hostile-event.yml": f"""
            title: {_quoted("Hostile event " + PAYLOADS[6])}
            date: 2023-10-21
            location: {_quoted(PAYLOADS[8])}
            kind: other
            actors:
              - actor: hostile-actor
                role: {_quoted(PAYLOADS[9])}
            summary: {_quoted(ALL)}
            facts:
              - claim: {_quoted(ALL)}
                sources:
                  - article: hostile-article
                    paragraph: 1
            """,
        "content/articles/hostile-article.yml": f"""
            title: {_quoted("Hostile article " + PAYLOADS[0] + PAYLOADS[7] + " " + PAYLOADS[10])}
            text: seeds/hostile.txt
            outlet: cna
            url: {_quoted('https://news.example/a?q="><script>pwn()</script>')}
            published: 2023-10-21
            byline: {json.dumps(PAYLOADS[:3])}
            events:
              - 2023-10-21-hostile-event
            actors:
              - hostile-actor
            quotes:
              - speaker: hostile-actor
                text: {_quoted(PAYLOADS[1])}
                event: 2023-10-21-hostile-event
              - speaker: hostile-actor
                text: {_quoted(PAYLOADS[10])}
            notes: {_quoted(ALL)}
            """,
    }


# --- reading HTML the way a browser would -------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "data", "xlink:href", "poster"}


@dataclass
class Markup(HTMLParser):
    """Every element, attribute and visible text of an HTML document."""

    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    _raw: str | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag in ("script", "style"):
            self._raw = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw:
            self._raw = None

    def handle_data(self, data: str) -> None:
        (self.scripts if self._raw else self.text).append(data)

    @classmethod
    def of(cls, html: str) -> Markup:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


CURATED_LINKS = re.compile(r"^https://(links|news)\.example/[^\s\"'<>]*$")
"""The http(s) addresses curated in `url` fields: links by design, percent-encoded."""

SLUG_ANCHOR = re.compile(r"^#[\w-]*$")
"""A heading permalink (the slug of a heading's text) or a paragraph anchor."""


def _link_target(value: str) -> str:
    """The part of a link target a payload could have put there.

    Heading permalinks and curated addresses are made by the generator from
    text (slugged or percent-encoded); the search's `?h=` highlight query
    repeats what the reader typed.
    """
    value = value.strip()
    if SLUG_ANCHOR.match(value) or CURATED_LINKS.match(value):
        return ""
    return re.sub(r"\?h=[^#]*", "", value)


def injected(markup: Markup) -> list[str]:
    """Everything in `markup` that could only have come from a payload's markup."""
    found = []
    for tag, attributes in markup.elements:
        if "pwn" in tag:
            found.append(f"element <{tag}>")
        for name, value in attributes.items():
            lowered = (_link_target(value) if name in URL_ATTRIBUTES else value).strip().lower()
            if name.startswith("on") or "pwn" in name:
                found.append(f"attribute {name}={value!r} on <{tag}>")
            elif name in ("class", "style", "lang", "dir") and "pwn" in lowered:
                found.append(f"{name}={value!r} on <{tag}>")
            elif name in URL_ATTRIBUTES and ("pwn" in lowered or lowered.startswith(("javascript:", "data:", "vbscript:"))):
                found.append(f"link {name}={value!r} on <{tag}>")
    for script in markup.scripts:
        if "pwn" in script:
            found.append(f"script or style {script.strip()[:60]!r}")
    return found


# --- the hostile site, built once for this module -----------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_seed_project(tmp_path_factory.mktemp("hostile") / "seed")
    write_tree(project, hostile_files())
    return build_site(project)


def html_pages(site: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path.read_text(encoding="utf-8")


def test_no_page_has_markup_from_content(hostile_site: Path) -> None:
    found = {
        name: problems
        for name, html in html_pages(hostile_site)
        if (problems := injected(Markup.of(html)))
    }
    assert found == {}


def test_the_payloads_read_as_text(hostile_site: Path) -> None:
    article = Markup.of((hostile_site / "articles/hostile-article/index.html").read_text("utf-8")).visible()
    event = Markup.of((hostile_site / "events/2023-10-21-hostile-event/index.html").read_text("utf-8")).visible()
    actor = Markup.of((hostile_site / "actors/hostile-actor/index.html").read_text("utf-8")).visible()
    for payload in PAYLOADS:
        shown = " ".join(payload.split())
        assert shown in article, payload  # from the raw article text and the notes
        assert shown in event, payload  # from the summary and the fact
        assert shown in actor, payload  # from the summary
    assert "Hostile <img src=x onerror=pwn()> Actor" in actor


def test_checker_finds_markup_that_got_through() -> None:
    """The checks above would notice each kind of injection."""
    html = (
        '<p onclick="x">a</p><img src="https://img.example/pwn.png"><a href="javascript:x()">b</a>'
        '<div class="pwn-raw" data-pwn="1"></div><script>pwn()</script><p lang="pwn" dir="rtl">c</p>'
    )
    found = injected(Markup.of(html))
    assert len(found) == 7, found
    assert injected(Markup.of("<p>&lt;script&gt;pwn()&lt;/script&gt; javascript:pwn()</p>")) == []


def test_search_index_holds_content_as_the_text_it_shows(hostile_site: Path) -> None:
    """Pagefind's index holds each page's text as text: the payloads are there, character for
    character, to be found (the next test shows that the search box shows them as text), and a
    page's title is its curated title, not markup."""
    records = search_records(hostile_site)
    hostile = [record for url, record in records.items()
               if url.startswith(("/articles/hostile", "/actors/hostile", "/events/2023-10-21-hostile"))]
    assert len(hostile) >= 3  # the hostile pages are in the index
    text = " ".join(record["content"] for record in hostile)
    for payload in ("<script>pwn()</script>", "<img src=x onerror=pwn()>"):
        assert payload in text
    titles = {record["meta"]["title"] for record in hostile}
    assert "Hostile <img src=x onerror=pwn()> Actor" in titles


def test_searching_a_hostile_word_in_the_browser_runs_nothing(hostile_site: Path, browser: Browser) -> None:
    with serve(hostile_site) as url:
        context = browser.new_context()
        try:
            # Any payload that ran would call pwn() or open a dialog.
            context.add_init_script("window.__pwned = 0; window.pwn = () => { window.__pwned += 1; };")
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(url, wait_until="networkidle")
            box = page.locator("input.md-search__input")
            box.click()
            box.press_sequentially("pwn onerror script", delay=10)
            results = page.locator(".md-search-result__item")
            results.first.wait_for(state="visible", timeout=15_000)
            page.wait_for_timeout(500)
            assert results.count() >= 1
            shown = Markup.of(page.locator(".md-search-result").inner_html())
            assert injected(shown) == []
            assert "pwn" in shown.visible()
            with page.expect_navigation():
                page.locator(".md-search-result__link").first.click()
            page.wait_for_load_state("networkidle")
            for path in ("articles/hostile-article/", "actors/hostile-actor/", "events/2023-10-21-hostile-event/"):
                page.goto(url + path, wait_until="networkidle")
                page.mouse.move(200, 300)
                page.mouse.move(400, 500)
                assert injected(Markup.of(page.content())) == []
            assert page.evaluate("window.__pwned") == 0
            assert dialogs == []
        finally:
            context.close()
