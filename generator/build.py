"""The pipeline, start to end: load, validate, link, render, write.

`build()` is the table of contents; each step is one call to the module that
does it. The incremental layer (generator/incremental/) wraps the steps from
the outside and is the only thing here that knows about the previous build.
"""

from __future__ import annotations

import gc
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import incremental
from .errors import ContentError, Problem
from .incremental import Incremental, skip
from .link import Graph, link
from .load import Content, load_content
from .lock import ProjectLock
from .page import Page
from .progress import Progress
from .render import Renderer
from .validate import validate
from .write import WriteReport, interrupted, out_of_date, write_pages

DOCS_DIR = "briefings"
CACHE_DIR = incremental.CACHE_DIR


@dataclass(frozen=True)
class Result:
    """What a build did, and the warnings it let through."""

    report: WriteReport
    warnings: tuple[Problem, ...]


# --- the steps ----------------------------------------------------------------------


def load_checked(root: Path, strict: bool) -> tuple[Content, tuple[Problem, ...]]:
    """The content under `root`, validated; raise ContentError on errors, return the warnings."""
    content = load_content(root)
    return checked(content, validate(content), strict)


def checked(content: Content, problems: list[Problem], strict: bool) -> tuple[Content, tuple[Problem, ...]]:
    """Raise ContentError for `problems` that fail the build; else the content without marks."""
    if any(p.severity == "error" or strict for p in problems):
        raise ContentError(problems, strict=strict)
    return content.without_marks(), tuple(problems)


def render(graph: Graph) -> Iterable[Page]:
    """Every page of the graph, rendered one by one (a build writes each before the next)."""
    return Renderer().pages(graph)


def releasing(pages: Iterable[Page], graph: Graph) -> Iterator[Page]:
    """`pages`, releasing each article's body once its page has been handed on."""
    articles = {article.path: article for article in graph.articles}
    for page in pages:
        yield page
        if page.path in articles:
            articles[page.path].release()


