"""The incremental site build (`mkdocs build --dirty` through the hook) writes what a clean build writes.

After each round of edits (articles, actors and events changed, added and
deleted; hand-written pages; the configuration), the incremental site/ is
compared byte for byte, file by file, with a clean build of the same project
into another folder: pages, search index, sitemap, 404, assets and the site
manifest. A killed incremental build and one failed by a strict warning leave
the previous site/ as it was.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import corpus
from generator.site import manifest

from .conftest import REPO, copy_seed_project, mkdocs_config

ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
RENDERED = re.compile(r"incremental site: (\d+) page\(s\) to render, (\d+) reused")
REINDEXED = re.compile(r"search: (\d+) of (\d+) partition\(s\) indexed again after \d+ page\(s\) changed")


SMALL_PARTITIONS = ("import sys; from generator import search; search.PAGES_PER_PARTITION = 8; "
                    "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()")
"""`mkdocs` with search partitions of 8 pages: a small site gets many, so that an incremental
build indexes some of them again and carries the others over."""


def mkdocs(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = ["-c", SMALL_PARTITIONS] if (project / SMALL).exists() else ["-m", "mkdocs"]
    return subprocess.run([sys.executable, *command, "build", "--strict", *arguments],
                          cwd=project, capture_output=True, text=True, env=ENVIRONMENT)


SMALL = ".small-partitions"
"""A file marking a test project built with SMALL_PARTITIONS (its clean builds too)."""


def incremental(project: Path) -> tuple[int, int]:
    """Build site/ incrementally; (pages rendered, pages reused).

    When pages were reused, the search index is the previous site's, brought up
    to date from the pages rendered and removed (not indexed afresh).
    """
    done = mkdocs(project, "--dirty")
    assert done.returncode == 0, done.stderr
    counts = RENDERED.findall(done.stderr)
    if counts and int(counts[-1][1]):
        reindexed = REINDEXED.search(done.stderr)
        assert reindexed, done.stderr
        if (project / SMALL).exists():  # some partitions carried over as they were
            assert 0 < int(reindexed[1]) < int(reindexed[2]), done.stderr
    return (int(counts[-1][0]), int(counts[-1][1])) if counts else (-1, 0)


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_same_as_clean(project: Path) -> None:
    """site/ equals, byte for byte, a clean build of the project as it is now."""
    clean = project.parent / f"{project.name}-clean"
    done = mkdocs(project, "--site-dir", str(clean))
    assert done.returncode == 0, done.stderr
    built, expected = tree(project / "site"), tree(clean)
    assert "pagefind/partitions.json" in expected  # the search index is compared too
    assert sorted(built) == sorted(expected)
    differing = [name for name in expected if built[name] != expected[name]]
    assert differing == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def seed_site(tmp_path: Path) -> Path:
    project = copy_seed_project(tmp_path / "seed")
    done = mkdocs(project)  # clean: the hook generates briefings/, then builds site/ and its manifest
    assert done.returncode == 0, done.stderr
    assert (project / "site" / manifest.MANIFEST).is_file()
    return project


NEW_EVENT = """\
title: A test meeting in Tokyo
date: 2023-11-01
location: Tokyo
kind: meeting
actors:
  - actor: japan
    role: host
