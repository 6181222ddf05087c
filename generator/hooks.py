"""MkDocs hook: regenerate briefings/ before MkDocs reads it, in `build` and `serve`.

Registered in mkdocs.yml (`hooks: [generator/hooks.py]`). Before each build
it runs the same check and write as `briefings build`, so a curator sees the
same `path:line:column: message` lines in the terminal, in CI logs and under
`mkdocs serve`. With content errors nothing is written and MkDocs stops
before it cleans site/: `mkdocs build` fails, and `mkdocs serve` reports the
errors and keeps serving the last good pages until the content is fixed:
briefings/ is unchanged, so MkDocs rebuilds the site from it. Draft articles
are built too when the environment variable BRIEFINGS_DRAFTS is 1 (set by
`briefings serve --drafts` and `make site DRAFTS=1`).

`mkdocs build` holds the project's build lock (generator/lock.py) from its
start to the end of its site, so that no other build writes briefings/ or
site/ meanwhile, and publishes site/ in one step (generator/publish.py): it
builds into `.site.building/` and swaps that with site/ only once the build
succeeded, so a killed or failed build leaves the previous site whole. This
holds for `mkdocs build` run directly too, since mkdocs.yml registers the
hook. With `--dirty` (`make site` passes it) the build is incremental and
still exact (generator/site/incremental.py): only the pages whose inputs
changed are rendered, the others are linked from the previous site/, and
every whole-site file is what a clean build writes; without it every page
is rendered. A failure of the operating system (read-only folder, full disk)
or of the generator itself is reported as one line, never a traceback
(`mkdocs -v` logs the traceback).

Under `serve` (`briefings serve`) the hook also
- reports a generator failure (content errors, a read-only folder, a bug)
  in the terminal and at the top of every page in the browser, and goes on
  serving the last good pages: MkDocs' server would otherwise wait for a
  rebuild that never finishes, and hang every request;
- keeps the incremental layer (its store open, the parsed files in memory) from
  build to build, so a rebuild after a save parses only the saved file and
  renders only the pages it touches;
- watches content/ and seeds/ (whatever mkdocs.yml says), and in briefings/
  only the hand-written files: the pages the generator itself writes there
  during a build would otherwise trigger a second, useless rebuild, and
  hold the browser's reload until it is done;
- has the operating system report changes instead of polling for them;
- keeps the theme's compiled templates between rebuilds, and does not list
  the pages left out of the navigation on every rebuild;
- starts from the built site/ (its first build renders only the pages that
  changed since, see generator/site/incremental.py) and renders the site as
  `mkdocs build` does (the site_url of mkdocs.yml, not the server's).
"""

from __future__ import annotations

import html
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Iterable

import click
import jinja2
import watchdog.events
import watchdog.observers
from mkdocs.exceptions import Abort

from generator import build as pipeline
from generator import search
from generator.incremental import Incremental
from generator.errors import BriefingsError, ContentError, summary
from generator.failures import describe
from generator.lock import ProjectLock
from generator.progress import Progress
from generator.publish import Publication
from generator.manifest import read_manifest
from generator.site.incremental import IncrementalSite, SiteChanges, as_configured, quiet_dirty_warning
from generator.site.incremental import supported as incremental_unsupported
from generator.site.language import page_language
from generator.site import parallel, preview, progress
from generator.site.theme_search import index_nothing

log = logging.getLogger("mkdocs.plugins.briefings")
POLL_VARIABLE = "BRIEFINGS_SERVE_POLL"
"""Set (by `briefings serve --poll`) to keep MkDocs' polling for changes."""
DRAFTS_VARIABLE = "BRIEFINGS_DRAFTS"
"""`1` (set by `briefings serve --drafts` and `make site DRAFTS=1`) builds draft articles
too; unset, empty or `0` builds published articles only."""
_command = "build"
_dirty = False
_layers: dict[tuple[Path, bool], Incremental] = {}
"""Under `serve`: the incremental layer of each project root (and drafts option), kept between rebuilds."""


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether MkDocs builds once or serves (and rebuilds on change)."""
    global _command, _dirty
    _command, _dirty = command, dirty


def on_config(config: Any) -> Any:
    """Under `build`, take the project's lock and build the site aside; under `serve`, quieten.

    Under `serve`, the pages left out of the navigation are not listed on
    every rebuild: the navigation holds only the index pages by design; at
    a thousand articles the list would bury the content errors a save reports.
    """
    global _config
    _config = config
    index_nothing(config)  # the header's search box is answered by Pagefind (on_post_build)
    if _command == "serve":
        config.validation.nav.omitted_files = logging.DEBUG
        published, config.site_url = as_configured(config)
    elif (_root(config) / "content").is_dir():
        _site.begin(config, reuse=_dirty and incremental_unsupported(config) is None)
    _incremental_begin(config, published if _command == "serve" else Path(_site.site_dir or config.site_dir))
    return config


INCREMENTAL = "briefings/incremental"
"""The name the incremental site build (generator/site/incremental.py) has among MkDocs' plugins."""
_incremental: dict[Path, IncrementalSite] = {}


