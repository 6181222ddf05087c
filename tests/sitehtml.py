"""Reading a built site: the links and anchors of its HTML pages, and what its search index holds."""

from __future__ import annotations

import gzip
import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class HtmlPage:
    """The parts of a built page the tests look at."""

    path: str
    """URL path of the page inside the site, e.g. 'actors/kim-jong-un/'."""
    hrefs: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    text: str = ""

    def links_to(self) -> set[str]:
        """Site-internal pages this page links to, as URL paths like 'events/x/'."""
        targets = set()
        for href in self.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            joined = posixpath.normpath(posixpath.join(self.path, unquote(parts.path)))
            targets.add("" if joined == "." else joined.rstrip("/") + "/")
        return targets


class _Collector(HTMLParser):
    def __init__(self, page: HtmlPage):
        super().__init__()
        self.page = page
        self.chunks: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.page.hrefs.append(values["href"] or "")
        if values.get("id"):
            self.page.ids.add(values["id"] or "")
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.chunks.append(data)


def read_site(site: Path) -> dict[str, HtmlPage]:
    """Every index.html of a site built with directory URLs, by URL path."""
    pages = {}
    for file in sorted(site.rglob("index.html")):
        relative = file.parent.relative_to(site).as_posix()
        path = "" if relative == "." else relative + "/"
        page = HtmlPage(path)
        collector = _Collector(page)
        collector.feed(file.read_text(encoding="utf-8"))
        page.text = " ".join("".join(collector.chunks).split())
        pages[path] = page
    return pages


def search_records(site: Path) -> dict[str, dict]:
    """What the site's Pagefind index holds of each page, by URL ("/actors/x/"): its indexed
    text (`content`) and metadata (`meta`, with `title`), read from the index's fragments."""
    records = {}
    for fragment in sorted(site.glob("pagefind/*/fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    return records
