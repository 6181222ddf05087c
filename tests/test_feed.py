"""The Atom and JSON feeds of new events and articles: valid, stable, newest first."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.build import generate, linked
from generator.feed import FEED_SIZE, entry_id

from .conftest import write_tree

ATOM = "{http://www.w3.org/2005/Atom}"


def feeds(root: Path) -> tuple[ET.Element, dict]:
    pages = {page.path: page.text for page in generate(root)[0]}
    return ET.fromstring(pages["feed.xml"].encode("utf-8")), json.loads(pages["feed.json"])


def test_feeds_list_events_and_articles_newest_first(seed_project: Path) -> None:
    graph = linked(seed_project)
    atom, json_feed = feeds(seed_project)
    entries = atom.findall(f"{ATOM}entry")
    assert len(entries) == len(json_feed["items"]) == min(FEED_SIZE, len(graph.events) + len(graph.articles))
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert ids == [item["id"] for item in json_feed["items"]]
    assert len(set(ids)) == len(ids)
    expected = {entry_id(node.path) for node in [*graph.events, *graph.articles]}
    assert set(ids) <= expected
    times = [dt.datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in entries]
    assert times == sorted(times, reverse=True)
    assert dt.datetime.fromisoformat(atom.findtext(f"{ATOM}updated")) == times[0]
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    planned = next(e for e in graph.events if e.event.planned)
    assert any(t.startswith(planned.title) and t.endswith("planned)") for t in titles)
    links = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert "events/2023-10-18-lavrov-visits-pyongyang/" in links
    assert json_feed["version"] == "https://jsonfeed.org/version/1.1"


def test_feed_ids_are_stable_and_links_follow_site_url(seed_project: Path) -> None:
    first_atom, _ = feeds(seed_project)
    first = [e.findtext(f"{ATOM}id") for e in first_atom.findall(f"{ATOM}entry")]
    briefing = seed_project / "content" / "briefing.yml"
    briefing.write_text(briefing.read_text(encoding="utf-8") + "site_url: https://example.org/nk/\n", encoding="utf-8")
    atom, json_feed = feeds(seed_project)
    assert [e.findtext(f"{ATOM}id") for e in atom.findall(f"{ATOM}entry")] == first
    for item in json_feed["items"]:
        assert item["url"].startswith("https://example.org/nk/")
    assert json_feed["feed_url"] == "https://example.org/nk/feed.json"
    assert atom.find(f"{ATOM}link[@rel='self']").get("href") == "https://example.org/nk/feed.xml"


def test_feed_is_capped_and_reproducible(tmp_path: Path) -> None:
    files = {
        "content/briefing.yml": "title: T\nsummary: S\n",
        "content/outlets/wire.yml": "name: Wire\n",
    }
    for day in range(FEED_SIZE + 10):
        date = dt.date(2020, 1, 1) + dt.timedelta(days=day)
        files[f"content/events/e{day:03d}.yml"] = f"title: Event {day}\ndate: {date}\n"
    root = write_tree(tmp_path, files)
    pages = {p.path: p.text for p in generate(root)[0]}
    again = {p.path: p.text for p in generate(root)[0]}
    assert pages["feed.xml"] == again["feed.xml"] and pages["feed.json"] == again["feed.json"]
    items = json.loads(pages["feed.json"])["items"]
    assert len(items) == FEED_SIZE
    assert items[0]["title"].startswith(f"Event {FEED_SIZE + 9} ")
