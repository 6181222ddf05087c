"""An article's page in its own language: `<html lang>` set after MkDocs rendered it.

A module of its own because it changes every page's HTML after rendering: its code is
in the environment digest of the incremental site (generator/site/manifest.py), which
includes this whole package, so an edit here renders every page again, and an edit
to the search indexer does not.
"""

from __future__ import annotations

import re

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
