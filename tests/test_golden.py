"""The generated Markdown of the mini corpus matches the reviewed goldens."""

from __future__ import annotations


import pytest

from tests.goldens import EXPECTED, EXPECTED_PARTS, render_mini, render_mini_in_parts

RENDERED = render_mini()
EXPECTED_PATHS = sorted(
    p.relative_to(EXPECTED).as_posix() for p in EXPECTED.rglob("*") if p.is_file()
)
IN_PARTS = render_mini_in_parts()
EXPECTED_PARTS_PATHS = sorted(
    p.relative_to(EXPECTED_PARTS).as_posix() for p in EXPECTED_PARTS.rglob("*") if p.is_file()
)


def test_same_set_of_pages() -> None:
    assert sorted(RENDERED) == EXPECTED_PATHS, "run `make goldens` and review the diff"


@pytest.mark.parametrize("path", EXPECTED_PATHS)
def test_page_matches_golden(path: str) -> None:
    expected = (EXPECTED / path).read_text(encoding="utf-8")
    assert RENDERED.get(path) == expected, f"{path} changed: run `make goldens` and review the diff"


def test_same_part_pages_with_the_smallest_limits() -> None:
    assert sorted(IN_PARTS) == EXPECTED_PARTS_PATHS, "run `make goldens` and review the diff"
    assert any(path.endswith("/coverage-2.md") for path in IN_PARTS)
    assert any(path.startswith("tags/") and path.endswith("-2.md") for path in IN_PARTS)


@pytest.mark.parametrize("path", EXPECTED_PARTS_PATHS)
def test_part_page_matches_golden(path: str) -> None:
    expected = (EXPECTED_PARTS / path).read_text(encoding="utf-8")
    assert IN_PARTS.get(path) == expected, f"{path} changed: run `make goldens` and review the diff"
