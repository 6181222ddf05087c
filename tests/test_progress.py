"""Progress of long work: nothing for short work, a redrawn bar on a terminal, plain lines in a log."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli
from generator.progress import DELAY, EVERY, Progress


class Clock:
    """A clock the test moves: each reading advances it by `step` seconds."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_short_work_shows_nothing() -> None:
    stream = io.StringIO()
    progress = Progress(stream, clock=Clock(DELAY / 10_000))
    with progress.step("loading"):
        pass
    assert list(progress.each("rendering", range(500))) == list(range(500))
    progress.finish()
    assert stream.getvalue() == ""


def test_long_work_in_a_log_gets_plain_lines_now_and_then() -> None:
    stream = io.StringIO()
    progress = Progress(stream, clock=Clock(0.1))
    for _ in progress.each("rendering", range(3200), total=3200):
        pass
    lines = stream.getvalue().splitlines()
    assert lines[-1].startswith("briefings: rendering 3,200/3,200 (")
    assert 3 <= len(lines) <= 200 / EVERY * 2  # 200 updates 0.1 s apart: a line each EVERY seconds
    assert all(line.startswith("briefings: rendering ") and "\r" not in line for line in lines)


def test_long_work_on_a_terminal_redraws_one_bar() -> None:
    stream = Terminal()
    progress = Progress(stream, clock=Clock(1.0))
    for _ in progress.each("ingesting", range(64), total=64):
        pass
    progress.finish()
    shown = stream.getvalue()
    assert "\r\x1b[2K[####################] briefings: ingesting 64/64" in shown
    assert "[##########----------] briefings: ingesting 32/64" in shown
    assert "16/64" not in shown  # one second in: before DELAY, nothing
    assert shown.endswith("\r\x1b[2K")


def test_a_small_build_prints_only_its_summary(mini: Path, monkeypatch) -> None:
    # A small build is one that ends within DELAY; on a loaded 2-core machine the mini corpus
    # (its gazetteer asked in a child process) can take two seconds, so the test gives it more.
    from generator import progress

    monkeypatch.setattr(progress, "DELAY", 30.0)
    result = CliRunner().invoke(cli, ["build", "--root", str(mini)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Built briefings/:") and "briefings: " not in result.output


def _site_progress(stream: io.StringIO, pages: int, elsewhere: int):
    from types import SimpleNamespace

    from generator.site.progress import SiteProgress

    files = SimpleNamespace(documentation_pages=lambda inclusion: [
        SimpleNamespace(is_modified=lambda: True) for _ in range(pages + elsewhere)])
    shown = SiteProgress(lambda: elsewhere, lambda: Progress(stream, clock=Clock(1.0)))
    shown.on_nav(None, config=None, files=files)
    return shown


def test_a_long_site_build_shows_the_pages_read_then_written_in_its_process() -> None:
    stream = io.StringIO()
    shown = _site_progress(stream, pages=64, elsewhere=63)
    for _ in range(64):
        shown.on_page_content("", page=None, config=None, files=None)
    for _ in range(64):
        shown.on_post_page("", page=None, config=None)
    shown.on_post_build(config=None)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("briefings: site: reading pages ")  # this process's 64 of 127
    assert "briefings: site: reading pages 64/64 (" in stream.getvalue()
    assert lines[-1].startswith("briefings: site: writing pages 64/64 (")


def test_the_second_process_shows_nothing(monkeypatch) -> None:
    """It forked a copy of the plugin; only the build's own process speaks."""
    import os

    stream = io.StringIO()
    shown = _site_progress(stream, pages=64, elsewhere=0)
    monkeypatch.setattr(os, "getpid", lambda: -1)
    for _ in range(64):
        shown.on_page_content("", page=None, config=None, files=None)
    assert stream.getvalue() == ""
