"""`briefings serve`: a saved change reaches the browser; a content error keeps the last good site.

The server runs as a curator runs it, a `briefings serve` process on a free
port, in front of Chromium. Every wait polls for what it expects with a
generous time limit: nothing here is timed (the benchmark times it).
"""

from __future__ import annotations

import re
import time
import urllib.request
from pathlib import Path

import pytest

from bench.preview import serving
from generator import build as pipeline
from generator.hooks import hand_written
from generator.write import read_manifest

ACTOR = "choe-son-hui"
WAIT_MS = 90_000


def set_summary(project: Path, summary: str, *, kind: str = "person") -> Path:
    """Rewrite the actor's summary (and kind) in place, as an editor saves it."""
    path = project / "content" / "actors" / f"{ACTOR}.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^summary: .*$", f"summary: {summary}", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^kind: .*$", f"kind: {kind}", text, count=1, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    return path


def wait_for_output(server, text: str, timeout: float = 90.0) -> str:
    """The server's output once it contains `text`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        output = server.output()
        if text in output:
            return output
        assert server.process.poll() is None, f"the server stopped:\n{output}"
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not in the server's output:\n{server.output()}")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=90) as answer:
        return answer.read().decode("utf-8")


@pytest.mark.slow
def test_preview_shows_saves_and_survives_a_content_error(seed_project: Path, tmp_path: Path,
                                                          browser) -> None:
    log = tmp_path / "serve.log"
    with serving(seed_project, log, startup_timeout=300) as server:
        url = f"{server.url}actors/{ACTOR}/"
        page = browser.new_page()
        try:
            page.goto(url, wait_until="load")

            set_summary(seed_project, "Saved once, shown by the preview.")
            page.get_by_text("Saved once, shown by the preview.").wait_for(timeout=WAIT_MS)

            broken = set_summary(seed_project, "Never shown, this save is broken.", kind="planet")
            line = next(number for number, text in enumerate(
                broken.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("kind:"))
            output = wait_for_output(server, "Serving the last good pages.")
            assert f"ERROR   -  content/actors/{ACTOR}.yml:{line}:1: kind: 'planet' is not allowed" in output
            # The request waits for the rebuild the broken save started: this is its result.
            html = fetch(url)
            assert "Saved once, shown by the preview." in html
            assert "Never shown" not in html
            assert server.process.poll() is None

            set_summary(seed_project, "Fixed, and shown again.")
            page.get_by_text("Fixed, and shown again.").wait_for(timeout=WAIT_MS)
        finally:
            page.close()
    assert server.process.returncode == 0, server.output()  # stopped cleanly on SIGTERM


def test_only_hand_written_files_of_briefings_are_watched(seed_project: Path) -> None:
    docs = seed_project / "briefings"
    (docs / "actors" / "notes.md").parent.mkdir(exist_ok=True)
    pipeline.build(seed_project)
    (docs / "actors" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    assert "actors/choe-son-hui.md" in read_manifest(docs)
    assert sorted(p.relative_to(docs).as_posix() for p in hand_written(docs)) == [
        "about.md", "actors/notes.md", "assets"]
