"""A build that would change nothing is skipped after looking only at file metadata."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest

from generator import build as pipeline
from generator.errors import ContentError
from generator.load import load_content

from .test_write import generated_files, pages_of, snapshot


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The roots the pipeline loads content from, in order (it loads as usual)."""
    calls: list[Path] = []

    def counting(root: Path, *loader):  # type: ignore[no-untyped-def]
        calls.append(root)
        return load_content(root, *loader)

    monkeypatch.setattr(pipeline, "load_content", counting)
    return calls


def test_an_unchanged_project_is_not_loaded_again(mini: Path, loads: list[Path]) -> None:
    first = pipeline.build(mini)
    before = snapshot(mini / "briefings")
    second = pipeline.build(mini)
    assert len(loads) == 1
    assert (second.report.written, second.report.removed) == ((), ())
    assert second.report.unchanged == len(first.report.written)
    assert snapshot(mini / "briefings") == before


def test_warnings_are_reported_again_and_strict_still_fails(mini: Path, loads: list[Path]) -> None:
    (mini / "content" / "notes.txt").write_text("to do\n", encoding="utf-8")
    first = pipeline.build(mini)
    assert [p.path for p in first.warnings] == ["content/notes.txt"]
    assert pipeline.build(mini).warnings == first.warnings
    assert len(loads) == 1
    with pytest.raises(ContentError, match="content/notes.txt"):
        pipeline.build(mini, strict=True)


def _touch(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))


CHANGES: dict[str, Callable[[Path], None]] = {
    "content file saved unchanged": lambda root: _touch(root / "content" / "actors" / "ana-lima.yml"),
    "content file edited": lambda root: (root / "content" / "actors" / "ana-lima.yml").open("a").write(
        "summary: Runs the ports.\n"),
    "seed edited": lambda root: (root / "seeds" / "port.txt").open("a").write("\nOne more line.\n"),
    "seed added": lambda root: (root / "seeds" / "new.txt").write_text("New.\n"),
    "page deleted": lambda root: (root / "briefings" / "actors" / "ana-lima.md").unlink(),
    "page edited": lambda root: (root / "briefings" / "actors" / "ana-lima.md").open("a").write("x"),
    "manifest deleted": lambda root: (root / "briefings" / ".generated").unlink(),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_makes_the_next_build_run(mini: Path, loads: list[Path], change: str) -> None:
    pipeline.build(mini)
    CHANGES[change](mini)
    pipeline.build(mini)
    assert len(loads) == 2, f"{change}: the build was skipped"
    assert generated_files(mini / "briefings") == pages_of(mini)


def test_other_options_make_the_next_build_run(mini: Path, loads: list[Path]) -> None:
    pipeline.build(mini)
    pipeline.build(mini, drafts=True)
    assert len(loads) == 2


def test_a_file_saved_during_a_build_is_seen_by_the_next(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor = mini / "content" / "actors" / "ana-lima.yml"

    def edit_while_loading(root: Path, *loader):  # type: ignore[no-untyped-def]
        content = load_content(root, *loader)
        with actor.open("a", encoding="utf-8") as stream:
            stream.write("summary: Saved while the build ran.\n")
        return content

    monkeypatch.setattr(pipeline, "load_content", edit_while_loading)
    pipeline.build(mini)
    monkeypatch.setattr(pipeline, "load_content", load_content)
    assert "Saved while the build ran" not in (mini / "briefings/actors/ana-lima.md").read_text()
    pipeline.build(mini)
    assert "Saved while the build ran" in (mini / "briefings/actors/ana-lima.md").read_text()


def test_a_linked_folder_in_seeds_is_never_trusted(mini: Path, loads: list[Path]) -> None:
    """A change inside a linked folder does not show in the link's own metadata."""
    (mini / "elsewhere").mkdir()
    (mini / "seeds" / "more").symlink_to(mini / "elsewhere", target_is_directory=True)
    pipeline.build(mini)
    pipeline.build(mini)
    assert len(loads) == 2
