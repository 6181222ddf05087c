"""Draft articles in the site: `briefings serve --drafts` and `make site DRAFTS=1`.

`mkdocs build` and `mkdocs serve` regenerate briefings/ through the hook
(generator/hooks.py) before each build; the hook builds draft articles too
only when the environment variable BRIEFINGS_DRAFTS is 1, which both
switches set. Otherwise the next build would drop what `briefings build
--drafts` wrote.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.preview import serving
from generator.hooks import DRAFTS_VARIABLE

from .conftest import REPO, copy_mini_project, write_tree

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
DRAFT = "daily-2024-03-05-port-draft"


def project_with_a_draft(tmp_path: Path) -> Path:
    """The mini corpus as a site project, with one article still marked `status: draft`."""
    root = copy_mini_project(tmp_path / "mini")
    return write_tree(root, {
        f"content/articles/{DRAFT}.yml": """
            title: Port draws its first ships
            text: seeds/port.txt
            outlet: daily-wire-service
            published: 2024-03-05
            status: draft
            """,
    })


def mkdocs_build(root: Path, drafts: str | None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` with BRIEFINGS_DRAFTS set to `drafts`, or unset."""
    env = {key: value for key, value in os.environ.items() if key != DRAFTS_VARIABLE}
    if drafts is not None:
        env[DRAFTS_VARIABLE] = drafts
    return subprocess.run([MKDOCS, "build", "--strict", "--quiet"], cwd=root, env=env,
                          capture_output=True, text=True, check=False)


def test_the_site_has_draft_pages_only_when_asked(tmp_path: Path) -> None:
    root = project_with_a_draft(tmp_path)
    page = root / "site" / "articles" / DRAFT / "index.html"

    without = mkdocs_build(root, None)
    assert without.returncode == 0, without.stderr
    assert not page.exists()
    with_drafts = mkdocs_build(root, "1")
    assert with_drafts.returncode == 0, with_drafts.stderr
    assert "Draft: not yet confirmed by a curator" in page.read_text(encoding="utf-8")
    assert (root / "briefings" / "articles" / f"{DRAFT}.md").is_file()
    again = mkdocs_build(root, "0")
    assert again.returncode == 0, again.stderr
    assert not page.exists() and not (root / "briefings" / "articles" / f"{DRAFT}.md").exists()


def test_an_unclear_drafts_setting_stops_the_build(tmp_path: Path) -> None:
    root = project_with_a_draft(tmp_path)
    result = mkdocs_build(root, "yes")
    assert result.returncode == 1
    assert (
        "BRIEFINGS_DRAFTS='yes': set it to 1 to build draft articles too, or to 0 (or leave it unset) "
        "to build published articles only"
    ) in result.stderr
    assert "briefings: briefings/ was not updated." in result.stdout + result.stderr


@pytest.mark.parametrize("drafts, build, site, serve", [
    ("1", "briefings build --drafts", "BRIEFINGS_DRAFTS=1 ", "--drafts"),
    ("", "briefings build", "BRIEFINGS_DRAFTS=0 ", ""),
])
def test_make_passes_the_drafts_switch_on(drafts: str, build: str, site: str, serve: str) -> None:
    def commands(target: str) -> list[str]:
        completed = subprocess.run(["make", "--dry-run", target, f"DRAFTS={drafts}"], cwd=REPO,
                                   capture_output=True, text=True, check=True)
        return [line.strip() for line in completed.stdout.splitlines()]

    lines = commands("site")
    assert f".venv/bin/{build}" in lines
    assert f"{site}.venv/bin/mkdocs build --strict --dirty" in lines  # incremental, see test_incremental_site
    assert f".venv/bin/briefings serve --dev-addr 127.0.0.1:8000 {serve}".strip() in commands("serve")


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.slow
@pytest.mark.parametrize("drafts", [True, False])
def test_serve_shows_drafts_with_the_switch(tmp_path: Path, drafts: bool) -> None:
    root = project_with_a_draft(tmp_path)
    with serving(root, tmp_path / "serve.log", drafts=drafts, startup_timeout=120) as server:
        assert status(f"{server.url}articles/{DRAFT}/") == (200 if drafts else 404)
        assert status(f"{server.url}articles/daily-2024-03-02-port-opens/") == 200
