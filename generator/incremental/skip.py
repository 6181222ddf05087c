"""Skip a build that would change nothing, after looking only at file metadata.

A build reads content/ and seeds/ and writes briefings/. When no file in
any of them was added, removed or modified since the last build that
succeeded (same size, modification time and inode), and neither the
generator nor the build options changed, and the pages in briefings/ are
the ones that build wrote, the pages on disk are exactly what a build would
write. `inputs()` and `outputs()` digest that metadata; a build compares them
with the ones it saved and, when they match, reports the saved warnings
again and writes nothing, without loading or rendering anything.

Anything unusual makes a digest None and the build then runs in full: a
leftover journal or staging folder, a page of the manifest that is missing,
a file that cannot be read.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from ..write import WriteReport
from ..manifest import JOURNAL, MANIFEST, STAGING, read_manifest

STATE_FILE = "state.json"
"""In .briefings-cache/: the snapshot of the last successful build and its warnings."""

_PACKAGE = Path(__file__).resolve().parent.parent


@functools.cache
def generator_version() -> str:
    """A digest of the generator's source and templates: any change makes a new build necessary.

    Computed once per process (the build cache and the skip check both ask):
    the code a process runs is the code it loaded.
    """
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted([*_PACKAGE.rglob("*.py"), *_PACKAGE.glob("templates/*.j2")]):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _stat_tree(folder: Path, digest: hashlib._Hash, prefix: str) -> None:
    """Add the path and (size, mtime, inode) of every file under `folder`, in sorted order."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except FileNotFoundError:
        digest.update(f"{prefix}: none\n".encode())
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _stat_tree(Path(entry.path), digest, f"{prefix}{entry.name}/")
            continue
        if entry.is_dir():  # a link to a folder: its files' changes would not show here
            raise OSError(f"{entry.path} links to a folder")
        info = entry.stat()  # follows a link: the file it points to is what a build reads
        digest.update(f"{prefix}{entry.name} {info.st_size} {info.st_mtime_ns} {info.st_ino}\n".encode())


def inputs(root: Path, options: str) -> str | None:
    """The digest of everything a build reads, taken before it reads anything; None if unreadable."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{generator_version()}\n{options}\n".encode())
    try:
        for folder in ("content", "seeds"):
            _stat_tree(root / folder, digest, f"{folder}/")
    except OSError:
        return None
    return digest.hexdigest()


def outputs(docs_dir: Path) -> str | None:
    """The digest of the pages a build wrote, or None when they are not all there, whole."""
    if (docs_dir / JOURNAL).exists() or (docs_dir / STAGING).exists():
        return None
    digest = hashlib.blake2b(digest_size=20)
    try:
        digest.update((docs_dir / MANIFEST).read_bytes())
        docs = os.fspath(docs_dir) + os.sep  # a string, not a Path per page
        for page in sorted(read_manifest(docs_dir)):
            info = os.stat(docs + page)
            digest.update(f"{page} {info.st_size} {info.st_mtime_ns} {info.st_ino}\n".encode())
    except OSError:
        return None
    return digest.hexdigest()


@dataclass(frozen=True)
class Saved:
    """What the last successful build left: the digests, its page count and warnings."""

    inputs: str
    """`inputs()` taken before that build read anything: a file changed while
    it ran makes the next build run in full."""
    outputs: str
    """`outputs()` taken after that build wrote its pages."""
    pages: int
    warnings: tuple[Problem, ...]


def read(cache_dir: Path) -> Saved | None:
    try:
        data = json.loads((cache_dir / STATE_FILE).read_text(encoding="utf-8"))
        return Saved(data["inputs"], data["outputs"], int(data["pages"]),
                     tuple(Problem(**fields) for fields in data["warnings"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(cache_dir: Path, saved: Saved) -> None:
    """Write the state atomically; losing it only costs one full build."""
    body = {
        "inputs": saved.inputs,
        "outputs": saved.outputs,
        "pages": saved.pages,
        "warnings": [
            {"path": p.path, "line": p.line, "column": p.column, "message": p.message,
             "severity": p.severity}
            for p in saved.warnings
        ],
    }
    temporary = cache_dir / (STATE_FILE + ".part")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(body, indent=1), encoding="utf-8")
        os.replace(temporary, cache_dir / STATE_FILE)
    except OSError:  # read-only or full: the next build only runs in full
        _unlink_quietly(temporary)
        _unlink_quietly(cache_dir / STATE_FILE)


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def forget(cache_dir: Path) -> None:
    """Drop the saved state: the next build runs in full."""
    _unlink_quietly(cache_dir / STATE_FILE)


def unchanged(inputs: str | None, saved: Saved | None, docs_dir: Path, strict: bool) -> bool:
    """Whether the last build saw exactly these inputs and left the pages now on disk
    (and, under `strict`, had no warnings): then a build would write nothing."""
    return (inputs is not None and saved is not None and saved.inputs == inputs
            and saved.outputs == outputs(docs_dir) and not (strict and saved.warnings))


def remember(cache_dir: Path, inputs: str | None, docs_dir: Path, report: WriteReport,
             warnings: tuple[Problem, ...]) -> None:
    """Save the state of a build that succeeded, for the next one's skip check."""
    done = outputs(docs_dir)
    if inputs is not None and done is not None:
        count = len(report.written) + report.unchanged
        save(cache_dir, Saved(inputs, done, count, warnings))
