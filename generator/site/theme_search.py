"""The theme's search plugin, kept for its header button only.

Material shows the header's search button, and with it the search box of
overrides/partials/search.html that Pagefind answers (generator/search.py),
only while its search plugin is configured and enabled. The plugin's own
work is an index of every page's text (search/search_index.json) that
nothing on the site loads: it parses every page's HTML a second time, about
a sixth of a clean build. `index_nothing` unhooks that work. (The plugin
would also take `data-search-*="…"` attributes out of the pages: the marks
the generator writes have no value, so it never matched them.)
"""

from __future__ import annotations

from typing import Any

SEARCH_PLUGINS = ("search", "material/search")
"""The names the theme's search plugin goes by in mkdocs.yml's `plugins`."""


def index_nothing(config: Any) -> None:
    """Unhook the search plugins' indexing of pages and writing of their index from MkDocs' events."""
    for name in SEARCH_PLUGINS:
        plugin = config.plugins.get(name)
        if plugin is None:
            continue
        for event in ("page_context", "post_build"):
            method = getattr(plugin, f"on_{event}", None)
            handlers = config.plugins.events.get(event, [])
            if method is not None and method in handlers:
                handlers.remove(method)