def _incremental_begin(config: Any, published: Path) -> None:
    """Install the incremental build for this build, reusing pages of `published` (site/).

    Under serve, a rebuild reuses the pages of the folder it builds in (the
    server's); its first build, those of the published site.
    """
    if _command == "serve":  # whatever this build turns out to be, the last one's files, nav and
        _quick.begin()       # templates are not this configuration's: quick rebuilds wait for its end
    reason = incremental_unsupported(config)
    if reason is not None:
        log.info(f"briefings: every page is rendered: {reason}")
        _incremental.pop(_root(config), None)  # its changes are not this build's
        return
    plugin = _incremental.setdefault(_root(config), IncrementalSite(_root(config)))
    previous = published
    if _command == "serve" and plugin.served(Path(config.site_dir)):
        previous = Path(config.site_dir)
    elif _command == "serve":  # reading site/: no `mkdocs build` may swap it meanwhile
        _reading.lock = _locked(config)
    plugin.begin(config, previous, serving=_command == "serve", dirty=_dirty, carried=(search.BUNDLE,))
    if INCREMENTAL not in config.plugins:
        config.plugins[INCREMENTAL] = plugin
    # Half the pages in a second process, which also needs pages that do not depend on each
    # other; not under serve, whose rebuilds render a few pages, and re-render the pages a save
    # rewrote without the rest of a MkDocs build (see on_serve).
    if _command != "serve" and parallel.NAME not in config.plugins:
        pages = config.plugins[parallel.NAME] = parallel.ParallelPages(plugin)
        config.plugins[progress.NAME] = progress.SiteProgress(lambda: len(pages.elsewhere))
    if _command == "serve":
        if preview.NAME not in config.plugins:
            config.plugins[preview.NAME] = _quick


def site_changes(config: Any) -> SiteChanges | None:
    """What the build that just ended rendered, reused and removed (a SiteChanges), or None.

    The seam for whole-site steps that can work page by page: a search
    indexer given it re-indexes only the pages rendered or removed.
    """
    plugin = _incremental.get(_root(config))
    return plugin.changes if plugin is not None else None


class _Reading:
    lock: ProjectLock | None = None
    """Under serve, held by a build that reuses pages of site/ (the first one)."""


_reading = _Reading()


def _incremental_end(config: Any) -> None:
    plugin = _incremental.get(_root(config))
    if plugin is not None:
        plugin.end()
    if _reading.lock is not None:
        _reading.lock.release()
        _reading.lock = None


class _SiteBuild:
    """The lock and the publication of one `mkdocs build` (or `gh-deploy`), from on_config to its end."""

    def __init__(self) -> None:
        self.lock: ProjectLock | None = None
        self.publication: Publication | None = None
        self.site_dir = ""
        self.warnings = _Counter()

    def begin(self, config: Any, reuse: bool) -> None:
        """Build aside; with `reuse`, in the site before the current one (generator/publish.py)."""
        self.lock = _locked(config)
        self.site_dir = config.site_dir
        site = Path(config.site_dir)
        if os.path.ismount(site):  # a mount point cannot be swapped: built in place
            return
        self.publication = Publication(site)
        quiet_dirty_warning()  # built into an empty folder, or one the incremental build tidies
        try:
            config.site_dir = str(self.publication.begin(reuse))
        except OSError as error:
            self.end(config)
            raise Abort(f"briefings: {describe(error, _root(config))}; {site.name}/ was not changed") \
                from None
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def publish(self, config: Any) -> None:
        """Swap the new site in, unless strict mode is about to fail the build for its warnings."""
        if self.publication is not None and not (config.strict and self.warnings.count):
            try:
                self.publication.commit()
            except OSError as error:
                self.end(config)
                raise Abort(f"briefings: {describe(error, _root(config))}; "
                            f"{Path(self.site_dir).name}/ holds the previous site") from None
        self.end(config)

    def end(self, config: Any) -> None:
        """Drop what was not published, point MkDocs back at site/ (for gh-deploy), release the lock."""
        if self.publication is not None:
            try:
                self.publication.abandon()
            except OSError:
                pass  # the next build removes it
            config.site_dir = self.site_dir
            self.publication = None
            quiet_dirty_warning(False)
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.warnings.count = 0
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _locked(config: Any) -> ProjectLock:
    """The project's lock, taken (waiting a bounded time), or the build stopped saying who holds it."""
    lock = ProjectLock(_root(config))
    try:
        lock.acquire()
    except BriefingsError as error:
        raise Abort(f"briefings: {error}") from None
    return lock


