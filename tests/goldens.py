"""Golden pages: what the generator renders for the mini fixture corpus.

`make goldens` (python -m tests.goldens) rewrites tests/fixtures/mini/expected/
from the current generator; review the diff before committing it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from generator.build import generate

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
EXPECTED = MINI / "expected"


def render_mini() -> dict[str, str]:
    """Pages of the mini corpus, rendered from a scratch copy so the fixture stays clean."""
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "mini"
        shutil.copytree(MINI, project, ignore=shutil.ignore_patterns("expected"))
        pages, _ = generate(project)
    return {page.path: page.text for page in pages}


def regenerate() -> None:
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for path, text in render_mini().items():
        target = EXPECTED / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"Wrote {EXPECTED.relative_to(Path.cwd()) if EXPECTED.is_relative_to(Path.cwd()) else EXPECTED}: review with `git diff`.", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
