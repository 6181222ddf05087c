"""From changed files to the pages to redo.

A page's output is a function of what it read. When none of the (file, field)
pairs a page read changed, rendering it again gives the same bytes, so it is
kept. Reads made outside any page (linking, deciding which pages exist,
grouping lists) can change anything: a change to one of those, a file added or
removed, redoes every page. An article's text counts as its field `text`: the
pages that read its paragraphs (its own page, and any that shows in which
paragraph one of its quotes is) depend on it.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..load import Document, load_file
from .record import ANY, TEXT, Read
from .store import Store, stat_key


@dataclass
class Changes:
    """What differs from the stored build, file by file."""

    reads: set[Read] = field(default_factory=set)
    """(file, field) of every field that changed, and (file, ANY) for every file that did."""
    texts: set[str] = field(default_factory=set)
    """Article text files that changed."""
    structural: list[str] = field(default_factory=list)
    """Files added or removed (or that stopped loading): the set of nodes changed."""

    def add(self, path: str, old: Any, new: Any) -> None:
        """Note the difference between the stored value `old` and the fresh `new` of `path`."""
        if old is None or new is None:
            self.structural.append(path)
        elif isinstance(new, Document) and isinstance(old, Document):
            fields = [name for name in type(new.model).model_fields
                      if getattr(old.model, name) != getattr(new.model, name)]
            self.reads.update((path, name) for name in fields)
            if fields:
                self.reads.add((path, ANY))
        elif old != new:
            self.texts.add(path)


def pages_to_redo(store: Store, changes: Changes) -> set[str] | None:
    """The pages whose inputs changed, or None for every page."""
    if changes.structural:
        return None
    reads = set(changes.reads)
    for text in changes.texts:
        reads.update((article, TEXT) for article in store.articles_of(text))
    if reads & store.shared_reads():
        return None
    return store.readers(reads) if reads else set()


def touched(root: Path, store: Store) -> set[str] | None:
    """The pages the changes since the last build would render again; None for every page.

    Answered from the store and the changed files alone: every file under
    content/ and seeds/ is looked at (its size, time and inode), and only the
    ones that differ from the store are read.
    """
    stored = store.file_keys()
    changes = Changes()
    present: set[str] = set()
    for path in _files(root):
        relative = path.relative_to(root).as_posix()
        present.add(relative)
        entry = stored.get(relative)
        if entry is not None and entry[0] == stat_key(path):
            continue
        if entry is None:
            if relative.startswith("content/"):
                changes.structural.append(relative)
            continue
        new: Any = load_file(root, path) if relative.startswith("content/") else _text(path)
        changes.add(relative, pickle.loads(entry[1]), new)
    changes.structural += sorted(stored.keys() - present)
    return pages_to_redo(store, changes)


def _files(root: Path) -> Iterable[Path]:
    """The content files and article texts under `root`."""
    yield from sorted((root / "content").glob("*/*.yml"))
    if (root / "content" / "briefing.yml").is_file():
        yield root / "content" / "briefing.yml"
    yield from (path for path in sorted((root / "seeds").rglob("*")) if path.is_file())


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
