"""Shared test helpers: small projects built in tmp_path, file by file."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

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
    return copy_seed_project(tmp_path / "seed")


def copy_seed_project(target: Path) -> Path:
    """Copy the seed briefing's sources and settings to `target`; no generated page."""
    for name in ("content", "seeds"):
        shutil.copytree(REPO / name, target / name)
    (target / "briefings").mkdir()
    shutil.copy(REPO / "briefings" / "about.md", target / "briefings" / "about.md")
    shutil.copytree(REPO / "briefings" / "assets", target / "briefings" / "assets")
    return mkdocs_config(target)


def copy_mini_project(target: Path) -> Path:
    """The mini corpus as a site project: its content and seeds, the seed's hand-written pages, mkdocs.yml."""
    shutil.copytree(FIXTURES / "mini", target, ignore=shutil.ignore_patterns("expected"))
    (target / "briefings").mkdir()
    shutil.copy(REPO / "briefings" / "about.md", target / "briefings" / "about.md")
    shutil.copytree(REPO / "briefings" / "assets", target / "briefings" / "assets")
    return mkdocs_config(target)


_PYTHON_NAME = re.compile(r"!!python/name:([\w.]+)")
_PLACEHOLDER = re.compile(r"'?python-name:([\w.]+)'?")


def mkdocs_config(root: Path, *, drop: tuple[str, ...] = (), **overrides: object) -> Path:
    """Write root/mkdocs.yml: the repository's settings without `drop`, with `overrides`.

    The settings name Python objects (`!!python/name:` tags, for the Mermaid
    fence), which no safe loader reads: they pass through as placeholders.
    """
    text = _PYTHON_NAME.sub(r"python-name:\1", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config = yaml.safe_load(text)
    for key in drop:
        config.pop(key, None)
    config.update(overrides)
    if "hooks" in config:  # MkDocs joins hook paths to the config's folder: make them absolute
        config["hooks"] = [str(REPO / hook) for hook in config["hooks"]]
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):  # the theme overrides, likewise
        theme["custom_dir"] = str(REPO / theme["custom_dir"])
    dumped = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    (root / "mkdocs.yml").write_text(_PLACEHOLDER.sub(r"!!python/name:\1", dumped), encoding="utf-8")
    return root


# --- the built seed site, once per session (browser, link and a11y tests) -----


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed briefing generated and built with `mkdocs build --strict`: its site/ folder."""
    from tests.website import build_site

    return build_site(copy_seed_project(tmp_path_factory.mktemp("built") / "seed"))


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini corpus (articles in English, Arabic and Korean) built with `mkdocs build --strict`."""
    from tests.website import build_site

    return build_site(copy_mini_project(tmp_path_factory.mktemp("mini-site") / "mini"))


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL ('http://127.0.0.1:PORT/') of the built seed site, served on loopback."""
    from tests.website import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one per session (see tests/website.py)."""
    from playwright.sync_api import sync_playwright

    from tests.website import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
