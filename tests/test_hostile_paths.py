"""Nothing in content makes the generator read or write outside the project:
not `../` in ids or paths, not absolute paths, not symlinks, not YAML tags."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build import build, check
from generator.errors import ContentError
from tests.conftest import write_tree

SECRET = "TOP-SECRET-OUTSIDE-THE-PROJECT"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file next to the project, holding a marker that must never reach a page."""
    path = tmp_path / "outside.txt"
    path.write_text(f"Headline\n\n{SECRET} is a long paragraph that ends with a full stop.\n", encoding="utf-8")
    return path


def point_article_at(project: Path, text_path: str) -> Path:
    """Make the first seed article read its text from `text_path`; return its YAML file."""
    article = sorted((project / "content" / "articles").glob("*.yml"))[0]
    lines = article.read_text(encoding="utf-8").splitlines()
    lines = [f"text: {text_path!r}" if line.startswith("text:") else line for line in lines]
    article.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return article


def errors_of(project: Path) -> str:
    with pytest.raises(ContentError) as caught:
        check(project)
    return str(caught.value)


def no_secret_in(project: Path) -> bool:
    docs = project / "briefings"
    return not any(SECRET in p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))


@pytest.mark.parametrize("how", ["dotdot", "dotdot-inside-seeds", "absolute"])
def test_article_text_outside_seeds_is_refused(seed_project: Path, outside: Path, how: str) -> None:
    text_path = {
        "dotdot": "../outside.txt",
        "dotdot-inside-seeds": "seeds/../../outside.txt",
        "absolute": str(outside),
    }[how]
    article = point_article_at(seed_project, text_path)
    report = errors_of(seed_project)
    assert f"content/articles/{article.name}:" in report
    assert "outside seeds/" in report
    assert SECRET not in report
    with pytest.raises(ContentError):
        build(seed_project)
    assert no_secret_in(seed_project)


def test_symlinked_article_text_pointing_outside_is_refused(seed_project: Path, outside: Path) -> None:
    (seed_project / "seeds" / "link.txt").symlink_to(outside)
    point_article_at(seed_project, "seeds/link.txt")
    assert "outside seeds/" in errors_of(seed_project)
    assert no_secret_in(seed_project)


def test_symlinked_seeds_folder_pointing_outside_is_refused(seed_project: Path, tmp_path: Path, outside: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "article.txt").write_text(outside.read_text(encoding="utf-8"), encoding="utf-8")
    (seed_project / "seeds" / "more").symlink_to(elsewhere, target_is_directory=True)
    point_article_at(seed_project, "seeds/more/article.txt")
    assert "outside seeds/" in errors_of(seed_project)
    assert no_secret_in(seed_project)


def test_symlinked_content_file_pointing_outside_is_refused(seed_project: Path, tmp_path: Path) -> None:
    secret_yaml = tmp_path / "secret.yml"
    secret_yaml.write_text(f"name: {SECRET}\nkind: person\n", encoding="utf-8")
    (seed_project / "content" / "actors" / "leak.yml").symlink_to(secret_yaml)
    report = errors_of(seed_project)
    assert "content/actors/leak.yml" in report
    assert "outside" in report
    assert SECRET not in report


@pytest.mark.parametrize("field, value", [
    ("outlet", "../../etc/passwd"),
    ("outlet", "/etc/passwd"),
    ("events", ["../../../tmp/x"]),
])
def test_ids_with_paths_are_refused(seed_project: Path, field: str, value: object) -> None:
    article = sorted((seed_project / "content" / "articles").glob("*.yml"))[0]
    lines = article.read_text(encoding="utf-8").splitlines()
    kept = []
    skipping = False
    for line in lines:
        if skipping and line.startswith("  "):
            continue
        skipping = False
        if line.startswith(f"{field}:"):
            kept.append(f"{field}: {value!r}" if isinstance(value, str) else f"{field}: {list(value)!r}")
            skipping = True
            continue
        kept.append(line)
    article.write_text("\n".join(kept) + "\n", encoding="utf-8")
    report = errors_of(seed_project)
    assert "is not an id" in report


def test_file_names_that_are_not_ids_are_refused(seed_project: Path) -> None:
    write_tree(seed_project, {"content/actors/Not An Id.yml": "name: X\nkind: person\n"})
    assert "is not an id" in errors_of(seed_project)


def test_hidden_files_are_never_read(seed_project: Path) -> None:
    write_tree(seed_project, {"content/actors/..hidden.yml": "name: X\nkind: person\n"})
    warnings = check(seed_project)
    assert [str(w) for w in warnings] == [
        "content/actors/..hidden.yml:1:1: warning: ignored: hidden files are not content; "
        "remove the leading dot to include it"
    ]
    assert "content/actors/..hidden.yml" in errors_of_strict(seed_project)


def errors_of_strict(project: Path) -> str:
    with pytest.raises(ContentError) as caught:
        check(project, strict=True)
    return str(caught.value)


def test_python_yaml_tags_are_not_executed(seed_project: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write_tree(seed_project, {
        "content/actors/evil.yml": f'name: !!python/object/apply:os.system ["touch {marker}"]\nkind: person\n',
    })
    report = errors_of(seed_project)
    assert "content/actors/evil.yml" in report
    assert not marker.exists()


def test_symlinked_output_folder_is_not_written_through(seed_project: Path, tmp_path: Path) -> None:
    """A briefings/ subfolder that is a symlink out of the project is refused, not written into."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (seed_project / "briefings" / "actors").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(Exception) as caught:
        build(seed_project)
    assert "outside" in str(caught.value)
    assert os.listdir(elsewhere) == []
