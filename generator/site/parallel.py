"""Half of a `mkdocs build`'s pages rendered in a second process.

MkDocs renders pages one after the other, in one process: reading and
converting each page's Markdown (`_populate_page`), then putting it in the
theme's template and writing it (`_build_page`). Both are per page: a page's
HTML depends on its own Markdown, the navigation and the configuration, not
on the other pages' text. So once MkDocs knows the files and the navigation
(`on_nav`), this plugin forks: the child converts and writes every second
page to render, the parent the others, at the same time on two cores.

What MkDocs needs of the child's pages after that, the child sends back
(`Rendered`): the anchors each page has and the anchors its links ask for, so
that MkDocs' end-of-build check of links to anchors covers every page as in
a one-process build; and the log records it wrote, logged again by the parent
(strict mode counts its warnings). The incremental layer (incremental.py) gets
back what it noted of the child's pages through `PageNotes`. Every page's
HTML is the file the one-process build writes (tests/test_site_parallel.py).

The parent skips the child's pages by wrapping MkDocs' two per-page
functions while the build runs (MkDocs 1.6: incremental.SUPPORTED_MKDOCS).
Only `mkdocs build` forks, only with two cores or more and enough pages to
pay for the fork; `BRIEFINGS_SITE_PROCESSES=1` turns it off, `2` forces it.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
import threading
import traceback
from dataclasses import dataclass, field
from typing import IO, Any, Callable, Protocol

import mkdocs.commands.build as mkdocs_build
from mkdocs.exceptions import BuildError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

NAME = "briefings/parallel"
"""The plugin's name among MkDocs' plugins (installed by the hook). It changes no page's HTML,
so the site manifest's environment leaves it out (manifest.environment): a site built in two
processes is reused by a one-process build (`mkdocs serve`) and the other way round."""
PROCESSES_VARIABLE = "BRIEFINGS_SITE_PROCESSES"
"""`1`: render every page in the build's own process; `2`: render half in a second one,
whatever the number of pages; unset: two processes when the machine has two cores and
there are at least MIN_PAGES pages to render."""
MIN_PAGES = 400
"""Fewer pages to render than this are rendered in one process (a fork and its results
cost about as much as rendering a few hundred pages)."""

log = logging.getLogger("mkdocs.plugins.briefings.parallel")


class PageNotes(Protocol):
    """What another plugin noted of some pages while they rendered, to carry out of the child."""

    def notes_of(self, uris: set[str]) -> object: ...

    def adopt_notes(self, notes: object) -> None: ...


@dataclass
class Rendered:
    """What the child sends back: per page, its anchors and links to anchors; its log records."""

    anchors: dict[str, list[str]] = field(default_factory=dict)
    anchor_links: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    """Page -> page it links to -> {anchor: the link's text}, as MkDocs' Page.links_to_anchors."""
    records: list[tuple[str, int, str]] = field(default_factory=list)
    """(logger, level, message) of each record the child logged."""
    notes: object = None
    error: str | None = None


def processes(pages: int) -> int:
    """How many processes render `pages` pages (1 or 2)."""
    wanted = os.environ.get(PROCESSES_VARIABLE, "").strip()
    if wanted in ("1", "2"):
        return int(wanted)
    return 2 if _cores() >= 2 and pages >= MIN_PAGES else 1


def _cores() -> int:
    """The cores this process may run on (a container's limit, where os.cpu_count() says the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


class ParallelPages:
    """The MkDocs plugin object that renders half the pages in a child process (see module doc)."""

    def __init__(self, notes: PageNotes | None = None) -> None:
        self.notes = notes
        self.elsewhere: set[str] = set()
        """Pages the child renders: the parent skips them."""
        self.child: int | None = None
        self.results: IO[bytes] | None = None
        self.last = ""
        """The last page MkDocs builds: once past it, the parent waits for the child."""
        self.files = Files([])
        self.in_child = False

    # -- MkDocs events ----------------------------------------------------------------------------

    @event_priority(-100)  # after the incremental layer has said which pages it reuses
    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        if self.in_child:
            return nav
        self._reset()
        pages = [file for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
                 if file.is_modified()]  # under --dirty, the pages to render; else every page
        if processes(len(pages)) < 2 or len(pages) < 2:
            return nav
        if threading.active_count() > 1:  # `mkdocs serve --clean` (a `build` to plugins) rebuilding
            # beside its server and watcher: a fork copies only this thread, and any lock another
            # one holds (a stream's, a queue's) stays held forever in the child
            log.debug("briefings: every page rendered in this process: other threads are running")
            return nav
        navigated = {page.file.src_uri for page in nav.pages}
        theirs = [file for file in pages if file.src_uri not in navigated][1::2]
        self.elsewhere = {file.src_uri for file in theirs}
        self.files = files
        self.last = files.documentation_pages(inclusion=InclusionLevel.is_included)[-1].src_uri
        self.results = tempfile.TemporaryFile()
        pid = os.fork()
        if pid == 0:  # the child: render its pages, send what MkDocs needs of them, and leave
            code = 3  # never go on as the build (an interrupt between two lines): its end is the parent's
            try:
                self.in_child = True
                code = self._render_here(theirs, [p for p in pages if p.src_uri in navigated], nav, config,
                                         files)
            finally:
                os._exit(code)
        self.child = pid
        _wrap(self)
        log.info(f"briefings: {len(pages)} page(s) rendered in two processes "
                 f"({len(theirs)} in the second)")
        return nav

    def on_post_build(self, *, config: Any) -> None:
        self.finish()

    def on_build_error(self, *, error: Exception) -> None:
        self.stop()

    @event_priority(100)  # before the hook abandons the folder being built and releases the lock
    def on_shutdown(self) -> None:
        """The build ended without on_post_build or on_build_error (KeyboardInterrupt is no Exception)."""
        self.stop()

    # -- the parent -------------------------------------------------------------------------------

    def skips(self, page: Any) -> bool:
        return page.file.src_uri in self.elsewhere

    def built(self, page: Any) -> None:
        """Called after MkDocs built (or skipped) `page`: past the last one, take the child's pages."""
        if page.file.src_uri == self.last:
            self.finish()

    def finish(self) -> None:
        """Wait for the child and give its pages what MkDocs needs of them (once)."""
        if self.child is None:
            return
        _unwrap()
        _, status = os.waitpid(self.child, 0)
        self.child = None  # reaped (interrupted while waiting, stop() still ends it)
        assert self.results is not None
        self.results.seek(0)
        try:
            rendered: Rendered = pickle.load(self.results)
        except (EOFError, pickle.UnpicklingError):
            rendered = Rendered(error=f"the second rendering process ended with status {status} "
                                      "and no result")
        finally:
            self.results.close()
            self.results = None
        for name, level, message in rendered.records:  # strict mode counts the child's warnings too
            logging.getLogger(name).log(level, message)
        if rendered.error is not None:
            raise BuildError(f"briefings: rendering pages in a second process failed: {rendered.error}")
        by_uri = self.files.src_uris
        for uri, anchors in rendered.anchors.items():
            page = by_uri[uri].page
            page.present_anchor_ids = set(anchors)
            page.links_to_anchors = {by_uri[target]: dict(links)
                                     for target, links in rendered.anchor_links.get(uri, {}).items()}
        if self.notes is not None and rendered.notes is not None:
            self.notes.adopt_notes(rendered.notes)

    def stop(self) -> None:
        """The build failed: end the child, if any, and put MkDocs' functions back."""
        _unwrap()
        if self.child is not None:
            try:
                os.kill(self.child, 9)
                os.waitpid(self.child, 0)
            except OSError:
                pass
            self.child = None
        if self.results is not None:
            self.results.close()
            self.results = None

    def _reset(self) -> None:
        self.stop()
        self.elsewhere, self.last = set(), ""

    # -- the child --------------------------------------------------------------------------------

    def _render_here(self, pages: list[Any], navigated: list[Any], nav: Any, config: Any, files: Files) -> int:
        """Render `pages` in this (child) process; write a Rendered to the results file; the exit code."""
        rendered = Rendered()
        records = _Records()
        logger = logging.getLogger("mkdocs")
        kept = [handler for handler in logger.handlers if _keeps(handler)]
        logger.handlers = [records, *kept]  # the parent prints and counts what is logged here
        code = 0
        try:
            for file in navigated:  # the navigation's titles, which every page shows
                mkdocs_build._populate_page(file.page, config, files)
            records.taken.clear()  # the parent renders these pages, and says what they log
            for file in pages:
                mkdocs_build._populate_page(file.page, config, files)
            env = config.theme.get_env()
            env = config.plugins.on_env(env, config=config, files=files)
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
            for file in pages:
                mkdocs_build._build_page(file.page, config, doc_files, nav, env,
                                         excluded=file.inclusion.is_excluded())
            for file in pages:
                page = file.page
                rendered.anchors[file.src_uri] = sorted(page.present_anchor_ids or ())
                rendered.anchor_links[file.src_uri] = {
                    target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()}
            if self.notes is not None:
                rendered.notes = self.notes.notes_of({file.src_uri for file in pages})
        except BaseException as error:  # noqa: BLE001 - reported by the parent, never lost
            rendered.error = str(error) if isinstance(error, BuildError) else \
                "".join(traceback.format_exception_only(type(error), error)).strip()
            code = 1
        rendered.records = records.taken
        try:
            assert self.results is not None
            pickle.dump(rendered, self.results, protocol=pickle.HIGHEST_PROTOCOL)
            self.results.flush()
        except BaseException:  # noqa: BLE001 - the parent reports the missing result
            code = 2
        return code


class _Records(logging.Handler):
    """Keeps what the child logs, for the parent to log again."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.taken: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.taken.append((record.name, record.levelno, record.getMessage()))


def _keeps(handler: logging.Handler) -> bool:
    """Whether the child keeps a handler of the `mkdocs` logger: not those that print or count
    (the parent does, with the records it is sent)."""
    return not isinstance(handler, logging.StreamHandler) and type(handler).__name__ != "CountHandler"


_wrapped: dict[str, Callable[..., Any]] = {}
_active: ParallelPages | None = None


def _wrap(plugin: ParallelPages) -> None:
    """Make MkDocs skip the child's pages (its two per-page functions, looked up at each call)."""
    global _active
    _active = plugin
    if _wrapped:
        return
    populate, build = mkdocs_build._populate_page, mkdocs_build._build_page
    _wrapped.update(populate=populate, build=build)

    def populate_page(page: Any, *args: Any, **kwargs: Any) -> None:
        if _active is not None and _active.skips(page):
            return
        populate(page, *args, **kwargs)

    def build_page(page: Any, *args: Any, **kwargs: Any) -> None:
        if _active is None or not _active.skips(page):
            build(page, *args, **kwargs)
        if _active is not None:
            _active.built(page)

    mkdocs_build._populate_page = populate_page  # type: ignore[assignment]
    mkdocs_build._build_page = build_page  # type: ignore[assignment]


def _unwrap() -> None:
    global _active
    _active = None
    if _wrapped:
        mkdocs_build._populate_page = _wrapped.pop("populate")  # type: ignore[assignment]
        mkdocs_build._build_page = _wrapped.pop("build")  # type: ignore[assignment]
