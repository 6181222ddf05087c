"""Feeds of the briefing's newest events and articles: Atom (feed.xml) and JSON Feed (feed.json).

The feeds are written by the generator as static files in briefings/, so
MkDocs and Zensical both copy them into the site unchanged. Their content
is computed from the graph alone, never from the clock or git, so a build
is reproducible: the feed's `updated` time is that of its newest entry.

Every entry id is a UUID derived from the page path (`events/<id>.md`), so
it stays the same across builds and when the site moves to another address.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from .link import ArticleNode, EventNode, Graph, published_instant
from .paths import FEEDS, HOME, url
from .words import event_date, plain

FEED_SIZE = 50
"""How many entries each feed holds: the newest events and articles."""

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://briefings.invalid/")


@dataclass(frozen=True)
class Entry:
    """One item of the feeds."""

    id: str
    title: str
    link: str
    updated: dt.datetime
    summary: str


def entry_id(page_path: str) -> str:
    """The stable id of the entry for the page at `page_path`."""
    return uuid.uuid5(_NAMESPACE, page_path).urn


def _address(graph: Graph, relative: str) -> str:
    """An address in the site: absolute under `site_url` when curated, else relative to the feed."""
    base = graph.briefing.site_url
    return f"{base.rstrip('/')}/{relative}" if base else (relative or "./")


def _url(graph: Graph, page_path: str) -> str:
    """The address of a generated page (directory URLs: `events/x.md` -> `events/x/`)."""
    return _address(graph, url(page_path))


def _event_entry(graph: Graph, event: EventNode) -> Entry:
    e = event.event
    when = dt.datetime.combine(e.date.start, dt.time(), tzinfo=dt.timezone.utc)
    title = f"{e.title} ({event_date(e)}{', planned' if e.planned else ''})"
    return Entry(entry_id(event.path), title, _url(graph, event.path), when, plain(e.summary, 400))


def _article_entry(graph: Graph, article: ArticleNode) -> Entry:
    a = article.article
    summary = f"{article.outlet.name}. " + (", ".join(ev.title for ev in article.events[:5]))
    return Entry(entry_id(article.path), a.title, _url(graph, article.path),
                 published_instant(a), summary.strip())


def entries(graph: Graph, limit: int = FEED_SIZE) -> list[Entry]:
    """The newest events and articles, newest first, at most `limit`."""
    items = [_event_entry(graph, e) for e in graph.events]
    items += [_article_entry(graph, a) for a in graph.articles]
    items.sort(key=lambda i: (i.updated, i.id), reverse=True)
    return items[:limit]


def atom(graph: Graph, items: list[Entry]) -> str:
    """The Atom document, built with feedgen."""
    generator = FeedGenerator()
    generator.id(entry_id(HOME))
    generator.title(graph.briefing.title)
    generator.subtitle(" ".join(graph.briefing.summary.split()))
    generator.link(href=_address(graph, FEEDS[0]), rel="self")
    generator.link(href=_address(graph, ""), rel="alternate")
    generator.language("en")
    generator.updated(items[0].updated if items else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    for item in reversed(items):  # feedgen prepends: add oldest first, newest ends on top
        entry = generator.add_entry()
        entry.id(item.id)
        entry.title(item.title)
        entry.link(href=item.link)
        entry.updated(item.updated)
        if item.summary:
            entry.summary(item.summary)
    return generator.atom_str(pretty=True).decode("utf-8")


def json_feed(graph: Graph, items: list[Entry]) -> str:
    """The JSON Feed 1.1 document (a few keys: no library needed)."""
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": graph.briefing.title,
        "description": " ".join(graph.briefing.summary.split()),
        "items": [
            {
                "id": item.id,
                "url": item.link,
                "title": item.title,
                "content_text": item.summary or item.title,
                "date_published": item.updated.isoformat(),
            }
            for item in items
        ],
    }
    if graph.briefing.site_url:
        document["home_page_url"] = graph.briefing.site_url
        document["feed_url"] = _address(graph, FEEDS[1])
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def atom_feed(graph: Graph) -> str:
    """The Atom feed of the newest entries."""
    return atom(graph, entries(graph))


def json_feed_of(graph: Graph) -> str:
    """The JSON Feed of the newest entries."""
    return json_feed(graph, entries(graph))


FEED_FORMATS = dict(zip(FEEDS, (atom_feed, json_feed_of)))
"""Each feed file's path and the function that writes it from the graph."""