@contextmanager
def long_lived() -> Iterator[Callable[[], None]]:
    """Keep Python's cyclic garbage collector off the graph a build makes.

    A build holds millions of objects (models, nodes, parsed paragraphs)
    until it ends, and the collector would walk them again and again as they
    grow: a third of a build's time at 10,000 articles. The caller calls the
    function this yields after each stage, which freezes what exists by then
    (it is only freed at the end); the collector's usual state is back
    afterwards, for long-running processes such as `mkdocs serve`.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


# --- the commands ---------------------------------------------------------------------


def check(root: Path, *, strict: bool = False) -> tuple[Problem, ...]:
    """Validate the content under `root`; raise ContentError on errors, return warnings."""
    return load_checked(root, strict)[1]


def generate(root: Path, *, drafts: bool = False, strict: bool = False) -> tuple[list[Page], tuple[Problem, ...]]:
    """Every page the content under `root` renders to, after checking it."""
    with long_lived() as settle:
        content, warnings = load_checked(root, strict)
        settle()
        graph = link(content, drafts=drafts)
        settle()
        return Renderer().render(graph), warnings


def linked(root: Path, *, drafts: bool = False) -> Graph:
    """The checked content under `root` as a linked graph (for commands that read, not write)."""
    content, _ = load_checked(root, False)
    return link(content, drafts=drafts)


def build(
    root: Path,
    *,
    drafts: bool = False,
    strict: bool = False,
    cached: bool = True,
    layer: Incremental | None = None,
    adopt: bool = False,
    progress: Progress | None = None,
) -> Result:
    """Check the content under `root`, render its pages and write the changed ones into briefings/.

    With `cached` (the default) the incremental layer makes it cheap: nothing
    runs when no file changed, unchanged files are not parsed again, and only
    pages whose inputs changed are rendered. A long-running process (an MkDocs
    hook under `mkdocs serve`) passes the same `layer` to every build. One build
    at a time: it holds the project's lock (generator/lock.py). `adopt` takes
    over files at generated pages' paths (after the manifest was lost).
    """
    progress = progress or Progress.quiet()
    with ProjectLock(root):
        docs_dir, cache_dir = root / DOCS_DIR, root / CACHE_DIR
        if not cached or adopt:
            skip.forget(cache_dir)
            _drop_store(root, layer)
            pages, warnings = generate(root, drafts=drafts, strict=strict)
            return Result(write_pages(docs_dir, progress.each("writing", pages), adopt=adopt), warnings)
        options = cache_options(drafts)
        inputs, saved = skip.inputs(root, options), skip.read(cache_dir)
        if skip.unchanged(inputs, saved, docs_dir, strict):
            return Result(WriteReport((), (), saved.pages), saved.warnings)  # type: ignore[union-attr]
        skip.forget(cache_dir)
        progress.total = saved.pages if saved is not None else None
        result = _incremental_build(root, drafts, strict, layer, progress)
        skip.remember(cache_dir, inputs, docs_dir, result.report, result.warnings)
        return result


def _incremental_build(root: Path, drafts: bool, strict: bool, layer: Incremental | None,
                       progress: Progress) -> Result:
    """The pipeline with the incremental layer around it."""
    docs_dir = root / DOCS_DIR
    own = layer is None
    try:
        layer = layer or Incremental(root, cache_options(drafts))
    except (OSError, sqlite3.Error):  # a read-only or full disk: the store only saves time
        pages, warnings = generate(root, drafts=drafts, strict=strict)
        return Result(write_pages(docs_dir, progress.each("writing", pages)), warnings)
    layer.begin()
    try:
        with long_lived() as settle:
            with progress.step("loading"):
                content, warnings = _load_through(layer, root, strict)
            settle()
            with progress.step("linking"):
                graph = link(layer.watch(content), drafts=drafts)
                layer.watch_texts(graph, content)
            settle()
            pages = layer.pages(Renderer().jobs(graph), docs_dir)
            report = write_pages(docs_dir, releasing(progress.each("rendering", pages), graph))
            layer.save(docs_dir, report.removed)
        return Result(report, warnings)
    finally:
        if own:
            layer.close()


def _load_through(layer: Incremental, root: Path, strict: bool) -> tuple[Content, tuple[Problem, ...]]:
    """Load through the layer; with a problem, load afresh so that its message points at
    a line (stored files carry no line marks)."""
    content = load_content(root, layer.load)
    problems = validate(content, layer.settled(content))
    if problems and layer.reused:
        content = load_content(root)
        problems = validate(content)
    return checked(content, problems, strict)


def _drop_store(root: Path, layer: Incremental | None) -> None:
    """A build without the layer leaves no store behind that could describe other pages."""
    if layer is not None:
        layer.forget()
    else:
        incremental.store_path(root).unlink(missing_ok=True)


def cache_options(drafts: bool) -> str:
    """What, besides the files, makes a build's output differ: part of the store's key."""
    return f"drafts={drafts}"


def touched(root: Path, *, drafts: bool = False) -> list[str] | None:
    """The pages the next build would render again, from the store and the changed files alone
    (the corpus is not loaded); None when it would render them all."""
    return incremental.touched(root, cache_options(drafts))


def stale_pages(root: Path, *, drafts: bool = False) -> list[str]:
    """Pages in briefings/ that differ from what the content generates.

    Writes nothing; waits for a build that is running, so as not to judge its half-written pages.
    """
    with ProjectLock(root, reading=True):
        pages, _ = generate(root, drafts=drafts)
        return out_of_date(root / DOCS_DIR, pages)


def unfinished(root: Path) -> str | None:
    """`briefings/.journal` or `briefings/.staging` when a build was interrupted there; else None."""
    name = interrupted(root / DOCS_DIR)
    return f"{DOCS_DIR}/{name}" if name else None
