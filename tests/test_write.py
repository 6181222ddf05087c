"""Writing briefings/: only what changed, nothing lost, whole after a crash."""

from __future__ import annotations

import html.parser
import os
import posixpath
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator import build as pipeline
from generator.errors import BriefingsError, ContentError
from generator.render import Page
from generator.manifest import JOURNAL, MANIFEST, STAGING
from generator.write import OverwriteError, recover, write_pages

from .conftest import REPO, mkdocs_config

Snapshot = dict[str, tuple[bytes, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every file under `folder`: its bytes and modification time in nanoseconds."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def pages_of(root: Path) -> dict[str, bytes]:
    """What the content under `root` generates, as it would be on disk."""
    pages, _ = pipeline.generate(root)
    return {page.path: page.text.encode("utf-8") for page in pages}


def generated_files(folder: Path) -> dict[str, bytes]:
    return {path: data for path, (data, _) in snapshot(folder).items()
            if path != MANIFEST and not path.startswith(("about", "assets/"))}


def change_content(root: Path) -> None:
    """Content B: one event removed, one added, an actor and the article changed."""
    content = root / "content"
    (content / "events" / "2024-03-port-season.yml").unlink()
    (content / "events" / "2024-03-02-port-party.yml").write_text(
        "title: Port party\ndate: 2024-03-02\nactors:\n  - actor: bo-lima\n", encoding="utf-8")
    article = content / "articles" / "daily-2024-03-02-port-opens.yml"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "2024-03-port-season", "2024-03-02-port-party"), encoding="utf-8")
    actor = content / "actors" / "ana-lima.yml"
    actor.write_text(actor.read_text(encoding="utf-8") + "summary: Runs the ports.\n",
                     encoding="utf-8")


# --- only what changed ------------------------------------------------------


def test_second_build_writes_nothing_and_keeps_mtimes(mini: Path) -> None:
    first = pipeline.build(mini)
    assert first.report.written and not first.report.removed
    before = snapshot(mini / "briefings")
    second = pipeline.build(mini)
    assert (second.report.written, second.report.removed) == ((), ())
    assert second.report.unchanged == len(first.report.written)
    assert snapshot(mini / "briefings") == before


def test_changed_content_rewrites_only_changed_pages_and_removes_stale_ones(mini: Path) -> None:
    pipeline.build(mini)
    before = snapshot(mini / "briefings")
    change_content(mini)
    report = pipeline.build(mini).report
    after = snapshot(mini / "briefings")
    assert report.removed == ("events/2024-03-port-season.md",)
    assert "events/2024-03-02-port-party.md" in report.written
    for path in set(before) & set(after):
        changed = path in report.written or path == MANIFEST
        assert (before[path] != after[path]) == changed, path
    assert generated_files(mini / "briefings") == pages_of(mini)
    assert not (mini / "briefings" / STAGING).exists()
    assert not (mini / "briefings" / JOURNAL).exists()


def test_hand_written_files_are_never_overwritten_or_removed(mini: Path) -> None:
    docs = mini / "briefings"
    docs.mkdir()
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    (docs / "timeline.md").write_text("# Mine\n", encoding="utf-8")
    before = snapshot(docs)
    with pytest.raises(OverwriteError, match=r"briefings/timeline.md exists and was not "
                       r"written by briefings: move or rename it"):
        pipeline.build(mini)
    assert snapshot(docs) == before
    (docs / "timeline.md").unlink()
    pipeline.build(mini)
    # A manifest claiming files outside the generated pages claims nothing.
    manifest = docs / MANIFEST
    manifest.write_text(manifest.read_text(encoding="utf-8")
                        + "about.md\n../content/briefing.yml\n/etc/hostname\n", encoding="utf-8")
    (docs / "about.md").write_text("# About, edited\n", encoding="utf-8")
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("about.md\n", ""),
                        encoding="utf-8")
    pipeline.build(mini)
    assert (docs / "about.md").read_text(encoding="utf-8") == "# About, edited\n"
    assert (mini / "content" / "briefing.yml").is_file()


def test_a_failing_build_leaves_briefings_exactly_as_it_was(mini: Path) -> None:
    pipeline.build(mini)
    before = snapshot(mini / "briefings")
    change_content(mini)
    (mini / "content" / "actors" / "atlantis.yml").write_text("name: Atlantis\nkind: [\n",
                                                             encoding="utf-8")
    with pytest.raises(ContentError):
        pipeline.build(mini)
    assert snapshot(mini / "briefings") == before


def test_two_pages_with_one_path_are_refused_before_writing(tmp_path: Path) -> None:
    pages = [Page("a.md", "one\n"), Page("b.md", "b\n"), Page("a.md", "two\n")]
    with pytest.raises(BriefingsError, match=r"^two things would write a.md: rename one of them$"):
        write_pages(tmp_path, pages)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(BriefingsError, match="not a path inside briefings/"):
        write_pages(tmp_path, [Page("../escape.md", "x\n")])
    assert not (tmp_path.parent / "escape.md").exists()


