"""Problems found in content, located to the file, line and column."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, where it is and how to fix it.

    Ordered by location so that reports are sorted the same way every run.
    """

    path: str
    line: int = 0
    column: int = 0
    message: str = field(default="", compare=True)
    severity: Severity = field(default="error", compare=False)

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column}"
        label = "" if self.severity == "error" else "warning: "
        return f"{where}: {label}{self.message}"


class BriefingsError(Exception):
    """Base of the errors the command line reports without a traceback."""


class ContentError(BriefingsError):
    """The content has errors; the build stopped before writing anything."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sorted(problems))
        super().__init__(self.report())

    def report(self) -> str:
        errors = [p for p in self.problems if p.severity == "error"]
        lines = [str(p) for p in self.problems]
        noun = "error" if len(errors) == 1 else "errors"
        lines.append(f"{len(errors)} {noun} in content; nothing was written.")
        return "\n".join(lines)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix naming the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
