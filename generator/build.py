"""The pipeline, start to end: load, validate, link, render, write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cache import BuildCache
from .errors import ContentError, Problem
from .link import Graph, link
from .load import Content, load_content
from .render import Page, Renderer
from .validate import validate
from .write import WriteReport, out_of_date, write_pages

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
    return content, tuple(problems)


def check(root: Path, *, strict: bool = False) -> tuple[Problem, ...]:
    """Validate the content under `root`; raise ContentError on errors, return warnings."""
    return _load_checked(root, strict)[1]


def generate(root: Path, *, drafts: bool = False, strict: bool = False) -> tuple[list[Page], tuple[Problem, ...]]:
    """Every page the content under `root` renders to, after checking it."""
    content, warnings = _load_checked(root, strict)
    return Renderer().render(link(content, drafts=drafts)), warnings


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
) -> Result:
    """Generate the pages and write the changed ones into briefings/.

    With `cached` (the default), what did not change since the last build is
    taken from .briefings-cache/ instead of being loaded, linked or rendered
    again. A long-running process (an MkDocs hook under `mkdocs serve`) passes
    the same `cache` to every build, which then need not be read from disk.
    """
    if not cached:
        pages, warnings = generate(root, drafts=drafts, strict=strict)
        return Result(write_pages(root / DOCS_DIR, pages), warnings)
    if cache is None:
        cache = BuildCache(root, options=f"drafts={drafts}")
    cache.begin()
    content, warnings = _load_checked(root, strict, cache)
    graph = link(content, drafts=drafts, cache=cache)
    pages = Renderer(cache, root / DOCS_DIR).render(graph)
    report = write_pages(root / DOCS_DIR, pages)
    cache.save()
    return Result(report, warnings)


def stale_pages(root: Path, *, drafts: bool = False) -> list[str]:
    """Pages in briefings/ that differ from what the content generates."""
    pages, _ = generate(root, drafts=drafts)
    return out_of_date(root / DOCS_DIR, pages)
