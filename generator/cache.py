"""What a build can keep from the previous one, so that a small change stays cheap.

Three things are remembered in `.briefings-cache/` (never committed):

- every content file loaded and checked on its own, and every article text,
  keyed by the file's size, modification time and inode: an unchanged file
  is neither parsed nor validated against the schema again;
- the paragraph each quote is in, keyed by the article text and the quote:
  an article is then parsed and matched against the actor names only when
  its page is rendered again;
- a fingerprint of the inputs of every actor, event, article and outlet page:
  the files that page shows something of. A page whose fingerprint did not
  change is neither rendered nor compared with the file on disk.

The whole cache is dropped when the generator's own code or templates change.
It is only a shortcut: deleting it gives the same pages, more slowly. Cached
documents carry no line/column marks; a build that finds a problem reloads
everything without the cache so that the message can point at the line.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any, Callable, Iterable

from .link import ActorNode, ArticleNode, EventNode, OutletNode, QuoteNode
from .state import generator_version

CACHE_DIR = ".briefings-cache"
"""Folder under the project root; in .gitignore."""

_FILE = "build.pickle"
StatKey = tuple[int, int, int]


def stat_key(path: Path) -> StatKey | None:
    """(size, modification time in ns, inode) of `path`, or None when it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


class BuildCache:
    """The cache of one project, read at the start of a build and saved at its end."""

    def __init__(self, root: Path, *, options: str = "") -> None:
        self.root = root.resolve()
        self.file = self.root / CACHE_DIR / _FILE
        self.version = generator_version() + options
        self.files: dict[str, tuple[StatKey, Any]] = {}
        """Relative path -> (stat key, loaded document or text) of the last build."""
        self.paragraphs: dict[Any, int | None] = {}
        """(article id, text digest, quote) -> number of the paragraph the quote is in."""
        self.pages: dict[str, tuple[str, StatKey | None]] = {}
        """Page path -> fingerprint of its inputs when it was last written, and the
        stat key of the file then: a page edited by hand since is rendered again."""
        self.begin()
        self._read()

    def begin(self) -> None:
        """Forget what the previous build saw; keep what it learned (for `mkdocs serve`)."""
        self.seen: dict[str, StatKey] = {}
        """Stat keys of the files read in this build: the digests of page inputs."""
        self.hits = 0
        self.dirty = False
        """Whether this build learned anything the saved cache does not hold."""
        self.names_key = ""
        """Digest of all actor names (set by `link`): article bodies depend on it."""
        self._inputs: dict[int, str] = {}
        """Node id() -> its page inputs with their stat keys, computed once per build."""
        self.written: dict[str, str] = {}
        """Fingerprints of the pages rendered or kept by this build."""
        self.fresh_paragraphs: dict[Any, int | None] = {}
        """The quote paragraphs this build used: the ones worth keeping."""
        self.article_keys: dict[str, Any] = {}
        """Article id -> what its parsing depends on (text digest, outlet name), this build."""

    # --- on disk ---------------------------------------------------------

    def _read(self) -> None:
        gc.disable()  # loading makes millions of objects and no cycles: do not collect meanwhile
        try:
            with open(self.file, "rb") as stream:
                saved = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, KeyError):
            return
        finally:
            gc.enable()
        if isinstance(saved, dict) and saved.get("version") == self.version:
            self.files, self.paragraphs, self.pages = saved["files"], saved["paragraphs"], saved["pages"]
        gc.freeze()  # a large, long-lived cache: keep the collector from rescanning it

    def save(self, docs_dir: Path) -> None:
        """Write the cache atomically, if anything changed; a failure only costs speed next time.

        Call it after the pages are written to `docs_dir`: their stat keys are kept.
        """
        keys = {path: stat_key(docs_dir / path) for path in self.written}
        # A page that is not on disk is not remembered: a missing page must never match a missing one.
        pages = {path: (fingerprint, keys[path])
                 for path, fingerprint in self.written.items() if keys[path] is not None}
        changed = (self.dirty or self.pages != pages or self.files.keys() != self.seen.keys()
                   or self.paragraphs.keys() != self.fresh_paragraphs.keys())
        self.pages, self.paragraphs = pages, self.fresh_paragraphs
        self.forget_unseen()
        if not changed:
            return
        temporary = self.file.with_suffix(".part")
        saved = {"version": self.version, "files": self.files, "paragraphs": self.fresh_paragraphs,
                 "pages": self.pages}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as stream:
                pickle.dump(saved, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)
        except OSError:  # read-only or full: the pages are written; the next build is slower
            for path in (temporary, self.file):  # an older cache must not outlive the pages it describes
                try:
                    path.unlink(missing_ok=True)
                except OSError:
                    pass

    # --- loading -----------------------------------------------------------

    def load(self, path: Path, loader: Callable[[], Any]) -> Any:
        """`loader()`'s value for file `path`, from the cache while the file is unchanged.

        Only values that loaded cleanly (not None) are kept: a file with a
        problem is loaded again on every build, so the problem is reported again.
        """
        relative = os.path.normpath(os.path.relpath(path, self.root)).replace(os.sep, "/")
        if relative.startswith("../") or os.path.isabs(relative):  # the loader reports it
            return loader()
        key = stat_key(path)
        entry = self.files.get(relative)
        if key is not None and entry is not None and entry[0] == key:
            self.seen[relative] = key
            self.hits += 1
            return entry[1]
        value = loader()
        self.dirty = True
        if key is not None and value is not None:
            self.seen[relative] = key
            self.files[relative] = (key, _without_marks(value))
        else:
            self.files.pop(relative, None)
        return value

    def forget_unseen(self) -> None:
        """Drop entries of files this build did not read (deleted or renamed)."""
        self.files = {path: entry for path, entry in self.files.items() if path in self.seen}

    # --- linking -----------------------------------------------------------

    def paragraph(self, key: Any, compute: Callable[[], int | None]) -> int | None:
        """The paragraph number of a quote, reused while the article text and quote are unchanged."""
        if key in self.paragraphs:
            self.fresh_paragraphs[key] = self.paragraphs[key]
            return self.paragraphs[key]
        self.dirty = True
        number = self.fresh_paragraphs[key] = compute()
        return number

    # --- rendering ---------------------------------------------------------

    def fingerprint(self, node: Any, extra: str = "") -> str | None:
        """A digest of every file the page of `node` shows something of, or None if unknown."""
        inputs = self._inputs.get(id(node))
        if inputs is None:
            found = page_inputs(node)
            if found is None:
                return None
            seen = self.seen
            inputs = "".join(f"{path}={seen.get(path)};" for path in sorted(found))
            self._inputs[id(node)] = inputs
        return hashlib.blake2b((extra + inputs).encode(), digest_size=16).hexdigest()

    def list_fingerprint(self, items: list[Any], extra: str = "") -> str:
        """A digest of the files behind a page that lists `items` (a month of articles, ...)."""
        seen = self.seen
        inputs = "".join(f"{path}={seen.get(path)};" for path in sorted(list_inputs(items)))
        return hashlib.blake2b((extra + inputs).encode(), digest_size=16).hexdigest()

    def is_current(self, path: str, fingerprint: str | None, docs_dir: Path) -> bool:
        """True when the page was written from the same inputs and is on disk as written."""
        if fingerprint is None:
            return False
        on_disk = stat_key(docs_dir / path)
        return on_disk is not None and self.pages.get(path) == (fingerprint, on_disk)


