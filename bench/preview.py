"""Live preview: run `briefings serve` on a project and time a saved change until a browser shows it.

    python -m bench.preview /tmp/corpus-1000 --runs 5

The clock starts when the YAML file is written and stops when Chromium,
reloaded by MkDocs' livereload script, shows the new text: file watching,
the generator, MkDocs' dirty rebuild and the reload all count.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
HOOK = Path(__file__).resolve().parent.parent / "generator" / "hooks.py"
SERVE_CONFIG = "mkdocs-serve.yml"
"""Settings written next to a corpus' mkdocs.yml: the same, with the generator hook."""


@dataclass
class Server:
    """A running `briefings serve`: its address and the file its output goes to."""

    url: str
    log: Path
    process: subprocess.Popen[bytes]

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def with_hook(project: Path) -> Path:
    """A config for `project` that has the generator hook (the corpus' own mkdocs.yml has none)."""
    config = project / SERVE_CONFIG
    config.write_text(f"INHERIT: mkdocs.yml\nhooks:\n  - {HOOK}\n", encoding="utf-8")
    return config


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    """Poll `url` until it answers 200; fail early if the server process has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"briefings serve exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@contextlib.contextmanager
def serving(project: Path, log: Path, *, config: Path | None = None, poll: bool = False,
            drafts: bool = False, startup_timeout: float = 900.0) -> Iterator[Server]:
    """Run `briefings serve` on `project` on a free port until the block ends.

    Stopped with SIGTERM, on which `briefings serve` shuts MkDocs down as on
    Ctrl-C (its temporary site folder is removed); killed after 20 s.
    """
    port = free_port()
    command = [str(BIN / "briefings"), "serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}"]
    if config is not None:
        command += ["--config-file", str(config)]
    if poll:
        command.insert(2, "--poll")
    if drafts:
        command.insert(2, "--drafts")
    with open(log, "wb") as output:
        process = subprocess.Popen(command, cwd=project, stdout=output, stderr=subprocess.STDOUT,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_up(url, process, startup_timeout)
        yield Server(url, log, process)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def start_seconds(project: Path, log: Path) -> float:
    """Seconds from starting `briefings serve` on `project` until it answers (then it is stopped)."""
    start = time.perf_counter()
    with serving(project, log, config=with_hook(project)):
        return time.perf_counter() - start


def set_summary(actor_file: Path, summary: str) -> None:
    """Replace the `summary:` line of an actor's YAML file (the synthetic corpus has one line)."""
    text = actor_file.read_text(encoding="utf-8")
    new, count = re.subn(r"^summary: .*$", f'summary: "{summary}"', text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise ValueError(f"{actor_file}: no one-line `summary:` to edit")
    actor_file.write_text(new, encoding="utf-8")


def change_visible_seconds(project: Path, log: Path, runs: int = 5, *, poll: bool = False) -> list[float]:
    """Seconds from saving an actor's summary until Chromium shows it, `runs` times.

    Opens the actor's page once; every run writes a new summary and waits,
    without reloading the page itself, for livereload to show it.
    """
    from playwright.sync_api import sync_playwright

    actor = sorted((project / "content" / "actors").glob("*.yml"))[len(list(
        (project / "content" / "actors").glob("*.yml"))) // 2]
    seconds = []
    with serving(project, log, config=with_hook(project), poll=poll) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(f"{server.url}actors/{actor.stem}/", wait_until="load")
        for run in range(runs):
            time.sleep(1.0)  # let the page's livereload poll settle; not timed
            marker = f"Preview check {run} {time.time_ns()}"
            start = time.perf_counter()
            set_summary(actor, marker)
            page.get_by_text(marker, exact=True).first.wait_for(timeout=60_000)
            seconds.append(time.perf_counter() - start)
        browser.close()
    return seconds


def summary_line(seconds: list[float]) -> str:
    return (f"median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s over "
            f"{len(seconds)} runs ({', '.join(f'{s:.2f}' for s in seconds)})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="A project made by `python -m bench.corpus`.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--poll", action="store_true", help="Serve with `--poll` (MkDocs' polling).")
    arguments = parser.parse_args(argv)
    log = arguments.project / "serve.log"
    print(summary_line(change_visible_seconds(arguments.project.resolve(), log, arguments.runs,
                                            poll=arguments.poll)))
    print(f"Server output: {log}")


if __name__ == "__main__":
    main()
