"""An incremental `mkdocs build` whose output is byte for byte a clean build's.

The hook (generator/hooks.py) installs one `IncrementalSite` into MkDocs'
plugins at each build. With `--dirty` (`make site` and `briefings serve` pass
it) MkDocs asks every page's `File.is_modified()` whether to render it; the
plugin answers from the previous site's manifest (generator/site/manifest.py)
instead of from modification times:

- a page is reused when its Markdown, the environment (configuration, theme,
  package versions, hook code) and the existence of every file its links
  point to are what the previous site's page was built from, and that page's
  HTML is still there, whole;
- every other page is rendered; so is every page without `--dirty`, which is
  a clean build (that still writes the manifest the next build starts from).

What a reused page contributes to the site, the plugin supplies: its HTML
(a hard link to the previous site's file, into the folder being built), its
anchors and links to anchors (so that MkDocs checks links to and from it as
in a clean build). The theme's search plugin builds no index
(theme_search.py), so no page depends on the others' text. Everything else
MkDocs writes as in a clean build: the sitemap, 404.html, every asset. The
folder being built (the hook builds aside and swaps) is the site before the
last one, kept by generator/publish.py because making a folder per page anew
is most of an incremental build's time: before MkDocs writes anything, every
file in it that is not the HTML of a page of this build goes (`_tidy`), and a
reused page whose file there is already the previous site's is left as is.

A hard link shares its file with the previous site; MkDocs writes a page by
truncating the file in place, so the plugin removes a page's file right
before MkDocs writes it (`on_post_page`): a site that is served (or still
published) never changes under a later build.

After the build, `changes` says which pages were rendered, reused and
removed: the seam for whole-site steps that can work page by page (a search
indexer re-indexing only the changed pages), handed to them by the hook.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import stat
import time
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Callable

import mkdocs
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..publish import link_or_copy
from . import manifest
from .manifest import Manifest, PageRecord
from .theme_search import SEARCH_PLUGINS

log = logging.getLogger("mkdocs.plugins.briefings.incremental")

SUPPORTED_MKDOCS = ("1.6.",)
"""MkDocs versions whose build this was checked against (File.is_modified under --dirty,
the order of build steps and events); with another, every page is rendered."""
KNOWN_PLUGINS = frozenset(SEARCH_PLUGINS)
"""Plugins known to make no page depend on the others (the theme's search plugin, whose index
is not built: theme_search.py); with any other plugin, every page is rendered."""
SOURCE_DIGESTS = ".briefings-cache/site-sources.json"
"""Under the project: each Markdown page's digest with the size, time and inode it had, so
that a fresh process reads again only the pages whose file changed (a cache: losing it costs
reading every page once)."""
DIRTY_WARNING = "A 'dirty' build is being performed"
"""MkDocs' warning for `--dirty`, which strict mode would count: the plugin makes the build sound."""


@dataclass(frozen=True)
class SiteChanges:
    """What one build did to the site's pages (paths of HTML files, relative to the site folder)."""

    site: Path
    """The folder just built (`.site.building/` under `mkdocs build`)."""
    previous: Path | None
    """The site the reused pages came from (site/), or None after a build that reused nothing."""
    rendered: tuple[str, ...]
    reused: tuple[str, ...]
    removed: tuple[str, ...]
    """Pages of the previous site that this one no longer has."""

    @property
    def changed(self) -> tuple[str, ...]:
        """Pages written or deleted by this build: what an index of the previous site must update."""
        return tuple(sorted(self.rendered + self.removed))

    def carry(self, folder: str) -> bool:
        """Link `folder` of the previous site (say an index that a whole-site step brings up to
        date) into the site just built aside; False when there is nothing to start from.

        Its files are hard links to the previous site's, which is still the published
        one: the step that brings it up to date must not rewrite a file in place (it
        replaces files, or takes its own copy of what it rewrites, see `search.py`).
        """
        if self.previous is None or not (self.previous / folder).is_dir():
            return False
        if _same(self.previous, self.site):
            return True
        _sync_links(self.previous / folder, self.site / folder)
        return True


