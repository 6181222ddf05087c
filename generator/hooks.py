"""MkDocs hook: regenerate briefings/ before MkDocs reads it, in `build` and `serve`.

Registered in mkdocs.yml (`hooks: [generator/hooks.py]`). Before each build
it runs the same check and write as `briefings build`, so a curator sees the
same `path:line:column: message` lines in the terminal, in CI logs and under
`mkdocs serve`. With content errors nothing is written and MkDocs stops
before it cleans site/: `mkdocs build` fails, and `mkdocs serve` reports the
errors and keeps serving the last good pages until the content is fixed:
briefings/ is unchanged, so MkDocs rebuilds the site from it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click
from mkdocs.exceptions import Abort

from generator import build as pipeline
from generator.errors import BriefingsError, ContentError, summary

log = logging.getLogger("mkdocs.plugins.briefings")
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether MkDocs builds once or serves (and rebuilds on change)."""
    global _command
    _command = command


def on_pre_build(config: Any) -> None:
    """Check content/ and bring briefings/ up to date, or stop the build."""
    root = Path(config.config_file_path).resolve().parent
    if not (root / "content").is_dir():
        return
    try:
        result = pipeline.build(root)
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
        log.info(f"briefings: {result.report}")


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