class _Counter(logging.Handler):
    """Counts the warnings of a build, as MkDocs does to fail it in strict mode."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_site = _SiteBuild()


def on_post_page(output: str, page: Any, config: Any) -> str:
    """An article's page in its own language (`<html lang>`), so Pagefind indexes it as such."""
    return page_language(output, page.meta.get("language")) if page.meta else output


def on_post_build(config: Any) -> None:
    """Index the site for search, then publish it (see _SiteBuild).

    `mkdocs build` indexes the folder it built aside before the swap, so a
    published site always has its index. Under `serve`, the index is brought
    up to date in the background after each rebuild (the page reloads
    without waiting, and search follows shortly): only the partitions whose
    pages' indexed text changed are indexed again. After an incremental
    build (generator/site/incremental.py) the previous site's index is
    carried into the new site and only the partitions holding the pages
    rendered or removed are indexed again.
    """
    _incremental_end(config)
    if _command == "serve":
        changes = site_changes(config)
        changed = None
        try:  # the first rebuild starts from site/'s index: only partitions that differ are indexed
            if changes is not None and changes.carry(search.BUNDLE):
                changed = changes.changed
        except OSError as error:
            click.echo(f"{'WARNING':<8}-  briefings: search index not carried over: "
                       f"{describe(error, _root(config))}", err=True)
        _indexer.request(Path(config.site_dir), changed)
        return
    site = Path(config.site_dir)
    changes = site_changes(config)
    try:
        if changes is not None and changes.carry(search.BUNDLE):
            with Progress().step("site: indexing for search"):
                done = search.index_site(site, changes.changed)
            log.info(f"briefings: search: {len(done.reindexed)} of {done.partitions} partition(s) "
                     f"indexed again after {len(changes.changed)} page(s) changed")
        else:
            with Progress().step("site: indexing for search"):
                search.index_site(site)
    except (BriefingsError, OSError) as error:
        _site.end(config)
        reason = describe(error, _root(config)) if isinstance(error, OSError) else str(error)
        raise Abort(f"briefings: {reason}; site/ holds the previous site") from None
    _site.publish(config)


class _Indexer:
    """Under `serve`: one thread indexing the last rebuilt site; requests made meanwhile
    are folded into one run after the current one.

    Each request names the pages its rebuild wrote or deleted, and a run indexes
    from those alone: the union of every request since the last run began. A
    request that cannot say (`changed` None: a rebuild that carried no index), a
    request for another folder or a run that failed makes the next run compare
    every page of the site with its index instead (`search.refresh_site`).
    """

    def __init__(self) -> None:
        self.site: Path | None = None
        """The folder of the last request."""
        self.changed: set[str] | None = set()
        """Pages changed since the last run began (None: unknown, compare every page)."""
        self.pending = False
        self.closed = False
        """Set when the server stops: its folder is about to go, nothing more is indexed or said."""
        self.guard = threading.Lock()
        self.thread: threading.Thread | None = None

    def request(self, site: Path, changed: Iterable[str] | None = None) -> None:
        with self.guard:
            if changed is None or self.site not in (None, site):
                self.changed = None
            elif self.changed is not None:
                self.changed.update(changed)
            self.site, self.pending = site, True
            if self.thread is None:  # else the running thread takes the request after its run
                self.thread = threading.Thread(target=self._run, name="briefings-search", daemon=True)
                self.thread.start()

    def _run(self) -> None:
        while True:
            with self.guard:
                if not self.pending or self.site is None or self.closed:
                    self.thread = None  # under the guard: the next request starts a thread
                    return
                site, changed, self.changed, self.pending = self.site, self.changed, set(), False
            try:
                if changed is None:
                    search.refresh_site(site)
                else:
                    search.index_site(site, sorted(changed))
            except (BriefingsError, OSError) as error:
                with self.guard:
                    self.changed = None  # what this run should have indexed is not known to be
                    if self.closed:  # the served folder went while it was indexed
                        self.thread = None
                        return
                click.echo(f"{'WARNING':<8}-  briefings: search not indexed: {error}", err=True)

    def close(self) -> None:
        """The server stops: drop what is pending, and say nothing of a run the stop cuts short."""
        with self.guard:
            self.closed, self.pending = True, False


