"""Failures of the operating system (a read-only folder, a full disk) as messages a curator acts on.

An `OSError` says what failed in the words of C; a curator needs the file,
what is wrong in plain words and what to do. `describe()` gives that line;
callers add what the failure did, or did not do, to briefings/ and site/.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import BriefingsError

_ADVICE = {
    errno.EROFS: "read-only file system: make it writable (or build in a writable copy of the project)",
    errno.ENOSPC: "no space left on the device: free some space",
    errno.EDQUOT: "disk quota exceeded: free some space",
    errno.EACCES: "permission denied: make it writable for the user who builds",
    errno.EPERM: "operation not permitted: make it writable for the user who builds",
    errno.ENAMETOOLONG: "file name too long for the file system: shorten the id or tag it comes from",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n)",
}


class SystemFailure(BriefingsError):
    """The operating system refused a read or write; nothing a curator wrote is at fault."""


def describe(error: OSError, root: Path | None = None) -> str:
    """'briefings/x.md: no space left on the device: free some space', the path relative to `root`."""
    where = error.filename if error.filename is not None else ""
    if where and root is not None:
        try:
            where = os.path.relpath(os.fsdecode(where), root)
        except ValueError:
            where = os.fsdecode(where)
    advice = _ADVICE.get(error.errno or 0, error.strerror or str(error))
    return f"{where}: {advice}" if where else advice


def failure(error: OSError, root: Path | None, outcome: str) -> SystemFailure:
    """A SystemFailure saying what failed, what to do, and `outcome` (what became of the files)."""
    return SystemFailure(f"{describe(error, root)}; {outcome}")
