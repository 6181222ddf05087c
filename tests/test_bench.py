"""The benchmark path at a small size: synthetic corpus, cached builds, split lists, fast fold.

Nothing here is timed (timings live in `make bench`); these tests make sure
the benchmark keeps running and that the shortcuts taken for speed give
exactly the pages a plain build gives.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from bench import corpus, run
from generator import build as pipeline
from generator.mentions import _fold_slowly, fold
from generator.render import INDEX_LIMIT, LIST_LIMIT, PAGE_LIMIT, QUOTE_PAGE_LIMIT, QUOTES_LATEST

from .conftest import REPO


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for name, data in _tree(folder).items():
        digest.update(name.encode() + b"\0" + data)
    return digest.hexdigest()


# --- the synthetic corpus ------------------------------------------------------


def test_corpus_is_deterministic_per_seed(tmp_path: Path) -> None:
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        corpus.generate(tmp_path / name, 40, seed=seed)
    assert _digest(tmp_path / "a" / "content") == _digest(tmp_path / "b" / "content")
    assert _digest(tmp_path / "a" / "seeds") == _digest(tmp_path / "b" / "seeds")
    assert _digest(tmp_path / "a" / "content") != _digest(tmp_path / "c" / "content")


def test_corpus_is_valid_and_shaped_like_the_seed_briefing(tmp_path: Path) -> None:
    sizes = corpus.generate(tmp_path, 300, seed=1)
    assert pipeline.check(tmp_path, strict=True) == ()
    files = {kind: len(list((tmp_path / "content" / kind).glob("*.yml")))
             for kind in ("articles", "actors", "events", "outlets")}
    assert files == {"articles": 300, "actors": 60, "events": 100, "outlets": sizes.outlets}
    text = (tmp_path / "seeds" / "bench-000007.txt").read_text(encoding="utf-8")
    assert 300 <= len(text.split()) <= 900  # news length


def test_corpus_articles_name_actors_through_aliases(tmp_path: Path) -> None:
    corpus.generate(tmp_path, 30, seed=2)
    pipeline.build(tmp_path)
    linked = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "briefings" / "articles").glob("*.md"))
    aliases = re.findall(r'aliases: \["([^"]+)"\]', "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "content" / "actors").glob("*.yml")))
    assert any(f"[{alias.replace('-', '-')}](../actors/" in linked for alias in aliases)


# --- cached builds -------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_cached_builds_write_what_a_full_build_writes(tmp_path: Path) -> None:
    project = tmp_path / "project"
    corpus.generate(project, INDEX_LIMIT * 2 + 20, seed=5)  # long enough to split lists
    first = pipeline.build(project)
    assert first.report.written
    assert pipeline.build(project).report.written == ()

    articles = sorted((project / "content" / "articles").glob("*.yml"))
    changed = articles[len(articles) // 2]
    _edit(changed, 'title: "', 'title: "Updated: ')
    after_one = pipeline.build(project).report
    assert f"articles/{changed.stem}.md" in after_one.written
    assert 1 < len(after_one.written) < len(first.report.written) / 4

    # An actor's new alias changes the bodies of other articles; a removed
    # actor from an article's list changes the actor's page.
    actor = sorted((project / "content" / "actors").glob("*.yml"))[3]
    _edit(actor, "aliases: [", 'aliases: ["Someone Entirely New", ')
    _edit(articles[10], "quotes:", "notes: Checked again.\nquotes:")
    # An event's new title shows on the outlet pages that cover it (their
    # coverage lists) and on the quote pages that name it.
    outlet_page = sorted((project / "briefings" / "outlets").glob("outlet-*.md"))[0].read_text(encoding="utf-8")
    covered = re.search(r"\]\(\.\./events/([^)]+)\.md\)", outlet_page.split("### Events covered")[1])
    _edit(project / "content" / "events" / f"{covered.group(1)}.yml", 'title: "', 'title: "Renamed: ')
    pipeline.build(project)

    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".briefings-cache", "briefings"))
    corpus._project_files(fresh)
    pipeline.build(fresh, cached=False)
    assert _tree(project / "briefings") == _tree(fresh / "briefings")


def test_cached_build_restores_a_deleted_page(tmp_path: Path) -> None:
    corpus.generate(tmp_path, 20, seed=6)
    pipeline.build(tmp_path)
    page = next((tmp_path / "briefings" / "actors").glob("actor-*.md"))
    page.unlink()
    assert pipeline.build(tmp_path).report.written == (f"actors/{page.name}",)


def test_cached_build_still_reports_located_problems(tmp_path: Path) -> None:
    corpus.generate(tmp_path, 20, seed=7)
    pipeline.build(tmp_path)
    event = sorted((tmp_path / "content" / "events").glob("*.yml"))[0]
    actor_line = next(i for i, line in enumerate(event.read_text().splitlines(), 1) if "- actor:" in line)
    _edit(event, "- actor: actor-", "- actor: nobody-")
    try:
        pipeline.build(tmp_path)
    except pipeline.ContentError as error:
        assert f"content/events/{event.name}:{actor_line}:" in error.report()
    else:
        raise AssertionError("the unknown actor was not reported")


# --- long lists ------------------------------------------------------------------


def test_long_indexes_are_split_by_month_and_lose_no_entry(tmp_path: Path) -> None:
    corpus.generate(tmp_path, INDEX_LIMIT * 2, seed=8)
    pipeline.build(tmp_path)
    docs = tmp_path / "briefings"
    months = sorted((docs / "articles").glob("*/*.md"))
    assert months, "no month pages"
    listed = re.findall(r"\]\(\.\./([a-z0-9-]+-article-\d+)\.md\)",
                        "".join(p.read_text(encoding="utf-8") for p in months))
    assert sorted(listed) == sorted(p.stem for p in (docs / "articles").glob("*.md")
                                                     if p.stem != "index")
    index = (docs / "articles" / "index.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\| .*\]\([a-z0-9-]+-article-\d+\.md\)", index, re.MULTILINE)) == LIST_LIMIT
    _assert_parts_linked(months, index, lambda month: f"]({month.parent.name}/{month.name})")
    for month in months:
        rows = re.findall(r"^\| .*-article-\d+\.md\)", month.read_text(encoding="utf-8"), re.MULTILINE)
        assert 1 <= len(rows) <= PAGE_LIMIT


def _assert_parts_linked(pages: list[Path], index: str, link) -> None:
    """A month's first page is linked from the index; its further parts (05-2.md, ...) from the first."""
    for page in pages:
        month, _, part = page.stem.partition("-")
        if part:
            first = (page.parent / f"{month}.md").read_text(encoding="utf-8")
            assert f"]({page.name})" in first and f"**{part}**" in page.read_text(encoding="utf-8")
        else:
            assert link(page) in index


