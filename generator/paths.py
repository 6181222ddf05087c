"""Paths: where files really are (symbolic links followed, for the checks that
keep the generator inside the project), and the one place that names pages."""

from __future__ import annotations

import functools
import hashlib
import os
import re


class RealPaths:
    """`os.path.realpath`, with each folder resolved once per use of the object.

    A build checks tens of thousands of files that share a handful of
    folders; resolving every path anew, link by link, is most of the cost of
    those checks. Use one object per load or write: folders may change
    between builds.
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str | os.PathLike[str]) -> str:
        path = os.fspath(path)
        if os.path.islink(path) or ".." in path.split(os.sep):
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        if folder not in self._folders:
            self._folders[folder] = os.path.realpath(folder)
        return os.path.join(self._folders[folder], name)


def outside_project(root: str | os.PathLike[str], name: str) -> str | None:
    """The problem with the project folder `name` (content, seeds) if a link takes it out of `root`.

    Every file check compares real paths with the real path of its folder;
    a folder that is itself a link outside the project (`seeds -> /proc/self`)
    would make anything inside it look "inside". None when the folder is
    inside the project (links within it are fine) or absent.
    """
    home = os.path.realpath(root)
    folder = os.path.join(home, name)
    real = os.path.realpath(folder)
    if real == home or real.startswith(home.rstrip(os.sep) + os.sep):
        return None
    return (f"{name}/ is a link to {real}, outside the project: make {name}/ a folder inside "
            "the project (or a link to one) and run again")


RESERVED_STEMS = frozenset({"index"})
"""Page names a folder's own list page takes: with directory URLs `tags/index.md`
and `tags.md` are both `tags/index.html`, and `actors/index.md` is the list of actors."""
MAX_STEM = 120
"""The longest page name kept as it is: file names stop at 255 bytes, and MkDocs
makes a folder of each page (`tags/<name>/index.html`)."""


def page_path(folder: str, name: str) -> str:
    """`folder/<stem>.md`, the page of the id or tag `name`: safe, unique and stable.

    An id or plain tag (`kim-jong-un`, `Military exercise`) keeps its slug
    as page name. A name that is reserved (`index`), too long, or loses
    something in its slug (`C++`, `北朝鮮`, `U.S.`) gets a short digest of the
    name appended (`index-3f2a9c1e`), so two such names never share a page
    and the name's page does not move when other names come and go.
    """
    return f"{folder}/{page_stem(name)}.md"


@functools.lru_cache(maxsize=1 << 16)
def page_stem(name: str) -> str:
    """The page name of `name` (see page_path); asked for every link, so remembered."""
    spoken = " ".join(name.casefold().split())
    slug = re.sub(r"[^a-z0-9]+", "-", spoken).strip("-")
    if slug and slug == re.sub(r"[ _-]+", "-", spoken) and slug not in RESERVED_STEMS \
            and len(slug) <= MAX_STEM:
        return slug
    digest = hashlib.blake2b(spoken.encode("utf-8"), digest_size=4).hexdigest()
    return f"{slug[:MAX_STEM].rstrip('-') or 'tag'}-{digest}"
