"""How dates and one-line descriptions read on every page and in the feeds."""

from __future__ import annotations

import datetime as dt
import functools
import re

from .model import Event, FuzzyDate

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]


def fuzzy_date(value: FuzzyDate) -> str:
    """'18 Oct 2023', 'Sept 2023' or '2023', as precise as the curated date."""
    day = value.start
    if value.precision == "year":
        return str(day.year)
    if value.precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def event_date(event: Event) -> str:
    """The event's date or span, marked 'c.' when approximate."""
    text = fuzzy_date(event.date)
    if event.end is not None and event.end != event.date:
        start, end = event.date.start, event.end.start
        if event.date.precision == event.end.precision == "day" and (start.year, start.month) == (end.year, end.month):
            text = f"{start.day}–{fuzzy_date(event.end)}"
        else:
            text = f"{text} – {fuzzy_date(event.end)}"
    return f"c. {text}" if event.approximate else text


def month_name(value: dt.date) -> str:
    """'Oct 2023'."""
    return f"{MONTHS[value.month - 1]} {value.year}"


def published(value: dt.date | dt.datetime) -> str:
    """Publication date, with the local time and zone where known."""
    offset = value.utcoffset() if isinstance(value, dt.datetime) else None
    return _published(value, type(value), offset)


@functools.lru_cache(maxsize=1 << 16)
def _published(value: dt.date | dt.datetime, kind: type, offset: dt.timedelta | None) -> str:
    """`published`, cached: the same instant in the same zone (hence the key) reads the same."""
    if isinstance(value, dt.datetime):
        offset = value.utcoffset() or dt.timedelta()
        hours, rest = divmod(int(offset.total_seconds()) // 60, 60)
        zone = f"UTC{'+' if offset >= dt.timedelta() else '-'}{abs(hours):02d}:{rest:02d}"
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}, {value:%H:%M} ({zone})"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def plain(value: str | None, limit: int = 160) -> str:
    """A one-line description from Markdown text, for front matter and search results."""
    if not value:
        return ""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", value)
    text = re.sub(r"[*_`#>]", "", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
