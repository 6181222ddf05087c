"""Write rendered pages into briefings/ without losing anything.

What a build may touch
    Only pages whose bytes change are written, so unchanged pages keep their
    bytes and modification time and a rebuild with no change writes nothing.
    The manifest `briefings/.generated` lists the pages the generator wrote;
    a page it wrote earlier and no longer renders is removed, and a file it
    did not write (a hand-written "About" page) is never overwritten or
    removed. Manifest lines that are not plain relative page paths are
    ignored, so an edited manifest cannot make a build delete anything
    outside briefings/. Two pages with one path are refused before anything
    is written.

Why per-file atomic renames are not enough
    Replacing each file atomically keeps every file whole, but not the set of
    files: a changed event page may link to a paragraph anchor that exists
    only in the new version of an article page. Killed between the two
    renames, the folder holds a link to a missing anchor. The folder as a
    whole has to move from the old pages to the new ones in one step.

The design: stage, commit a journal, roll forward
    1. Stage. Every new or changed page, and the new manifest, is written
       and flushed to disk under `briefings/.staging/` (a dot folder, which MkDocs
       does not publish), at its final relative path. The live pages are
       untouched; a build killed here leaves the old site whole.
    2. Commit. The list of renames and removals is written to
       `.journal.tmp`, fsynced and renamed to `.journal`. That rename is
       the single commit point of the build.
    3. Apply. Each staged file is renamed over its page, stale pages are
       removed, then `.staging/` and `.journal` are deleted.

    Every build (`briefings build`, and the MkDocs hook before `mkdocs build`
    and each rebuild of `mkdocs serve`) first calls `recover()`: with a
    `.journal` present it replays it (each step is idempotent: a staged file
    already moved is skipped, a removal of a missing file is a no-op), so an
    interrupted build is completed to the new pages; with only `.staging/`
    present it deletes it, leaving the old pages. Either way readers see the
    old site or the new one, never a mix that breaks links, as soon as a
    build reads the folder. `briefings build --check` writes nothing, so it
    does not recover: it reports an interrupted build (`interrupted()`) as
    out of date, and the next build finishes it.

Failures
    Builds exclude each other (generator/lock.py), so nobody else touches
    `.staging/` while a build runs; a staged file gone all the same is
    reported, not skipped. The operating system refusing a write (read-only
    folder, full disk) before the commit discards the staging folder and
    leaves the old pages; after it, the journal is kept and the next build
    finishes the switch. Either way the message says which.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .errors import BriefingsError
from .failures import failure
from .manifest import JOURNAL, MANIFEST, STAGING, is_page_path, read_manifest
from .page import Page
from .paths import RealPaths

class OverwriteError(BriefingsError):
    """A page would replace a file the generator did not write."""


class DuplicatePathError(BriefingsError):
    """Two pages would be written to one path."""


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int

    def __str__(self) -> str:
        return (
            f"{len(self.written)} page(s) written, {len(self.removed)} removed, "
            f"{self.unchanged} unchanged"
        )


def plan(docs_dir: Path, pages: Sequence[Page]) -> tuple[list[Page], list[Page], list[str]]:
    """(new pages, changed pages, stale paths) that a write would touch."""
    _refuse_duplicates(pages)
    owned = _Owned(docs_dir)
    real = RealPaths()
    new, changed = [], []
    for page in pages:
        if page.kept:  # known current from the build cache
            continue
        data = page.text.encode("utf-8")
        current = _current(docs_dir, page.path, data, owned, real)
        if current is not True:
            (new if current is None else changed).append(page)
    owned.refuse_foreign()
    return new, changed, _stale(docs_dir, owned.paths, {page.path for page in pages}, real)


class _Owned:
    """The pages the generator may overwrite, and the files it found in their way."""

    def __init__(self, docs_dir: Path, adopt: bool = False) -> None:
        self.docs_dir = docs_dir
        self.paths = read_manifest(docs_dir)
        self.adopt = adopt
        """Take over every file at a page's path (`briefings build --adopt`)."""
        self.foreign: list[str] = []

    def claim(self, path: str) -> bool:
        """Whether the file at `path` may be replaced; remembers it if not."""
        if path in self.paths or self.adopt:
            return True
        self.foreign.append(path)
        return False

    def refuse_foreign(self) -> None:
        """Raise OverwriteError naming the files in the way, if any."""
        if not self.foreign:
            return
        name = self.docs_dir.name
        shown = [f"{name}/{path}" for path in sorted(self.foreign)[:_LISTED]]
        if len(self.foreign) > _LISTED:
            shown.append(f"and {len(self.foreign) - _LISTED} more")
        if len(self.foreign) == 1:
            message = (f"{shown[0]} exists and was not written by briefings: "
                       "move or rename it, or rename what generates this page")
        else:
            message = (f"{', '.join(shown)} exist and were not written by briefings: "
                       "move or rename them, or rename what generates these pages")
        if not (self.docs_dir / MANIFEST).exists():
            message += (
                f". {name}/{MANIFEST}, the list of the pages briefings wrote, is missing: if these "
                f"pages were generated, restore it (`git checkout {name}/{MANIFEST}`) or run "
                "`briefings build --adopt`, which takes over every file at a generated page's path"
            )
        raise OverwriteError(message)


