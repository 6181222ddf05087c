"""Write rendered pages into briefings/ without losing anything.

- Only pages whose bytes change are written, so unchanged pages keep their
  modification time and a rebuild with no change writes nothing.
- A manifest lists the pages the generator wrote; a page it wrote earlier
  and no longer renders is removed, and a file it did not write (a
  hand-written "About" page) is never overwritten or removed.
- Each file is replaced atomically, new pages are written before the pages
  that link to them, and stale pages are removed last, so the folder holds
  a linkable site at every moment of a build.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .errors import BriefingsError
from .render import Page

MANIFEST = ".generated"
"""File in briefings/ listing the pages the generator owns (dot files are not pages)."""


class OverwriteError(BriefingsError):
    """A page would replace a file the generator did not write."""


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


def read_manifest(docs_dir: Path) -> set[str]:
    """Paths of the pages a previous build wrote."""
    try:
        text = (docs_dir / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    return {line for line in text.splitlines() if line and not line.startswith("#")}


def plan(docs_dir: Path, pages: Sequence[Page]) -> tuple[list[Page], list[Page], list[str]]:
    """(new pages, changed pages, stale paths) that a write would touch."""
    owned = read_manifest(docs_dir)
    new, changed = [], []
    for page in pages:
        if page.kept:  # known current from the build cache
            continue
        target = docs_dir / page.path
        try:
            current = target.read_bytes()
        except FileNotFoundError:
            new.append(page)
            continue
        if current == page.text.encode("utf-8"):
            continue
        if page.path not in owned:
            raise OverwriteError(
                f"{docs_dir.name}/{page.path} exists and was not written by briefings: "
                "move or rename it, or rename what generates this page"
            )
        changed.append(page)
    stale = sorted(owned - {page.path for page in pages})
    return new, changed, stale


def write_pages(docs_dir: Path, pages: list[Page]) -> WriteReport:
    """Bring `docs_dir` in line with `pages`, touching only what differs."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    new, changed, stale = plan(docs_dir, pages)
    for page in [*new, *changed]:
        _atomic_write(docs_dir / page.path, page.text)
    for path in stale:
        _remove(docs_dir, path)
    manifest = "".join(f"{page.path}\n" for page in pages)
    manifest_path = docs_dir / MANIFEST
    if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != manifest:
        _atomic_write(manifest_path, manifest)
    written = tuple(sorted(page.path for page in [*new, *changed]))
    return WriteReport(written, tuple(stale), len(pages) - len(written))


def out_of_date(docs_dir: Path, pages: list[Page]) -> list[str]:
    """Pages that differ from, are missing in, or linger in `docs_dir`; empty when current."""
    new, changed, stale = plan(docs_dir, pages)
    return sorted([page.path for page in [*new, *changed]] + stale)


def _atomic_write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove(docs_dir: Path, path: str) -> None:
    target = docs_dir / path
    target.unlink(missing_ok=True)
    parent = target.parent
    while parent != docs_dir and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
