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

Under `serve` (`briefings serve`) the hook also
- keeps one BuildCache in memory from build to build, so a rebuild after a
  save loads, links and renders only what the saved file touches;
- watches content/ and seeds/ (whatever mkdocs.yml says), and in briefings/
  only the hand-written files: the pages the generator itself writes there
  during a build would otherwise trigger a second, useless rebuild, and
  hold the browser's reload until it is done;
- has the operating system report changes instead of polling for them;
- keeps the theme's compiled templates between rebuilds, and does not list
  the pages left out of the navigation on every rebuild.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

import click
import jinja2
import watchdog.events
import watchdog.observers
from mkdocs.exceptions import Abort

from generator import build as pipeline
from generator.cache import BuildCache
from generator.errors import BriefingsError, ContentError, summary
from generator.write import read_manifest

log = logging.getLogger("mkdocs.plugins.briefings")
POLL_VARIABLE = "BRIEFINGS_SERVE_POLL"
"""Set (by `briefings serve --poll`) to keep MkDocs' polling for changes."""
DRAFTS_VARIABLE = "BRIEFINGS_DRAFTS"
"""`1` (set by `briefings serve --drafts` and `make site DRAFTS=1`) builds draft articles
too; unset, empty or `0` builds published articles only."""
_command = "build"
_caches: dict[tuple[Path, bool], BuildCache] = {}
"""Under `serve`: the build cache of each project root (and drafts option), kept between rebuilds."""


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether MkDocs builds once or serves (and rebuilds on change)."""
    global _command
    _command = command


def on_config(config: Any) -> Any:
    """Under `serve`, do not list the pages left out of the navigation on every rebuild.

    The navigation holds only the index pages by design; at a thousand
    articles the list would bury the content errors a save reports.
    """
    if _command == "serve":
        config.validation.nav.omitted_files = logging.DEBUG
    return config


def on_pre_build(config: Any) -> None:
    """Check content/ and bring briefings/ up to date, or stop the build."""
    root = _root(config)
    if not (root / "content").is_dir():
        return
    start = time.perf_counter()
    try:
        drafts = _drafts()
        result = pipeline.build(root, drafts=drafts, cache=_cache(root, drafts))
    except ContentError as error:
        for problem in error.problems:
            _report("ERROR" if problem.severity == "error" else "WARNING", str(problem))
        _stop(summary(error.problems))
        return
    except BriefingsError as error:
        _report("ERROR", str(error))
        _stop("briefings/ was not updated.")
        return
    for problem in result.warnings:
        log.warning(str(problem))
    if result.report.written or result.report.removed:
        log.info(f"briefings: {result.report} in {time.perf_counter() - start:.2f} s")


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
    return server


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


def _cache(root: Path, drafts: bool) -> BuildCache | None:
    """Under `serve`, the project's in-memory cache; None (read from disk) otherwise."""
    if _command != "serve":
        return None
    if (root, drafts) not in _caches:
        _caches[root, drafts] = BuildCache(root, options=pipeline.cache_options(drafts=drafts))
    return _caches[root, drafts]


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
