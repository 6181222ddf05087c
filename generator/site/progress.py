"""How far `mkdocs build` is in its pages, shown as the generator shows its own steps.

MkDocs says nothing between "Building documentation" and "Documentation
built", which at 10,000 articles is minutes. This plugin object (installed by
the hook under `build`) counts the pages it reads and converts, then the
pages it writes, with generator/progress.py: a bar on a terminal, a plain line
every few seconds in a log, nothing for a build that ends within two seconds.
Under the two-process build (parallel.py) it counts this process's pages
(the split is logged when it is made).
"""

from __future__ import annotations

import os
from typing import Any, Callable

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

from ..progress import Progress

NAME = "briefings/progress"
"""The plugin's name among MkDocs' plugins (it changes no page's HTML)."""


class SiteProgress:
    """Counts the pages MkDocs reads and writes in this process (see module doc)."""

    def __init__(self, elsewhere: Callable[[], int] = lambda: 0,
                 make: Callable[[], Progress] = Progress) -> None:
        self.elsewhere = elsewhere
        """How many of the pages to render another process renders (asked once the split is made)."""
        self.make = make
        self.progress: Progress | None = None
        self.pid = 0
        self.read = self.written = 0

    @event_priority(-200)  # after the two-process build has split the pages
    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        pages = sum(1 for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
                    if file.is_modified())
        self.progress = self.make()
        self.progress.total = pages - self.elsewhere()
        self.pid, self.read, self.written = os.getpid(), 0, 0
        return nav

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        if self._here():
            self.read += 1
            self.progress.tick("site: reading pages", self.read)  # type: ignore[union-attr]
        return html

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if self._here():
            self.written += 1
            self.progress.tick("site: writing pages", self.written)  # type: ignore[union-attr]
        return output

    def on_post_build(self, *, config: Any) -> None:
        self._end()

    def on_build_error(self, *, error: Exception) -> None:
        self._end()

    def _here(self) -> bool:
        """Whether this is the build's own process (not the second one, which forked a copy)."""
        return self.progress is not None and os.getpid() == self.pid

    def _end(self) -> None:
        if self._here():
            self.progress.finish()  # type: ignore[union-attr]
        self.progress = None
