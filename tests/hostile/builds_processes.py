"""Processes for the build tests: a lock holder, `briefings` and `mkdocs` as a curator runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..conftest import REPO

BIN = Path(sys.executable).parent


def environment(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO), **extra}
    env.pop("BRIEFINGS_DRAFTS", None)
    return env


def run(project: Path, *command: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """`briefings ...` or `mkdocs ...` in `project`, as a curator runs it."""
    return subprocess.run([str(BIN / command[0]), *command[1:]], cwd=project, env=environment(**extra),
                          capture_output=True, text=True, timeout=600)


def start(project: Path, *command: str, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([str(BIN / command[0]), *command[1:]], cwd=project,
                            env=environment(**extra), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


HOLDER = """
import sys
from pathlib import Path
from generator.lock import ProjectLock
with ProjectLock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


@contextmanager
def lock_held(project: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the project's build lock until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(project)], env=environment(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield holder
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
