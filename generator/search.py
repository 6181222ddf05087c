"""Full-text search: Pagefind indexes the built site into `pagefind/`, in partitions.

The pages say what to index (overrides/main.html marks each page's own text
with `data-pagefind-body` and its kind; the generator marks link lists,
tables and credits `data-pagefind-ignore`, and gives an actor's name and
aliases the highest weight), so indexing is runs of the Pagefind binary that
the `pagefind-bin` wheel installs: no network, no Node.js. Pagefind splits
each index by the pages' `<html lang>` (see generator/site/language.py) and into small
chunks, so a search downloads only what its words need.

Partitions keep re-indexing cheap: every page belongs to one of
`partition_count(pages)` partitions, chosen by a hash of its path alone, and
each partition is its own Pagefind index in `pagefind/<xx>/`. After a change,
`index_site(site, changed)` re-indexes only the partitions that hold the
changed pages; the search box (briefings/assets/search.js) merges every
partition listed in `pagefind/partitions.json` at search time. A partition's
files depend only on its pages, so an index brought up to date this way is
byte for byte the index of a clean build.

The MkDocs hook (generator/hooks.py) indexes every build before it is
published; `briefings index-search SITE` indexes a site built otherwise
(Zensical, which runs no MkDocs hooks).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BriefingsError

BUNDLE = "pagefind"
"""The folder of the site that holds the partitions' indexes and the manifest."""
MANIFEST = "partitions.json"
"""In BUNDLE: which partitions exist and the pages of each per language (read by the search box)."""
DIGESTS = "digests.json"
"""In each partition: a digest of each indexed page's indexed text (see `_digest`)."""
PAGES_PER_PARTITION = 2500
"""Indexed pages per partition, at most on average. Fewer partitions make a search
download less (it loads a piece of every partition's index for each word); smaller
ones make re-indexing one cheaper. At 10,000 articles (17,000 indexed pages): 8."""
_MARK = b"data-pagefind-body"
_LEFT_OUT = {"404.html"}
"""Pages never indexed: the not-found page is no answer to a search."""


@dataclass(frozen=True)
class Indexed:
    """What one `index_site` call did."""

    partitions: int
    """How many partitions the site has now."""
    reindexed: tuple[str, ...]
    """The partitions indexed again (folder names in BUNDLE), sorted."""
    pages: int
    """How many pages those partitions hold now."""


def partition_count(pages: int) -> int:
    """How many partitions a site of `pages` indexed pages gets: a power of two, so that it
    changes (and everything is re-indexed) only when the site doubles or halves."""
    count = 1
    while pages > count * PAGES_PER_PARTITION and count < 256:
        count *= 2
    return count


def partition_of(page: str, count: int) -> str:
    """The partition (its folder name) of the page at site-relative path `page`."""
    digest = hashlib.sha1(page.encode("utf-8")).digest()
    return f"{int.from_bytes(digest[:4], 'big') % count:02x}"


def index_site(site_dir: Path, changed: Iterable[str] | None = None) -> Indexed:
    """Bring the search index of the built site in `site_dir` up to date.

    `changed` lists the site-relative paths (POSIX, e.g. "articles/x/index.html")
    of the HTML pages written, rewritten or deleted since the index was last
    brought up to date; None (or no index yet) indexes everything. Only the
    partitions where a changed page's indexed text differs from what was
    indexed are indexed again, and the site is not walked: the cost follows
    the partitions, not the site. If the number of indexed pages crosses a
    partition boundary, everything is indexed. The result is byte for byte
    what indexing the whole site gives. Raises BriefingsError saying why the
    site could not be indexed.
    """
    if not site_dir.is_dir():
        raise BriefingsError(f"search: {site_dir} is not a built site")
    bundle = site_dir / BUNDLE
    previous = _read_manifest(bundle)
    known = _known_digests(bundle, previous) if changed is not None and previous else None
    if known is None:
        return _index_all(site_dir)
    now = {page: _digest(site_dir / page) for page in set(changed)
           if page.endswith(".html") and page not in _LEFT_OUT}
    indexed = {page for part in known.values() for page in part}
    indexed = (indexed - set(now)) | {page for page, digest in now.items() if digest is not None}
    count = partition_count(len(indexed))
    if count != previous["count"]:
        return _index_all(site_dir)
    stale = {partition_of(page, count) for page, digest in now.items()
             if digest != known.get(partition_of(page, count), {}).get(page)}
    languages = {name: dict(counts) for name, counts in previous["partitions"]}
    members = {name: sorted(page for page in indexed if partition_of(page, count) == name) for name in stale}
    digests = {page: digest for name in stale for page, digest in known.get(name, {}).items()}
    digests.update(now)  # the pages not changed are the files their digest was taken from
    return _index_partitions(site_dir, count, members, languages, digests)


