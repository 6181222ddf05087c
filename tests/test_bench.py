"""The benchmark path at a small size: synthetic corpus, cached builds, split lists, fast fold.

Nothing here is timed (timings live in `make bench`); these tests make sure
the benchmark keeps running and that the shortcuts taken for speed give
exactly the pages a plain build gives.
"""

from __future__ import annotations

import collections
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
from generator.paginate import COVERAGE_LIMIT, MAX_PAGE_BYTES, PAGE_LIMIT
from generator.render import INDEX_LIMIT, LINK_TEXT_LIMIT, LIST_LIMIT, QUOTE_PAGE_LIMIT, QUOTES_LATEST

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


SKEWED = 560
"""A skewed corpus with more than INDEX_LIMIT actors and an event covered by over a hundred
articles, generated in about a second and built in seconds."""


@pytest.fixture(scope="module")
def skewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark corpus of SKEWED articles, built once for the tests of this module."""
    project = tmp_path_factory.mktemp("skewed")
    corpus.generate(project, SKEWED)
    pipeline.build(project)
    return project


# --- the synthetic corpus ------------------------------------------------------


def test_corpus_is_deterministic_per_seed(tmp_path: Path) -> None:
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        corpus.generate(tmp_path / name, 40, seed=seed)
    assert _digest(tmp_path / "a" / "content") == _digest(tmp_path / "b" / "content")
    assert _digest(tmp_path / "a" / "seeds") == _digest(tmp_path / "b" / "seeds")
    assert _digest(tmp_path / "a" / "content") != _digest(tmp_path / "c" / "content")


def test_corpus_is_valid_and_has_the_counts_of_the_seed_briefing(tmp_path: Path) -> None:
    sizes = corpus.generate(tmp_path, 300, seed=1)
    assert pipeline.check(tmp_path, strict=True) == ()
    files = {kind: len(list((tmp_path / "content" / kind).glob("*.yml")))
             for kind in ("articles", "actors", "events", "outlets")}
    assert files == {"articles": 300, "actors": 60 + sizes.agencies, "events": 100, "outlets": 15}
    text = (tmp_path / "seeds" / "bench-000007.txt").read_text(encoding="utf-8")
    assert 300 <= len(text.split()) <= 900  # news length


def _counts(project: Path) -> dict[str, collections.Counter]:
    """How many articles name each actor, cover each event, come from each outlet; quotes per agency."""
    counts = {key: collections.Counter() for key in ("actors", "events", "outlets", "via")}
    for path in (project / "content" / "articles").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        events, actors = text.split("events:\n")[1].split("actors:\n")
        counts["events"].update(re.findall(r"^  - (\S+)$", events, re.MULTILINE))
        counts["actors"].update(re.findall(r"^  - (actor-\d+)$", actors.split("quotes:")[0], re.MULTILINE))
        counts["outlets"].update(re.findall(r"^outlet: (\S+)$", text, re.MULTILINE))
        counts["via"].update(re.findall(r"^    via: (\S+)$", text, re.MULTILINE))
    return counts


def test_corpus_has_the_heavy_tails_of_real_briefings(skewed: Path) -> None:
    """Zipf-like actors (the first in about 30% of articles), one event covered by hundreds
    of articles, many outlets of very different sizes, agencies credited hundreds of times."""
    counts = _counts(skewed)
    articles = SKEWED
    (_, top_actor), = counts["actors"].most_common(1)
    assert 0.2 * articles <= top_actor <= 0.45 * articles
    assert sorted(counts["actors"].values())[len(counts["actors"]) // 2] < 0.05 * articles  # the median actor
    (_, top_event), = counts["events"].most_common(1)
    assert top_event >= corpus.Sizes.for_articles(articles).top_coverage >= 100
    assert sorted(counts["events"].values())[len(counts["events"]) // 2] <= 4  # the median event
    assert len(counts["outlets"]) == 28
    assert max(counts["outlets"].values()) > 10 * min(counts["outlets"].values())
    assert max(counts["via"].values()) >= 200


def test_corpus_articles_name_actors_through_aliases(tmp_path: Path) -> None:
    corpus.generate(tmp_path, 30, seed=2)
    pipeline.build(tmp_path)
    linked = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "briefings" / "articles").glob("*.md"))
    aliases = re.findall(r'aliases: \["([^"]+)"\]', "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "content" / "actors").glob("*.yml")))
    # an article's paragraphs are raw HTML (render._body_md): its links carry their built URLs
    assert any(re.search(f'<a href="../../actors/[^"]+/">{re.escape(alias)}</a>', linked) for alias in aliases)


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
    anchor = re.compile(r"\{ #(q-[a-z0-9-]+)(?: data-search-exclude[^}]*)? \}")
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


def test_busy_actor_pages_cap_their_lists_and_keep_every_entry_by_year_or_month(tmp_path: Path) -> None:
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
        listed = sum((p.read_text(encoding="utf-8").split("## Articles") + [""])[1].count(
            "](../../articles/" if p.parent == folder else "](../../../articles/") for p in folder.rglob("*.md"))
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
    assert row.pictures_share is not None and 0 < row.pictures_share < 100
    assert row.picture_kb_max is not None and 0 < row.picture_kb_max < row.md_kb_max
    out = capsys.readouterr().out
    assert "| 40 |" in out and "Largest picture KB" in out


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
    assert row["index_s"] > 0 and row["reindex_s"] > 0 and row["first_query_kb"] > 0
    assert any("re-index after one article" in note for note in row["notes"])
    assert row["preview_s"] is not None and row["preview_s"] > 0
    assert row["site_one_s"] and row["preview_start_s"]
    assert 0 < row["site_one_rendered"] < row["pages"] / 4  # the site after one change: a few pages
    assert not [note for note in row["notes"] if "n/a" in note]


def test_one_layer_serves_successive_builds(tmp_path: Path) -> None:
    """What an MkDocs hook under `mkdocs serve` does: keep the incremental layer open between builds."""
    from generator.incremental import Incremental

    project = tmp_path / "project"
    corpus.generate(project, 30, seed=11)
    layer = Incremental(project, pipeline.cache_options(drafts=False))
    pipeline.build(project, layer=layer)
    assert pipeline.build(project, layer=layer).report.written == ()
    article = sorted((project / "content" / "articles").glob("*.yml"))[5]
    _edit(article, 'title: "', 'title: "Again: ')
    assert f"articles/{article.stem}.md" in pipeline.build(project, layer=layer).report.written

    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".briefings-cache", "briefings"))
    corpus._project_files(fresh)
    pipeline.build(fresh, cached=False)
    assert _tree(project / "briefings") == _tree(fresh / "briefings")


def test_strict_site_of_a_corpus_with_more_than_a_hundred_actors(skewed: Path) -> None:
    """Past INDEX_LIMIT actors the actor index is split by letter: every link of those
    pages (and of the coverage pages of the widely covered event) must resolve, or
    `mkdocs build --strict` (what `make site` runs) fails."""
    assert corpus.Sizes.for_articles(SKEWED).actors > INDEX_LIMIT
    letters = sorted((skewed / "briefings" / "actors" / "letters").glob("*.md"))
    assert letters
    assert "[All actors](../index.md)" in letters[0].read_text(encoding="utf-8")
    assert list((skewed / "briefings" / "events").glob("*/coverage-2.md"))
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=skewed,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-2000:]


# --- every page bounded ----------------------------------------------------------


def test_no_page_of_the_skewed_corpus_is_longer_than_the_limit(skewed: Path) -> None:
    sizes = {p.relative_to(skewed / "briefings").as_posix(): p.stat().st_size
             for p in (skewed / "briefings").rglob("*.md")}
    assert len(sizes) > 1500
    assert {path: size for path, size in sizes.items() if size > MAX_PAGE_BYTES} == {}


def test_coverage_of_a_widely_covered_event_is_on_pages_that_lose_no_article(skewed: Path) -> None:
    events = skewed / "briefings" / "events"
    (folder,) = [f for f in events.iterdir() if (f / "coverage-2.md").is_file()
                 and len(list(f.glob("coverage*.md"))) > 2]  # the most covered event
    page = (events / f"{folder.name}.md").read_text(encoding="utf-8")
    parts = sorted(folder.glob("coverage*.md"), key=lambda p: len(p.name))
    for part in parts:
        assert f"]({folder.name}/{part.name})" in page  # the event page links every part
    published = re.compile(r"^- Published: (.*)$", re.MULTILINE)
    listed = [link for part in parts for line in published.findall(part.read_text(encoding="utf-8"))
              for link in re.findall(r"\]\(\.\./\.\./articles/([^)]+)\.md\)", line)]
    covering = [p.stem for p in (skewed / "content" / "articles").glob("*.yml")
                if f"  - {folder.name}\n" in p.read_text(encoding="utf-8").split("actors:")[0]]
    assert sorted(listed) == sorted(covering) and len(covering) > COVERAGE_LIMIT
    assert "- Published: " not in page  # the event page keeps a summary only


def test_few_events_with_long_titles_and_places_stay_within_the_limit(tmp_path: Path) -> None:
    """Fewer events than INDEX_LIMIT, but so long that one list of them would pass the limit:
    the timeline links its months instead, and links cut long titles."""
    corpus.generate(tmp_path, 90, seed=12)
    events = sorted((tmp_path / "content" / "events").glob("*.yml"))
    assert len(events) < INDEX_LIMIT
    for path in events:
        _edit(path, 'title: "', 'title: "' + "A very long title of an event " * 40)
        _edit(path, 'location: "', 'location: "' + "Somewhere far away " * 60)
    pipeline.build(tmp_path)
    docs = tmp_path / "briefings"
    timeline = (docs / "timeline.md").read_text(encoding="utf-8")
    months = [p for p in (docs / "events").glob("*/*.md") if "-" not in p.stem]
    assert months and all(f"]({month.relative_to(docs).as_posix()})" in timeline for month in months)
    assert max(p.stat().st_size for p in docs.rglob("*.md")) <= MAX_PAGE_BYTES
    cut = ("A very long title of an event " * 10)[:LINK_TEXT_LIMIT - 1].rsplit(" ", 1)[0]
    assert f"[{cut}…](../" in months[0].read_text(encoding="utf-8")
