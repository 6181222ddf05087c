"""The pieces every picture is drawn with: escaped elements, links, scales and date ticks.

A picture is inline SVG inside a raw-HTML `<figure>` of a generated Markdown page.
MkDocs leaves raw HTML as it is, so everything here is final: each text and
attribute value is escaped with `html.escape` (titles, names and labels come
from articles and curators and are untrusted), and each link is the built URL
relative to the page (`href`). Only this module writes tags; the pictures
describe elements through `element`, `link` and `text`.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from dataclasses import dataclass
from typing import Iterable, Union

from ..words import MONTHS


class Svg(str):
    """Markup written by this module from escaped parts: never text from content."""


Child = Union["Svg", str]
"""What an element holds: markup made here, or text (escaped when written)."""

Value = Union[str, int, float, None]


def number(value: float) -> str:
    """A coordinate as short as it reads: 12, 12.5, never 12.000000001."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _attribute(value: Value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(float(value))
    return html.escape(str(value), quote=True)


@functools.lru_cache(maxsize=None)
def _name(key: str) -> str:
    """A keyword as an attribute's name: `class_` -> `class`, `text_anchor` -> `text-anchor`."""
    return key.rstrip("_").replace("_", "-")


def element(tag: str, attributes: dict[str, Value] | None = None, *children: Child) -> Svg:
    """`<tag a="v">children</tag>`: attribute values and text children escaped, markup kept.

    An attribute whose value is None is left out; `class_` is written `class`.
    """
    written = "".join(
        f' {_name(name)}="{_attribute(value)}"'
        for name, value in (attributes or {}).items() if value is not None
    )
    if not children:
        return Svg(f"<{tag}{written}/>")
    inner = "".join(child if isinstance(child, Svg) else html.escape(child, quote=False) for child in children)
    return Svg(f"<{tag}{written}>{inner}</{tag}>")


def group(children: Iterable[Svg], **attributes: Value) -> Svg:
    """`<g>` around `children` (nothing when there are none)."""
    inner = list(children)
    return element("g", attributes, *inner) if inner else Svg("")


def text(x: float, y: float, words: str, **attributes: Value) -> Svg:
    """Words at (x, y), escaped."""
    return element("text", {"x": x, "y": y, **attributes}, words)


def link(href: str, title: str, *marks: Svg, **attributes: Value) -> Svg:
    """`marks` as one link to `href`, named by `title` (a tooltip, and what a screen reader reads).

    An SVG `<a href>` is focusable with the keyboard like an HTML link.
    """
    return element("a", {"href": href, **attributes}, element("title", None, title), *marks)


def picture(name: str, width: float, height: float, title: str, body: Iterable[Svg],
            caption: str, description: str = "", links: bool = True) -> Svg:
    """A `<figure>` holding the SVG drawing and its caption, in one block of raw HTML.

    `name` makes the ids (one picture of a name per page). With `links`, the drawing is
    a group of links named by its title; without, an image named by its title and
    `description` (what the picture shows, in words). Kept out of both search
    indexes: the lists and tables beside it carry the same facts.
    """
    title_id, description_id = f"bp-{name}-title", f"bp-{name}-desc"
    heading = [element("title", {"id": title_id}, title)]
    if description:
        heading.append(element("desc", {"id": description_id}, description))
    labelled = " ".join([title_id] + ([description_id] if description else []))
    drawing = element("svg", {  # inline SVG in HTML: no xmlns needed
        "viewBox": f"0 0 {number(width)} {number(height)}",
        "class_": f"bp-svg bp-{name}", "role": "group" if links else "img",
        "aria-labelledby": labelled,
    }, *heading, *body)
    return Svg(
        f'<figure class="briefings-picture" data-search-exclude data-pagefind-ignore="all">'
        f"{drawing}{element('figcaption', None, caption)}</figure>"
    )


# --- time --------------------------------------------------------------------------------


def month_index(day: dt.date) -> int:
    """Months since year 0: consecutive months are consecutive numbers."""
    return day.year * 12 + day.month - 1


def month_of(index: int) -> tuple[int, int]:
    """(year, month) of a `month_index`."""
    return index // 12, index % 12 + 1


def month_label(index: int) -> str:
    """'Oct 2023'."""
    year, month = month_of(index)
    return f"{MONTHS[month - 1]} {year}"


@dataclass(frozen=True)
class Scale:
    """A linear map from a domain (days, months) to x positions."""

    low: float
    high: float
    left: float
    right: float

    def __call__(self, value: float) -> float:
        if self.high == self.low:
            return (self.left + self.right) / 2
        share = (value - self.low) / (self.high - self.low)
        return self.left + share * (self.right - self.left)


def day_number(day: dt.date) -> int:
    return day.toordinal()


