"""`briefings check`: every kind of bad input gets its exact, located message.

Each folder in tests/fixtures/broken/ is laid over a copy of the mini corpus
and holds `expected.txt`: the exact report `briefings check` must print.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

from .conftest import FIXTURES, REPO

BROKEN = FIXTURES / "broken"
CASES = sorted(path.name for path in BROKEN.iterdir() if path.is_dir())


def broken_project(tmp_path: Path, case: str) -> Path:
    """The mini corpus with the files of `case` laid over it."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(BROKEN / case, root, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("expected.txt"))
    return root


def run_check(root: Path, *extra: str):
    return CliRunner().invoke(cli, ["check", "--root", str(root), *extra])


def test_every_case_has_an_expected_report() -> None:
    assert CASES, "no broken fixtures found"
    assert [c for c in CASES if not (BROKEN / c / "expected.txt").is_file()] == []


@pytest.mark.parametrize("case", CASES)
def test_broken_content_reports_exact_located_messages(tmp_path: Path, case: str) -> None:
    root = broken_project(tmp_path, case)
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    result = run_check(root)
    assert result.stderr == expected
    has_errors = expected.endswith("nothing was written. Fix the errors above and run again.\n")
    assert result.exit_code == (1 if has_errors else 0)



def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    root = broken_project(tmp_path, "ignored-file")
    assert run_check(root).exit_code == 0
    result = run_check(root, "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/actor/atlantis.yml:1:1: ignored: content is read only from "
        "content/briefing.yml and *.yml files in content/actors/, content/events/, "
        "content/articles/, content/outlets/",
        "1 error in content; nothing was written. Fix the errors above and run again.",
    ]


def test_build_runs_the_same_check_and_writes_nothing(tmp_path: Path) -> None:
    root = broken_project(tmp_path, "many-problems")
    (root / "briefings").mkdir()
    (root / "briefings" / "about.md").write_text("# About\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--root", str(root)])
    assert result.exit_code == 1
    assert result.stderr == (BROKEN / "many-problems" / "expected.txt").read_text(encoding="utf-8")
    assert sorted(p.name for p in (root / "briefings").rglob("*")) == ["about.md"]


def test_bundled_content_passes_check() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--strict"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == ("Content is valid.\nPlaces: 11 events placed by the gazetteer, 0 not placed; "
                             "`briefings check --places` lists them.\n")


def test_a_misquote_in_a_long_article_shows_the_paragraph_that_prints_the_words(seed_project: Path) -> None:
    article = seed_project / "content" / "articles" / "the-korea-herald-2023-10-20-kim-reaffirms-ties-with-russia-envoy.yml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("We reiterate the same position on the issue, again",
                                    "We reiterate the same position on this issue again"), encoding="utf-8")
    result = run_check(seed_project)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"content/articles/{article.name}:38:5: quotes[1].text: not found in seeds/001_96fd2f50b58f619b.txt; "
        'nearest passage in ¶8: "We reiterate the same position on the issue, again": '
        "copy the words exactly as the article prints them"
    )
