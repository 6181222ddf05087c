"""The search index (generator/search.py): partitions, byte stability, re-indexing only what changed.

Sites here are a few hand-written HTML pages in three languages, indexed by
the real Pagefind binary; PAGES_PER_PARTITION is lowered so that a handful of
pages spread over several partitions, as thousands do in a real briefing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import search
from generator.errors import BriefingsError

WORDS = {"en": "harbour cargo ferry", "ko": "하버시티에서 화물선", "ar": "سفن الشحن الميناء"}


def page(language: str, title: str, text: str, *, body: bool = True) -> str:
    marked = ' data-pagefind-body data-pagefind-meta="kind:article"' if body else ""
    return (f'<!doctype html><html lang="{language}"><head><title>{title}</title></head><body>'
            f'<nav>menu words</nav><div{marked}><h1>{title}</h1><p id="p1">{text}</p></div></body></html>')


def write_site(site: Path, pages: int = 12) -> None:
    """`pages` article pages cycling through English, Korean and Arabic, a list page, a 404 page."""
    for number in range(pages):
        language = list(WORDS)[number % 3]
        path = site / "articles" / f"a-{number:03d}" / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page(language, f"Article {number}", f"{WORDS[language]} number{number}"),
                        encoding="utf-8")
    (site / "articles" / "index.html").write_text(page("en", "Articles", "a list", body=False), encoding="utf-8")
    (site / "404.html").write_text(page("en", "Not found", "nothing here"), encoding="utf-8")


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def small_partitions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "PAGES_PER_PARTITION", 4)


def test_partition_count_doubles_with_the_site() -> None:
    limit = search.PAGES_PER_PARTITION
    assert [search.partition_count(n) for n in (0, limit, limit + 1, 2 * limit + 1, 10**9)] == [1, 1, 2, 4, 256]


def test_a_page_partition_depends_on_its_path_alone() -> None:
    names = {search.partition_of(f"articles/a-{n}/index.html", 4) for n in range(200)}
    assert names == {"00", "01", "02", "03"}
    assert search.partition_of("actors/x/index.html", 8) == search.partition_of("actors/x/index.html", 8)


def test_every_partition_and_language_is_listed_and_list_and_404_pages_are_left_out(
        tmp_path: Path, small_partitions: None) -> None:
    write_site(tmp_path)
    done = search.index_site(tmp_path)
    assert done.partitions == 4 and done.pages == 12  # 14 HTML pages, 12 with a body (indexed)
    manifest = json.loads((tmp_path / "pagefind" / "partitions.json").read_text(encoding="utf-8"))
    assert manifest["count"] == 4
    assert sum(n for _, pages in manifest["partitions"] for n in pages.values()) == 12
    assert {lang for _, pages in manifest["partitions"] for lang in pages} == {"en", "ko", "ar"}
    for name, pages in manifest["partitions"]:
        entry = json.loads((tmp_path / "pagefind" / name / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert {lang: e["page_count"] for lang, e in entry["languages"].items()} == pages
        assert list(entry["languages"]) == sorted(entry["languages"])
    assert not list(tmp_path.glob(".search-*"))  # the scratch folders are gone


def test_two_clean_indexes_of_the_same_site_are_byte_identical(tmp_path: Path, small_partitions: None) -> None:
    write_site(tmp_path / "a")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    search.index_site(tmp_path / "a")
    search.index_site(tmp_path / "b")
    search.index_site(tmp_path / "b")  # and again over an existing index
    assert files_of(tmp_path / "a" / "pagefind") == files_of(tmp_path / "b" / "pagefind")


def test_reindexing_changed_pages_gives_the_clean_index_and_touches_only_their_partitions(
        tmp_path: Path, small_partitions: None) -> None:
    site = tmp_path / "site"
    write_site(site)
    search.index_site(site)
    before = files_of(site / "pagefind")
    edited, removed, added = "articles/a-004/index.html", "articles/a-007/index.html", "articles/new/index.html"
    (site / edited).write_text(page("ko", "Article 4", "평양에서 새로운 말"), encoding="utf-8")
    (site / removed).unlink()
    (site / added).parent.mkdir()
    (site / added).write_text(page("ar", "New", "كلمة جديدة"), encoding="utf-8")
    changed = {edited, removed, added, "assets/site.css"}

    done = search.index_site(site, changed)

    touched = {search.partition_of(p, 4) for p in (edited, removed, added)}
    assert set(done.reindexed) == touched and len(touched) < 4
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("pagefind"))
    search.index_site(clean)
    assert files_of(site / "pagefind") == files_of(clean / "pagefind")
    untouched = {name: data for name, data in before.items() if name[:2] not in touched and "/" in name}
    assert untouched and all(files_of(site / "pagefind")[name] == data for name, data in untouched.items())


def test_a_site_that_outgrows_its_partitions_is_indexed_whole(tmp_path: Path, small_partitions: None) -> None:
    write_site(tmp_path, pages=12)
    search.index_site(tmp_path)
    write_site(tmp_path, pages=20)  # 20 indexed pages: 8 partitions instead of 4
    done = search.index_site(tmp_path, {f"articles/a-{n:03d}/index.html" for n in range(12, 20)})
    assert done.partitions == 8 and len(done.reindexed) == 8 and done.pages == 20
    assert json.loads((tmp_path / "pagefind" / "partitions.json").read_text(encoding="utf-8"))["count"] == 8


def test_no_built_site_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(BriefingsError, match=r"^search: .*missing is not a built site$"):
        search.index_site(tmp_path / "missing")


def test_pages_whose_paths_a_glob_would_misread_are_indexed_once(tmp_path: Path) -> None:
    odd = ["tags/a,b [x]{1}(2)/index.html", "tags/q?*!$<>:\\/index.html", "tags/한국 말/index.html"]
    for number, path in enumerate(odd):
        (tmp_path / path).parent.mkdir(parents=True)
        (tmp_path / path).write_text(page("en", f"Tag {number}", f"word{number}"), encoding="utf-8")
    assert search.index_site(tmp_path).pages == 3
    manifest = json.loads((tmp_path / "pagefind" / "partitions.json").read_text(encoding="utf-8"))
    assert manifest["partitions"] == [["00", {"en": 3}]]


def test_a_page_rewritten_only_where_search_does_not_look_is_not_reindexed(
        tmp_path: Path, small_partitions: None) -> None:
    write_site(tmp_path)
    search.index_site(tmp_path)
    before = files_of(tmp_path / "pagefind")
    path = "articles/a-001/index.html"
    html = (tmp_path / path).read_text(encoding="utf-8")
    links = '<div data-pagefind-ignore="all"><ul><li><a href="../x/">a new article</a></li></ul></div>'
    rewritten = html.replace("menu words", "other menu").replace("</p></div>", f"</p>{links}</div>")
    (tmp_path / path).write_text(rewritten, encoding="utf-8")
    assert search.index_site(tmp_path, {path}).reindexed == ()
    assert files_of(tmp_path / "pagefind") == before

    (tmp_path / path).write_text(rewritten.replace("number1<", "number1 renamed<"), encoding="utf-8")
    assert search.index_site(tmp_path, {path}).reindexed == (search.partition_of(path, 4),)


def test_refreshing_without_a_list_of_changes_finds_them(tmp_path: Path, small_partitions: None) -> None:
    site = tmp_path / "site"
    write_site(site)
    search.index_site(site)
    edited, removed = "articles/a-002/index.html", "articles/a-005/index.html"
    (site / edited).write_text(page("en", "Article 2", "a new harbour"), encoding="utf-8")
    (site / removed).unlink()
    done = search.refresh_site(site)
    assert set(done.reindexed) == {search.partition_of(p, 4) for p in (edited, removed)}
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("pagefind"))
    search.index_site(clean)
    assert files_of(site / "pagefind") == files_of(clean / "pagefind")
    assert search.refresh_site(site).reindexed == ()


def test_an_index_carried_as_hard_links_is_brought_up_to_date_without_changing_the_published_one(
        tmp_path: Path, small_partitions: None) -> None:
    """The incremental site links the published site's index into the site it builds aside;
    indexing the changed pages there must leave the published index's files as they were."""
    from generator.site.incremental import SiteChanges

    published, building = tmp_path / "site", tmp_path / "building"
    write_site(published)
    search.index_site(published)
    before = files_of(published / "pagefind")
    written = {path: path.stat().st_mtime_ns for path in (published / "pagefind").rglob("*") if path.is_file()}
    shutil.copytree(published, building, ignore=shutil.ignore_patterns("pagefind"))
    edited = "articles/a-004/index.html"
    (building / edited).write_text(page("ko", "Article 4", "평양에서 새로운 말"), encoding="utf-8")
    changes = SiteChanges(building, published, (edited,), (), ())

    assert changes.carry(search.BUNDLE)
    carried = [path for path in (building / "pagefind").rglob("*") if path.is_file()]
    assert carried and all(path.stat().st_nlink == 2 for path in carried)  # linked, not copied
    done = search.index_site(building, [edited])

    assert done.reindexed == (search.partition_of(edited, 4),)
    assert files_of(published / "pagefind") == before
    assert {path: path.stat().st_mtime_ns for path in written} == written  # not even rewritten alike
    clean = tmp_path / "clean"
    shutil.copytree(building, clean, ignore=shutil.ignore_patterns("pagefind"))
    search.index_site(clean)
    assert files_of(building / "pagefind") == files_of(clean / "pagefind")
    assert any(path.stat().st_nlink == 2 for path in (building / "pagefind").rglob("*") if path.is_file())


