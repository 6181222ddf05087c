"""Under `mkdocs serve`: a save that only rewrote existing pages re-renders those pages alone.

MkDocs' server rebuilds the whole site after every save: it loads the
configuration again, lists every file of docs_dir, makes the navigation, checks
every page's links to anchors and writes the sitemap, around rendering the few
pages the save changed (the incremental build, incremental.py, renders no
more). At 10,000 articles (24,656 pages) that frame is about 4 s of each save.

`QuickRebuild` is a plugin object the hook installs under `serve`. It keeps the
configuration, file list, navigation and template environment of the last full
build that succeeded. When a save only rewrote pages that build had (none added
or removed, none whose title names it in the navigation), and only content/ or
seeds/ changed since, the hook asks it to render just those pages, with MkDocs'
own per-page functions, into the served folder: the same HTML a full build
writes (tests/test_serve.py compares them). Anything else (a page added or
removed, a hand-written page, mkdocs.yml or the theme changed, a failed build)
makes the rebuild a full one, as MkDocs does it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import mkdocs.commands.build as mkdocs_build
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

NAME = "briefings/preview"
"""The plugin's name among MkDocs' plugins under `serve` (it changes no page's HTML)."""


@dataclass(frozen=True)
class _Built:
    """What MkDocs made of the site in the last full build: enough to render one page again."""

    config: Any
    files: Files
    nav: Any
    env: Any


class QuickRebuild:
    """The plugin object behind quick rebuilds (see module doc); one per server."""

    def __init__(self) -> None:
        self.built: _Built | None = None
        self._nav: Any = None
        self._env: Any = None
        self._files: Files | None = None

    # -- MkDocs events, in a full build ---------------------------------------------------------

    def begin(self) -> None:
        """A full build starts (the hook calls this from on_config): until it succeeds, only a
        full build is sound."""
        self.built = None
        self._nav = self._env = self._files = None

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        self._nav, self._files = nav, files
        return nav

    @event_priority(-100)  # the environment as every other plugin left it
    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        self._env = env
        return env

    @event_priority(-100)
    def on_post_build(self, *, config: Any) -> None:
        if self._files is not None and self._nav is not None and self._env is not None:
            self.built = _Built(config, self._files, self._nav, self._env)
        self._nav = self._env = self._files = None

    def on_build_error(self, *, error: Exception) -> None:
        self.built = None

    # -- a quick rebuild ------------------------------------------------------------------------

    def pages(self, written: Sequence[str], removed: Sequence[str]) -> list[Any] | None:
        """The pages of the last full build to render again for pages `written` of docs_dir
        (`actors/x.md`); None when only a full build is sound."""
        built = self.built
        if built is None or removed:
            return None
        navigated = {id(page) for page in built.nav.pages}
        pages = []
        for path in written:
            file = built.files.src_uris.get(path)
            if file is None or file.page is None or not file.is_documentation_page():
                return None  # a page added: the file list and the sitemap change
            if id(file.page) in navigated and "title" not in file.page.__dict__:
                return None  # named by its own heading in every page's navigation
            pages.append(file.page)
        return pages

    def render(self, pages: Sequence[Any]) -> list[str]:
        """Render `pages` (from `pages()`) into the served folder; their output paths."""
        built = self.built
        assert built is not None
        try:
            for page in pages:
                mkdocs_build._populate_page(page, built.config, built.files)
            doc_files = built.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            for page in pages:
                mkdocs_build._build_page(page, built.config, doc_files, built.nav, built.env,
                                         excluded=page.file.inclusion.is_excluded())
            for page in pages:  # their links to anchors, as a full build checks them (links to
                # anchors in these pages from pages not rendered again wait for a full rebuild)
                page.validate_anchor_links(files=built.files, log_level=built.config.validation.links.anchors)
        except Exception:
            self.built = None  # the next rebuild is a full one, which reports the problem as usual
            raise
        return [page.file.dest_uri for page in pages]
