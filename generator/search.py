"""Full-text search: Pagefind indexes the built site into its `pagefind/` folder.

The pages say what to index (overrides/main.html marks each page's own text
with `data-pagefind-body` and its kind; the generator marks link lists,
tables and credits `data-pagefind-ignore`, and gives an actor's name and
aliases the highest weight), so indexing is one run of the Pagefind binary
that the `pagefind-bin` wheel installs: no network, no Node.js. Pagefind
splits the index by each page's `<html lang>` (see `page_language`) and into
small chunks, so a search downloads only what its words need.

The MkDocs hook (generator/hooks.py) indexes every build before it is
published; `briefings index-search SITE` indexes a site built otherwise
(Zensical, which runs no MkDocs hooks).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from generator.errors import BriefingsError

BUNDLE = "pagefind"
"""The folder of the site that holds the index and Pagefind's search script."""


def command(site: Path) -> list[str]:
    """The Pagefind command line that indexes `site` into `site/pagefind/`."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise BriefingsError("search: Pagefind is not installed (pip install pagefind-bin, "
                             "or `make site`, which installs requirements.txt)") from None
    return [str(get_executable()), "--site", str(site), "--output-subdir", BUNDLE, "--quiet"]


def index(site: Path) -> None:
    """Index the built site in `site` for search, or raise BriefingsError saying why not."""
    if not site.is_dir():
        raise BriefingsError(f"search: {site} is not a built site")
    result = subprocess.run(command(site), capture_output=True, text=True)
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        raise BriefingsError(f"search: Pagefind could not index {site}: "
                             + (said[-1] if said else f"exit status {result.returncode}"))


def start(site: Path) -> subprocess.Popen[bytes]:
    """Index `site` in the background (the live preview): returns the running Pagefind."""
    return subprocess.Popen(command(site), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def page_language(html: str, language: object) -> str:
    """The page with `<html lang>` set to `language` (an article's own), when it is a valid tag.

    Pagefind indexes each language apart, with its own word rules, by this
    attribute. The theme's own words on the page (menus, labels) then carry the
    article's language too: the price of a per-language index.
    """
    if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
        return html
    return _HTML_LANG.sub(f'<html lang="{language}"', html, count=1)
