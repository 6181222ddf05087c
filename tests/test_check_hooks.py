"""The MkDocs hook: the same located messages under `mkdocs build` and `mkdocs serve`."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import hooks

from .conftest import REPO, mkdocs_config
from .test_check import BROKEN, broken_project
from .test_write import generated_files, pages_of, snapshot

MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def with_mkdocs(root: Path) -> Path:
    """Give a test project the repository's MkDocs settings, hook included."""
    mkdocs_config(root, drop=("nav", "extra_css"))
    assert "generator/hooks.py" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    return root


def problem_lines(case: str) -> list[str]:
    lines = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return lines[:-1]


def mkdocs_build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MKDOCS, "build"], cwd=root, capture_output=True, text=True,
                          check=False)


@pytest.mark.slow
def test_mkdocs_build_generates_pages_then_fails_on_broken_content(tmp_path: Path) -> None:
    root = with_mkdocs(broken_project(tmp_path, "unknown-actor"))
    good = (REPO / "tests" / "fixtures" / "mini" / "content" / "events"
            / "2024-03-01-port-opening.yml")
    broken_event = root / "content" / "events" / "2024-03-01-port-opening.yml"
    broken_text = broken_event.read_text(encoding="utf-8")
    broken_event.write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "briefings").mkdir()  # MkDocs checks docs_dir exists before any hook runs
    first = mkdocs_build(root)
    assert first.returncode == 0, first.stderr
    assert generated_files(root / "briefings") == pages_of(root)
    before = snapshot(root / "briefings"), snapshot(root / "site")

    broken_event.write_text(broken_text, encoding="utf-8")
    second = mkdocs_build(root)
    assert second.returncode == 1
    logged = [line.split(" -  ", 1)[1] for line in second.stderr.splitlines()
              if line.startswith("ERROR")]
    assert logged == problem_lines("unknown-actor")
    assert second.stdout.strip() == (
        "briefings: 1 error in content; nothing was written. "
        "Fix the errors above and run again.")
    assert (snapshot(root / "briefings"), snapshot(root / "site")) == before


def test_under_serve_errors_are_printed_and_the_last_pages_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = broken_project(tmp_path, "many-problems")
    config = SimpleNamespace(config_file_path=str(root / "mkdocs.yml"))
    (root / "briefings").mkdir()
    (root / "briefings" / "about.md").write_text("# About\n", encoding="utf-8")
    hooks.on_startup(command="serve", dirty=False)
    try:
        hooks.on_pre_build(config)  # returns: MkDocs goes on with the unchanged pages
    finally:
        hooks.on_startup(command="build", dirty=False)
    lines = problem_lines("many-problems")
    assert capsys.readouterr().err.splitlines() == [
        *(f"ERROR   -  {line}" for line in lines[:3]),
        f"WARNING -  {lines[3]}",
        "ERROR   -  briefings: 3 errors and 1 warning in content; nothing was written. "
        "Fix the errors above and run again. Serving the last good pages.",
    ]
    assert sorted(p.name for p in (root / "briefings").rglob("*")) == ["about.md"]


def test_hook_writes_the_pages_on_good_content(mini: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = SimpleNamespace(config_file_path=str(mini / "mkdocs.yml"))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefings"):
        hooks.on_pre_build(config)
        hooks.on_pre_build(config)
    assert generated_files(mini / "briefings") == pages_of(mini)
    messages = [r.getMessage() for r in caplog.records]
    pages = len(pages_of(mini))
    assert len(messages) == 1 and messages[0].startswith(f"briefings: {pages} page(s) written")
