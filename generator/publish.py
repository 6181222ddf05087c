"""Publish site/ in one step: a killed `mkdocs build` leaves the previous site whole.

MkDocs empties site/ and then writes page after page into it; killed half
way, site/ holds half a site (or nothing) until the next build. The MkDocs
hook (generator/hooks.py) points MkDocs at a sibling folder instead,
`.site.building/`, and when the build has succeeded swaps it with site/:

- where Linux offers it, with one `renameat2(RENAME_EXCHANGE)`: readers
  (a web server, rsync) see the old folder or the new one, never none;
- elsewhere, with two renames, site/ -> `.site.previous/` and
  `.site.building/` -> site/: killed between them, there is no site/ for
  an instant, and the next build puts `.site.previous/` back first.

A build that fails, is interrupted or, with `--strict`, warns, leaves site/
as it was; its `.site.building/` is removed then or by the next build (which
holds the project's lock, so it is never another build's folder). The old
site after a swap is kept as `.site.spare/`: an incremental build (`--dirty`)
starts from it instead of an empty folder, since making a folder per page
anew is most of its time, and makes it what a clean build writes. Folders to
drop (a failed build's, a spare no build wants) are renamed
`.site.discarded-*` and removed by a background `rm -rf`, so that a build
does not wait for tens of thousands of folders to go.
MkDocs keeps hidden files in site/ (a `.git` folder of a deployment, say):
they are linked (or copied) into the new folder before the swap. A site/ that
is a link to another folder stays a link: the swap happens beside its target.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import subprocess
import time
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class Publication:
    """One publication of the site folder `site`: begin(), build into the folder it gives, commit()."""

    def __init__(self, site: Path) -> None:
        # site/ linked elsewhere (a web server's folder): publish there, keep the link
        self.site = site.resolve() if site.is_symlink() else site
        self.building = site.parent / f".{site.name}.building"
        self.previous = site.parent / f".{site.name}.previous"
        self.discarded = f".{site.name}.discarded-"
        """Name prefix of old sites being removed in the background, beside site/."""
        self.spare = site.parent / f".{site.name}.spare"
        """The site replaced by the last swap, kept for the next incremental build to start
        from: its folders (one per page) are the costly part of a site to make anew."""

    def begin(self, reuse: bool = False) -> Path:
        """The folder to build into, after tidying what an interrupted build left: empty, or
        with `reuse` the site before the current one (the builder then makes it what a clean
        build writes: generator/site/incremental.py)."""
        self.recover()
        for leftover in sorted(self.building.parent.glob(f"{self.discarded}*")):
            _remove_in_background(leftover)  # its removal was cut short: once more
        self._discard(self.building)
        if reuse and self.spare.is_dir() and not self.spare.is_symlink():
            os.rename(self.spare, self.building)
            return self.building
        self._discard(self.spare)
        self.building.mkdir(parents=True)
        return self.building

    def recover(self) -> None:
        """Put back the previous site if a swap was interrupted; drop its leftovers."""
        if self.previous.exists():
            if not self.site.exists():
                os.replace(self.previous, self.site)
            else:
                _remove(self.previous)

    def commit(self) -> None:
        """Make the built folder the site, in one step where the system allows it."""
        if self.site.is_dir() and not self.site.is_symlink():
            _keep_hidden(self.site, self.building)
            if _exchange(self.building, self.site):
                self._discard(self.spare)
                os.rename(self.building, self.spare)  # now the old site
                return
            os.replace(self.site, self.previous)
        elif self.site.exists() or self.site.is_symlink():
            self.site.unlink()
        os.replace(self.building, self.site)
        _remove(self.previous)

    def abandon(self) -> None:
        """Drop the built folder: site/ stays as it was."""
        self._discard(self.building)

    def _discard(self, folder: Path) -> None:
        """Move `folder` out of the way at once and remove it in the background.

        An old site holds a folder per page: removing tens of thousands of
        them would be most of an incremental build's time. A removal cut
        short is finished by the next build's begin().
        """
        if not folder.exists() and not folder.is_symlink():
            return
        if folder.is_symlink() or folder.is_file():
            folder.unlink()
            return
        trash = folder.parent / f"{self.discarded}{os.getpid()}-{time.monotonic_ns()}"
        os.rename(folder, trash)
        _remove_in_background(trash)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                       _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # a file system that cannot swap
        return False
    raise OSError(code, os.strerror(code), os.fspath(second))


NOT_CARRIED = (".briefings-site.json.gz",)
"""Hidden files that describe one build of the site (generator/site/manifest.py): never carried over."""


def _keep_hidden(old: Path, new: Path) -> None:
    """Hidden entries of the old site (MkDocs never removes them) into the new one."""
    for entry in sorted(os.listdir(old)):
        if not entry.startswith(".") or entry in NOT_CARRIED or (new / entry).exists():
            continue
        source, target = old / entry, new / entry
        if source.is_dir() and not source.is_symlink():
            shutil.copytree(source, target, symlinks=True, copy_function=link_or_copy)
        else:
            link_or_copy(source, target)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link to `source` at `target` (a link stays a link); a copy where linking fails.
    A file already at `target` raises FileExistsError: it may be another site's, not to write through."""
    if os.path.islink(source):
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        shutil.copy2(source, target)


def _remove_in_background(path: Path) -> None:
    """`rm -rf path` in a process of its own, which outlives this one; here and now without `rm`."""
    try:
        subprocess.Popen(["rm", "-rf", "--", os.fspath(path)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        _remove(path)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