def supported(config: Any) -> str | None:
    """Why this project's site cannot be built incrementally, or None when it can."""
    if not mkdocs.__version__.startswith(SUPPORTED_MKDOCS):
        return f"MkDocs {mkdocs.__version__} is not one the incremental build was checked against"
    hooks = set((config.get("hooks") or {}).keys())
    others = sorted(name for name in config.plugins.keys() if name not in KNOWN_PLUGINS | hooks)
    if others:
        return f"plugin(s) {', '.join(others)} may make pages depend on each other"
    return None


def _true() -> bool:
    return True


def _false() -> bool:
    return False


class _DirtyFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


class _PageWarnings(logging.Handler):
    """Notes the pages during whose rendering something was logged as a warning (or worse)."""

    def __init__(self, config: Any) -> None:
        super().__init__(logging.WARNING)
        self.mkdocs_config = config
        self.pages: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        page = getattr(self.mkdocs_config, "_current_page", None)
        if page is not None:
            self.pages.add(page.file.src_uri)


class IncrementalSite:
    """The MkDocs plugin object behind the incremental build (installed by the hook, see module doc).

    One object lives as long as the process: under `serve` it keeps the
    manifest of the last build, so that a rebuild in the
    same folder reads nothing from disk.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.changes: SiteChanges | None = None
        self._last: tuple[Path, Manifest] | None = None
        """Under serve: (folder, manifest) of the last build."""
        self._digests: dict[str, tuple[tuple[int, int, int, str], str]] = {}
        self._digests_read = False
        self._reset()

    def _reset(self) -> None:
        self.mkdocs_config: Any = None
        self.target = Path()
        self.previous: Path | None = None
        self.in_place = False
        self.serving = False
        self.carried: frozenset[str] = frozenset()
        self.old: Manifest | None = None
        self.reused: dict[str, PageRecord] = {}
        self.sources: dict[str, str] = {}
        self.untitled: set[str] = set()
        self.lookups: dict[str, dict[str, bool]] = {}
        self.warnings: _PageWarnings | None = None
        self.environment = ""
        self.files = Files([])

    def served(self, folder: Path) -> bool:
        """Whether the last build (under serve) succeeded in `folder`, whose pages it then knows."""
        return self._last is not None and _same(self._last[0], folder)

    # -- set up by the hook ---------------------------------------------------------------------

    def begin(self, config: Any, previous: Path | None, *, serving: bool, dirty: bool,
              carried: tuple[str, ...] = ()) -> None:
        """Prepare a build of `config.site_dir`, reusing pages of the site in `previous`.

        `previous` may be the folder being built (a rebuild under serve, or a
        site that cannot be swapped): pages are then reused where they are.
        Without `dirty` MkDocs renders every page (a clean build): nothing is
        reused, and the manifest for the next build is written all the same.
        The folder built in may hold an older site (generator/publish.py): its
        files that this build does not write go, but for the `carried` folders,
        which the hook brings up to date itself (the search index).
        """
        self._reset()
        self.carried = frozenset(carried)
        self.changes = None
        if not dirty:
            previous = None
        self.mkdocs_config = config
        self.serving = serving
        self.target = Path(config.site_dir)
        self.previous = previous
        self.in_place = previous is not None and _same(previous, self.target)
        if self._last is not None and self.in_place and _same(self._last[0], self.target):
            self.old = self._last[1]
        elif previous is not None and previous.is_dir():
            self.old = manifest.read(previous)
            if self.in_place:  # pages change under it from now on: a build that fails leaves none
                (previous / manifest.MANIFEST).unlink(missing_ok=True)
        self._last = None
        self.warnings = _PageWarnings(config)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        quiet_dirty_warning()

    def end(self) -> None:
        """Stop listening to MkDocs' log (after the build, however it ended)."""
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        quiet_dirty_warning(False)

    # -- MkDocs events ----------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: Any) -> Files:
        """Record, per page, every link target its rendering looks up."""
        lookup = files.get_file_from_path
        lookups = self.lookups

        def recording(path: str) -> File | None:
            found = lookup(path)
            page = getattr(config, "_current_page", None)
            if page is not None:  # the key MkDocs' lookup uses: the next build checks it directly
                lookups.setdefault(page.file.src_uri, {})[PurePath(path).as_posix()] = found is not None
            return found

        files.get_file_from_path = recording  # type: ignore[method-assign]
        self.files = files
        return files

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        """Decide which pages to reuse: tell MkDocs (under --dirty) through File.is_modified."""
        pages = [file for file in files if file.is_documentation_page()]
        for file in pages:
            self.sources[file.src_uri] = self._digest(file)
        for page in nav.pages:
            if "title" not in page.__dict__:  # named by its own heading in every page's navigation
                self.untitled.add(page.file.src_uri)
        self.environment = manifest.environment(
            config, self.root, (f"{uri} {self.sources[uri]}" for uri in self.untitled))
        reusable = self._reusable(files) if self.old is not None else {}
        self.reused = reusable
        for file in pages:
            file.is_modified = _false if file.src_uri in reusable else _true  # type: ignore[method-assign]
        if not self.in_place:  # the site before the last one (generator/publish.py), or empty
            included = files.documentation_pages(
                inclusion=InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included)
            _tidy(os.fspath(self.target), "", {file.dest_uri for file in included}, self.carried)
        if self.old is not None:
            log.info(f"briefings: incremental site: {len(pages) - len(reusable)} page(s) to render, "
                     f"{len(reusable)} reused from {self.previous}")
        return nav

    def _digest(self, file: File) -> str:
        """The page's source digest; read again only when the file's size, time or inode changed
        (remembered for the life of the process: `serve` asks at every rebuild)."""
        if not self._digests_read:
            self._digests, self._digests_read = _read_digests(self.root / SOURCE_DIGESTS), True
        info = os.stat(file.abs_src_path)
        key = (info.st_size, info.st_mtime_ns, info.st_ino, file.inclusion.name)
        known = self._digests.get(file.abs_src_path)
        if known is not None and known[0] == key:
            return known[1]
        digest = manifest.source_digest(file.abs_src_path, file.inclusion.name)
        self._digests[file.abs_src_path] = (key, digest)
        return digest

    def _reusable(self, files: Files) -> dict[str, PageRecord]:
        old = self.old
        assert old is not None and self.previous is not None
        if old.environment != self.environment:
            return {}
        found = files.src_uris
        previous = os.fspath(self.previous) + os.sep  # plain strings: 22,000 pages at 10,000 articles
        reusable: dict[str, PageRecord] = {}
        for uri, digest in self.sources.items():
            record = old.pages.get(uri)
            if (record is None or record.source != digest or uri in self.untitled
                    or record.output != found[uri].dest_uri
                    or any((path in found) != bool(existed) for path, existed in record.links.items())):
                continue
            try:
                info = os.lstat(previous + record.output)
            except OSError:
                continue
            if info.st_size == record.size and stat.S_ISREG(info.st_mode):
                reusable[uri] = record
        return reusable

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """Give reused pages the anchors MkDocs' end-of-build check asks them for."""
        for uri, record in self.reused.items():
            page = files.src_uris[uri].page
            if page is None:
                continue
            page.present_anchor_ids = set(record.anchors)
            page.links_to_anchors = {
                target: dict(links) for name, links in record.anchor_links.items()
                if (target := files.src_uris.get(name)) is not None
            }
        return env

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        """Unlink the page's file before MkDocs truncates it: it may be shared with another site."""
        try:
            os.unlink(page.file.abs_dest_path)
        except FileNotFoundError:
            pass
        return output

    @event_priority(100)  # before the hook indexes and publishes the site
    def on_post_build(self, *, config: Any) -> None:
        """Put the reused pages in place; write the new manifest."""
        files = self.files
        pages = files.documentation_pages(
            inclusion=InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included)
        rendered = [file for file in pages if file.src_uri not in self.reused]
        start = time.perf_counter()
        if not self.in_place:
            _place(self.previous, self.target, [record.output for record in self.reused.values()])
        placed = time.perf_counter() - start
        removed = self._removed({file.src_uri for file in pages})
        new = Manifest(self.environment, self._records(pages))
        if self.serving:  # the server's folder is thrown away at the end: kept in memory only
            self._last = (self.target, new)
        else:
            manifest.write(self.target, new)
            present = {file.abs_src_path for file in pages}
            self._digests = {path: known for path, known in self._digests.items() if path in present}
            _write_digests(self.root / SOURCE_DIGESTS, self._digests)
        if self.reused and not self.in_place:
            log.info(f"briefings: incremental site: {len(self.reused)} page(s) placed in {placed:.2f} s, "
                     f"manifest in {time.perf_counter() - start - placed:.2f} s")
        self.changes = SiteChanges(
            self.target, self.previous if self.reused else None,
            tuple(file.dest_uri for file in rendered),
            tuple(record.output for record in self.reused.values()), removed)

    def forget_pages(self, uris: list[str]) -> None:
        """Under serve: pages rendered again outside a build (preview.py) are not the ones the kept
        manifest describes; the next build renders them instead of reusing them."""
        if self._last is not None:
            folder, kept = self._last
            gone = set(uris)
            pages = {uri: record for uri, record in kept.pages.items() if uri not in gone}
            self._last = (folder, Manifest(kept.environment, pages))

    # -- pages rendered in another process (parallel.py) -------------------------------------------

    def notes_of(self, uris: set[str]) -> object:
        """What this plugin noted while pages `uris` rendered: the link targets they looked up,
        and which of them logged a warning."""
        warned = self.warnings.pages if self.warnings is not None else set()
        return ({uri: self.lookups[uri] for uri in uris if uri in self.lookups}, warned & uris)

    def adopt_notes(self, notes: object) -> None:
        """Take the notes (`notes_of`) of pages rendered in another process."""
        lookups, warned = notes  # type: ignore[misc]
        self.lookups.update(lookups)
        if self.warnings is not None:
            self.warnings.pages |= warned

    # -- helpers ------------------------------------------------------------------------------------

    def _removed(self, current: set[str]) -> tuple[str, ...]:
        """Outputs of the previous site's pages that are gone; deleted here when built in place."""
        if self.old is None:
            return ()
        gone = sorted(record.output for uri, record in self.old.pages.items() if uri not in current)
        if self.in_place:
            for output in gone:
                _remove_page(self.target, output)
        return tuple(gone)

    def _records(self, pages: list[File]) -> dict[str, PageRecord]:
        warned = self.warnings.pages if self.warnings is not None else set()
        records: dict[str, PageRecord] = {}
        for file in pages:
            uri = file.src_uri
            if uri in self.reused:
                records[uri] = self.reused[uri]
                continue
            page = file.page
            if page is None or uri in warned or page.present_anchor_ids is None:
                continue
            try:
                size = os.path.getsize(file.abs_dest_path)
            except OSError:
                continue  # written empty, so not written: nothing to reuse
            records[uri] = PageRecord(
                self.sources[uri], file.dest_uri, size,
                {path: int(found) for path, found in sorted(self.lookups.get(uri, {}).items())},
                sorted(page.present_anchor_ids),
                {target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()},
            )
        return records