class _Calls:
    """Stands in for the search module under the preview's indexer: records what it was asked."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[str, Path, list[str] | None]] = []
        self.fail = fail

    def index_site(self, site: Path, changed: list[str]) -> None:
        self.calls.append(("index", site, list(changed)))
        if self.fail:
            raise OSError("disk full")

    def refresh_site(self, site: Path) -> None:
        self.calls.append(("refresh", site, None))


def _queued_indexer(monkeypatch: pytest.MonkeyPatch, calls: _Calls):
    """The preview's indexer with its thread held back, so that a test runs it when it chooses."""
    from generator import hooks

    monkeypatch.setattr(hooks, "search", calls)
    indexer = hooks._Indexer()
    indexer.thread = object()  # type: ignore[assignment]  # a run is under way: requests queue
    return indexer


def test_the_preview_indexes_the_union_of_the_rebuilds_since_its_last_run(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    calls = _Calls()
    indexer = _queued_indexer(monkeypatch, calls)
    indexer.request(tmp_path, ("a/index.html",))
    indexer.request(tmp_path, ("b/index.html", "a/index.html"))
    indexer._run()
    indexer.request(tmp_path, ("c/index.html",))
    indexer._run()
    assert calls.calls == [("index", tmp_path, ["a/index.html", "b/index.html"]),
                           ("index", tmp_path, ["c/index.html"])]
    assert indexer.thread is None


def test_the_preview_compares_every_page_when_a_rebuild_cannot_say_what_changed(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = _Calls()
    indexer = _queued_indexer(monkeypatch, calls)
    indexer.request(tmp_path, ("a/index.html",))
    indexer.request(tmp_path, None)
    indexer.request(tmp_path, ("b/index.html",))
    indexer._run()
    indexer.request(tmp_path / "other", ("c/index.html",))
    indexer._run()
    assert calls.calls == [("refresh", tmp_path, None), ("refresh", tmp_path / "other", None)]


def test_after_a_failed_run_the_preview_compares_every_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    calls = _Calls(fail=True)
    indexer = _queued_indexer(monkeypatch, calls)
    indexer.request(tmp_path, ("a/index.html",))
    indexer._run()
    indexer.request(tmp_path, ("b/index.html",))
    indexer._run()
    assert calls.calls == [("index", tmp_path, ["a/index.html"]), ("refresh", tmp_path, None)]
    assert "search not indexed: disk full" in capsys.readouterr().err


def test_a_stopped_preview_indexes_nothing_more_and_says_nothing_of_a_run_cut_short(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calls = _Calls()
    indexer = _queued_indexer(monkeypatch, calls)
    indexer.request(tmp_path, ("a/index.html",))
    indexer.close()
    indexer._run()
    assert calls.calls == []

    def stopped_midway(site: Path, changed: list[str]) -> None:
        indexer.close()  # the server stops, and removes the folder being indexed
        raise OSError("no such file: a/index.html")

    indexer = _queued_indexer(monkeypatch, calls)
    monkeypatch.setattr(calls, "index_site", stopped_midway)
    indexer.request(tmp_path, ("a/index.html",))
    indexer._run()
    assert "no such file" not in capsys.readouterr().err
    assert indexer.thread is None