_indexer = _Indexer()


def on_build_error(error: Exception) -> None:
    """Leave site/ as it was; say what the system refused, without a traceback."""
    config = _config
    if config is not None:
        _incremental_end(config)
    if config is not None and _command != "serve":
        _site.end(config)
    if isinstance(error, OSError):
        raise Abort(f"briefings: {describe(error, Path.cwd())}; site/ holds the previous site") from None


def on_shutdown() -> None:
    _indexer.close()
    if _config is not None:
        _site.end(_config)


_config: Any = None
"""The configuration of the build under way (for on_build_error, which is not given it)."""

_failure: str | None = None
"""Under `serve`: why the last rebuild could not update briefings/ (shown on every page), or None."""


def on_pre_build(config: Any) -> None:
    """Check content/ and bring briefings/ up to date, or stop the build."""
    global _config
    _config = config
    _regenerate(config)


def _regenerate(config: Any) -> pipeline.Result | None:
    """Run the generator for the project of `config`; None when it could not update briefings/
    (reported, and under `build` raised as Abort) or there is no content/."""
    global _failure
    root = _root(config)
    if not (root / "content").is_dir():
        return None
    start = time.perf_counter()
    try:
        drafts = _drafts()
        result = pipeline.build(root, drafts=drafts, layer=_layer(root, drafts))
    except ContentError as error:
        for problem in error.problems:
            _report("ERROR" if problem.severity == "error" else "WARNING", str(problem))
        _failure = "\n".join(map(str, error.problems))
        _stop(summary(error.problems))
        return None
    except BriefingsError as error:
        _fail(str(error))
        return None
    except OSError as error:
        _fail(describe(error, root))
        return None
    except Exception as error:  # a bug: say so in one line, keep serving
        log.debug("briefings: the generator failed", exc_info=True)
        _fail(f"the generator failed ({type(error).__name__}: {_shorten(str(error))}); this is a bug "
              "in briefings: please report it with the file you last changed")
        return None
    _failure = None
    for problem in result.warnings:
        log.warning(str(problem))
    if result.report.written or result.report.removed:
        log.info(f"briefings: {result.report} in {time.perf_counter() - start:.2f} s")
    return result


def _fail(message: str) -> None:
    """Report a failure other than content errors, which may come after the generator committed
    pages (a commit not all in place, a page gone after it): those pages are current when the
    next run compares them, so it does not report them written, and only a full rebuild renders
    them again (a content error stops the generator before it writes anything)."""
    global _failure
    _failure = message
    _quick.built = None
    _report("ERROR", message)
    _stop("briefings/ was not updated.")


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates kept in memory from one rebuild to the next.

    MkDocs makes a new template environment for every build, and compiling
    the theme's templates again costs more than a rebuild of a few pages.
    Jinja checks each template's source against the checksum stored with its
    code, so an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_templates = _CompiledTemplates()


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    """Under `serve`, reuse the theme's compiled templates from the previous rebuild."""
    if _command == "serve" and env.bytecode_cache is None:
        env.bytecode_cache = _templates
    return env


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Watch content/, seeds/ and the hand-written files of briefings/, not the generated pages."""
    root = _root(config)
    for folder in ("content", "seeds"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    docs = Path(config.docs_dir)
    try:
        server.unwatch(str(docs))  # `mkdocs serve` watches docs_dir whole
    except KeyError:
        pass  # it did not: nothing to narrow
    else:
        for path in hand_written(docs):
            server.watch(str(path))
    if not os.environ.get(POLL_VARIABLE):
        _notify_natively(server)
    _show_failures(server)
    _rebuild_quickly(server)
    return server


class _Saves:
    """The files saved since the server's last rebuild, as the native observer reports them."""

    def __init__(self) -> None:
        self.guard = threading.Lock()
        self.paths: set[str] = set()
        self.native = False
        """Whether the native observer reports (under polling, nothing is known of what changed)."""

    def note(self, event: watchdog.events.FileSystemEvent) -> None:
        with self.guard:
            self.paths.update(os.fsdecode(path) for path in (event.src_path, event.dest_path) if path)

    def take(self) -> set[str] | None:
        """The paths saved since the last call (None when unknown), forgotten here."""
        with self.guard:
            paths, self.paths = self.paths, set()
        return paths if self.native else None