summary: A meeting added by the incremental site test.
tags: [diplomacy]
"""


@pytest.mark.slow
def test_seed_site_after_edits_additions_and_deletions_equals_a_clean_build(seed_site: Path) -> None:
    project = seed_site
    pages = len(manifest.read(project / "site").pages)
    # 1. an actor changed, an event and a hand-written page added, a hand-written page edited
    edit(project / "content/actors/japan.yml", "Japan, which joined", "Japan, which in 2023 joined")
    (project / "content/events/2023-11-01-test-meeting.yml").write_text(NEW_EVENT, encoding="utf-8")
    (project / "briefings/notes.md").write_text(
        "# Notes\n\nSee [Japan](actors/japan.md) and [the meeting](events/2023-11-01-test-meeting.md).\n",
        encoding="utf-8")
    edit(project / "briefings/about.md", "# About this briefing", "# About this briefing (test)")
    rendered, reused = incremental(project)
    assert 0 < rendered < pages / 3 and reused > pages / 2
    assert (project / "site/events/2023-11-01-test-meeting/index.html").is_file()
    assert_same_as_clean(project)

    # 2. the event and the hand-written page deleted, an article's title changed, and the
    #    cache of page digests damaged (it only saves reading pages: every page is read again)
    digests = project / ".briefings-cache/site-sources.json"
    assert str(project / "briefings/notes.md") in digests.read_text(encoding="utf-8")
    digests.write_text('{"briefings/about.md": [1, 2', encoding="utf-8")
    (project / "content/events/2023-11-01-test-meeting.yml").unlink()
    (project / "briefings/notes.md").unlink()
    edit(next((project / "content/articles").glob("cna-*.yml")), "title: North Korea’s Kim",
         "title: North Korea’s leader Kim")
    rendered, reused = incremental(project)
    assert rendered > 0 and reused > 0
    assert not (project / "site/events/2023-11-01-test-meeting").exists()
    assert not (project / "site/notes").exists()
    assert str(project / "briefings/notes.md") not in digests.read_text(encoding="utf-8")  # pruned
    assert_same_as_clean(project)

    # 3. the configuration changed: every page is rendered again
    edit(project / "mkdocs.yml", "site_name: 'Briefing: North Korea and Russia'",
         "site_name: 'Briefing: North Korea and Russia (test)'")
    rendered, reused = incremental(project)
    assert reused == 0 and rendered >= pages
    assert_same_as_clean(project)


@pytest.mark.slow
def test_an_unchanged_page_whose_link_target_goes_fails_as_a_clean_build_does(seed_site: Path) -> None:
    project = seed_site
    (project / "content/events/2023-11-01-test-meeting.yml").write_text(NEW_EVENT, encoding="utf-8")
    (project / "briefings/notes.md").write_text(
        "# Notes\n\n[The meeting](events/2023-11-01-test-meeting.md).\n", encoding="utf-8")
    incremental(project)
    before = tree(project / "site")
    (project / "content/events/2023-11-01-test-meeting.yml").unlink()  # notes.md itself unchanged
    done = mkdocs(project, "--dirty")
    assert done.returncode == 1
    assert ("Doc file 'notes.md' contains a link 'events/2023-11-01-test-meeting.md', but the target "
            "is not found among documentation files.") in done.stderr
    assert tree(project / "site") == before  # strict mode refused it: the previous site stays
    (project / "briefings/notes.md").write_text("# Notes\n\nNone.\n", encoding="utf-8")
    incremental(project)
    assert_same_as_clean(project)


@pytest.mark.slow
def test_a_killed_incremental_build_leaves_the_previous_site(seed_site: Path) -> None:
    project = seed_site
    before = tree(project / "site")
    edit(project / "mkdocs.yml", "site_name: 'Briefing: North Korea and Russia'",
         "site_name: 'Killed'")  # every page to render: time to kill it half way
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty"],
                               cwd=project, env=ENVIRONMENT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    building = project / ".site.building"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if building.is_dir() and any(building.glob("*/*/index.html")):
            break
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert tree(project / "site") == before
    edit(project / "mkdocs.yml", "site_name: 'Killed'", "site_name: 'Briefing: North Korea and Russia'")
    rendered, _ = incremental(project)
    assert rendered < len(manifest.read(project / "site").pages) / 2  # the previous site still serves
    assert_same_as_clean(project)


def _hooked_corpus(target: Path, articles: int) -> Path:
    corpus.generate(target, articles, seed=3)
    mkdocs_config(target)  # the site's settings with the hook (the corpus' own leave it out)
    return target


@pytest.mark.slow
def test_benchmark_corpus_after_random_edits_equals_a_clean_build(tmp_path: Path) -> None:
    project = _hooked_corpus(tmp_path / "corpus", 40)
    (project / SMALL).touch()
    done = mkdocs(project)
    assert done.returncode == 0, done.stderr
    rng = random.Random(12)
    articles = project / "content/articles"
    for round_ in range(2):
        files = sorted(articles.glob("*.yml"))
        for path in rng.sample(files, 3):
            edit(path, 'title: "', f'title: "Round {round_}: ')
        actor = rng.choice(sorted((project / "content/actors").glob("*.yml")))
        edit(actor, 'summary: "', f'summary: "Round {round_}: ')
        copied = rng.choice(files)
        (articles / f"{copied.stem}-copy{round_}.yml").write_text(
            copied.read_text(encoding="utf-8").replace('title: "', 'title: "Copy: ', 1), encoding="utf-8")
        rng.choice([path for path in files if "-copy" not in path.name]).unlink()
        started_from_spare = (project / ".site.spare").is_dir()  # the site before the last one
        assert started_from_spare == (round_ > 0)
        rendered, reused = incremental(project)
        assert rendered > 0 and reused > rendered
        assert_same_as_clean(project)


def _without_reload_script(served: bytes) -> bytes:
    """A page as the preview sends it, without the livereload script MkDocs' server inserts."""
    end = served.rindex(b"</body>")
    start = served.rindex(b"<script>", 0, end)
    return served[:start] + served[end:]


