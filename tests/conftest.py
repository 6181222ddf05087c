"""Shared test helpers: small projects built in tmp_path, file by file."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (relative path -> text, dedented, or bytes) under `root`."""
    for relative, body in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            target.write_bytes(body)
        else:
            target.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small fixture corpus (tests/fixtures/mini) in tmp_path."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", target, ignore=shutil.ignore_patterns("expected"))
    return target


@pytest.fixture
def seed_project(tmp_path: Path) -> Path:
    """A copy of the real seed briefing (content/, seeds/, briefings/ hand-written pages, mkdocs.yml)."""
    target = tmp_path / "seed"
    for name in ("content", "seeds"):
        shutil.copytree(REPO / name, target / name)
    (target / "briefings").mkdir()
    shutil.copy(REPO / "briefings" / "about.md", target / "briefings" / "about.md")
    shutil.copytree(REPO / "briefings" / "assets", target / "briefings" / "assets")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    (target / "generator").mkdir()  # the MkDocs hook named in mkdocs.yml
    shutil.copy(REPO / "generator" / "hooks.py", target / "generator" / "hooks.py")
    return target
