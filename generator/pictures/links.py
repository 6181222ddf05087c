"""Links inside the pictures' raw HTML, as MkDocs and Zensical both serve them.

A picture is raw HTML in the Markdown (an inline <svg> with <a href> and <image href>). The
two site builders treat relative URLs in raw HTML differently: Zensical reads them as relative
to the Markdown file, like a Markdown link, and rewrites them for the built page (with
directory URLs `events/x.md` is served at `events/x/`, one folder deeper); MkDocs leaves raw
HTML as it is. So the generator writes every URL of a picture relative to the Markdown file
(`source_href`), and under MkDocs the hook rewrites the URLs inside the pictures
(`<figure class="briefings-picture ...">`) to the built page (`built_urls`), as Zensical does.
"""

from __future__ import annotations

import functools
import posixpath
import re

from ..paths import url

PICTURE = re.compile(r'<figure class="briefings-picture[ "].*?</figure>', re.S)
_HREF = re.compile(r'(\shref=")([^"#:/?][^":]*?)?(#[^"]*)?"')


def source_href(here: str, target: str) -> str:
    """The URL of page or file `target` (a path under briefings/) relative to the Markdown file
    `here`; a page's URL is its folder (`events/x.md` -> `.../events/x/`)."""
    return _source_href(posixpath.dirname(here), url(target) if target.endswith(".md") else target)


@functools.lru_cache(maxsize=1 << 12)
def _source_href(folder: str, address: str) -> str:
    relative = posixpath.relpath(address or ".", folder or ".")
    if address.endswith("/") or address == "":
        return "./" if relative == "." else relative + "/"
    return relative


def built_urls(html: str, source: str, page_url: str) -> str:
    """`html` with the relative URLs of its pictures made relative to the built page at
    `page_url` ('' for the home page, 'events/x/'), from the Markdown file `source`."""
    if 'class="briefings-picture' not in html:
        return html
    folder = posixpath.dirname(source)
    here = page_url.split("#")[0]
    if not here.endswith("/"):
        here = posixpath.dirname(here)

    def rewrite(match: re.Match[str]) -> str:
        start, path, anchor = match.group(1), match.group(2), match.group(3) or ""
        if not path:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, path))
        relative = posixpath.relpath(target, here.rstrip("/") or ".")
        if path.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return f'{start}{relative}{anchor}"'

    return PICTURE.sub(lambda figure: _HREF.sub(rewrite, figure.group(0)), html)
