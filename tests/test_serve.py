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
from generator.manifest import read_manifest

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


def test_a_watched_file_is_still_watched_after_an_editor_replaces_it(tmp_path: Path) -> None:
    """Saves by rename (write a new file, move it over the old) keep being noticed; siblings are not."""
    import os
    import threading

    import watchdog.events

    from generator.hooks import _ChangeObserver

    watched, sibling = tmp_path / "about.md", tmp_path / "index.md"
    watched.write_text("one\n", encoding="utf-8")
    seen: list[tuple[str, str, str]] = []
    arrived = threading.Event()

    def record(event: watchdog.events.FileSystemEvent) -> None:
        seen.append((type(event).__name__, os.fsdecode(event.src_path), os.fsdecode(event.dest_path)))
        arrived.set()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = record  # type: ignore[method-assign]
    observer = _ChangeObserver()
    observer.schedule(handler, str(watched))
    observer.start()
    try:
        def saved(action) -> bool:
            seen.clear()
            arrived.clear()
            action()
            return arrived.wait(timeout=30)

        replacement = tmp_path / "about.md.part"
        assert saved(lambda: (replacement.write_text("two\n", encoding="utf-8"),
                              os.replace(replacement, watched)))
        assert saved(lambda: watched.write_text("three\n", encoding="utf-8"))
        seen.clear()
        sibling.write_text("generated\n", encoding="utf-8")
        watched.write_text("four\n", encoding="utf-8")  # events arrive in order: this one last
        deadline = time.monotonic() + 30
        while ("FileClosedEvent", str(watched), "") not in seen and time.monotonic() < deadline:
            time.sleep(0.05)
        watched.read_text(encoding="utf-8")  # reading is no change
        time.sleep(0.5)  # a read event would be dispatched by now; its absence is what is checked
    finally:
        observer.stop()
        observer.join()
    assert ("FileClosedEvent", str(watched), "") in seen
    assert all(str(sibling) not in (src, dest) for _, src, dest in seen)
    assert all(name not in ("FileOpenedEvent", "FileClosedNoWriteEvent") for name, _, _ in seen)


@pytest.mark.slow
def test_a_generator_crash_is_shown_and_the_server_keeps_answering(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in the generator during `briefings serve` (issue 13: a request hung for 11 minutes)."""
    from tests.conftest import REPO, copy_mini_project

    project = copy_mini_project(tmp_path / "mini")
    marker = tmp_path / "fail-now"
    monkeypatch.setenv("PYTHONPATH", str(REPO / "tests" / "hostile" / "faults"))
    monkeypatch.setenv("BRIEFINGS_TEST_FAULT", str(marker))
    actor = project / "content" / "actors" / "ana-lima.yml"
    with serving(project, tmp_path / "serve.log", startup_timeout=300) as server:
        url = f"{server.url}actors/ana-lima/"
        assert "the last change could not be built" not in fetch(url)
        marker.touch()
        actor.write_text(actor.read_text(encoding="utf-8") + "summary: Never shown.\n", encoding="utf-8")
        output = wait_for_output(server, "Serving the last good pages.")
        assert ("ERROR   -  the generator failed (ValueError: Exceeds the limit (4300 digits) for integer "
                "string conversion); this is a bug in briefings: please report it with the file you last "
                "changed") in output
        assert "Traceback" not in output
        html = fetch(url)  # answered, not held until the next good build
        assert '<div role="alert"' in html and "the generator failed (ValueError" in html
        assert "Never shown" not in html
        marker.unlink()
        actor.write_text(actor.read_text(encoding="utf-8").replace("Never shown", "Shown again"),
                         encoding="utf-8")
        deadline = time.monotonic() + 90
        while "Shown again" not in (html := fetch(url)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Shown again" in html and '<div role="alert"' not in html
        assert server.process.poll() is None
