"""The generated Markdown of the fixture corpora matches the reviewed goldens: the mini corpus
(whole, and with the smallest page limits), and the sides corpus (outlets of several countries)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.goldens import (
    EXPECTED, EXPECTED_PARTS, EXPECTED_SIDES, SIDES, render_corpus, render_mini, render_mini_in_parts,
)

RENDERED = {"mini": render_mini(), "parts": render_mini_in_parts(), "sides": render_corpus(SIDES)}
FOLDERS = {"mini": EXPECTED, "parts": EXPECTED_PARTS, "sides": EXPECTED_SIDES}


def _paths(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


PAGES = [(corpus, path) for corpus, folder in FOLDERS.items() for path in _paths(folder)]


@pytest.mark.parametrize("corpus", sorted(FOLDERS))
def test_same_set_of_pages(corpus: str) -> None:
    assert sorted(RENDERED[corpus]) == _paths(FOLDERS[corpus]), "run `make goldens` and review the diff"


def test_the_smallest_limits_make_part_pages_of_every_kind() -> None:
    assert any(path.endswith("/coverage-2.md") for path in RENDERED["parts"])
    assert any(path.startswith("tags/") and path.endswith("-2.md") for path in RENDERED["parts"])
    assert "blindspots-2.md" in RENDERED["parts"]


@pytest.mark.parametrize("corpus, path", PAGES)
def test_page_matches_golden(corpus: str, path: str) -> None:
    expected = (FOLDERS[corpus] / path).read_text(encoding="utf-8")
    assert RENDERED[corpus].get(path) == expected, f"{path} changed: run `make goldens` and review the diff"
