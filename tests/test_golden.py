"""The generated Markdown of the mini corpus matches the reviewed goldens."""

from __future__ import annotations


import pytest

from tests.goldens import EXPECTED, render_mini

RENDERED = render_mini()
EXPECTED_PATHS = sorted(
    p.relative_to(EXPECTED).as_posix() for p in EXPECTED.rglob("*") if p.is_file()
)


def test_same_set_of_pages() -> None:
    assert sorted(RENDERED) == EXPECTED_PATHS, "run `make goldens` and review the diff"


@pytest.mark.parametrize("path", EXPECTED_PATHS)
def test_page_matches_golden(path: str) -> None:
    expected = (EXPECTED / path).read_text(encoding="utf-8")
    assert RENDERED.get(path) == expected, f"{path} changed: run `make goldens` and review the diff"
