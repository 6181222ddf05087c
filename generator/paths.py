"""Paths: the one place that names pages, and where files really are.

Every page's path under briefings/ and its URL in the site is decided here:
the page of an actor, event, article or outlet, of a tag, of one part of a
split list (a letter, a month, a year), and the feed and index pages. The
other modules ask; none builds a page path itself. The real-path helpers keep
the generator inside the project (symbolic links followed).
"""

from __future__ import annotations

import functools
import hashlib
import os
import posixpath
import re


class RealPaths:
    """`os.path.realpath`, with each folder resolved once per use of the object.

    A build checks tens of thousands of files that share a handful of
    folders; resolving every path anew, link by link, is most of the cost of
    those checks. Use one object per load or write: folders may change
    between builds.
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str | os.PathLike[str]) -> str:
        path = os.fspath(path)
        if os.path.islink(path) or ".." in path.split(os.sep):
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        if folder not in self._folders:
            self._folders[folder] = os.path.realpath(folder)
        return os.path.join(self._folders[folder], name)


def outside_project(root: str | os.PathLike[str], name: str) -> str | None:
    """The problem with the project folder `name` (content, seeds) if a link takes it out of `root`.

    Every file check compares real paths with the real path of its folder;
    a folder that is itself a link outside the project (`seeds -> /proc/self`)
    would make anything inside it look "inside". None when the folder is
    inside the project (links within it are fine) or absent.
    """
    home = os.path.realpath(root)
    folder = os.path.join(home, name)
    real = os.path.realpath(folder)
    if real == home or real.startswith(home.rstrip(os.sep) + os.sep):
        return None
    return (f"{name}/ is a link to {real}, outside the project: make {name}/ a folder inside "
            "the project (or a link to one) and run again")


RESERVED_STEMS = frozenset({"index"})
"""Page names a folder's own list page takes: with directory URLs `tags/index.md`
and `tags.md` are both `tags/index.html`, and `actors/index.md` is the list of actors."""
MAX_STEM = 120
"""The longest page name kept as it is: file names stop at 255 bytes, and MkDocs
makes a folder of each page (`tags/<name>/index.html`)."""


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """'Military exercise' -> 'military-exercise': lowercase ASCII letters and digits joined by
    hyphens (empty when `text` has none). The one slug function: page names, suggested ids."""
    return _NOT_SLUG.sub("-", text.casefold()).strip("-")


HOME = "index.md"
NETWORK = "network.md"
TAGS = "tags.md"
TIMELINE = "timeline.md"
QUOTES = "quotes.md"
BLINDSPOTS = "blindspots.md"
"""The site's own pages at its root: the home page, the network of actors, the tags, the
timeline of events, the quotes, the blindspots of the coverage (its parts: `blindspots-2.md`)."""
MAP = "map.md"
"""The map of places: where events took place and the outlets' countries (issue 16)."""

FOLDERS = {"actor": "actors", "event": "events", "article": "articles", "outlet": "outlets"}


def index_page(folder: str) -> str:
    """`actors/index.md`: the list page of a folder of pages (actors, events, articles, outlets)."""
    return f"{folder}/index.md"
"""The folder of each kind of node's pages (and of its content files)."""
FEEDS = ("feed.xml", "feed.json")


def node_page(kind: str, node_id: str) -> str:
    """`actors/kim-jong-un.md`: the page of the actor, event, article or outlet `node_id`.

    Ids are checked slugs (model.is_slug), so they are page names as they are.
    """
    return f"{FOLDERS[kind]}/{node_id}.md"


def tag_page(tag: str) -> str:
    """`tags/military-exercise.md`: the page listing everything tagged `tag`."""
    return page_path("tags", tag)


def letter_page(letter: str) -> str:
    """`actors/letters/k.md`: the actors whose name starts with `letter` ('other' for the rest)."""
    return f"actors/letters/{letter}.md"


def period_page(folder: str, year: int, month: int = 0) -> str:
    """`articles/2023/10.md` (a month) or `actors/kim-jong-un/2023.md` (a year) under `folder`."""
    return f"{folder}/{year}/{month:02d}.md" if month else f"{folder}/{year}.md"


def part_page(first: str, number: int) -> str:
    """Part `number` of a page split in parts: the first keeps its path, then `05-2.md`, ..."""
    return first if number == 1 else f"{first[:-3]}-{number}.md"


def coverage_page(event_page: str) -> str:
    """`events/x/coverage.md`: the first page of the coverage of the event at `event_page`."""
    return f"{own_folder(event_page)}/coverage.md"


def own_folder(page: str) -> str:
    """`actors/kim-jong-un`: the folder of the pages that continue `page` (its years)."""
    return page[:-3]


def url(page: str) -> str:
    """The page's URL relative to the site root, with directory URLs: `events/x.md` -> `events/x/`."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def href(page: str, target: str, anchor: str = "") -> str:
    """The built URL of page `target` relative to the built URL of page `page`.

    With directory URLs (mkdocs.yml: use_directory_urls) `events/x.md` is served at
    `events/x/` and `index.md` at the root. MkDocs and Zensical rewrite links in
    Markdown, not in raw HTML: the raw HTML a page carries (pictures, article
    paragraphs) writes the final address with this.
    """
    here, there = url(page), url(target)
    relative = posixpath.relpath(there or ".", here or ".")
    address = "./" if relative == "." else relative + "/"
    return address + (f"#{anchor}" if anchor else "")


def page_path(folder: str, name: str) -> str:
    """`folder/<stem>.md`, the page of the id or tag `name`: safe, unique and stable.

    An id or plain tag (`kim-jong-un`, `Military exercise`) keeps its slug
    as page name. A name that is reserved (`index`), too long, or loses
    something in its slug (`C++`, `北朝鮮`, `U.S.`) gets a short digest of the
    name appended (`index-3f2a9c1e`), so two such names never share a page
    and the name's page does not move when other names come and go.
    """
    return f"{folder}/{page_stem(name)}.md"


@functools.lru_cache(maxsize=1 << 16)
def page_stem(name: str) -> str:
    """The page name of `name` (see page_path); asked for every link, so remembered."""
    spoken = " ".join(name.casefold().split())
    stem = slug(spoken)
    if stem and stem == re.sub(r"[ _-]+", "-", spoken) and stem not in RESERVED_STEMS \
            and len(stem) <= MAX_STEM:
        return stem
    digest = hashlib.blake2b(spoken.encode("utf-8"), digest_size=4).hexdigest()
    return f"{stem[:MAX_STEM].rstrip('-') or 'tag'}-{digest}"
