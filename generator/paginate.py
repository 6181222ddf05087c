"""Long lists cut into pages of bounded size: the one splitting mechanism of the site.

A list that grows with the corpus (an index, a tag, an actor's quotes, an
event's coverage) is first grouped into periods: months, years (busy years as
their months), letters or tags. A period whose entries are more than a given
number, or longer together than the room a page has for entries, is cut into
parts: `05.md`, `05-2.md`, `05-3.md` (paths.part_page), linked to each other.

Decided from the data, before any page is rendered: an entry's length is
estimated from the text it shows (the renderer says how: `size`), so which
pages exist and what each holds is known without rendering one, and the
incremental layer renders only the parts whose entries changed. The estimate
must not be short of the page: the skewed benchmark corpus builds every page
within MAX_PAGE_BYTES (tests/test_bench.py) and tests/test_paginate.py tries
long quotes, long titles and text in many scripts.

Stable cuts: periods are calendar periods or stable keys, so an entry added
to May changes May's pages only. Within a period, parts are filled from the
oldest entry on, so an entry added at the end (the usual case: news is
appended) changes only the last part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .paths import part_page, period_page
from .words import MONTHS

MAX_PAGE_BYTES = 30 * 1024
"""No generated page is longer than this (UTF-8 bytes of Markdown), whatever the corpus:
longer lists are cut into parts. An article page is as long as the article it prints."""

PAGE_FRAME = 6 * 1024
"""Room kept on every page of a list for what is not an entry: front matter, headings,
the links between its parts. Names a page repeats (an actor's, an event's) come on top."""

ENTRY_BUDGET = MAX_PAGE_BYTES - PAGE_FRAME
"""The estimated bytes of entries one part holds at most (see `parts`)."""

PAGE_LIMIT = 30
"""The most entries one page of a split list shows: a month, year or letter with more
is split into parts of this many (fewer where the entries are long), so that no page
grows with the corpus."""

COVERAGE_LIMIT = 25
"""An event covered by more articles than this lists its coverage on pages of its own,
this many articles a page (fewer where they are long); the event page keeps a summary."""

@dataclass(frozen=True)
class Period:
    """One page of a split list: a month, a year (or run of years) or a letter, and its entries."""

    label: str
    path: str
    items: list[Any]
    year: int | None = None
    part: int = 1
    """Which part of its period this page is, when the period is split into parts."""
    parts: tuple[tuple[int, str], ...] = ()
    """(number, path) of every part of the period when it is split; empty when it is not."""


# --- periods ----------------------------------------------------------------------


def periods(folder: str, items: Iterable[Any], day_of: Callable[[Any], dt.date], unit: str) -> list[Period]:
    """`items` grouped by year or month of `day_of(item)`, one page each under `folder`/."""
    groups: dict[tuple[int, int], list[Any]] = {}
    for item in items:
        day = day_of(item)
        groups.setdefault((day.year, day.month if unit == "month" else 0), []).append(item)
    return [
        Period(
            f"{MONTHS[month - 1]} {year}" if month else str(year),
            period_page(folder, year, month),
            groups[(year, month)],
            year,
        )
        for year, month in sorted(groups)
    ]


def by_year(folder: str, items: Iterable[Any], day_of: Callable[[Any], dt.date],
            limit: int | None = None) -> list[Period]:
    """One page per year (quiet adjacent years joined), a busy year as one page per month.

    A year with more than `limit` entries is cut by calendar month, not into
    numbered parts, so that an entry added in March changes March's pages only.
    """
    limit = PAGE_LIMIT if limit is None else limit
    pages: list[Period] = []
    quiet: list[Period] = []
    for year in periods(folder, items, day_of, "year"):
        if len(year.items) <= limit:
            quiet.append(year)
            continue
        pages += runs(quiet, limit) + periods(folder, year.items, day_of, "month")
        quiet = []
    return pages + runs(quiet, limit)


def runs(periods: list[Period], limit: int | None = None) -> list[Period]:
    """Adjacent years joined while together they fit one page: 2017–2019 instead of three short pages."""
    limit = PAGE_LIMIT if limit is None else limit
    groups: list[list[Period]] = []
    for period in periods:
        if groups and sum(len(p.items) for p in groups[-1]) + len(period.items) <= limit:
            groups[-1].append(period)
        else:
            groups.append([period])
    return [
        group[0] if len(group) == 1 else Period(
            f"{group[0].label}–{group[-1].label}", group[0].path,
            [item for p in group for item in p.items], group[0].year)
        for group in groups
    ]


# --- parts --------------------------------------------------------------------------


def numbered(period: Period, chunks: list[list[Any]]) -> list[Period]:
    """The parts of `period` holding `chunks`: 'May 2022' at 05.md, then 'May 2022 (2)' at 05-2.md."""
    if len(chunks) <= 1:
        return [period]
    paths = tuple((n, part_page(period.path, n)) for n in range(1, len(chunks) + 1))
    return [
        Period(period.label if n == 1 else f"{period.label} ({n})", path, chunk, period.year, n, paths)
        for (n, path), chunk in zip(paths, chunks)
    ]


PARTS_AROUND = 2
"""How many parts on each side of a part's own, and at each end, its links between parts name."""


def shown_parts(period: Period) -> list[tuple[int, str] | None]:
    """The parts a part's page links, in order, None where a run of parts is left out.

    Every part links the first and last two parts and the two before and after
    its own, so its links stay a few dozen bytes however many parts there are
    (a tag on 30,000 articles has a thousand), and each part is reached by
    stepping from its neighbours.
    """
    count = len(period.parts)
    kept = {n for n in range(1, count + 1)
            if n <= PARTS_AROUND or n > count - PARTS_AROUND or abs(n - period.part) <= PARTS_AROUND}
    shown: list[tuple[int, str] | None] = []
    for number, path in period.parts:
        if number in kept:
            shown.append((number, path))
        elif shown and shown[-1] is not None:
            shown.append(None)
    return shown


Size = Callable[[Any], int]
"""An entry's estimated length on a page, in UTF-8 bytes: never less than it renders to."""


def parts(periods: list[Period], limit: int | None = None, size: Size | None = None,
          frame: int = 0) -> list[Period]:
    """Each period as parts of at most `limit` entries whose `size` fits the budget.

    The budget is ENTRY_BUDGET less `frame`, the bytes of the names a page of
    these periods repeats. A part is filled from the first entry while its
    entries fit, so an entry appended changes the last part only. One entry
    longer than the budget has a part of its own: an entry is never cut.
    """
    limit = PAGE_LIMIT if limit is None else limit
    sized = size or (lambda _: 0)
    budget = ENTRY_BUDGET - frame
    return [part for period in periods for part in numbered(period, _chunks(period.items, limit, sized, budget))]


def fits(items: Iterable[Any], size: Size, frame: int = 0) -> bool:
    """True when `items` fit one page (whose names take `frame` bytes)."""
    return sum(size(item) for item in items) <= ENTRY_BUDGET - frame


def _chunks(items: list[Any], limit: int, size: Size, budget: int) -> list[list[Any]]:
    """`items` in runs from the first, each of at most `limit` items and `budget` bytes
    (or one item): appending an item changes the last run only."""
    chunks: list[list[Any]] = [[]]
    used = 0
    for item in items:
        cost = size(item)
        if chunks[-1] and (len(chunks[-1]) == limit or used + cost > budget):
            chunks.append([])
            used = 0
        chunks[-1].append(item)
        used += cost
    return chunks
