"""The names a build leaves in briefings/, and the list of the pages it wrote.

Read by the writer, the skip check, the cross-file checks and the MkDocs hook;
it imports nothing of the pipeline, so that reading the list never loads the renderer.
"""

from __future__ import annotations

from pathlib import Path

MANIFEST = ".generated"
"""File in briefings/ listing the pages the generator owns (dot files are not pages)."""
STAGING = ".staging"
"""Folder in briefings/ where a build puts the new pages before the commit."""
JOURNAL = ".journal"
"""The commit record of a build: the renames and removals still to apply."""


def is_page_path(path: str) -> bool:
    """True for a relative path such as `actors/kim-jong-un.md`, inside the folder."""
    return (
        bool(path)
        and "\\" not in path
        and all(part and not part.startswith(".") for part in path.split("/"))
    )


def read_manifest(docs_dir: Path) -> set[str]:
    """Paths of the pages a previous build wrote (unsafe lines are ignored)."""
    try:
        text = (docs_dir / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    return {line for line in text.splitlines() if not line.startswith("#") and is_page_path(line)}