def refresh_site(site_dir: Path) -> Indexed:
    """Bring the search index of `site_dir` up to date without being told what changed.

    Every page's indexed text is compared with what was indexed (seconds of
    reading at 10,000 articles); only the partitions that differ are indexed
    again. For `briefings serve`, after a rebuild that could not say which pages it
    wrote (one that carried no index) or an indexing run that failed.
    """
    bundle = site_dir / BUNDLE
    known = _known_digests(bundle, _read_manifest(bundle)) if site_dir.is_dir() else None
    if known is None:
        return index_site(site_dir)
    pages = {page for part in known.values() for page in part}
    return index_site(site_dir, pages.union(_html_pages(site_dir)))


def _index_all(site_dir: Path) -> Indexed:
    """Index every page of the site, partitions chosen afresh."""
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
    indexed = [page for page in _html_pages(site_dir) if _MARK in (site_dir / page).read_bytes()]
    count = partition_count(len(indexed))
    members: dict[str, list[str]] = {}
    for page in indexed:
        members.setdefault(partition_of(page, count), []).append(page)
    return _index_partitions(site_dir, count, members, {})


def _index_partitions(site_dir: Path, count: int, members: dict[str, list[str]],
                      languages: dict[str, dict[str, int]], digests: dict[str, str | None] | None = None) -> Indexed:
    """Index each partition of `members` from its pages, then write the manifest."""
    bundle = site_dir / BUNDLE
    pages = 0
    for name in sorted(members):
        found, indexed = _index_partition(site_dir, members[name], bundle / name, digests or {})
        pages += indexed
        if found:
            languages[name] = found
        else:
            languages.pop(name, None)
    _write_manifest(bundle, count, languages)
    return Indexed(count, tuple(sorted(members)), pages)


