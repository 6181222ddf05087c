"""The visual timeline: events along time on the home and timeline pages, an actor's year.

Few events are drawn one by one, one row per kind of event, each mark a link to
its event. Many (more than DRAW_LIMIT, or a timeline split into month pages) are
drawn as a strip of months, one bar per month whose height is its number of
events, each bar a link to that month's events. An actor's picture has a row per
role it took in events and a row of its quotes. The text lists of the pages stay
beside the pictures and say the same.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any, Iterable, Sequence

from ..link import ActorNode, EventNode
from ..model import EventKind
from ..paginate import Period
from ..paths import TIMELINE, href
from ..words import event_date
from .svg import (
    Scale, Svg, axis, bar_path, date_ticks, day_number, element, link, month_index, month_label,
    YEAR_LABEL, month_of, picture, plural, shorten, text, year_axis, year_labels,
)

KINDS: tuple[str, ...] = typing.get_args(EventKind)
"""The kinds of event, in the order their rows are drawn (each has its colour: bp-kind-<kind>)."""

DRAW_LIMIT = 30
"""The most events drawn one by one on the home and timeline pages; more are drawn by month."""
ACTOR_DRAW_LIMIT = 20
"""The most events and quotes an actor's picture draws one by one; more are drawn by month
(an actor's page has no cut by size: its picture stays small, see ACTOR_PICTURE_BYTES)."""
ACTOR_PICTURE_BYTES = 6 * 1024
"""The most bytes an actor's picture of marks takes; a longer one is drawn by month."""
STRIP_MONTHS = 60
"""The most months a strip of months draws (the latest); a longer span is drawn by year."""
PICTURE_BYTES = 9 * 1024
"""The most bytes a timeline picture takes: room the timeline page keeps for it (render.py)."""

WIDTH = 560
"""The drawing's width in its own units; it is scaled to the column (to about 340 px on a phone)."""
CHARACTER = 8.6
"""The widest a character of a row's name may be, at the size a phone shows it (briefings.css)."""
RIGHT = 12
ROW = 26
TOP = 8
AXIS = 30
"""Room under the rows for the axis and its labels."""
RADIUS = 5.5
TICKS = 5
"""The most labelled ticks on a date axis (each label needs about 70 units at a phone's size)."""


def _label(kind: str) -> str:
    return kind.replace("-", " ").capitalize()


def _span(events: Iterable[EventNode]) -> tuple[dt.date, dt.date]:
    """The first and last day the events cover (an event dated to a month covers the month)."""
    starts, ends = [], []
    for event in events:
        starts.append(event.event.date.start)
        ends.append((event.event.end or event.event.date).end)
    return min(starts), max(ends)


def label_room(labels: Iterable[str]) -> float:
    """The room on the left for rows named `labels`."""
    return 16 + CHARACTER * max((len(label) for label in labels), default=4)


def _scale(first: dt.date, last: dt.date, left: float) -> Scale:
    low, high = day_number(first), day_number(last)
    pad = max(3.0, (high - low) * 0.03)
    return Scale(low - pad, high + pad, left, WIDTH - RIGHT)


def _mark(event: EventNode, scale: Scale, y: float, classes: str) -> Svg:
    """A circle on the event's day, or a bar over the days its date or span covers."""
    date, end = event.event.date, event.event.end
    first, last = day_number(date.start), day_number((end or date).end)
    hollow = " bp-planned" if event.event.planned else ""
    if last - first < 2:
        return element("circle", {"cx": scale(first), "cy": y, "r": RADIUS, "class_": classes + hollow})
    left, right = scale(first), max(scale(last), scale(first) + 2 * RADIUS)
    return element("rect", {"x": left, "y": y - RADIUS, "width": right - left, "height": 2 * RADIUS,
                            "rx": RADIUS, "class_": classes + hollow})


class _Lanes:
    """Where marks of one row go so that marks close in time do not hide each other: up, middle, down."""

    OFFSETS = (0.0, -7.0, 7.0)

    def __init__(self) -> None:
        self.last: list[float] = [-1e9] * len(self.OFFSETS)

    def place(self, left: float, right: float) -> float:
        for lane, end in enumerate(self.last):
            if left > end + 2:
                self.last[lane] = right
                return self.OFFSETS[lane]
        lane = min(range(len(self.last)), key=lambda i: self.last[i])
        self.last[lane] = max(self.last[lane], right)
        return self.OFFSETS[lane]


def _event_title(event: EventNode, extra: str) -> str:
    planned = ", planned" if event.event.planned else ""
    return f"{event_date(event.event)}: {shorten(event.title)} ({extra}{planned})"


def _rows(page: str, rows: Sequence[tuple[str, str, list[Any]]], marks: Any, first: dt.date,
          last: dt.date) -> tuple[list[Svg], float]:
    """Named rows of linked marks over a date axis; returns the drawing and its height.

    `rows` are (label, css class, items); `marks(item)` gives (an event or a day, page, title).
    """
    left = label_room(label for label, *_ in rows)
    scale = _scale(first, last, left)
    body: list[Svg] = []
    for number, (label, classes, items) in enumerate(rows):
        y = TOP + ROW * number + ROW / 2
        body.append(text(left - 8, y + 4, label, class_="bp-row-label", text_anchor="end"))
        body.append(element("line", {"x1": left, "y1": y, "x2": WIDTH - RIGHT, "y2": y, "class_": "bp-row"}))
        lanes = _Lanes()
        for item in items:
            mark, target, title = marks(item)
            offset = lanes.place(*_extent(mark, scale))
            body.append(link(href(page, target), title, _shifted(mark, scale, y + offset, classes)))
    bottom = TOP + ROW * len(rows) + 6
    body.append(axis(scale, date_ticks(first, last, TICKS), bottom, TOP))
    return body, bottom + AXIS


def _extent(mark: Any, scale: Scale) -> tuple[float, float]:
    """The x range a mark (an event, or a day) takes."""
    if isinstance(mark, EventNode):
        date, end = mark.event.date, mark.event.end
        left, right = scale(day_number(date.start)), scale(day_number((end or date).end))
        return left - RADIUS, max(right, left + RADIUS) + RADIUS
    x = scale(day_number(mark))
    return x - RADIUS, x + RADIUS


def _shifted(mark: Any, scale: Scale, y: float, classes: str) -> Svg:
    if isinstance(mark, EventNode):
        return _mark(mark, scale, y, classes)
    x = scale(day_number(mark))
    size = RADIUS * 0.9
    points = f"{x:.1f},{y - size:.1f} {x + size:.1f},{y:.1f} {x:.1f},{y + size:.1f} {x - size:.1f},{y:.1f}"
    return element("polygon", {"points": points, "class_": classes})


# --- the timeline of the briefing --------------------------------------------------------


def month_anchor(event: EventNode) -> str:
    """The anchor of the event's month on the timeline page: 'month-2023-10' ('year-2023' when
    the event is dated to a year only, listed apart at the start of its year)."""
    date = event.event.date
    if date.precision == "year":
        return f"year-{date.start.year}"
    return f"month-{date.start.year}-{date.start.month:02d}"


def event_timeline(page: str, events: list[EventNode], months: list[Period]) -> Svg:
    """The briefing's events as a picture for the page at `page` (home or timeline).

    `months` are the timeline's month pages when it is split (the strip links to
    them); when it is not, the strip links to the months on the timeline page.
    """
    if not events:
        return Svg("")
    if len(events) <= DRAW_LIMIT and not months:
        drawn = _events_by_kind(page, events)
        if len(drawn) <= PICTURE_BYTES:
            return drawn
    return _month_strip(page, events, months)


def _events_by_kind(page: str, events: list[EventNode]) -> Svg:
    kinds = [kind for kind in KINDS if any(e.event.kind == kind for e in events)]
    rows = [(_label(kind), f"bp-mark bp-kind-{kind}", [e for e in events if e.event.kind == kind])
            for kind in kinds]
    first, last = _span(events)
    body, height = _rows(page, rows, lambda e: (e, e.path, _event_title(e, _label(e.event.kind))),
                         first, last)
    planned = sum(e.event.planned for e in events)
    if planned:
        y = height + 4
        left = label_room(_label(kind) for kind in kinds)
        body.append(element("circle", {"cx": left + RADIUS, "cy": y, "r": RADIUS,
                                       "class_": "bp-mark bp-planned bp-kind-other"}))
        body.append(text(left + 3 * RADIUS, y + 4, "hollow: planned, not confirmed", class_="bp-tick"))
        height += 16
    title = f"Timeline: {plural(len(events), 'event')}, {_when(first, last)}"
    caption = ("Each row is a kind of event, each mark an event (a bar when it spans days), "
               "a link to its page" + ("; hollow marks are planned events" if planned else "")
               + ". The list below gives the same events in words.")
    return picture("timeline", WIDTH, height, title, body, caption)


def _when(first: dt.date, last: dt.date) -> str:
    start, end = month_label(month_index(first)), month_label(month_index(last))
    return start if start == end else f"{start} to {end}"


def _month_strip(page: str, events: list[EventNode], months: list[Period]) -> Svg:
    """Events per month (per year for a span longer than STRIP_MONTHS), each bar a link."""
    pages: dict[int, str] = {}
    for period in months:
        day = period.items[0].event.date.start
        pages.setdefault(month_index(day), period.path)
    counts: dict[int, int] = {}
    anchors: dict[int, str] = {}
    for event in events:
        index = month_index(event.event.date.start)
        counts[index] = counts.get(index, 0) + 1
        anchor = month_anchor(event)
        if anchors.get(index, "year").startswith("year"):
            anchors[index] = anchor
    first, last = min(counts), max(counts)
    if last - first + 1 > STRIP_MONTHS:
        return _year_strip(page, counts, pages, anchors)
    bars = [(index, month_label(index), counts.get(index, 0),
             _target(page, pages.get(index), anchors.get(index))) for index in range(first, last + 1)]
    labels = year_labels([index for index, *_ in bars])
    title = f"Timeline: {plural(len(events), 'event')} by month, {month_label(first)} to {month_label(last)}"
    caption = ("Events per month: each bar is a month, as tall as its number of events, and a link to "
               "its events. The list below gives the same months in words.")
    return _strip("timeline", page, bars, labels, title, caption)


def _year_strip(page: str, counts: dict[int, int], pages: dict[int, str], anchors: dict[int, str]) -> Svg:
    years: dict[int, int] = {}
    targets: dict[int, str | None] = {}
    for index in sorted(counts):
        year = month_of(index)[0]
        years[year] = years.get(year, 0) + counts[index]
        targets.setdefault(year, _target(page, pages.get(index), anchors.get(index)))
    span = range(min(years), max(years) + 1)
    bars = [(year, str(year), years.get(year, 0), targets.get(year)) for year in span]
    step = max(1, -(-len(bars) // 10))
    labels = [(i, str(year)) for i, year in enumerate(span) if i % step == 0]
    total = sum(years.values())
    title = f"Timeline: {plural(total, 'event')} by year, {span[0]} to {span[-1]}"
    caption = ("Events per year: each bar is a year, as tall as its number of events, and a link to "
               "its first month of events. The list below gives every month in words.")
    return _strip("timeline", page, bars, labels, title, caption)


def _target(page: str, month_page: str | None, anchor: str | None) -> str | None:
    if month_page:
        return href(page, month_page)
    return href(page, TIMELINE, anchor) if anchor else None


STRIP_HEIGHT = 64


def _strip(name: str, page: str, bars: list[tuple[int, str, int, str | None]], labels: list[tuple[int, str]],
           title: str, caption: str) -> Svg:
    """Bars side by side, each (key, label, count, link or None), labelled under the axis."""
    left, right = 34, WIDTH - RIGHT
    slot = (right - left) / len(bars)
    most = max(count for *_, count, _ in bars) or 1
    base = TOP + STRIP_HEIGHT
    body: list[Svg] = [
        text(left - 6, TOP + 8, str(most), class_="bp-tick", text_anchor="end"),
        element("line", {"x1": left, "y1": base, "x2": right, "y2": base, "class_": "bp-axis"}),
    ]
    for i, (_, label, count, target) in enumerate(bars):
        if not count:
            continue
        height = max(2.0, STRIP_HEIGHT * count / most)
        bar = element("rect", {"x": left + i * slot + 0.5, "y": base - height,
                               "width": max(1.0, slot - 1), "height": height, "class_": "bp-bar"})
        words = f"{label}: {plural(count, 'event')}"
        body.append(link(target, words, bar) if target else element("g", None, element("title", None, words), bar))
    for i, label in labels:
        x = left + i * slot
        body.append(element("line", {"x1": x, "y1": base, "x2": x, "y2": base + 5, "class_": "bp-axis"}))
        end = (len(bars) - i) * slot < YEAR_LABEL  # too close to the right edge: the label ends at its tick
        body.append(text(x - 2 if end else x + 2, base + 17, label, class_="bp-tick",
                         text_anchor="end" if end else None))
    return picture(name, WIDTH, base + 24, title, body, caption)


# --- an actor's events and quotes ----------------------------------------------------------


ACTOR_MONTHS = 36
"""The most months an actor's picture draws by month (the latest of its activity)."""
ACTOR_ROLES = 3
"""The most roles an actor's picture gives a row of their own (the rest share one row)."""


def actor_timeline(page: str, actor: ActorNode, years: list[Period]) -> Svg:
    """The actor's events (a row per role it took) and quotes (a row) over time.

    Few are drawn one by one, each a link (events to their page, quotes to their
    article); many are drawn as bars by month, linked to the actor's year pages.
    """
    if not actor.roles and not actor.quotes:
        return Svg("")
    if len(actor.roles) + len(actor.quotes) <= ACTOR_DRAW_LIMIT:
        drawn = _actor_marks(page, actor)
        if len(drawn) <= ACTOR_PICTURE_BYTES:
            return drawn
    return _actor_months(page, actor, years)


def _actor_marks(page: str, actor: ActorNode) -> Svg:
    counts: dict[str, int] = {}
    for role in actor.roles:
        counts[role.role] = counts.get(role.role, 0) + 1
    named = sorted(counts, key=lambda r: (-counts[r], r))[:ACTOR_ROLES]
    rows: list[tuple[str, str, list[Any]]] = [
        (_label(r), f"bp-mark bp-role-{i}", [x for x in actor.roles if x.role == r]) for i, r in enumerate(named)]
    others = [x for x in actor.roles if x.role not in named]
    if others:
        rows.append(("Other roles", f"bp-mark bp-role-{len(named)}", others))
    if actor.quotes:
        rows.append(("Quotes", "bp-mark bp-quote", list(actor.quotes)))

    def marks(item: Any) -> tuple[Any, str, str]:
        if hasattr(item, "role"):
            return item.event, item.event.path, _event_title(item.event, _label(item.role))
        article = item.article
        return (article.article.published_day, article.path,
                f"{month_day(article.article.published_day)}: quoted in {shorten(article.title, 70)}, "
                f"{article.outlet.name}")

    dates = [r.event for r in actor.roles]
    days = [q.article.article.published_day for q in actor.quotes]
    spans = [_span(dates)] if dates else []
    first = min([s[0] for s in spans] + days)
    last = max([s[1] for s in spans] + days)
    body, height = _rows(page, rows, marks, first, last)
    title = (f"{actor.name} over time: {plural(len(actor.roles), 'event')} by role, "
             f"{plural(len(actor.quotes), 'quote')}")
    caption = ("Each row is a role the actor took in events, each mark an event and a link to it; "
               "the last row marks the articles that quote the actor. The lists below say the same in words.")
    return picture("actor-timeline", WIDTH, height, title, body, caption)


def month_day(day: dt.date) -> str:
    return f"{day.day} {month_label(month_index(day))}"


def _actor_months(page: str, actor: ActorNode, years: list[Period]) -> Svg:
    """Events and quotes per month, the latest ACTOR_MONTHS months; each year's bars a link to its page."""
    events: dict[int, int] = {}
    quotes: dict[int, int] = {}
    for role in actor.roles:
        index = month_index(role.event.event.date.start)
        events[index] = events.get(index, 0) + 1
    for quote in actor.quotes:
        index = month_index(quote.article.article.published_day)
        quotes[index] = quotes.get(index, 0) + 1
    last = max([*events, *quotes])
    first = max(min([*events, *quotes]), last - ACTOR_MONTHS + 1)
    pages = _month_pages(years)
    left, right = label_room(["Events", "Quotes"]), WIDTH - RIGHT
    slot = (right - left) / (last - first + 1)
    most = max([*events.values(), *quotes.values()])
    rows = [("Events", "bp-bars", events), ("Quotes", "bp-bars bp-quote", quotes)]
    height = 34.0
    marks: dict[str | None, list[Svg]] = {}
    body: list[Svg] = []
    for number, (label, classes, counts) in enumerate(rows):
        base = TOP + (number + 1) * (height + 6)
        body.append(text(left - 8, base - 4, label, class_="bp-row-label", text_anchor="end"))
        body.append(element("line", {"x1": left, "y1": base, "x2": right, "y2": base, "class_": "bp-axis"}))
        targets: dict[str | None, dict[int, int]] = {}
        for index in range(first, last + 1):
            if counts.get(index):
                targets.setdefault(pages.get(index), {})[index] = counts[index]
        for target, shown in targets.items():
            marks.setdefault(target, []).append(
                bar_path(shown, (first, last), left, slot, base, height, most, classes))
    for target, paths in marks.items():
        if target is None:
            body.extend(paths)
            continue
        period = next(p for p in years if p.path == target)
        body.append(link(href(page, target), f"{period.label}: events and quotes", *paths))
    bottom = TOP + 2 * (height + 6)
    body += year_axis(first, last, left, slot, bottom)
    title = (f"{actor.name} over time: {plural(len(actor.roles), 'event')} and "
             f"{plural(len(actor.quotes), 'quote')} by month, {month_label(first)} to {month_label(last)}")
    caption = ("Events (top) and quotes (bottom) per month"
               + (f", the latest {ACTOR_MONTHS} months" if first > min([*events, *quotes]) else "")
               + "; each year's bars link to that year's page. The lists below give the latest in words.")
    return picture("actor-timeline", WIDTH, bottom + 24, title, body, caption)


def _month_pages(years: list[Period]) -> dict[int, str]:
    """Month -> the actor's page (a year, a run of years, a month) whose entries fall in it."""
    pages: dict[int, str] = {}
    for period in years:
        for day, *_ in period.items:
            pages.setdefault(month_index(day), period.path)
    return pages


TEMPLATE_GLOBALS = {
    "event_timeline": event_timeline,
    "actor_timeline": actor_timeline,
    "month_anchor": month_anchor,
}
"""What the home, timeline and actor templates call (render.py makes their markup Markdown)."""
