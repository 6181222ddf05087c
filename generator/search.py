"""Full-text search: Pagefind indexes the built site into `pagefind/`, in partitions.

The pages say what to index (overrides/main.html marks each page's own text
with `data-pagefind-body` and its kind; the generator marks link lists,
tables and credits `data-pagefind-ignore`, and gives an actor's name and
aliases the highest weight), so indexing is runs of the Pagefind binary that
the `pagefind-bin` wheel installs: no network, no Node.js. Pagefind splits
each index by the pages' `<html lang>` (see `page_language`) and into small
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
PAGES_PER_PARTITION = 3000
"""Site pages per partition, at most on average. Fewer partitions make a search download
less (it loads a piece of every partition's index for each word); smaller ones make
re-indexing one cheaper. At 10,000 articles (22,000 pages): 8 partitions."""
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
    """How many partitions a site of `pages` HTML pages gets: a power of two, so that it
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
    brought up to date; None (or no index yet, or a site grown or shrunk past a
    partition boundary) indexes everything. Only the partitions holding a
    changed page are indexed again; the result is what indexing the whole site
    gives. Raises BriefingsError saying why the site could not be indexed.
    """
    if not site_dir.is_dir():
        raise BriefingsError(f"search: {site_dir} is not a built site")
    pages = _html_pages(site_dir)
    count = partition_count(len(pages))
    bundle = site_dir / BUNDLE
    previous = _read_manifest(bundle)
    if changed is None or previous is None or previous["count"] != count:
        shutil.rmtree(bundle, ignore_errors=True)
        wanted = {partition_of(page, count) for page in pages}
        languages: dict[str, dict[str, int]] = {}
    else:
        wanted = _stale(site_dir, bundle, changed, count)
        languages = {name: dict(pages) for name, pages in previous["partitions"]}
    members: dict[str, list[str]] = {name: [] for name in wanted}
    for page in pages:
        name = partition_of(page, count)
        if name in members:
            members[name].append(page)
    indexed = 0
    for name in sorted(members):
        found = _index_partition(site_dir, members[name], bundle / name)
        indexed += found[1]
        if found[0]:
            languages[name] = found[0]
        else:
            languages.pop(name, None)
    _write_manifest(bundle, count, languages)
    return Indexed(count, tuple(sorted(members)), indexed)


def refresh_site(site_dir: Path) -> Indexed:
    """Bring the search index of `site_dir` up to date without being told what changed.

    Every page's indexed text is compared with what was indexed (a few
    seconds of reading at 10,000 articles); only the partitions that differ
    are indexed again. For `briefings serve`, whose rebuilds rewrite every page.
    """
    known: set[str] = set()
    for digests in sorted((site_dir / BUNDLE).glob(f"*/{DIGESTS}")):
        try:
            known.update(json.loads(digests.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return index_site(site_dir)
    return index_site(site_dir, known.union(_html_pages(site_dir)) if site_dir.is_dir() else None)


def _stale(site_dir: Path, bundle: Path, changed: Iterable[str], count: int) -> set[str]:
    """The partitions where a changed page's indexed text differs from what was indexed.

    A page rewritten only outside its indexed text (an actor page whose list
    of latest articles grew: the list is `data-pagefind-ignore`) leaves its
    partition as it is; an added, removed or edited indexed page does not.
    """
    by_partition: dict[str, list[str]] = {}
    for page in changed:
        if page.endswith(".html") and page not in _LEFT_OUT:
            by_partition.setdefault(partition_of(page, count), []).append(page)
    stale = set()
    for name, pages in by_partition.items():
        try:
            indexed = json.loads((bundle / name / DIGESTS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            indexed = {}
        if any(_digest(site_dir / page) != indexed.get(page) for page in pages):
            stale.add(name)
    return stale


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


def _index_partition(site_dir: Path, pages: list[str], output: Path) -> tuple[dict[str, int], int]:
    """Index the pages of one partition that mark a body into `output` (emptied first).

    Pagefind is given the site and a glob naming exactly those pages, in a
    configuration file (a command line argument is limited to 128 KB), so
    their URLs are the site's. Returns (pages indexed per language, pages indexed).
    """
    shutil.rmtree(output, ignore_errors=True)
    digests = {page: _digest(site_dir / page) for page in pages}
    indexed = [page for page in pages if digests[page] is not None]
    if not indexed:
        return {}, 0
    with tempfile.TemporaryDirectory(prefix="briefings-search-") as folder:
        settings = {"site": str(site_dir.resolve()), "output_path": str(output.resolve()), "silent": True,
                    "glob": "{" + ",".join(map(_glob_of, indexed)) + "}"}
        Path(folder, "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
        _run([_executable()], Path(folder), site_dir)
    kept = {page: digests[page] for page in indexed}
    (output / DIGESTS).write_text(json.dumps(kept, sort_keys=True, separators=(",", ":")) + "\n",
                                  encoding="utf-8")
    return _sort_entry(output / "pagefind-entry.json"), len(indexed)


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
    (bundle / MANIFEST).write_text(json.dumps(manifest, separators=(",", ":")) + "\n", encoding="utf-8")


_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def page_language(html: str, language: object) -> str:
    """The page with `<html lang>` set to `language` (an article's own), when it is a valid tag.

    Pagefind indexes each language apart, with its own word rules, by this
    attribute. The theme's own words on the page (menus, labels) then carry the
    article's language too: the price of a per-language index.
    """
    if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
        return html
    return _HTML_LANG.sub(f'<html lang="{language}"', html, count=1)
