"""The incremental layer is only a speed-up: with it and without it, briefings/ is the same.

A seeded random walk of edits (an article's sentence, a paragraph added to a
text, an actor's summary or name, an event's title, an article added, copied
or deleted, an outlet renamed...) is applied to the seed briefing and to a
benchmark corpus. After every step the project is built through the layer
(a fresh process's layer, reading its SQLite store, or one kept open as under
`mkdocs serve`) and a copy of its content is built with no layer at all; the
two briefings/ folders must be equal byte for byte. A step whose content does
not check (a deleted article some event cites) is undone.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest

from bench import corpus
from generator import build as pipeline
from generator.errors import ContentError
from generator.incremental import Incremental
from generator.manifest import MANIFEST, read_manifest

from .conftest import REPO


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _generated(folder: Path) -> dict[str, bytes]:
    """The generated pages of briefings/ `folder` (what its manifest lists), and the manifest."""
    names = [*sorted(read_manifest(folder)), MANIFEST]
    return {name: (folder / name).read_bytes() for name in names if (folder / name).is_file()}


def _files(project: Path, kind: str) -> list[Path]:
    return sorted((project / "content" / kind).glob("*.yml"))


def _edit_field(path: Path, key: str, rng: random.Random) -> bool:
    """Change the value of top-level `key` in YAML file `path`, whatever its style."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        if not line.startswith(f"{key}:"):
            continue
        value = line[len(key) + 1:].strip()
        word = rng.choice(["Revised", "Amended", "Updated"])
        if value in ("|", ">", "|-", ">-") and index + 1 < len(lines):
            lines[index + 1] += f" {word}."
        elif value.startswith('"'):
            lines[index] = line.replace('"', f'"{word} ', 1)
        elif value.startswith("'"):
            lines[index] = line.replace("'", f"'{word} ", 1)
        else:
            lines[index] = f"{key}: {word} {value}"
        path.write_text("\n".join(lines), encoding="utf-8")
        return True
    return False


def _text_of(article: Path) -> Path | None:
    match = re.search(r"(?m)^text: *(\S+)", article.read_text(encoding="utf-8"))
    if match is None:
        return None
    text = article.parents[2] / match.group(1)
    return text if text.suffix in (".txt", ".md") and text.is_file() else None


