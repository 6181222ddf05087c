"""Problems found in content, located to the file, line and column."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, where it is and how to fix it.

    Ordered by location so that reports are sorted the same way every run.
    """

    path: str
    line: int = 1
    column: int = 1
    message: str = field(default="", compare=True)
    severity: Severity = field(default="error", compare=False)

    def __str__(self) -> str:
        """`path:line:column: message`, the shape editors and CI logs link to."""
        label = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}:{self.column}: {label}{self.message}"


class BriefingsError(Exception):
    """Base of the errors the command line reports without a traceback."""


class ContentError(BriefingsError):
    """The content has errors; the build stopped before writing anything."""

    def __init__(self, problems: Iterable[Problem], *, strict: bool = False):
        if strict:
            problems = [replace(p, severity="error") for p in problems]
        self.problems = tuple(sorted(problems))
        super().__init__(self.report())

    def report(self) -> str:
        """Every problem, one per line and sorted, then the count."""
        return "\n".join([*map(str, self.problems), summary(self.problems)])


def summary(problems: Iterable[Problem]) -> str:
    """The closing line of a report: how many errors and warnings there are."""
    problems = list(problems)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    text = f"{errors} {'error' if errors == 1 else 'errors'}"
    if warnings:
        text += f" and {warnings} {'warning' if warnings == 1 else 'warnings'}"
    if errors:
        return text + " in content; nothing was written. Fix the errors above and run again."
    return text + " in content."


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix naming the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def key_path(key: tuple) -> str:
    """A key inside a YAML file as messages show it: ('actors', 1, 'role') -> 'actors[1].role'."""
    text = ""
    for part in key:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