def test_long_quote_index_is_split_by_month_and_loses_no_quote(tmp_path: Path) -> None:
    corpus.generate(tmp_path, INDEX_LIMIT, seed=8)
    pipeline.build(tmp_path)
    docs = tmp_path / "briefings"
    anchor = re.compile(r"\{ #(q-[a-z0-9-]+)(?: data-search-exclude)? \}")
    months = sorted((docs / "quotes").glob("*/*.md"))
    assert months, "no month pages"
    on_months = [a for p in months for a in anchor.findall(p.read_text(encoding="utf-8"))]
    curated = sum(
        p.read_text(encoding="utf-8").count("\n  - speaker: ")
        for p in (tmp_path / "content" / "articles").glob("*.yml")
    )
    assert curated > INDEX_LIMIT
    assert len(on_months) == len(set(on_months)) == curated
    index = (docs / "quotes.md").read_text(encoding="utf-8")
    assert len(anchor.findall(index)) == QUOTES_LATEST
    _assert_parts_linked(months, index, lambda month: f"](quotes/{month.parent.name}/{month.name})")
    assert all(len(anchor.findall(p.read_text(encoding="utf-8"))) <= QUOTE_PAGE_LIMIT for p in months)


def test_busy_actor_pages_cap_their_lists_and_keep_every_entry_by_year(tmp_path: Path) -> None:
    corpus.generate(tmp_path, 150, seed=9)
    pipeline.build(tmp_path)
    docs = tmp_path / "briefings" / "actors"
    busy = [folder for folder in docs.iterdir() if folder.is_dir() and folder.name != "letters"]
    assert busy, "no actor had long lists"
    for folder in busy:
        page = (docs / f"{folder.name}.md").read_text(encoding="utf-8")
        articles_section = page.split("## Articles")[1]
        assert articles_section.count("\n- ") <= LIST_LIMIT
        total = sum(
            len(re.findall(rf"^  - {folder.name}$", p.read_text(encoding="utf-8"), re.MULTILINE))
            for p in (tmp_path / "content" / "articles").glob("*.yml")
        )
        listed = sum((p.read_text(encoding="utf-8").split("## Articles") + [""])[1].count("](../../articles/")
                     for p in folder.glob("*.md"))
        assert listed == total