def _known_digests(bundle: Path, manifest: dict | None) -> dict[str, dict[str, str]] | None:
    """Each listed partition's digests of its pages, or None if any cannot be read."""
    if manifest is None:
        return None
    known = {}
    for name, _ in manifest["partitions"]:
        try:
            digests = json.loads((bundle / name / DIGESTS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(digests, dict):
            return None
        known[name] = digests
    return known


def _digest(path: Path) -> str | None:
    """A digest of everything Pagefind reads on the page at `path` (None: nothing, or no page).

    The element marked `data-pagefind-body` to the end of the theme's
    `<article>`, without the elements marked `data-pagefind-ignore="all"`,
    with the page's `<html lang>` and `<title>`: a superset of what Pagefind
    indexes (an element this cannot delimit is kept), so equal digests mean
    an equal index.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    marked = data.find(_MARK)
    if marked < 0:
        return None
    start = data.rfind(b"<", 0, marked)
    end = data.rfind(b"</article>")
    region = data[start: end if end > marked else len(data)]
    head = data[:start]
    digest = hashlib.sha1()
    for found in (_HTML_LANG_BYTES.search(head), _TITLE.search(head)):
        digest.update(found.group(0) if found else b"-")
    digest.update(_without_ignored(region))
    return digest.hexdigest()[:20]


_HTML_LANG_BYTES = re.compile(rb"<html[^>]*>")
_TITLE = re.compile(rb"<title>.*?</title>", re.S)
_IGNORED = re.compile(rb'<([A-Za-z][A-Za-z0-9]*)\b[^>]*?\sdata-pagefind-ignore(?:="all")?(?=[\s>/])[^>]*>')
_VOID = {b"area", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"track", b"wbr"}


def _without_ignored(region: bytes) -> bytes:
    """`region` without the elements Pagefind ignores whole (found by counting their tag)."""
    kept, at = [], 0
    while (found := _IGNORED.search(region, at)) is not None:
        tag = found.group(1).lower()
        end = found.end() if tag in _VOID else _closing(region, tag, found.end())
        kept.append(region[at: found.start() if end is not None else found.end()])
        at = end if end is not None else found.end()
    kept.append(region[at:])
    return b"".join(kept)


def _closing(region: bytes, tag: bytes, at: int) -> int | None:
    """Where the element of `tag` opened just before `at` ends, or None if it never closes."""
    depth = 1
    for found in re.finditer(rb"<(/?)" + re.escape(tag) + rb"[\s>/]", region[at:], re.I):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            close = region.find(b">", at + found.start())
            return None if close < 0 else close + 1
    return None


def _html_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the site (site-relative POSIX paths, sorted), the bundle left out."""
    pages = []
    for folder, folders, files in os.walk(site_dir):
        folders[:] = sorted(f for f in folders if f != BUNDLE and not f.startswith("."))
        relative = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        pages.extend(prefix + name for name in sorted(files) if name.endswith(".html"))
    return [page for page in pages if page not in _LEFT_OUT]


def _index_partition(site_dir: Path, pages: list[str], output: Path,
                     known: dict[str, str | None]) -> tuple[dict[str, int], int]:
    """Index the pages of one partition that mark a body into `output` (emptied first).

    Pagefind is given the site and a glob naming exactly those pages, in a
    configuration file (a command line argument is limited to 128 KB), so
    their URLs are the site's. `known` gives the digests of pages unchanged since
    they were taken (not read again). Returns (pages indexed per language, pages indexed).
    """
    digests = {page: known[page] if page in known else _digest(site_dir / page) for page in pages}
    indexed = [page for page in pages if digests[page] is not None]
    if not indexed:
        shutil.rmtree(output, ignore_errors=True)
        return {}, 0
    _own(output)
    (output / DIGESTS).unlink(missing_ok=True)  # not up to date until the end
    with tempfile.TemporaryDirectory(prefix="briefings-search-") as folder:
        settings = {"site": str(site_dir.resolve()), "output_path": str(output.resolve()), "silent": True,
                    "glob": "{" + ",".join(map(_glob_of, indexed)) + "}"}
        Path(folder, "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
        _run([_executable()], Path(folder), site_dir)
    languages = _sort_entry(output / "pagefind-entry.json")
    _prune(output)
    kept = {page: digests[page] for page in indexed}
    (output / DIGESTS).write_text(json.dumps(kept, sort_keys=True, separators=(",", ":")) + "\n",
                                  encoding="utf-8")
    return languages, len(indexed)


def _own(output: Path) -> None:
    """Give `output`'s top-level files inodes of their own where they are hard links (an index
    carried over from the published site, generator/site/incremental.py).

    Pagefind 1.5.2 writes its entry file, scripts and language files in place; the files of
    `fragment/` and `index/`, named by a hash of their bytes, it leaves when they exist
    (tests/test_search_index.py checks that the published index is not touched).
    """
    if not output.is_dir():
        return
    for path in sorted(output.iterdir()):
        if path.is_file() and not path.is_symlink() and path.stat().st_nlink > 1:
            copy = path.with_name(path.name + ".own")
            shutil.copyfile(path, copy)
            os.replace(copy, path)


def _prune(output: Path) -> None:
    """Remove the files of an earlier index that the new one in `output` does not use.

    Pagefind writes into a folder that holds an index already, keeping the
    files whose name (a hash of their content) it would write again: an
    unchanged page's fragment stays, and a partition with one changed page
    costs a few writes instead of removing and writing thousands of files.
    What it no longer uses is left behind: the files that the entry file and
    the metadata it names (gzipped; they list every fragment and index chunk
    by name) do not name. The result is the folder a clean run writes.
    """
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    used = {"pagefind-entry.json", DIGESTS, "wasm.unknown.pagefind"}
    names = b""
    for language in entry["languages"].values():
        meta = f"pagefind.{language['hash']}.pf_meta"
        used.add(meta)
        if language.get("wasm"):
            used.add(f"wasm.{language['wasm']}.pagefind")
        names += gzip.decompress((output / meta).read_bytes())
    for path in sorted(output.iterdir()):
        if path.is_file() and (path.name.startswith("pagefind.") and path.name.endswith(".pf_meta")
                               or path.name.startswith("wasm.")) and path.name not in used:
            path.unlink()
    for folder in ("fragment", "index"):
        for path in sorted((output / folder).glob("*")) if (output / folder).is_dir() else []:
            if path.stem.encode("utf-8") not in names:
                path.unlink()


_GLOB_SAFE = re.compile(r"[\w./ -]")


def _glob_of(page: str) -> str:
    """A glob matching the path `page`: characters a glob could read otherwise match any one
    character (`?`): Pagefind's glob parser accepts no escape for some of them."""
    return "".join(c if _GLOB_SAFE.fullmatch(c) else "?" for c in page)


def _sort_entry(path: Path) -> dict[str, int]:
    """Rewrite Pagefind's entry file with its languages in order; return their page counts.

    Pagefind 1.5.2 lists the languages of `pagefind-entry.json` in a different
    order from run to run; sorted, the file is the same for the same pages.
    """
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    return {language: entry["languages"][language]["page_count"] for language in sorted(entry["languages"])}


def _executable() -> str:
    """The Pagefind binary of the `pagefind-bin` wheel."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise BriefingsError("search: Pagefind is not installed (pip install pagefind-bin, "
                             "or `make site`, which installs requirements.txt)") from None
    return str(get_executable())


def _run(arguments: list[str], folder: Path, site_dir: Path) -> None:
    result = subprocess.run(arguments, cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        raise BriefingsError(f"search: Pagefind could not index {site_dir}: "
                             + (said[-1] if said else f"exit status {result.returncode}"))


def _read_manifest(bundle: Path) -> dict | None:
    try:
        manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("count"), int):
        return None
    return manifest


def _write_manifest(bundle: Path, count: int, languages: dict[str, dict[str, int]]) -> None:
    """`{"count": K, "partitions": [["00", {"en": pages, ...}], ...]}`, sorted: the same for the same index.

    The search box merges every partition's every language, and picks the
    primary one as Pagefind does (the page's language, else the largest).
    """
    bundle.mkdir(parents=True, exist_ok=True)
    manifest = {"count": count, "partitions": [[name, languages[name]] for name in sorted(languages)]}
    temporary = bundle / (MANIFEST + ".part")  # replaced, not rewritten: it may be a carried link
    temporary.write_text(json.dumps(manifest, separators=(",", ":")) + "\n", encoding="utf-8")
    os.replace(temporary, bundle / MANIFEST)
