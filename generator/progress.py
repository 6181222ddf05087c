"""Progress of long work: a bar on a terminal, plain lines elsewhere (CI), nothing for short work.

A build or an ingest names its steps (`step`) and counts what it goes
through (`each`). Nothing is shown for work that ends within `DELAY` seconds,
so small builds stay quiet; after that a terminal gets one line redrawn in
place, and a log (not a terminal) gets a line every `EVERY` seconds.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Iterable, Iterator, TextIO, TypeVar

T = TypeVar("T")

DELAY = 2.0
"""Seconds of work before anything is shown."""
EVERY = 5.0
"""Seconds between two plain lines when the output is not a terminal."""


class Progress:
    """Shows what a long command is doing, on `stream` (standard error by default)."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True,
                 total: int | None = None, clock=time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.total = total
        """How many items `each` is expected to go through (the pages of the last build), if known."""
        self.clock = clock
        self.start = clock()
        self.shown = False
        self._last = -EVERY
        self.terminal = bool(getattr(self.stream, "isatty", lambda: False)())

    @classmethod
    def quiet(cls) -> Progress:
        """Progress that shows nothing (library calls, tests)."""
        return cls(enabled=False)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """A step with no count ('loading'): shown once the work has been long."""
        self._show(name, None)
        yield
        self._show(name, None, done=True)

    def each(self, name: str, items: Iterable[T], total: int | None = None) -> Iterator[T]:
        """`items`, shown as counted ('rendering 1,200/22,000') while they are gone through."""
        if total is not None:
            self.total = total
        count = 0
        for item in items:
            yield item
            count += 1
            if count % 16 == 0:
                self._show(name, count)
        self._show(name, count, done=True)

    def tick(self, name: str, count: int) -> None:
        """`count` items of `name` gone through, for work counted by callbacks (MkDocs' page
        events) rather than by iterating here; the step is done when `count` reaches `total`."""
        done = self.total is not None and count >= self.total
        if count % 16 == 0 or done:
            self._show(name, count, done=done)

    def _show(self, name: str, count: int | None, done: bool = False) -> None:
        if not self.enabled:
            return
        now = self.clock()
        elapsed = now - self.start
        if elapsed < DELAY:
            return
        if not self.terminal and not done and now - self._last < EVERY:
            return
        self._last = now
        what = name if count is None else f"{name} {count:,}" + (
            f"/{self.total:,}" if self.total and count <= self.total else "")
        line = f"briefings: {what} ({elapsed:.0f} s)"
        if self.terminal:
            bar = ""
            if count is not None and self.total:
                filled = min(20, 20 * count // self.total)
                bar = "[" + "#" * filled + "-" * (20 - filled) + "] "
            self.stream.write(f"\r\x1b[2K{bar}{line}" + ("\n" if done and count is not None else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        """End the terminal's redrawn line, if one was drawn."""
        if self.enabled and self.shown and self.terminal:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