_saves = _Saves()
_quick = preview.QuickRebuild()


def _rebuild_quickly(server: Any) -> None:
    """Make the server's rebuild after a save in content/ or seeds/ render only the pages the
    generator rewrote, when that is sound (generator/site/preview.py); else MkDocs' full rebuild."""
    full = getattr(server, "builder", None)
    if full is None:
        return

    def builder(config: Any = None) -> None:
        if config is None and _quick_rebuild():
            return
        full() if config is None else full(config)

    server.builder = builder


def _quick_rebuild() -> bool:
    """Regenerate and re-render only the rewritten pages; False when a full rebuild is needed."""
    saved = _saves.take()
    built = _quick.built
    if not saved or built is None:
        return False
    root = _root(built.config)
    sources = tuple(os.path.join(root, folder) + os.sep for folder in ("content", "seeds"))
    # the root is resolved; mkdocs.yml's `watch` folders are watched as written (`--root` through a
    # symbolic link): the same saves come under both paths
    if not all(os.path.realpath(path).startswith(sources) for path in saved):
        return False  # mkdocs.yml, a hand-written page, the theme...: MkDocs rebuilds it all
    start = time.perf_counter()
    result = _regenerate(built.config)
    if result is None:  # reported, the browser shows the notice; after a failure that may come after
        return True      # the generator's commit, the next rebuild is a full one (_fail)
    pages = _quick.pages(result.report.written, result.report.removed)
    if pages is None:
        return False  # the full rebuild's generator run finds nothing more to do
    try:
        rendered = _quick.render(pages)
    except Exception:  # noqa: BLE001 - the full rebuild reports it as MkDocs does
        log.debug("briefings: quick rebuild failed", exc_info=True)
        return False
    plugin = _incremental.get(root)
    if plugin is not None:
        plugin.forget_pages([page.file.src_uri for page in pages])
    if rendered:
        _indexer.request(Path(built.config.site_dir), rendered)
    log.info(f"briefings: {len(rendered)} page(s) rendered again in {time.perf_counter() - start:.2f} s "
             "(the rest of the site as it was)")
    return True


def _show_failures(server: Any) -> None:
    """Put the last rebuild's failure, if any, at the top of every page the server sends.

    The livereload server adds its reload script to each HTML page through
    `_inject_js_into_html`; the notice rides along. Servers without it keep
    the terminal message only.
    """
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        return

    def with_failure(content: bytes, epoch: int) -> bytes:
        content = inject(content, epoch)
        if _failure is None:
            return content
        body = content.find(b"<body")
        at = content.find(b">", body) + 1 if body >= 0 else 0
        return content[:at] + error_notice(_failure).encode("utf-8") + content[at:]

    server._inject_js_into_html = with_failure


def error_notice(message: str) -> str:
    """A plain block saying the preview is stale and why (the message escaped as text)."""
    return (
        '<div role="alert" style="position:sticky;top:0;z-index:1000;margin:0;padding:1em;'
        'background:#fee;color:#600;border-bottom:2px solid #c00;font:14px/1.4 monospace;'
        'white-space:pre-wrap">briefings: the last change could not be built; this page is the '
        f"last good one.\n\n{html.escape(message)}</div>"
    )


_CHANGES = [
    watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent,
    watchdog.events.FileAttribEvent, watchdog.events.FileClosedEvent,
    watchdog.events.FileDeletedEvent, watchdog.events.FileMovedEvent,
]
"""What a save does to a file; not opening or reading it, which the generator itself does."""


class _ChangeObserver(watchdog.observers.Observer):  # type: ignore[misc, valid-type]
    """The native observer, reporting only changes to files (MkDocs rebuilds on any event).

    A single file (mkdocs.yml, briefings/about.md) is watched through its
    folder: a watch on the file itself would be lost when an editor saves
    by writing a new file and renaming it over the old one.
    """

    def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False,
                 event_filter: Any = None, follow_symlink: bool = False) -> Any:
        path = os.path.abspath(path)
        event_handler = _Noted(event_handler)
        if os.path.isfile(path):
            event_handler, path, recursive = _OneFile(path, event_handler), os.path.dirname(path), False
        return super().schedule(event_handler, path, recursive=recursive,
                                event_filter=event_filter or _CHANGES, follow_symlink=follow_symlink)


