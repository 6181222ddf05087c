"""One build at a time per project: a lock that names who holds it.

Everything that writes briefings/, the build cache or site/ (`briefings
build`, `mkdocs build` and every rebuild of `mkdocs serve` through the hook)
holds an exclusive `fcntl.flock` on `.briefings.lock` in the project root
while it works. The operating system releases the lock when its holder
exits, however it exits (a kill included), so a lock is never left behind.

A second build waits for the first, at most `BRIEFINGS_LOCK_TIMEOUT` seconds
(120 by default), and then refuses with a message naming the holder (its
process id, command and start time, which the holder writes into the lock
file). Waiting, rather than refusing at once, is what a curator wants when
`make site` starts while `briefings serve` is rebuilding for a second; the
bound keeps a forgotten build from hanging the next one forever.

The lock is reentrant within a thread: the MkDocs hook holds it for a whole
`mkdocs build` and the build of briefings/ it runs takes it again.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from .errors import BriefingsError

LOCK_FILE = ".briefings.lock"
"""In the project root; holds the holder's pid, command and start time."""
TIMEOUT_VARIABLE = "BRIEFINGS_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 120.0
_POLL = 0.1

_held: dict[tuple[str, int], "_Held"] = {}
"""(lock file, thread) -> the open lock and how many times it was taken."""


class LockedError(BriefingsError):
    """Another build holds the project's lock."""


@dataclass
class _Held:
    descriptor: int
    depth: int


def _timeout() -> float:
    value = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    try:
        return max(0.0, float(value)) if value else DEFAULT_TIMEOUT
    except ValueError:
        raise BriefingsError(
            f"{TIMEOUT_VARIABLE}={value!r}: set it to a number of seconds to wait for another build"
        ) from None


def _command() -> str:
    """The command line of this process, short enough for a message."""
    words = [os.path.basename(sys.argv[0]) if sys.argv else "python", *sys.argv[1:]]
    text = " ".join(words)
    return text if len(text) <= 120 else text[:117] + "..."


def describe_holder(path: Path) -> str:
    """'pid 123 (`briefings build`, since 2024-05-01 10:00:00)', from the lock file."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        return f"pid {int(holder['pid'])} (`{holder['command']}`, since {holder['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another process (it has not said which yet)"


class ProjectLock:
    """The lock of the project at `root`: `with ProjectLock(root): ...`, or acquire() and release()."""

    def __init__(self, root: Path, *, timeout: float | None = None, reading: bool = False) -> None:
        self.path = Path(os.path.abspath(root)) / LOCK_FILE
        self.timeout = timeout
        self.reading = reading
        """Taken only to wait for a running build (`build --check`): where the user may not
        create the lock file, this user's builds cannot write either, so it goes on without."""

    @property
    def _key(self) -> tuple[str, int]:
        return str(self.path), threading.get_ident()

    def acquire(self) -> None:
        """Take the lock, waiting a bounded time; raise LockedError naming the holder."""
        held = _held.get(self._key)
        if held is not None:
            held.depth += 1
            return
        descriptor = self._open()
        if descriptor is None:  # read-only: nobody can write here, so nobody need wait
            return
        try:
            self._wait(descriptor)
            _announce(descriptor)
        except BaseException:
            os.close(descriptor)
            raise
        _held[self._key] = _Held(descriptor, 1)

    def release(self) -> None:
        held = _held.get(self._key)
        if held is None:
            return
        held.depth -= 1
        if held.depth == 0:
            del _held[self._key]
            os.close(held.descriptor)  # closing the file releases the flock

    def _open(self) -> int | None:
        """The lock file, opened without following a link planted in its place."""
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as error:
            if error.errno == errno.EROFS or (self.reading and error.errno in (errno.EACCES, errno.EPERM)):
                return None
            if error.errno == errno.ELOOP:
                raise BriefingsError(
                    f"{self.path.name} is a symbolic link: remove it (builds recreate it) and run again"
                ) from None
            raise BriefingsError(
                f"{self.path}: cannot create the build lock ({error.strerror}): "
                "make the project folder writable and run again"
            ) from None

    def _wait(self, descriptor: int) -> None:
        timeout = _timeout() if self.timeout is None else self.timeout
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            if time.monotonic() >= deadline:
                raise LockedError(
                    f"another build is running in this project: {describe_holder(self.path)}; "
                    f"waited {timeout:g} s. Nothing was written. Run again when it has finished "
                    f"(or stop it); {TIMEOUT_VARIABLE}=SECONDS waits longer"
                )
            if not told:
                print(f"briefings: waiting for the build of {describe_holder(self.path)} to finish...",
                      file=sys.stderr, flush=True)
                told = True
            time.sleep(_POLL)

    def __enter__(self) -> "ProjectLock":
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.release()


def _announce(descriptor: int) -> None:
    """Write who holds the lock into the lock file, for the messages of those who wait."""
    since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
    body = json.dumps({"pid": os.getpid(), "command": _command(), "since": since}).encode("utf-8")
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, body + b"\n", 0)
    except OSError:
        pass  # a full disk: the lock holds all the same, the message says less
