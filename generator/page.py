"""A page to write: the value the renderer hands to the writer."""

from __future__ import annotations

import functools
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator


class Measuring:
    """Whether the pipeline is reading to decide how a list is cut (see `measuring`)."""

    now = False
    known: dict[str, dict[int, tuple[object, int]]] = {}
    """Sizes found while measuring, by function and id of the thing measured: see `sized_once`."""


@contextmanager
def measuring() -> Iterator[None]:
    """Reads made inside decide how a list is cut into pages (generator/paginate.py).

    Every page those reads decide names the decision as its job's `basis`, so
    what the reads decide is known page by page: whoever records the reads of
    the pipeline may leave out the ones made inside, and make the decision
    again once, recorded, for the pages that name it.
    """
    before, Measuring.now = Measuring.now, True
    try:
        yield
    finally:
        Measuring.now = before


def sized_once(size: Callable[[Any], int]) -> Callable[[Any], int]:
    """`size`, its answers kept while measuring: one entry shows in many lists, measured once.

    Nothing is recorded while measuring, so a kept answer hides no read; outside
    (a page's basis made again to be recorded) `size` runs afresh and reads what
    it reads. `forget_sizes()` drops what was kept, at the start of each build.
    """
    name = size.__qualname__

    def remembered(thing: Any) -> int:
        if not Measuring.now:
            return size(thing)
        sizes = Measuring.known.get(name)
        if sizes is None:
            sizes = Measuring.known[name] = {}
        known = sizes.get(id(thing))
        if known is None or known[0] is not thing:
            known = sizes[id(thing)] = (thing, size(thing))
        return known[1]

    return functools.wraps(size)(remembered)


def forget_sizes() -> None:
    Measuring.known = {}


@dataclass(frozen=True)
class Page:
    """A page to write: its path under briefings/ and its Markdown."""

    path: str
    text: str
    kept: bool = False
    """Not rendered: whoever made the page knows the file on disk is what it would render
    (the incremental layer, for a page none of whose inputs changed)."""


@dataclass(frozen=True)
class PageJob:
    """A page decided but not yet rendered: its path, and how to make its text.

    The renderer decides which pages exist, and their contexts, before it
    renders any; rendering is the costly part, done by `render()`.
    """

    path: str
    make: Callable[[], str]
    basis: Callable[[], object] | None = None
    """What decided this page's entries and links besides the order and dates of the corpus
    (a list cut by an estimate of its entries' bytes). The pages of one list share one
    basis; rendering does not call it (the incremental layer does, to learn what it reads)."""

    def render(self) -> Page:
        return Page(self.path, self.make())