# --- the repository's own pages -----------------------------------------------


def run_generator(*args: str, cwd: Path, env: dict[str, str] | None = None):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def test_committed_briefings_match_what_the_content_generates() -> None:
    result = run_generator("build", "--check", cwd=REPO)
    assert (result.returncode, result.stdout) == (0, "briefings/ is up to date.\n"), result.stderr


def test_build_check_names_out_of_date_pages(mini: Path) -> None:
    pipeline.build(mini)
    before = snapshot(mini / "briefings")
    change_content(mini)
    result = run_generator("build", "--check", cwd=mini)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "briefings/events/2024-03-port-season.md: out of date" in lines
    assert "briefings/events/2024-03-02-port-party.md: out of date" in lines
    assert snapshot(mini / "briefings") == before


def test_output_is_the_same_on_any_machine(mini: Path, tmp_path: Path) -> None:
    """Hash seed, time zone, locale and clock do not reach the pages."""
    trees = []
    for seed, zone, epoch in (("1", "UTC", "0"), ("2", "Asia/Seoul", "2000000000")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone, "LC_ALL": "C.UTF-8",
               "SOURCE_DATE_EPOCH": epoch}
        assert run_generator("build", cwd=mini, env=env).returncode == 0
        trees.append(snapshot(mini / "briefings"))
        os.rename(mini / "briefings", tmp_path / f"run-{seed}")
    assert {p: d for p, (d, _) in trees[0].items()} == {p: d for p, (d, _) in trees[1].items()}


# --- killed half-way --------------------------------------------------------

KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from generator import build, write

    target, limit = sys.argv[1], int(sys.argv[2])
    calls = [0]
    real = getattr(os, target) if target != "stage" else write._Staging.add

    def die_after_limit(*args, **kwargs):
        if calls[0] == limit:
            os.kill(os.getpid(), signal.SIGKILL)
        calls[0] += 1
        return real(*args, **kwargs)

    if target == "stage":
        write._Staging.add = die_after_limit
    else:
        setattr(os, target, die_after_limit)
    build.build(Path(sys.argv[3]))
    """
)


def mini_mkdocs_config(root: Path) -> None:
    """The repository's MkDocs settings, for a corpus without the hand-written pages."""
    mkdocs_config(root, drop=("nav", "extra_css", "hooks"), watch=[])


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])  # type: ignore[arg-type]
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])  # type: ignore[arg-type]


def broken_links(site: Path) -> list[str]:
    """Internal links in the built site whose page or anchor does not exist."""
    parsed: dict[str, _Links] = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page.relative_to(site).as_posix()] = parser
    broken = []
    for source, links in parsed.items():
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or source == "404.html":
                continue  # outside links; the 404 page links from the site root
            target = source
            if parts.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(source),
                                                           unquote(parts.path)))
                if parts.path.endswith("/") or (site / target).is_dir():
                    target = posixpath.normpath(posixpath.join(target, "index.html"))
            if target not in parsed and not (site / target).is_file():
                broken.append(f"{source}: {href}")
            elif parts.fragment and target in parsed and parts.fragment not in parsed[target].ids:
                broken.append(f"{source}: {href}")
    return broken


@pytest.mark.slow
@pytest.mark.parametrize(
    ("target", "limit", "outcome"),
    [
        ("stage", 3, "old"),  # killed while staging
        ("replace", 0, "old"),  # killed just before the journal is committed
        ("replace", 1, "new"),  # journal committed, no page moved yet
        ("replace", 4, "new"),  # killed half-way through moving pages
    ],
)
def test_a_killed_build_leaves_old_or_new_pages_never_a_mix(
    mini: Path, target: str, limit: int, outcome: str
) -> None:
    pipeline.build(mini)
    old = generated_files(mini / "briefings")
    change_content(mini)
    new = pages_of(mini)
    killed = subprocess.run([sys.executable, "-c", KILLER, target, str(limit), str(mini)],
                            capture_output=True, text=True, check=False)
    assert killed.returncode == -9, killed.stderr
    docs = mini / "briefings"
    assert (docs / STAGING).exists()
    assert recover(docs) is True
    assert generated_files(docs) == (old if outcome == "old" else new)
    assert not (docs / STAGING).exists() and not (docs / JOURNAL).exists()
    mini_mkdocs_config(mini)
    built = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict",
                            "--quiet"], cwd=mini, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    links = broken_links(mini / "site")
    assert links == [], links
    # The next build completes the new pages from whatever the crash left.
    pipeline.build(mini)
    assert generated_files(docs) == new


def test_link_check_finds_missing_pages_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#p2">ok</a><a href="a/#p9">no anchor</a>'
        '<a href="b/">no page</a><a href="https://example.org/x">outside</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="p2">x</p><a href="../#top">top</a>',
                                               encoding="utf-8")
    assert broken_links(tmp_path) == ["a/index.html: ../#top", "index.html: a/#p9",
                                      "index.html: b/"]
