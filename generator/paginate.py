"""Long lists cut into pages of bounded size: the one splitting mechanism of the site.

A list that grows with the corpus (an index, a tag, an actor's quotes, an
event's coverage) is first grouped into periods: months, years (busy years as
their months), letters or tags. A period whose page holds more than a given
number of entries, or whose rendered Markdown is longer than MAX_PAGE_BYTES,
is cut into parts: `05.md`, `05-2.md`, `05-3.md`, linked to each other.

Stable cuts: periods are calendar periods or stable keys, so an entry added
to May changes May's pages only. Within a period, parts are filled from the
oldest entry on, so an entry added at the end (the usual case: news is
appended) changes only the last part; a part too long in bytes is halved,
which moves no entry of the parts before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Protocol, TypeVar

from .paths import part_page, period_page
from .words import MONTHS

MAX_PAGE_BYTES = 30 * 1024
"""No generated page is longer than this (UTF-8 bytes of Markdown), whatever the corpus:
longer lists are cut into parts. An article page is as long as the article it prints."""

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


class Rendered(Protocol):
    """What a part renders to: a page's Markdown, or a page kept as the cache found it."""

    @property
    def text(self) -> str: ...

    @property
    def kept(self) -> bool: ...


Page = TypeVar("Page", bound=Rendered)


def fits(page: Rendered) -> bool:
    """True when the page is at most MAX_PAGE_BYTES long.

    A page the cache kept was written before from the same inputs at the same
    path, with the same entries: it fitted then, or it would have been cut.
    """
    return page.kept or len(page.text.encode("utf-8")) <= MAX_PAGE_BYTES


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


def parts(periods: list[Period], limit: int | None = None) -> list[Period]:
    """Each period as parts of at most `limit` entries (by count only: see `bounded` for bytes)."""
    limit = PAGE_LIMIT if limit is None else limit
    return [part for period in periods for part in numbered(period, _chunks(period.items, limit))]


def _chunks(items: list[Any], limit: int) -> list[list[Any]]:
    """`items` in runs of `limit`, from the first: appending an item changes the last run only."""
    return [items[start:start + limit] for start in range(0, len(items), limit)] or [items]


def bounded(period: Period, render: Callable[[Period], Page], limit: int | None = None) -> list[tuple[Period, Page]]:
    """The pages of `period`: parts of at most `limit` entries, each at most MAX_PAGE_BYTES.

    Every part is rendered; a part that is too long is halved and the parts
    rendered again (their navigation names every part) until all fit. A part
    of one entry is kept whatever its length: an entry is never cut.
    """
    limit = PAGE_LIMIT if limit is None else limit
    chunks = _chunks(period.items, limit)
    while True:
        pages = [(part, render(part)) for part in numbered(period, chunks)]
        halved: list[list[Any]] = []
        for chunk, (_, page) in zip(chunks, pages):
            if fits(page) or len(chunk) == 1:
                halved.append(chunk)
            else:
                middle = (len(chunk) + 1) // 2
                halved += [chunk[:middle], chunk[middle:]]
        if len(halved) == len(chunks):
            return pages
        chunks = halved
