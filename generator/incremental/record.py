"""Recording what each page reads, while the pipeline runs unaware of it.

Every curated model (an actor, an event, an article, an outlet, the briefing)
is handed to the pipeline inside a `Watched` wrapper that notes each field
read, as (file, field), into the set of whoever is reading: the page being
rendered, or `Recorder.shared` for everything read outside a page (loading,
linking, deciding which pages exist and how lists are split). Reads made to
estimate how long a list's entries are (`page.measuring`) are left out: the
pages they decide name the decision (`PageJob.basis`), which is made again
once, recorded, and its reads counted for each of those pages. A change to a
field in the shared set may change any page; a change to a field only pages
read changes only those pages. An article's text is watched the same way,
through its parsed text and linked body, as the field `TEXT` of its text file.
"""

from __future__ import annotations

import dataclasses
from contextlib import contextmanager
from typing import Any, Iterator

from ..link import Stand
from ..page import Measuring

ANY = "*"
"""The field noted for a read that is not a field (a method, say): the page then depends on
every field of the file. A property of the model is run on the wrapper instead, so that the
fields it reads are noted one by one."""
TEXT = "text"
"""The field noted for an article text file: the raw text, as parsed and linked."""

Read = tuple[str, str]
"""(file path relative to the project, field name)."""


class Recorder:
    """Where reads go: `shared` outside pages, a page's own set inside `page()`."""

    def __init__(self) -> None:
        self.shared: set[Read] = set()
        self.current: set[Read] = self.shared

    @contextmanager
    def page(self) -> Iterator[set[Read]]:
        """Collect the reads made inside the block into a fresh set, which this yields."""
        reads: set[Read] = set()
        self.current = reads
        try:
            yield reads
        finally:
            self.current = self.shared


class Watched:
    """A model that notes, for its file, each field read from it."""

    __slots__ = ("_model", "_file", "_fields", "_recorder")

    def __init__(self, model: Any, file: str, recorder: Recorder) -> None:
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_file", file)
        object.__setattr__(self, "_fields", type(model).model_fields)
        object.__setattr__(self, "_recorder", recorder)

    def __getattr__(self, name: str) -> Any:
        if name in self._fields:
            if not Measuring.now:
                self._recorder.current.add((self._file, name))
            return getattr(self._model, name)
        computed = getattr(type(self._model), name, None)
        if isinstance(computed, property) and computed.fget is not None:
            return computed.fget(self)  # its own reads of fields are recorded one by one
        if not Measuring.now:
            self._recorder.current.add((self._file, ANY))
        return getattr(self._model, name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(name)

    def __eq__(self, other: object) -> bool:
        if not Measuring.now:
            self._recorder.current.add((self._file, ANY))
        return self._model == (other._model if isinstance(other, Watched) else other)

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return repr(self._model)


class WatchedText(Stand):
    """An article's parsed text or linked body (link's lazy values), noting its text file as read."""

    __slots__ = ("_value", "_read", "_recorder")

    def __init__(self, value: Any, file: str, recorder: Recorder) -> None:
        self._value = value
        self._read = (file, TEXT)
        self._recorder = recorder

    def _get(self) -> Any:
        if not Measuring.now:
            self._recorder.current.add(self._read)
        return self._value._get() if isinstance(self._value, Stand) else self._value

    def _forget(self) -> None:
        if isinstance(self._value, Stand):
            self._value._forget()
