"""Fixtures for tests that drive Debian's Chromium through Playwright.

One browser per session, one fresh context (cookies, storage, viewport,
colour scheme) per test; every page records console errors and uncaught
exceptions so a test can assert that a page ran cleanly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from generator.link import ActorNode, EventNode, Graph, QuoteNode, link
from generator.load import load_content
from tests.conftest import REPO

ARTIFACTS = REPO / "test-artifacts"
"""Screenshots for a person (or CI) to look at; gitignored."""

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@dataclass
class Console:
    """Errors a page reported while a test used it."""

    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Seed:
    """What the browser tests look for, read from the seed content (plain values only:
    the graph's nodes link back and forth, and pytest would print them on failure)."""

    title: str
    actor_name: str
    actor_alias: str
    actor_path: str
    event_path: str
    participant_name: str
    participant_path: str
    quote_text: str
    quote_paragraph: int
    article_path: str
    long_quote: str

    def pages(self) -> dict[str, str]:
        """Name -> URL path of the home page and one actor, event and article page."""
        return {"home": "", "actor": self.actor_path, "event": self.event_path,
                "article": self.article_path}


def _event_actor_quote(graph: Graph) -> tuple[EventNode, ActorNode, QuoteNode]:
    """An event, one of its participants, and that actor's first quote tied to a paragraph."""
    for event in sorted(graph.events, key=lambda e: e.id):
        for role in event.participants:
            quotes = role.actor.quotes
            if quotes and quotes[0].paragraph:
                return event, role.actor, quotes[0]
    raise AssertionError("the seed content has no quote with a paragraph: nothing to follow")


@pytest.fixture(scope="session")
def seed() -> Seed:
    content = load_content(REPO)
    errors = [str(p) for p in content.problems if p.severity == "error"]
    assert not errors, errors
    graph = link(content)
    alias = "Kim Jong-un"  # the alias the issue asks to search for
    actor = next(a for a in graph.actors if alias in a.actor.aliases)
    event, participant, quote = _event_actor_quote(graph)
    return Seed(
        title=graph.briefing.title,
        actor_name=actor.actor.name,
        actor_alias=alias,
        actor_path=url_path(actor.path),
        event_path=url_path(event.path),
        participant_name=participant.actor.name,
        participant_path=url_path(participant.path),
        quote_text=quote.quote.text,
        quote_paragraph=quote.paragraph or 0,
        article_path=url_path(quote.article.path),
        long_quote=max(graph.quotes, key=lambda q: len(q.quote.text)).quote.text,
    )


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def console() -> Console:
    return Console()


def open_page(browser: Browser, console: Console, **context_options: object) -> Page:
    """A page in a fresh context that logs console errors and uncaught exceptions into `console`."""
    context = browser.new_context(**context_options)  # type: ignore[arg-type]
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and console.errors.append(
        f"{message.text} ({message.location.get('url', '')})"))
    page.on("pageerror", lambda error: console.errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: request.failure != ABORTED_BY_NAVIGATION and console.errors.append(
        f"request failed: {request.url} {request.failure}"))
    return page


ABORTED_BY_NAVIGATION = "net::ERR_ABORTED"
"""What Chromium reports for a request the page dropped because it navigated away (the favicon of
a page left after a click, on a busy machine): not a failure of the site. A missing file is
a 404 response, which the console reports."""


@pytest.fixture
def page(browser: Browser, console: Console) -> Iterator[Page]:
    """A desktop-sized page in light mode."""
    page = open_page(browser, console, viewport=DESKTOP, color_scheme="light")
    yield page
    page.context.close()


def url_path(page_path: str) -> str:
    """The site URL path of a generated page: 'actors/kim-jong-un.md' -> 'actors/kim-jong-un/'."""
    stem = page_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


@pytest.fixture(scope="module")
def mini_url(mini_site: Path) -> Iterator[str]:
    """Base URL of the mini corpus' site (articles in English, Arabic and Korean), served on loopback."""
    from tests.website import serve

    with serve(mini_site) as url:
        yield url


BLOCKING = {"serious", "critical"}
"""The impacts of an axe violation that fail a test."""


def describe(violation: dict) -> str:
    """One line per failing element: rule, impact, help and where."""
    where = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {where}"


def axe_blocking(page: Page) -> list[str]:
    """axe's serious and critical violations on the page, described; it must have run its rules
    (an empty result would also pass)."""
    results = Axe().run(page, options={"resultTypes": ["violations", "passes"]})
    assert len(results.response["passes"]) > 10
    return [describe(v) for v in results.response["violations"] if v["impact"] in BLOCKING]
