"""Golden pages: what the generator renders for the mini fixture corpus.

`make goldens` (python -m tests.goldens) rewrites tests/fixtures/mini/expected/
from the current generator, and tests/fixtures/mini/expected-parts/: the pages
that change when the limits of generator/paginate.py are set so small that
the mini corpus has part pages of every kind it can (a tag's parts, an event's
coverage pages); and tests/fixtures/sides/expected/, the pages of a corpus whose outlets
come from several countries; review the diff before committing it.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from pathlib import Path
from unittest import mock

from generator.build import generate

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
EXPECTED = MINI / "expected"
EXPECTED_PARTS = MINI / "expected-parts"
SIDES = MINI.parent / "sides"
"""A corpus whose outlets come from several countries and are of several kinds (issue 15)."""
EXPECTED_SIDES = SIDES / "expected"
SMALL_LIMITS = {"generator.paginate.PAGE_LIMIT": 1, "generator.render.COVERAGE_LIMIT": 1}
"""Every list of more than one entry in parts, every event covered twice with coverage pages."""


def render_mini() -> dict[str, str]:
    """Pages of the mini corpus, rendered from a scratch copy so the fixture stays clean."""
    return render_corpus(MINI)


def render_corpus(corpus: Path) -> dict[str, str]:
    """Pages of a fixture corpus, rendered from a scratch copy so the fixture stays clean."""
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / corpus.name
        shutil.copytree(corpus, project, ignore=shutil.ignore_patterns("expected", "expected-parts"))
        pages, _ = generate(project)
    return {page.path: page.text for page in pages}


def render_mini_in_parts() -> dict[str, str]:
    """The pages of the mini corpus that SMALL_LIMITS change or add."""
    whole = render_mini()
    with contextlib.ExitStack() as stack:
        for name, value in SMALL_LIMITS.items():
            stack.enter_context(mock.patch(name, value))
        in_parts = render_mini()
    return {path: text for path, text in in_parts.items() if whole.get(path) != text}


def regenerate() -> None:
    for folder, pages in ((EXPECTED, render_mini()), (EXPECTED_PARTS, render_mini_in_parts()),
                          (EXPECTED_SIDES, render_corpus(SIDES))):
        shutil.rmtree(folder, ignore_errors=True)
        for path, text in pages.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    print(f"Wrote {EXPECTED.relative_to(Path.cwd()) if EXPECTED.is_relative_to(Path.cwd()) else EXPECTED}: review with `git diff`.", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