@pytest.mark.slow
def test_preview_starts_from_the_built_site_and_never_changes_it(seed_site: Path, tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    from bench.preview import serving

    project = seed_site
    before = tree(project / "site")
    with serving(project, tmp_path / "serve.log", startup_timeout=300) as server:
        pages = len(manifest.read(project / "site").pages)
        assert f"incremental site: 0 page(s) to render, {pages} reused" in server.output()
        for path in ("actors/japan/", "events/2023-08-18-camp-david-summit/", ""):
            with urllib.request.urlopen(server.url + path, timeout=60) as answer:
                served = answer.read()
            assert _without_reload_script(served) == before[f"{path}index.html"]
        edit(project / "content/actors/japan.yml", "Japan, which joined", "Japan, which in the preview joined")
        deadline = time.monotonic() + 120
        while b"in the preview joined" not in served:
            assert time.monotonic() < deadline, server.output()
            time.sleep(0.2)
            with urllib.request.urlopen(server.url + "actors/japan/", timeout=60) as answer:
                served = answer.read()
        # only content changed and no page came or went: the page alone was rendered again
        # (generator/site/preview.py), and it is the page `mkdocs build` writes
        assert "page(s) rendered again" in server.output()
        clean = tmp_path / "clean"
        done = mkdocs(project, "--site-dir", str(clean))
        assert done.returncode == 0, done.stderr
        assert _without_reload_script(served) == (clean / "actors/japan/index.html").read_bytes()
        (project / "content/events/2023-11-01-test-meeting.yml").write_text(NEW_EVENT, encoding="utf-8")
        deadline = time.monotonic() + 120
        while True:  # a page added: MkDocs' full rebuild (the file list, the sitemap)
            with contextlib.suppress(urllib.error.HTTPError):
                with urllib.request.urlopen(server.url + "events/2023-11-01-test-meeting/", timeout=60) as answer:
                    if b"A test meeting in Tokyo" in answer.read():
                        break
            assert time.monotonic() < deadline, server.output()
            time.sleep(0.2)
    assert tree(project / "site") == before  # the served pages were linked from site/, never written through


@pytest.mark.parametrize("clean, command", [
    ("", ".venv/bin/mkdocs build --strict --dirty"),
    ("1", ".venv/bin/mkdocs build --strict"),
])
def test_make_site_is_incremental_unless_told_to_build_clean(clean: str, command: str) -> None:
    completed = subprocess.run(["make", "--dry-run", "site", f"CLEAN={clean}"], cwd=REPO,
                               capture_output=True, text=True, check=True)
    assert f"BRIEFINGS_DRAFTS=0 {command}" in [line.strip() for line in completed.stdout.splitlines()]


@pytest.mark.slow
def test_another_plugin_makes_every_page_render_and_the_old_manifest_is_not_carried(seed_site: Path) -> None:
    """A plugin the incremental build does not know might make pages depend on each other."""
    project = seed_site
    edit(project / "mkdocs.yml", "plugins:\n- search\n", "plugins:\n- search\n- tags\n")
    done = mkdocs(project, "--dirty")
    assert done.returncode == 0, done.stderr
    assert "every page is rendered: plugin(s) material/tags may make pages depend on each other" in done.stderr
    assert not (project / "site" / manifest.MANIFEST).exists()  # a stale one would describe other pages
