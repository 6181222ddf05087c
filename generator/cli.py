"""The `briefings` command: a thin layer over the library calls in build.py."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from . import build as pipeline
from .errors import BriefingsError, ContentError, Problem
from .failures import describe
from .progress import Progress

project_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Project folder holding content/, seeds/ and briefings/.",
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")


@click.group()
@click.version_option(package_name="briefings")
def cli() -> None:
    """Build a cross-linked briefing site from news articles and curated YAML."""


@cli.command()
@project_option
@strict_option
@click.option("--drafts", is_flag=True, help="Include articles marked `status: draft`.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Load, link and render everything, ignoring what .briefings-cache/ remembers.",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 naming the pages in briefings/ that are out of date.",
)
@click.option(
    "--plan",
    "plan_only",
    is_flag=True,
    help="Write nothing; list the pages the changes since the last build would render again.",
)
@click.option(
    "--adopt",
    is_flag=True,
    help="Take over files at the paths of generated pages (after briefings/.generated was lost).",
)
def build(root: Path, strict: bool, drafts: bool, no_cache: bool, check_only: bool,
          plan_only: bool, adopt: bool) -> None:
    """Check content/, then write the changed pages into briefings/."""
    with _reporting():
        if check_only:
            _check_output(root, drafts)
            return
        if plan_only:
            pages = pipeline.touched(root, drafts=drafts)
            click.echo("every page (no store, or a change that any page may show)" if pages is None
                       else "\n".join(pages) or "no page")
            return
        progress = Progress()
        try:
            result = pipeline.build(root, drafts=drafts, strict=strict, cached=not no_cache,
                                    adopt=adopt, progress=progress)
        finally:
            progress.finish()
        _warn(result.warnings)
        click.echo(f"Built {pipeline.DOCS_DIR}/: {result.report}.")


def _check_output(root: Path, drafts: bool) -> None:
    """`build --check`: exit 1 naming what in briefings/ differs from what content/ generates."""
    stale = pipeline.stale_pages(root, drafts=drafts)
    unfinished = pipeline.unfinished(root)
    if unfinished:
        click.echo(f"{unfinished}: a build was interrupted here; the next `briefings build` "
                   "finishes it", err=True)
    for path in stale:
        click.echo(f"{pipeline.DOCS_DIR}/{path}: out of date", err=True)
    if stale or unfinished:
        raise click.ClickException(
            f"{len(stale)} page(s) differ from what content/ generates: run `briefings build` and commit"
        )
    click.echo("briefings/ is up to date.")


@cli.command()
@project_option
@strict_option
@click.option("--places", "list_places", is_flag=True,
              help="List each event the map places by guessing from its location, and those it cannot place.")
def check(root: Path, strict: bool, list_places: bool) -> None:
    """Validate content/ and the article files it points to; write nothing."""
    from .load import load_content
    from .pictures.places import placement_summary, placements
    from .validate import validate

    with _reporting():
        content = load_content(root.resolve())
        warnings = pipeline.checked(content, validate(content), strict)[1]
        _warn(warnings)
        click.echo("Content is valid." + (f" {len(warnings)} warning(s)." if warnings else ""))
        found = placements(content)
        if list_places:
            click.echo("\n".join(map(str, found)) or "Every located event has coordinates.")
        elif found:
            click.echo(placement_summary(found))


@cli.command("propose-facts")
@project_option
@click.argument("event_id")
def propose_facts(root: Path, event_id: str) -> None:
    """Print candidate facts for EVENT_ID as YAML: sentences its outlets share or do not share."""
    from .similarity import as_yaml, propose

    with _reporting():
        graph = pipeline.linked(root)
        event = next((e for e in graph.events if e.id == event_id), None)
        if event is None:
            raise click.ClickException(
                f"no event {event_id!r}: use the file name of content/events/<id>.yml without .yml"
            )
        click.echo(as_yaml(event, propose(event)), nl=False)


@cli.command("index-search")
@click.argument("site", type=click.Path(file_okay=False, path_type=Path), default="site")
def index_search(site: Path) -> None:
    """Index a built site for full-text search (Pagefind), e.g. after `zensical build`.

    `mkdocs build` does this itself; a site built by a tool that runs no MkDocs hooks needs it.
    """
    from .search import BUNDLE, index_site

    try:
        done = index_site(site)
    except BriefingsError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{site}/{BUNDLE}/: search index written ({done.pages} pages "
               f"in {done.partitions} partition{'s' if done.partitions > 1 else ''})")


@cli.command()
@project_option
def schema(root: Path) -> None:
    """Regenerate the JSON Schema files in schemas/ that editors validate against."""
    from .schema import SCHEMA_DIR, write_schemas

    written = write_schemas(root)
    click.echo(f"{SCHEMA_DIR}/: {len(written)} schema file(s) written"
               + (f" ({', '.join(written)})." if written else ", all up to date."))


@cli.command()
@project_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%M:%S%z"]),
    help="Publication date (2024-11-12), or time with its offset (2024-11-12T09:00+09:00), "
         "when the text does not print one.",
)
@click.option("--outlet", help="Id of the outlet, when the text names none.")
def ingest(root: Path, paths: tuple[Path, ...], published, outlet: str | None) -> None:
    """Turn article files (text, Markdown, HTML) or folders of them into draft articles."""
    from .ingest import ingest as run_ingest

    with _reporting():
        value = None
        if published is not None:
            value = published if published.tzinfo else published.date()
        progress = Progress()
        try:
            outcomes = run_ingest(root, list(paths), published=value, outlet=outlet, progress=progress)
        finally:
            progress.finish()
        for outcome in outcomes:
            click.echo(f"{outcome.source}: {outcome.status}: {outcome.message}")
        if any(o.status == "changed" for o in outcomes):
            raise click.ClickException("some articles differ from what was ingested before: see above")


@cli.command(context_settings={"ignore_unknown_options": True})
@project_option
@click.option("-a", "--dev-addr", metavar="<IP:PORT>", default="127.0.0.1:8000", show_default=True,
              help="Address to serve the preview on.")
@click.option("-o", "--open", "open_browser", is_flag=True, help="Open the preview in a web browser.")
@click.option("--poll", is_flag=True,
              help="Look for changed files twice a second instead of being told by the system "
                   "(for network or container file systems where saves go unnoticed).")
@click.option("--drafts", is_flag=True, help="Include articles marked `status: draft`.")
@click.argument("mkdocs_args", nargs=-1, type=click.UNPROCESSED)
def serve(root: Path, dev_addr: str, open_browser: bool, poll: bool, drafts: bool,
          mkdocs_args: tuple[str, ...]) -> None:
    """Live preview: regenerate what a saved file changes, rebuild its pages, reload the browser.

    Runs `mkdocs serve --dirty` on the project's mkdocs.yml, whose hook
    (generator/hooks.py) regenerates briefings/ before each build. Further
    arguments go to `mkdocs serve` (e.g. `-v`, `-f other.yml`).
    """
    from .hooks import DRAFTS_VARIABLE, POLL_VARIABLE

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # Read by the hook, which MkDocs loads from its file: settings reach it through the environment.
    if poll:
        os.environ[POLL_VARIABLE] = "1"
    os.environ[DRAFTS_VARIABLE] = "1" if drafts else "0"
    # Ctrl-C or a plain `kill` stops MkDocs the same way, so that it removes its
    # temporary site folder (also when started from a shell that ignores SIGINT).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    (root / pipeline.DOCS_DIR).mkdir(parents=True, exist_ok=True)  # MkDocs checks it before any hook
    from mkdocs.__main__ import cli as mkdocs

    mkdocs.main(serve_arguments(root, dev_addr, open_browser, mkdocs_args), prog_name="mkdocs")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve_arguments(root: Path, dev_addr: str, open_browser: bool, extra: tuple[str, ...]) -> list[str]:
    """The `mkdocs serve` command line of `briefings serve`.

    `--dirty` rebuilds only the pages whose Markdown is newer than their
    HTML, and the generator rewrites only the pages a change touches: a save
    costs a few pages, not the whole site. `--no-strict`: a dirty build
    warns that it is one, which strict mode would turn into a failed build.
    """
    return ["serve", "--dirty", "--no-strict", "--config-file", str(root / "mkdocs.yml"),
            "--dev-addr", dev_addr, *(["--open"] if open_browser else []), *extra]


class _reporting:
    """Turn the library's errors into a located report and exit status 1."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if isinstance(error, ContentError):
            click.echo(error.report(), err=True)
            sys.exit(1)
        if isinstance(error, BriefingsError):
            raise click.ClickException(str(error))
        if isinstance(error, OSError):  # one the library did not expect: still no traceback
            raise click.ClickException(describe(error, Path.cwd()))
        return False


def _warn(warnings: tuple[Problem, ...]) -> None:
    for problem in warnings:
        click.echo(str(problem), err=True)


def main() -> None:
    cli(prog_name="briefings")