# --- folding for the alias matcher ---------------------------------------------


@given(st.text(alphabet=st.sampled_from(list("abcXYZ -–_'’ \u00e9e\u0301\u00dfﬁ\n\t")), max_size=40))
def test_fast_fold_is_the_reference_fold(text: str) -> None:
    folded, origin = fold(text)
    expected, expected_origin = _fold_slowly(text)
    assert folded == expected
    assert list(origin) == expected_origin


# --- the benchmark script --------------------------------------------------------


def test_benchmark_runs_and_reports_a_quiet_rebuild(tmp_path: Path, capsys) -> None:
    rows = run.main(["--sizes", "40", "--generator-only", "--no-mkdocs", "--no-browser",
                     "--keep", str(tmp_path)])
    (row,) = rows
    assert row.noop_written == 0
    assert row.one_written is not None and 1 <= row.one_written < row.pages / 4
    assert row.full_s is not None and row.full_mb is not None and row.full_mb > 0
    assert "| 40 |" in capsys.readouterr().out


@pytest.mark.slow
def test_benchmark_measures_the_site_search_and_preview(tmp_path: Path) -> None:
    """Every column of the table, at a size that takes seconds, so no part of `make bench` rots.

    In its own process, as `make bench` runs it: Playwright's sync API cannot
    start while the session's browser fixture holds this thread's event loop.
    """
    figures = tmp_path / "figures.json"
    subprocess.run([sys.executable, "-m", "bench.run", "--sizes", "30", "--generator-only",
                    "--preview-sizes", "30", "--preview-start-sizes", "30", "--preview-runs", "1",
                    "--keep", str(tmp_path),
                    "--json", str(figures)], cwd=REPO, check=True, capture_output=True)
    (row,) = json.loads(figures.read_text())
    assert row["mkdocs_s"] and row["mkdocs_ms_per_page"] and row["index_mb"]
    assert 0 < row["html_kb_mean"] <= row["html_kb_max"]
    assert row["search_s"] is not None and row["search_s"] > 0
    assert row["preview_s"] is not None and row["preview_s"] > 0
    assert row["site_one_s"] and row["preview_start_s"]
    assert 0 < row["site_one_rendered"] < row["pages"] / 4  # the site after one change: a few pages
    assert not [note for note in row["notes"] if "n/a" in note]


def test_one_cache_object_serves_successive_builds(tmp_path: Path) -> None:
    """What an MkDocs hook under `mkdocs serve` does: keep the cache in memory between builds."""
    from generator.cache import BuildCache

    project = tmp_path / "project"
    corpus.generate(project, 30, seed=11)
    cache = BuildCache(project)
    pipeline.build(project, cache=cache)
    assert pipeline.build(project, cache=cache).report.written == ()
    article = sorted((project / "content" / "articles").glob("*.yml"))[5]
    _edit(article, 'title: "', 'title: "Again: ')
    assert f"articles/{article.stem}.md" in pipeline.build(project, cache=cache).report.written

    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".briefings-cache", "briefings"))
    corpus._project_files(fresh)
    pipeline.build(fresh, cached=False)
    assert _tree(project / "briefings") == _tree(fresh / "briefings")


def test_strict_site_of_a_corpus_with_more_than_a_hundred_actors(tmp_path: Path) -> None:
    """Past INDEX_LIMIT actors the actor index is split by letter: every link of those
    pages must resolve, or `mkdocs build --strict` (what `make site` runs) fails."""
    sizes = corpus.generate(tmp_path, 560)
    assert sizes.actors > INDEX_LIMIT
    pipeline.build(tmp_path)
    letters = sorted((tmp_path / "briefings" / "actors" / "letters").glob("*.md"))
    assert letters
    assert "[All actors](../index.md)" in letters[0].read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
