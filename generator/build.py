"""The pipeline, start to end: load, validate, link, render, write."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import state
from .cache import CACHE_DIR, BuildCache
from .errors import ContentError, Problem
from .link import Graph, link
from .load import Content, load_content
from .lock import ProjectLock
from .render import Page, Renderer
from .validate import validate
from .write import WriteReport, interrupted, out_of_date, write_pages

DOCS_DIR = "briefings"


@dataclass(frozen=True)
class Result:
    """What a build did, and the warnings it let through."""

    report: WriteReport
    warnings: tuple[Problem, ...]


def _load_checked(
    root: Path, strict: bool, cache: BuildCache | None = None
) -> tuple[Content, tuple[Problem, ...]]:
    content = load_content(root, cache)
    problems = validate(content)
    if problems and cache is not None and cache.hits:
        # Cached documents have no line numbers: load afresh to point at the lines.
        content = load_content(root)
        problems = validate(content)
    if any(p.severity == "error" or strict for p in problems):
        raise ContentError(problems, strict=strict)
    return content.without_marks(), tuple(problems)


@contextmanager
def _long_lived() -> Iterator[Callable[[], None]]:
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


def cache_options(drafts: bool) -> str:
    """What, besides the files, makes a build's output differ: part of the cache's key."""
    return f"drafts={drafts}"


def _releasing(pages: Iterable[Page], graph: Graph) -> Iterator[Page]:
    """`pages`, releasing each article's body once its page has been handed on."""
    articles = {article.path: article for article in graph.articles}
    for page in pages:
        yield page
        if page.path in articles:
            articles[page.path].release()


def check(root: Path, *, strict: bool = False) -> tuple[Problem, ...]:
    """Validate the content under `root`; raise ContentError on errors, return warnings."""
    return _load_checked(root, strict)[1]


def generate(root: Path, *, drafts: bool = False, strict: bool = False) -> tuple[list[Page], tuple[Problem, ...]]:
    """Every page the content under `root` renders to, after checking it."""
    with _long_lived() as settle:
        content, warnings = _load_checked(root, strict)
        settle()
        graph = link(content, drafts=drafts)
        settle()
        return Renderer().render(graph), warnings


def linked(root: Path, *, drafts: bool = False) -> Graph:
    """The checked content under `root` as a linked graph (for commands that read, not write)."""
    content, _ = _load_checked(root, False)
    return link(content, drafts=drafts)


def build(
    root: Path,
    *,
    drafts: bool = False,
    strict: bool = False,
    cached: bool = True,
    cache: BuildCache | None = None,
    adopt: bool = False,
) -> Result:
    """Generate the pages and write the changed ones into briefings/.

    With `cached` (the default), what did not change since the last build is
    taken from .briefings-cache/ instead of being loaded, linked or rendered
    again. A long-running process (an MkDocs hook under `mkdocs serve`) passes
    the same `cache` to every build, which then need not be read from disk.
    One build at a time: it holds the project's lock (generator/lock.py).
    `adopt` takes over files at generated pages' paths (after the manifest was lost).
    """
    with ProjectLock(root):
        if adopt:
            state.forget(root / CACHE_DIR)
            pages, warnings = generate(root, drafts=drafts, strict=strict)
            return Result(write_pages(root / DOCS_DIR, pages, adopt=True), warnings)
        return _build(root, drafts, strict, cached, cache)


def _build(root: Path, drafts: bool, strict: bool, cached: bool, cache: BuildCache | None) -> Result:
    docs_dir, cache_dir = root / DOCS_DIR, root / CACHE_DIR
    if not cached:
        state.forget(cache_dir)
        pages, warnings = generate(root, drafts=drafts, strict=strict)
        return Result(write_pages(docs_dir, pages), warnings)
    options = cache_options(drafts)
    inputs, saved = state.inputs(root, options), state.read(cache_dir)
    if (inputs is not None and saved is not None and saved.inputs == inputs
            and saved.outputs == state.outputs(docs_dir) and not (strict and saved.warnings)):
        return Result(WriteReport((), (), saved.pages), saved.warnings)
    state.forget(cache_dir)
    if cache is None:
        cache = BuildCache(root, options=options)
    cache.begin()
    with _long_lived() as settle:
        content, warnings = _load_checked(root, strict, cache)
        settle()
        graph = link(content, drafts=drafts, cache=cache)
        settle()
        pages = Renderer(cache, docs_dir).pages(graph)
        report = write_pages(docs_dir, _releasing(pages, graph))
        cache.save(docs_dir)
    outputs = state.outputs(docs_dir)
    if inputs is not None and outputs is not None:
        count = len(report.written) + report.unchanged
        state.save(cache_dir, state.Saved(inputs, outputs, count, warnings))
    return Result(report, warnings)


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
