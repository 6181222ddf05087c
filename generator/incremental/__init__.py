"""The incremental layer: speed only. Removing it changes no byte of output.

The pipeline (load -> validate -> link -> render -> write) knows nothing of
it. `generator/build.py` wraps the pipeline with one `Incremental` object:

- `load(path, read)` is the loader given to `load_content`: a file unchanged
  since the last build is taken from the store, anything else read afresh;
- `watch(content)` wraps every model so that reads are recorded (record.py),
  once loading is done;
- `watch_texts(graph)` does the same for article texts, after linking;
- `pages(jobs, docs_dir)` renders the pages whose inputs changed (plan.py)
  and keeps the others, recording what each rendered page read;
- `save(...)` persists files, reads and page keys in SQLite (store.py).

`skip.py` is the cheaper shortcut before all this: when no file under
content/ or seeds/ changed since the last build, nothing is loaded at all.
"""

from __future__ import annotations

import dataclasses
from array import array
import os
import pickle
import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..link import Graph
from ..load import Content, Document
from ..page import Page, PageJob
from ..pictures import places
from . import plan
from .plan import Changes, pages_to_redo
from .record import Recorder, Read, Watched, WatchedText
from .skip import generator_version
from .store import STORE_FILE, StatKey, Store, stat_key

CACHE_DIR = ".briefings-cache"
"""Folder under the project root; in .gitignore."""