_LISTED = 5
"""How many files in the way a message names."""


def _current(
    docs_dir: Path, path: str, data: bytes, owned: _Owned, real: RealPaths
) -> bool | None:
    """True if the page on disk holds `data`, False if it differs, None if there is none.

    A differing file that the generator did not write is recorded in `owned`
    (and reported as True, to be left alone).
    """
    try:
        with open(_inside(docs_dir, path, real), "rb") as stream:
            if stream.read() == data:
                return True
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        pass
    return False if owned.claim(path) else True


def _stale(docs_dir: Path, owned: set[str], paths: set[str], real: RealPaths) -> list[str]:
    """Pages an earlier build wrote that are not among `paths` any more."""
    return sorted(path for path in owned - paths if os.path.isfile(_inside(docs_dir, path, real)))


class OutsideError(BriefingsError):
    """A page's path leads out of the docs folder (through a symlink)."""


def _inside(docs_dir: Path, path: str, real: RealPaths | None = None) -> str:
    """`docs_dir`/`path`, refused if a symlink on the way leads out of `docs_dir`."""
    real = real or RealPaths()
    target = os.path.join(docs_dir, path)
    home = real(docs_dir)
    if not real(target).startswith(home.rstrip(os.sep) + os.sep):
        raise OutsideError(
            f"{docs_dir.name}/{path} leads outside {docs_dir.name}/ through a symbolic link: "
            "remove the link and build again"
        )
    return target