class _OneFile(watchdog.events.FileSystemEventHandler):
    """Passes on, from a watch on a folder, only the events of one file in it."""

    def __init__(self, path: str, handler: Any) -> None:
        self.path = path
        self.handler = handler

    def dispatch(self, event: watchdog.events.FileSystemEvent) -> None:
        if self.path in (os.fsdecode(event.src_path), os.fsdecode(event.dest_path or "")):
            self.handler.dispatch(event)


class _Noted(watchdog.events.FileSystemEventHandler):
    """Notes each event's paths (for the quick rebuild) before passing it on."""

    def __init__(self, handler: Any) -> None:
        self.handler = handler

    def dispatch(self, event: watchdog.events.FileSystemEvent) -> None:
        _saves.note(event)
        self.handler.dispatch(event)


def _notify_natively(server: Any) -> None:
    """Have the operating system report saves (inotify on Linux) instead of polling.

    MkDocs looks at every watched file twice a second; a save is noticed
    0.25 s later on average, and the scans compete with the rebuild for the
    processor. The watched paths are moved, through MkDocs' own watch and
    unwatch, to watchdog's native observer before the server starts it.
    Where that observer cannot work (some network or container file
    systems), `briefings serve --poll` keeps MkDocs' polling.
    """
    watched = getattr(server, "_watched_paths", None)
    observer = getattr(server, "observer", None)
    if not isinstance(watched, dict) or observer is None or observer.is_alive():
        return  # not the MkDocs server this was written for: keep its polling
    paths = [(path, count) for path, count in watched.items()]
    for path, count in paths:
        for _ in range(count):
            server.unwatch(path)
    server.observer = _ChangeObserver()
    _saves.native = True
    for path, count in paths:
        for _ in range(count):
            server.watch(path)


def hand_written(docs: Path) -> list[Path]:
    """The files and folders of `docs` that the generator does not write.

    A folder holding no generated page (assets/) is returned whole, so a new
    file in it is noticed; elsewhere each hand-written file is returned on
    its own. Dot files (the manifest, the staging folder) are left out.
    """
    generated = read_manifest(docs)
    folders = {parent.as_posix() for page in generated for parent in Path(page).parents}
    found: list[Path] = []

    def visit(folder: Path, prefix: str) -> None:
        for entry in sorted(folder.iterdir()):
            relative = prefix + entry.name
            if entry.name.startswith("."):
                continue
            if entry.is_dir() and relative in folders:
                visit(entry, relative + "/")
            elif entry.is_dir() or relative not in generated:
                found.append(entry)

    visit(docs, "")
    return found


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def _drafts() -> bool:
    """Whether to build draft articles too, as the environment variable BRIEFINGS_DRAFTS says."""
    value = os.environ.get(DRAFTS_VARIABLE, "").strip()
    if value not in ("", "0", "1"):
        raise BriefingsError(
            f"{DRAFTS_VARIABLE}={value!r}: set it to 1 to build draft articles too, or to 0 (or leave "
            "it unset) to build published articles only"
        )
    return value == "1"


def _layer(root: Path, drafts: bool) -> Incremental | None:
    """Under `serve`, the project's incremental layer, kept open; None (opened per build) otherwise."""
    if _command != "serve":
        return None
    if (root, drafts) not in _layers:
        _layers[root, drafts] = Incremental(root, pipeline.cache_options(drafts=drafts))
    return _layers[root, drafts]


def _report(level: str, message: str) -> None:
    """Log a content problem; under `serve`, printed in MkDocs' format but not counted.

    MkDocs counts every warning and error logged during a build and, in
    strict mode, aborts the build at its end. While serving, that would
    leave the preview stuck on an error page; printed directly, the
    message still reaches the curator and MkDocs goes on to rebuild
    the site from the unchanged, last good briefings/.
    """
    if _command == "serve":
        click.echo(f"{level:<8}-  {message}", err=True)
    else:
        log.log(logging.getLevelName(level), message)


def _stop(reason: str) -> None:
    """Fail `mkdocs build`; under `mkdocs serve`, carry on with the last good pages."""
    if _command == "serve":
        click.echo(f"{'ERROR':<8}-  briefings: {reason} Serving the last good pages.", err=True)
        return
    raise Abort(f"briefings: {reason}")
