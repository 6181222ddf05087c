"""Where files really are, symbolic links followed, for the checks that keep
the generator inside the project."""

from __future__ import annotations

import os


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