@dataclass(frozen=True)
class Tick:
    """A mark on a time axis: its position in the domain and its label."""

    value: float
    label: str


def date_ticks(first: dt.date, last: dt.date, most: int = 8) -> list[Tick]:
    """Ticks on the first day of months (or of years, for long spans) between `first` and `last`,
    at most `most`, labelled 'Oct 2023' (or '2023', or 'Oct' within one year after the first)."""
    start, end = month_index(first), month_index(last)
    if (last - first).days < 62:
        return _day_ticks(first, last, most)
    if end - start > 24:
        years = range(first.year + (first > dt.date(first.year, 1, 1)), last.year + 1)
        step = max(1, -(-len(years) // most))
        return [Tick(day_number(dt.date(y, 1, 1)), str(y)) for y in years[::step]]
    step = next(s for s in (1, 2, 3, 6, 12) if (end - start) // s + 1 <= most)
    months = [m for m in range(start + (first.day > 1), end + 1) if (m % 12) % step == 0]
    ticks = []
    for index in months:
        year, month = month_of(index)
        named = month == 1 or index == months[0]
        ticks.append(Tick(day_number(dt.date(year, month, 1)),
                          f"{MONTHS[month - 1]} {year}" if named else MONTHS[month - 1]))
    return ticks


def _day_ticks(first: dt.date, last: dt.date, most: int) -> list[Tick]:
    """Ticks on days for a short span: '18 Oct 2023', '20 Oct', ... every 1, 2, 5, 7 or 14 days."""
    days = (last - first).days
    step = next((s for s in (1, 2, 5, 7, 14) if days // s + 1 <= most), 14)
    ticks = []
    for offset in range(0, days + 1, step):
        day = first + dt.timedelta(days=offset)
        named = offset == 0 or day.month == 1 and day.day <= step
        ticks.append(Tick(day_number(day), f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if named else "")))
    return ticks


def axis(scale: Scale, ticks: list[Tick], y: float, top: float) -> Svg:
    """A baseline at `y`, a faint grid line from `top` and a label under it for each tick."""
    marks = [element("line", {"x1": scale.left, "y1": y, "x2": scale.right, "y2": y, "class_": "bp-axis"})]
    for tick in ticks:
        x = scale(tick.value)
        marks.append(element("line", {"x1": x, "y1": top, "x2": x, "y2": y + 4, "class_": "bp-grid"}))
        marks.append(text(x, y + 17, tick.label, class_="bp-tick", text_anchor="middle"))
    return group(marks)


def year_labels(months: list[int]) -> list[tuple[int, str]]:
    """(position, year) under each January of consecutive `months` (month_index), and under the
    first month when no January follows closely (the labels would run into each other)."""
    januaries = [i for i, index in enumerate(months) if month_of(index)[1] == 1]
    first = [] if januaries and januaries[0] < 6 and januaries[0] != 0 else [0]
    return [(i, str(month_of(months[i])[0])) for i in sorted(set(first + januaries))]


def year_axis(first: int, last: int, left: float, slot: float, base: float) -> list[Svg]:
    """Year labels under months `first`..`last` drawn `slot` wide from `left`, on a baseline at `base`."""
    marks = []
    for i, label in year_labels(list(range(first, last + 1))):
        x = left + i * slot
        marks.append(element("line", {"x1": x, "y1": base, "x2": x, "y2": base + 5, "class_": "bp-axis"}))
        if (last - first + 1 - i) * slot < YEAR_LABEL:  # too close to the right edge: the label ends at its tick
            marks.append(text(x - 2, base + 17, label, class_="bp-tick", text_anchor="end"))
        else:
            marks.append(text(x + 2, base + 17, label, class_="bp-tick"))
    return marks


YEAR_LABEL = 40
"""Room a year's label takes after its tick (four digits at a phone's size)."""


def bar_path(counts: dict[int, int], months: tuple[int, int], left: float, slot: float, base: float,
             tall: float, most: int, classes: str) -> Svg:
    """Bars of `months` (first, last month_index) as one path: a vertical stroke `slot` wide less a
    gap per month with a count, `tall` for `most`; a fraction of the bytes of a rectangle each."""
    first, last = months
    strokes = []
    for index in range(first, last + 1):
        count = counts.get(index, 0)
        if count:
            x = left + (index - first + 0.5) * slot
            strokes.append(f"M{number(x)} {number(base)}V{number(base - max(1.5, tall * count / most))}")
    if not strokes:
        return Svg("")
    return element("path", {"d": "".join(strokes), "stroke_width": max(1.0, slot - 1.5), "class_": classes})


def shorten(words: str, limit: int = 70) -> str:
    """A title for a tooltip: whole up to `limit` characters, else cut at a word with '…'."""
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"


def plural(count: int, noun: str) -> str:
    """'1 event', '3 events'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
