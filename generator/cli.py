"""The `briefings` command: a thin layer over the library calls in build.py."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import build as pipeline
from .errors import BriefingsError, ContentError, Problem

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
def build(root: Path, strict: bool, drafts: bool, no_cache: bool, check_only: bool) -> None:
    """Check content/, then write the changed pages into briefings/."""
    with _reporting():
        if check_only:
            stale = pipeline.stale_pages(root, drafts=drafts)
            if stale:
                for path in stale:
                    click.echo(f"{pipeline.DOCS_DIR}/{path}: out of date", err=True)
                raise click.ClickException(
                    f"{len(stale)} page(s) differ from what content/ generates: run `briefings build` and commit"
                )
            click.echo("briefings/ is up to date.")
            return
        result = pipeline.build(root, drafts=drafts, strict=strict, cached=not no_cache)
        _warn(result.warnings)
        click.echo(f"Built {pipeline.DOCS_DIR}/: {result.report}.")


@cli.command()
@project_option
@strict_option
def check(root: Path, strict: bool) -> None:
    """Validate content/ and the article files it points to; write nothing."""
    with _reporting():
        warnings = pipeline.check(root, strict=strict)
        _warn(warnings)
        click.echo("Content is valid." + (f" {len(warnings)} warning(s)." if warnings else ""))


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
        return False


def _warn(warnings: tuple[Problem, ...]) -> None:
    for problem in warnings:
        click.echo(str(problem), err=True)


def main() -> None:
    cli(prog_name="briefings")
