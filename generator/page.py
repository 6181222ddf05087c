"""A page to write: the value the renderer hands to the writer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


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

    def render(self) -> Page:
        return Page(self.path, self.make())