def _edit_text(project: Path, rng: random.Random, change: Callable[[list[str], int], None]) -> bool:
    """Apply `change` to the paragraphs of an article's text, at a paragraph in its second half."""
    text = _text_of(rng.choice(_files(project, "articles")))
    if text is None:
        return False
    paragraphs = text.read_text(encoding="utf-8").split("\n\n")
    change(paragraphs, rng.randrange(len(paragraphs) // 2, len(paragraphs)))
    text.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return True


def edit_sentence(project: Path, rng: random.Random) -> bool:
    """Add a sentence to the end of one paragraph of an article's text."""
    def change(paragraphs: list[str], index: int) -> None:
        paragraphs[index] = paragraphs[index].rstrip("\n") + " Officials declined to comment."
    return _edit_text(project, rng, change)


def insert_paragraph(project: Path, rng: random.Random) -> bool:
    """Insert a paragraph in the middle of an article's text: later paragraphs are renumbered."""
    def change(paragraphs: list[str], index: int) -> None:
        paragraphs.insert(index, "Residents of the capital said they had heard little about the talks.")
    return _edit_text(project, rng, change)


def edit_summary(project: Path, rng: random.Random) -> bool:
    return _edit_field(rng.choice(_files(project, "actors")), "summary", rng)


def edit_actor_name(project: Path, rng: random.Random) -> bool:
    return _edit_field(rng.choice(_files(project, "actors")), "name", rng)


def edit_event_title(project: Path, rng: random.Random) -> bool:
    return _edit_field(rng.choice(_files(project, "events")), "title", rng)


def edit_event_summary(project: Path, rng: random.Random) -> bool:
    return _edit_field(rng.choice(_files(project, "events")), "summary", rng)


def edit_article_title(project: Path, rng: random.Random) -> bool:
    return _edit_field(rng.choice(_files(project, "articles")), "title", rng)


def edit_outlet_name(project: Path, rng: random.Random) -> bool:
    return _edit_field(rng.choice(_files(project, "outlets")), "name", rng)


def add_article(project: Path, rng: random.Random) -> bool:
    """A copy of an article, under a new id, with a copy of its text."""
    source = rng.choice(_files(project, "articles"))
    text = _text_of(source)
    if text is None:
        return False
    number = rng.randrange(10**6)
    new_text = text.with_name(f"copy-{number}{text.suffix}")
    new_text.write_text(text.read_text(encoding="utf-8") + "\n\nA later edition.\n", encoding="utf-8")
    body = source.read_text(encoding="utf-8")
    body = re.sub(r"(?m)^text: *\S+", f"text: seeds/{new_text.name}", body, count=1)
    (source.parent / f"{source.stem}-copy-{number}.yml").write_text(body, encoding="utf-8")
    return True


def delete_article(project: Path, rng: random.Random) -> bool:
    rng.choice(_files(project, "articles")).unlink()
    return True


def add_event(project: Path, rng: random.Random) -> bool:
    source = rng.choice(_files(project, "events"))
    shutil.copy(source, source.with_name(f"{source.stem}-again-{rng.randrange(10**6)}.yml"))
    return True


def touch_without_change(project: Path, rng: random.Random) -> bool:
    """A file saved again as it was: a new modification time, the same bytes."""
    path = rng.choice(_files(project, "actors"))
    path.write_bytes(path.read_bytes())
    return True


EDITS: list[Callable[[Path, random.Random], bool]] = [
    edit_sentence, insert_paragraph, edit_summary, edit_actor_name, edit_event_title,
    edit_event_summary, edit_article_title, edit_outlet_name, add_article, delete_article,
    add_event, touch_without_change,
]


def _snapshot(project: Path) -> dict[str, dict[str, bytes]]:
    return {folder: _tree(project / folder) for folder in ("content", "seeds")}


def _restore(project: Path, snapshot: dict[str, dict[str, bytes]]) -> None:
    for folder, files in snapshot.items():
        shutil.rmtree(project / folder)
        for name, data in files.items():
            target = project / folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def _clean_build(project: Path, clean: Path) -> dict[str, bytes]:
    """What a build with no layer writes from `project`'s content, in a folder of its own."""
    shutil.rmtree(clean, ignore_errors=True)
    clean.mkdir()
    for folder in ("content", "seeds"):
        shutil.copytree(project / folder, clean / folder)
    pipeline.build(clean, cached=False)
    return _generated(clean / "briefings")


def rendered_by_build(project: Path) -> set[str]:
    """Build `project` through a layer of its own; the pages it rendered (not kept)."""
    layer = Incremental(project, pipeline.cache_options(drafts=False))
    try:
        pipeline.build(project, layer=layer)
        return set(layer.recorded)
    finally:
        layer.close()


def walk(project: Path, clean: Path, seed: int, steps: int, kept: Incremental | None = None) -> list[str]:
    """Random edits; after each, the layer's build must equal a clean one. Returns the edits made."""
    rng = random.Random(seed)
    pipeline.build(project, layer=kept)
    made = []
    for _ in range(steps):
        before = _snapshot(project)
        edit = rng.choice(EDITS)
        if not edit(project, rng):
            continue
        try:
            expected = _clean_build(project, clean)
        except ContentError:
            _restore(project, before)
            continue
        pipeline.build(project, layer=kept)
        got = _generated(project / "briefings")
        differ = sorted(name for name in expected.keys() | got.keys() if expected.get(name) != got.get(name))
        assert not differ, f"after {[*made, edit.__name__]}: pages differ from a clean build: {differ[:10]}"
        made.append(edit.__name__)
    return made


@pytest.mark.parametrize("seed", [1, 2])
def test_a_benchmark_corpus_after_random_edits_builds_as_a_clean_build(tmp_path: Path, seed: int) -> None:
    project = tmp_path / "project"
    corpus.generate(project, 40, seed=seed)
    made = walk(project, tmp_path / "clean", seed, steps=10)
    assert len(made) >= 5, made


def test_a_layer_kept_open_between_builds_as_under_serve(tmp_path: Path) -> None:
    project = tmp_path / "project"
    corpus.generate(project, 30, seed=5)
    layer = Incremental(project, pipeline.cache_options(drafts=False))
    try:
        made = walk(project, tmp_path / "clean", 5, steps=8, kept=layer)
    finally:
        layer.close()
    assert len(made) >= 4, made


def test_the_seed_briefing_after_random_edits_builds_as_a_clean_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for folder in ("content", "seeds"):
        shutil.copytree(REPO / folder, project / folder)
    made = walk(project, tmp_path / "clean", 3, steps=8)
    assert len(made) >= 4, made


def test_a_summary_change_renders_only_the_pages_that_show_the_summary(tmp_path: Path) -> None:
    """The most-linked actor's summary is on its own page (and what else prints it), not on
    every page that links the actor: those are kept without being rendered."""
    project = tmp_path / "project"
    corpus.generate(project, 40, seed=4)
    pipeline.build(project)
    actor = project / "content" / "actors" / "actor-000000.yml"
    _edit_field(actor, "summary", random.Random(0))
    rendered = rendered_by_build(project)
    assert "actors/actor-000000.md" in rendered
    linking = [path for path, data in _tree(project / "briefings").items() if b"actor-000000.md" in data]
    assert len(linking) > 10 and len(rendered) < len(linking) / 2, (len(rendered), len(linking))


def test_a_place_that_moves_where_lists_are_cut_builds_as_a_clean_build(tmp_path: Path) -> None:
    """Lists are cut by an estimate of their entries' bytes, read outside any page; the pages
    it decides read it again, so a long place (which a tag page does not show, but which its
    estimate counts) renders the tag's pages again, cut anew, and only pages that read it."""
    project = tmp_path / "project"
    corpus.generate(project, 40, seed=9)
    pipeline.build(project)
    event = _files(project, "events")[0]
    text = event.read_text(encoding="utf-8")
    assert 'location: "' in text
    event.write_text(text.replace('location: "', 'location: "' + "Far away " * 3000, 1), encoding="utf-8")
    found = pipeline.touched(project)
    assert found is not None and len(found) < len(_generated(project / "briefings")) / 4
    expected = _clean_build(project, tmp_path / "clean")
    pipeline.build(project)
    got = _generated(project / "briefings")
    assert sorted(name for name in expected.keys() | got.keys() if expected.get(name) != got.get(name)) == []
    assert any(name.startswith("tags/") and name.endswith("-2.md") for name in got)


def test_a_fresh_process_tells_what_a_change_touches_without_loading_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    corpus.generate(project, 40, seed=6)
    pipeline.build(project)
    assert pipeline.touched(project) == []
    _edit_field(project / "content" / "actors" / "actor-000003.yml", "summary", random.Random(1))

    def no_corpus(*_: object) -> None:
        raise AssertionError("the corpus was loaded")

    monkeypatch.setattr("generator.load.load_content", no_corpus)
    monkeypatch.setattr(pipeline, "load_content", no_corpus)
    found = pipeline.touched(project)
    monkeypatch.undo()
    assert found is not None and "actors/actor-000003.md" in found
    layer = Incremental(project, pipeline.cache_options(drafts=False))
    try:
        pipeline.build(project, layer=layer)
        assert sorted(layer.recorded) == found  # what it said is what the build rendered
    finally:
        layer.close()
    _edit_field(project / "content" / "actors" / "actor-000003.yml", "name", random.Random(1))
    assert pipeline.touched(project) is None  # names are read to link every article's text


def test_a_change_seen_by_a_failed_build_is_not_lost_by_a_layer_kept_open(tmp_path: Path) -> None:
    """Under `mkdocs serve`: a save with an error elsewhere fails; once the error is fixed,
    the next build must still render what the first save changed."""
    project = tmp_path / "project"
    corpus.generate(project, 30, seed=7)
    layer = Incremental(project, pipeline.cache_options(drafts=False))
    try:
        pipeline.build(project, layer=layer)
        actor = project / "content" / "actors" / "actor-000002.yml"
        _edit_field(actor, "summary", random.Random(2))
        event = _files(project, "events")[0]
        good = event.read_bytes()
        event.write_text(good.decode("utf-8") + "\nnot_a_key: 1\n", encoding="utf-8")
        with pytest.raises(ContentError):
            pipeline.build(project, layer=layer)
        event.write_bytes(good)
        pipeline.build(project, layer=layer)
    finally:
        layer.close()
    assert _generated(project / "briefings") == _clean_build(project, tmp_path / "clean")


def test_a_store_that_cannot_be_opened_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only or full disk where the store lives: the build runs in full and succeeds."""
    import sqlite3

    import generator.incremental as layer_module

    def refusing(*_: object) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    project = tmp_path / "project"
    corpus.generate(project, 20, seed=8)
    monkeypatch.setattr(layer_module, "Store", refusing)
    assert pipeline.build(project).report.written
    monkeypatch.undo()
    assert _generated(project / "briefings") == _clean_build(project, tmp_path / "clean")


def test_quotes_are_checked_again_only_in_articles_whose_file_or_text_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article and text as the last build (which passed) read them print the same quotes:
    validation skips them. A text changed so that it no longer prints a quote is an error."""
    project = tmp_path / "project"
    corpus.generate(project, 30, seed=3)
    pipeline.build(project)
    quoted = next(path for path in _files(project, "articles")
                  if "quotes:" in path.read_text(encoding="utf-8"))
    text_file = project / re.search(r'(?m)^text: "?([^"\n]+)', quoted.read_text(encoding="utf-8"))[1]
    quote = re.search(r'(?m)^    text: "([^"]+)"', quoted.read_text(encoding="utf-8"))[1]
    assert quote in text_file.read_text(encoding="utf-8")
    settled: list[frozenset[str]] = []
    real_validate = pipeline.validate

    def spying(content, given=frozenset()):  # type: ignore[no-untyped-def]
        settled.append(frozenset(given))
        return real_validate(content, given)

    monkeypatch.setattr(pipeline, "validate", spying)
    text_file.write_text(text_file.read_text(encoding="utf-8").replace(quote, "words no quote holds"),
                         encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        pipeline.build(project)
    assert quoted.stem not in settled[0]
    assert len(settled[0]) == len(_files(project, "articles")) - 1
    assert any(problem.path == f"content/articles/{quoted.name}" and "not found in" in problem.message
               for problem in raised.value.problems)


def test_a_fresh_process_takes_the_gazetteer_answers_from_the_store(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages that place an event on the map ask the gazetteer (a second to load); a build whose
    pages ask nothing new takes the answers the last build kept, and loads nothing."""
    from generator.pictures import places

    project = tmp_path / "project"
    corpus.generate(project, 40, seed=4)
    pipeline.build(project)
    asked = places.known_answers()
    assert any(question == "guess" for question, _ in asked)
    monkeypatch.setattr(places, "_answers", {})  # as in a fresh process
    monkeypatch.setattr(places, "gazetteer", lambda: pytest.fail("the gazetteer was loaded"))
    event = next(path for path in sorted((project / "content" / "events").glob("*.yml"))
                 if "location:" in (text := path.read_text(encoding="utf-8")) and "coordinates:" not in text)
    _edit_field(event, "title", random.Random(1))
    assert "events/" + event.stem + ".md" in rendered_by_build(project)