def _refuse_duplicates(pages: Sequence[Page], earlier: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """Refuse paths outside the folder, and paths given twice (here or among `earlier`)."""
    for page in pages:
        if not is_page_path(page.path):
            raise BriefingsError(f"refusing to write {page.path!r}: not a path inside briefings/")
    counts = Counter(p.path for p in pages)
    twice = sorted(path for path, count in counts.items() if count > 1 or path in earlier)
    if twice:
        raise DuplicatePathError(
            f"two things would write {', '.join(twice)}: rename one of them"
        )


def write_pages(docs_dir: Path, pages: Iterable[Page], *, adopt: bool = False) -> WriteReport:
    """Bring `docs_dir` in line with `pages`, touching only what differs, all or nothing.

    `pages` may be a generator: each page is compared and, if it differs,
    staged as it comes, so a build never holds all its pages at once. With
    `adopt`, files at the paths of pages that the manifest does not list are
    taken over instead of refused (after the manifest was lost).
    """
    root = docs_dir.parent
    try:
        docs_dir.mkdir(parents=True, exist_ok=True)
        recover(docs_dir)
    except OSError as error:
        raise failure(error, root, f"{docs_dir.name}/ was not changed") from None
    owned = _Owned(docs_dir, adopt)
    real = RealPaths()
    paths: set[str] = set()
    written: list[str] = []
    staging = _Staging(docs_dir / STAGING)
    try:
        for page in pages:
            _refuse_duplicates([page], paths)
            paths.add(page.path)
            if page.kept:  # known current from the build cache
                continue
            data = page.text.encode("utf-8")
            if _current(docs_dir, page.path, data, owned, real) is not True:
                staging.add(page.path, data)
                written.append(page.path)
        owned.refuse_foreign()
        manifest = "".join(f"{path}\n" for path in sorted(paths))
        if _read_text(docs_dir / MANIFEST) != manifest:
            staging.add(MANIFEST, manifest.encode("utf-8"))
        stale = _stale(docs_dir, owned.paths, paths, real)
        if staging.files or stale:
            staging.flush()
            _commit(docs_dir, sorted(staging.files), stale)
    except OSError as error:
        if not _committed(docs_dir):
            staging.discard()
            raise failure(error, root, f"{docs_dir.name}/ was not changed") from None
        raise _unfinished(error, root) from None
    except BaseException:
        if not _committed(docs_dir):  # after the commit, the journal finishes the switch
            staging.discard()
        raise
    try:
        recover(docs_dir)
    except OSError as error:
        raise _unfinished(error, root) from None
    _verify(docs_dir, written)
    return WriteReport(tuple(sorted(written)), tuple(stale), len(paths) - len(written))


def _committed(docs_dir: Path) -> bool:
    return (docs_dir / JOURNAL).is_file()


def _unfinished(error: OSError, root: Path) -> BriefingsError:
    return failure(error, root, "the new pages are committed but not all in place: "
                   "fix that and run `briefings build` again to finish the switch")


def _verify(docs_dir: Path, written: list[str]) -> None:
    """Refuse to report success when a page this build wrote is not on disk."""
    lost = [path for path in written if not os.path.isfile(docs_dir / path)]
    if lost:
        raise BriefingsError(
            f"{docs_dir.name}/{lost[0]} (and {len(lost) - 1} more page(s)) vanished while the build "
            f"wrote them (another program removed {docs_dir.name}/{STAGING}/?): "
            "run `briefings build` again"
        )


def interrupted(docs_dir: Path) -> str | None:
    """What is left of an interrupted build in `docs_dir` (that the next build deals with), or None."""
    for name in (JOURNAL, STAGING):
        if (docs_dir / name).exists():
            return name
    return None


def out_of_date(docs_dir: Path, pages: Sequence[Page]) -> list[str]:
    """Pages that differ from, are missing in, or linger in `docs_dir`; empty when current.

    Reads only: an interrupted build is not finished here, so its pages may
    show as out of date (cli.py says so, and that `briefings build` finishes it).
    """
    new, changed, stale = plan(docs_dir, pages)
    return sorted([page.path for page in [*new, *changed]] + stale)


def recover(docs_dir: Path) -> bool:
    """Finish or undo a build that was interrupted; True if there was one.

    A committed journal is rolled forward (the new pages); staged files
    without a journal are discarded (the old pages).
    """
    journal_path = docs_dir / JOURNAL
    staging = docs_dir / STAGING
    if journal_path.is_file():
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
        _apply(docs_dir, journal)
        shutil.rmtree(staging, ignore_errors=True)
        journal_path.unlink()
        return True
    (docs_dir / (JOURNAL + ".tmp")).unlink(missing_ok=True)
    if staging.exists():
        shutil.rmtree(staging)
        return True
    return False


class _Staging:
    """The folder where a build puts its new pages before the commit."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: list[str] = []
        self._made: set[str] = set()

    def add(self, path: str, data: bytes) -> None:
        parent = os.path.dirname(path)
        if parent not in self._made:
            os.makedirs(os.path.join(self.folder, parent), exist_ok=True)
            self._made.add(parent)
        with open(os.path.join(self.folder, path), "wb") as stream:
            stream.write(data)
        self.files.append(path)

    def flush(self) -> None:
        """Put every staged file on disk at once: one sync instead of an fsync per page."""
        if hasattr(os, "sync"):
            os.sync()

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _commit(docs_dir: Path, replace: list[str], remove: list[str]) -> None:
    """Make the staged build durable: after this rename it will be completed."""
    body = json.dumps({"replace": replace, "remove": remove}, indent=1, sort_keys=True)
    temporary = docs_dir / (JOURNAL + ".tmp")
    _write_synced(temporary, body.encode("utf-8"))
    os.replace(temporary, docs_dir / JOURNAL)
    _sync_dir(docs_dir)


def _apply(docs_dir: Path, journal: dict) -> None:
    staging = docs_dir / STAGING
    made: set[str] = set()
    for path in journal["replace"]:
        if path != MANIFEST and not is_page_path(path):
            continue
        source = os.path.join(staging, path)
        if os.path.isfile(source):
            parent = os.path.dirname(path)
            if parent not in made:
                os.makedirs(os.path.join(docs_dir, parent), exist_ok=True)
                made.add(parent)
            os.replace(source, os.path.join(docs_dir, path))
    for path in journal["remove"]:
        if is_page_path(path):
            _remove(docs_dir, path)


def _write_synced(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _sync_dir(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _remove(docs_dir: Path, path: str) -> None:
    target = docs_dir / path
    target.unlink(missing_ok=True)
    parent = target.parent
    while parent != docs_dir and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