_dirty_filter = _DirtyFilter()


def quiet_dirty_warning(quiet: bool = True) -> None:
    """Drop (or, with False, let through again) MkDocs' warning that `--dirty` builds are inaccurate.

    Said of MkDocs' own dirty builds; a build into an empty folder (the hook
    builds aside) or through IncrementalSite is exact, and strict mode
    would count the warning.
    """
    logger = logging.getLogger("mkdocs.commands.build")
    (logger.addFilter if quiet else logger.removeFilter)(_dirty_filter)



def _same(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return os.path.abspath(first) == os.path.abspath(second)


def _place(previous: Path | None, target: Path, outputs: list[str]) -> None:
    """Hard-link (or copy, across file systems) the reused pages' HTML into the folder being built."""
    if previous is None:
        return
    made: set[str] = {""}
    link: Callable[[str, str], None] = os.link
    old, new = os.fspath(previous) + os.sep, os.fspath(target) + os.sep
    for output in outputs:
        folder = os.path.dirname(output)
        if folder not in made:
            _make_folders(new, folder, made)
        source, destination = old + output, new + output
        try:
            link(source, destination)
        except FileExistsError:  # from the site before the last one: often the same file
            if os.path.samefile(source, destination):
                continue
            os.unlink(destination)
            link(source, destination)
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
            link = shutil.copyfile  # type: ignore[assignment]
            link(source, destination)


def _read_digests(path: Path) -> dict[str, tuple[tuple[int, int, int, str], str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {source: ((int(size), int(mtime), int(inode), str(inclusion)), str(digest))
                for source, (size, mtime, inode, inclusion, digest) in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _write_digests(path: Path, digests: dict[str, tuple[tuple[int, int, int, str], str]]) -> None:
    body = {source: [*key, digest] for source, (key, digest) in sorted(digests.items())}
    temporary = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(body, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:  # read-only or full: the next build reads every page once more
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def _sync_links(source: Path, target: Path) -> None:
    """Make folder `target` hold hard links to every file of `source` (copies across file
    systems), and nothing else: a file already linked is left, one that differs replaced."""
    wanted: set[str] = set()
    for folder, _, names in os.walk(source):
        relative = os.path.relpath(folder, source)
        os.makedirs(os.path.join(target, relative), exist_ok=True)
        for name in names:
            there = os.path.normpath(os.path.join(relative, name)).replace(os.sep, "/")
            wanted.add(there)
            origin, copy = os.path.join(folder, name), os.path.join(target, there)
            try:
                link_or_copy(origin, copy)
            except FileExistsError:
                if not os.path.samefile(origin, copy):
                    os.unlink(copy)
                    link_or_copy(origin, copy)
    _tidy(os.fspath(target) + os.sep, "", wanted, frozenset())


def _tidy(folder: str, relative: str, keep: set[str], spared: frozenset[str]) -> bool:
    """Remove from `folder` (at site-relative `relative`) every file whose path is not in
    `keep`, and every folder left empty, except the folders in `spared`; True if it is empty.

    An incremental build starts from the site before the last one (generator/publish.py):
    what it then writes and links, on what this leaves, makes a clean build's site.
    """
    empty = True
    with os.scandir(folder) as entries:
        for entry in entries:
            path = relative + entry.name
            if entry.is_dir(follow_symlinks=False):
                if path in spared or not _tidy(entry.path, path + "/", keep, spared):
                    empty = False
                else:
                    os.rmdir(entry.path)
            elif path in keep:
                empty = False
            else:
                os.unlink(entry.path)
    return empty


def _make_folders(site: str, folder: str, made: set[str]) -> None:
    """Create `folder` (and the parents not made yet) under `site` (ending in a separator)."""
    parent = os.path.dirname(folder)
    if parent not in made:
        _make_folders(site, parent, made)
    try:
        os.mkdir(site + folder)
    except FileExistsError:
        pass
    made.add(folder)


def _remove_page(site: Path, output: str) -> None:
    """Delete a page's file and the folders it leaves empty (`actors/x/index.html`, `actors/x/`)."""
    try:
        os.unlink(site / output)
    except FileNotFoundError:
        return
    folder = (site / output).parent
    while folder != site:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent



def as_configured(config: Any) -> tuple[Path, str | None]:
    """(site folder, site_url) as the configuration file sets them: `mkdocs serve` replaces both.

    Under `serve` the hook puts site_url back, so that previewed pages are
    the pages `mkdocs build` writes (a site_url adds a canonical link to
    each page) and the preview can start from the built site.
    """
    from mkdocs.utils.yaml import yaml_load

    path = Path(config.config_file_path)
    with open(path, "rb") as stream:
        raw = yaml_load(stream)
    folder = Path(raw.get("site_dir") or "site")
    url = raw.get("site_url")
    if isinstance(url, str) and url and not url.endswith("/"):
        url += "/"
    return (folder if folder.is_absolute() else path.parent / folder), (url if isinstance(url, str) else None)