class Incremental:
    """The store of one project and what the build in progress learns."""

    def __init__(self, root: Path, options: str) -> None:
        self.root = root.resolve()
        self._home = os.fspath(self.root).rstrip(os.sep) + os.sep
        self.store = Store(self.root / CACHE_DIR, store_version(options))
        self.stored = self.store.file_keys()
        self.answers = self.store.answers()
        places.remember_answers(self.answers)
        self.memory: dict[str, tuple[StatKey, Any]] = {}
        """Files as the last saved build saw them, unpickled or parsed by this process (kept by
        `mkdocs serve`). What a build parses joins it only when that build is saved: after a
        build that failed, the next compares its files with the last one that succeeded."""
        self.begin()

    def begin(self) -> None:
        """Start a build: forget what the previous build of this process was doing."""
        self.changes = Changes()
        self.seen: set[str] = set()
        self.fresh: dict[str, tuple[StatKey, Any]] = {}
        self.reused: set[str] = set()
        """The files that came from the store unchanged (they carry no line marks)."""
        self.recorder = Recorder()
        self.recorded: dict[str, array[int]] = {}
        """The pages rendered by this build and what each read, as numbers of `self.reads`."""
        self.bases: dict[Callable[[], object], array[int]] = {}
        """What each list cut (a job's `basis`) read, made again once for all of its pages."""
        self.reads: dict[Read, int] = {}
        """Every (file, field) a page of this build read, numbered (a page's reads are kept as
        4-byte numbers: a build of 22,000 pages reads a million of them)."""
        self.redo: set[str] | None = None
        self.articles: dict[str, str] = {}
        """Article file -> its text file."""

    def close(self) -> None:
        self.store.close()

    # --- loading ------------------------------------------------------------------

    def load(self, path: Path, read: Callable[[], Any]) -> Any:
        """The value of file `path`: the stored one while the file is unchanged, else `read()`."""
        relative = self._relative(os.fspath(path))
        if relative is None:  # outside the project: the loader reports it
            return read()
        key = stat_key(path)
        self.seen.add(relative)
        remembered = self.memory.get(relative)
        if key is not None and remembered is not None and remembered[0] == key:
            self.reused.add(relative)
            return remembered[1]
        stored = self.stored.get(relative)
        if key is not None and stored is not None and stored[0] == key:
            value = pickle.loads(stored[1])
            self.memory[relative] = (key, value)
            self.reused.add(relative)
            return value
        value = read()
        old = remembered[1] if remembered is not None else (
            pickle.loads(stored[1]) if stored is not None else None)
        bare = _without_marks(value)
        self.changes.add(relative, old, bare)
        if key is not None and value is not None:
            self.fresh[relative] = (key, bare)
        return value

    def settled(self, content: Content) -> frozenset[str]:
        """The articles whose file and text came unchanged from the last build, which passed
        validation: what `validate` need not check again in them."""
        return frozenset(
            article_id for article_id, document in content.articles.items()
            if document.path in self.reused
            and os.path.normpath(document.model.text).replace(os.sep, "/") in self.reused)

    def _relative(self, path: str) -> str | None:
        """`path` relative to the project, with slashes; None when it is not inside it."""
        home = self._home
        if path.startswith(home) and "/." not in path[len(home) - 1:]:
            return path[len(home):]  # the usual case: a plain path under the root, no `..`
        relative = os.path.normpath(os.path.relpath(path, self.root)).replace(os.sep, "/")
        return None if relative.startswith("../") or os.path.isabs(relative) else relative

    def _settle_files(self) -> None:
        """After loading: files stored but not read any more (deleted, renamed) are changes too."""
        for path in (self.stored.keys() | self.memory.keys()) - self.seen:
            self.changes.structural.append(path)

    # --- recording ----------------------------------------------------------------

    def watch(self, content: Content) -> Content:
        """`content` with every model wrapped, so that each field read is recorded.

        Called once loading is done: files stored but not loaded this time count as removed.
        """
        def watched(documents: dict[str, Document]) -> dict[str, Document]:
            return {i: dataclasses.replace(d, model=Watched(d.model, d.path, self.recorder))
                    for i, d in documents.items()}

        places.ask_apart(  # unrecorded: pages ask again for what they show, answered from memory
            (d.model.location for d in content.events.values() if d.model.location and d.model.coordinates is None),
            (d.model.country for d in content.outlets.values() if d.model.country))
        briefing = content.briefing
        if briefing is not None:
            briefing = dataclasses.replace(
                briefing, model=Watched(briefing.model, briefing.path, self.recorder))
            self._briefing(briefing)
        self._settle_files()
        return dataclasses.replace(
            content, briefing=briefing, actors=watched(content.actors),
            events=watched(content.events), articles=watched(content.articles),
            outlets=watched(content.outlets))

    def _briefing(self, briefing: Document) -> None:
        """briefing.yml is loaded apart from the other files: compare it with the stored one here."""
        path = briefing.path
        self.seen.add(path)
        stored = self.memory.get(path) or self.stored.get(path)
        old = None if stored is None else (
            stored[1] if isinstance(stored[1], Document) else pickle.loads(stored[1]))
        bare = _without_marks(dataclasses.replace(briefing, model=briefing.model._model))
        if old != bare or old is None:
            self.changes.add(path, old, bare)
            self.fresh[path] = ((0, 0, 0), bare)

    def watch_texts(self, graph: Graph, content: Content) -> None:
        """Record reads of article texts (as their article's field `text`); decide what to redo."""
        for node in graph.articles:
            path = content.articles[node.id].path
            self.articles[path] = os.path.normpath(content.articles[node.id].model.text).replace(os.sep, "/")
            node.parsed = WatchedText(node.parsed, path, self.recorder)  # type: ignore[assignment]
            node.body = WatchedText(node.body, path, self.recorder)  # type: ignore[assignment]
        self.redo = pages_to_redo(self.store, self.changes)

    def pages(self, jobs: Iterable[PageJob], docs_dir: Path) -> Iterator[Page]:
        """Each page rendered if its inputs changed, else kept; what rendered pages read is recorded."""
        redo = self.redo
        keys = self.store.page_keys() if redo is not None else {}
        docs = os.fspath(docs_dir) + os.sep  # a string, not a Path per page: 24,656 at 10,000 articles
        for job in jobs:
            if redo is not None and job.path not in redo and job.path in keys \
                    and stat_key(docs + job.path) == keys[job.path]:
                yield Page(job.path, "", kept=True)
                continue
            with self.recorder.page() as reads:
                page = job.render()
            read = self._numbers(reads)
            if job.basis is not None:
                read = read.union(self._basis(job.basis))
            self.recorded[job.path] = array("I", sorted(read))
            yield page

    def _numbers(self, reads: Iterable[Read]) -> set[int]:
        numbers = self.reads
        return {numbers.setdefault(read, len(numbers)) for read in reads}

    def _basis(self, basis: Callable[[], object]) -> array[int]:
        """The reads of `basis` (as numbers of `self.reads`): the cut of a list that decided
        a page, made once per build for all the pages it decided."""
        found = self.bases.get(basis)
        if found is None:
            with self.recorder.page() as reads:
                basis()
            found = self.bases[basis] = array("I", self._numbers(reads))
        return found

    # --- saving -------------------------------------------------------------------

    def save(self, docs_dir: Path, removed: Iterable[str]) -> None:
        """Persist what this build learned; a failure (read-only, full) only costs speed next time."""
        docs = os.fspath(docs_dir) + os.sep
        keys: dict[str, StatKey | None] = {path: stat_key(docs + path) for path in self.recorded}
        gone = [path for path in self.changes.structural if path not in self.fresh]
        try:
            self.store.put_files(self.fresh, gone)
            self.store.save_build(self.recorder.shared, list(self.reads), self.recorded, keys,
                                  self.redo is None,
                                  self.articles)
            self.store.forget_pages(removed)
            answers = places.known_answers()
            if answers.keys() != self.answers.keys():
                self.store.put_answers(answers)
                self.answers = answers
        except (sqlite3.Error, OSError):
            self.forget()
            return
        for path in gone:  # the fresh ones join `memory`, which is asked first
            self.stored.pop(path, None)
            self.memory.pop(path, None)
        self.memory.update(self.fresh)

    def forget(self) -> None:
        """Drop the store: the next build runs in full."""
        try:
            self.store.clear()
        except sqlite3.Error:
            pass
        self.memory.clear()
        self.stored = {}


def _without_marks(value: Any) -> Any:
    if isinstance(value, Document):
        return dataclasses.replace(value, marks={})
    return value


def store_version(options: str) -> str:
    """What a store must have been made with to be read: the generator's code, the build's
    options and the gazetteer's data (its answers are kept). Another version empties it."""
    return generator_version() + options + places.DATA_VERSION


def store_path(root: Path) -> Path:
    return root / CACHE_DIR / STORE_FILE


def touched(root: Path, options: str) -> list[str] | None:
    """The pages a build would render again after the changes since the last one, sorted;
    None when it would render every page (no store, or a change any page may show)."""
    if not store_path(root).is_file():
        return None
    store = Store(root / CACHE_DIR, store_version(options))
    try:
        found = plan.touched(root.resolve(), store)
    finally:
        store.close()
    return None if found is None else sorted(found)