def _without_marks(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and hasattr(value, "marks"):
        return dataclasses.replace(value, marks={})
    return value


# --- what each page shows --------------------------------------------------


_FOLDERS = {ArticleNode: "articles", ActorNode: "actors", EventNode: "events", OutletNode: "outlets"}


def _files(node: Any) -> tuple[str, ...]:
    """The content files behind one node: its YAML file, and an article's text."""
    own = f"content/{_FOLDERS[type(node)]}/{node.id}.yml"
    return (own, node.article.text) if isinstance(node, ArticleNode) else (own,)


def _quote_nodes(quotes: Iterable[Any]) -> Iterable[Any]:
    for quote in quotes:
        yield from (quote.article, quote.article.outlet, quote.speaker)
        if quote.via is not None:
            yield quote.via
        if quote.event is not None:
            yield quote.event


def page_inputs(node: Any) -> set[str] | None:
    """Paths of the files whose content the page of `node` shows.

    This follows what the templates print: a page shows its own node, the
    nodes it links to (their names, titles and dates) and, for an article
    listed on it, the outlet's name. A template that starts to print
    something further away must add it here (tests/test_bench_incremental.py
    compares incremental builds with full ones to catch that).
    """
    shown: list[Any] = [node]
    if isinstance(node, ArticleNode):
        shown += [node.outlet, *node.events, *node.anticipates, *node.actors, *_quote_nodes(node.quotes)]
    elif isinstance(node, ActorNode):
        shown += [node.affiliation] if node.affiliation else []
        shown += node.members
        shown += [role.event for role in node.roles]
        shown += [co.actor for co in node.co_actors]
        shown += [*_quote_nodes(node.quotes), *_quote_nodes(node.reported)]
        shown += [n for article in node.articles for n in (article, article.outlet)]
    elif isinstance(node, EventNode):
        shown += [role.actor for role in node.participants]
        shown += node.ancestors  # the whole "part of" chain
        shown += node.part_of.parts if node.part_of else []  # previous and next part
        shown += [*node.parts, *node.follows, *node.followed_by]
        shown += [n for article in node.articles for n in (article, article.outlet)]
        shown += [n for fact in node.facts for s in fact.sources for n in (s.article, s.article.outlet)]
        shown += list(_quote_nodes(node.quotes))
    elif isinstance(node, OutletNode):
        # its coverage: the events and actors of its articles, by title and name
        shown += [n for article in node.articles for n in (article, *article.events, *article.actors)]
    else:
        return None
    return {path for item in set(shown) for path in _files(item)}


def list_inputs(items: Iterable[Any]) -> set[str]:
    """Paths of the files whose content a list page shows about each of `items`.

    A list shows each entry's name, title and date, an article's outlet,
    and counts: an event's articles, an actor's events and articles.
    """
    shown: list[Any] = []
    for item in items:
        shown.append(item)
        if isinstance(item, ArticleNode):
            shown.append(item.outlet)
        elif isinstance(item, EventNode):
            shown += item.articles
        elif isinstance(item, ActorNode):
            shown += [role.event for role in item.roles]
            shown += item.articles
        elif isinstance(item, QuoteNode):
            shown.pop()
            shown += _quote_nodes([item])
    return {path for node in set(shown) for path in _files(node)}
