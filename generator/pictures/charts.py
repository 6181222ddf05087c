"""Coverage charts: articles per month (an outlet, an actor, an event, the home page by outlet
country) and when each outlet published relative to an event.

The monthly charts are images (role="img") whose description lists what they draw;
their bars are one path per row, so a chart of three years stays a few kilobytes.
The event's chart has a dot per article, each a link to it. Tables and lists on the
same pages carry the same counts in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..link import ArticleNode, EventNode, Graph
from ..paths import href
from ..sources import UNKNOWN_COUNTRY, country_label, first_upper
from ..words import published
from .svg import (
    Scale, Svg, bar_path, element, link, month_index, month_label, picture, plural, shorten, text,
    year_axis,
)
from .timeline import RIGHT, WIDTH, label_room

CHART_MONTHS = 36
"""The most months a chart of articles per month draws: the latest (older ones are counted in words)."""
MIN_MONTHS = 12
"""The fewest months a chart of articles per month draws."""
COUNTRY_ROWS = 6
"""The most countries the home page's chart gives a row of their own (the rest share one)."""
TIMING_OUTLETS = 6
"""The most outlets an event's publication chart gives a row (those with the most articles)."""
TIMING_DOTS = 4
"""The most articles an outlet's row of that chart draws (its first); the rest are counted."""
TIMING_DAYS = 90
"""Articles published more than this many days before or after an event sit at the chart's edge."""


def _months(articles: Iterable[ArticleNode]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for article in articles:
        index = month_index(article.article.published_day)
        counts[index] = counts.get(index, 0) + 1
    return counts


def _window(counts: Iterable[int]) -> tuple[int, int]:
    """The first and last month drawn: at most CHART_MONTHS, the latest; at least MIN_MONTHS,
    so that a bar keeps the width of a month (the months before the first are drawn empty)."""
    months = list(counts)
    last = max(months)
    return min(max(min(months), last - CHART_MONTHS + 1), last - MIN_MONTHS + 1), last


def _counted(counts: dict[int, int], first: int, last: int) -> str:
    """'Oct 2023: 2, Nov 2023: 1': the months drawn that have articles, in words."""
    return ", ".join(f"{month_label(i)}: {counts[i]}" for i in range(first, last + 1) if counts.get(i))


# --- articles per month ---------------------------------------------------------------------


def articles_per_month(page: str, articles: Sequence[ArticleNode], whose: str, least_months: int = 1) -> Svg:
    """Articles per month as bars, the latest CHART_MONTHS months; `whose` names them in the
    title ('of CNA', 'naming Kim Jong Un'). Nothing when they fall in fewer than `least_months`."""
    counts = _months(articles)
    if len(counts) < max(1, least_months):
        return Svg("")
    first, last = _window(counts)
    left, base, tall = 34.0, 8.0 + 56, 56.0
    slot = (WIDTH - RIGHT - left) / (last - first + 1)
    most = max(counts[i] for i in counts if first <= i <= last)
    body = [
        text(left - 6, base - tall + 9, str(most), class_="bp-tick", text_anchor="end"),
        text(left - 6, base, "0", class_="bp-tick", text_anchor="end"),
        element("line", {"x1": left, "y1": base, "x2": WIDTH - RIGHT, "y2": base, "class_": "bp-axis"}),
        bar_path(counts, (first, last), left, slot, base, tall, most, "bp-bars"),
        *year_axis(first, last, left, slot, base),
    ]
    older = sum(count for index, count in counts.items() if index < first)
    title = f"Articles {whose} per month, {month_label(first)} to {month_label(last)}"
    description = f"{plural(sum(counts.values()), 'article')}. By month: {_counted(counts, first, last)}." + (
        f" Before {month_label(first)}: {older}." if older else "")
    caption = (f"Articles {whose} per month" + (f", the latest {CHART_MONTHS} months" if older else "")
               + f"; the tallest bar is {plural(most, 'article')}.")
    return picture("articles-per-month", WIDTH, base + 24, title, body, caption, description, links=False)


def outlet_articles(page: str, articles: Sequence[ArticleNode], name: str) -> Svg:
    """An outlet's articles per month."""
    return articles_per_month(page, articles, f"of {name}")


def actor_articles(page: str, articles: Sequence[ArticleNode], name: str) -> Svg:
    """The articles that name an actor, per month."""
    return articles_per_month(page, articles, f"naming {name}")


def event_articles(page: str, articles: Sequence[ArticleNode]) -> Svg:
    """The articles that cover an event, per month: drawn only when they span two months or more."""
    return articles_per_month(page, articles, "on this event", least_months=2)


# --- the home page: articles per month by outlet country -------------------------------------


@dataclass(frozen=True)
class CountryRow:
    """One row of the home page's coverage by outlet country: the chart's and its table's."""

    label: str
    """The country's name, 'N other countries' or 'Unknown country'."""
    total: int
    counts: dict[int, int]
    """Articles per month (`month_index`)."""

    @property
    def busiest(self) -> str:
        """'Oct 2023 (12)': the month with most articles, the latest of equals."""
        month = max(self.counts, key=lambda i: (self.counts[i], i))
        return f"{month_label(month)} ({self.counts[month]})"


def country_rows(graph: Graph) -> list[CountryRow]:
    """The briefing's articles by outlet country: the COUNTRY_ROWS countries with most articles,
    then the other countries together, then outlets of unknown country."""
    articles: dict[str | None, list[ArticleNode]] = {}
    for article in graph.articles:
        articles.setdefault(article.outlet.outlet.country, []).append(article)
    known = sorted((code for code in articles if code), key=lambda c: (-len(articles[c]), country_label(c), c))
    rows: list[tuple[str, list[ArticleNode]]] = [(country_label(c), articles[c]) for c in known[:COUNTRY_ROWS]]
    rest = [a for code in known[COUNTRY_ROWS:] for a in articles[code]]
    if rest:
        rows.append((f"{len(known) - COUNTRY_ROWS} other countries", rest))
    if None in articles:
        rows.append((first_upper(UNKNOWN_COUNTRY), articles[None]))
    return [CountryRow(label, len(items), _months(items)) for label, items in rows]


def by_country(page: str, graph: Graph) -> Svg:
    """The briefing's articles per month, a row per outlet country (see `country_rows`)."""
    counted = [(row.label, row.total, row.counts) for row in country_rows(graph)]
    if not counted:
        return Svg("")
    first, last = _window(month for _, _, counts in counted for month in counts)
    left = label_room(f"{label} ({total})" for label, total, _ in counted)
    slot = (WIDTH - RIGHT - left) / (last - first + 1)
    most = max(count for _, _, counts in counted for i, count in counts.items() if i >= first)
    row, body, said = 30.0, [], []
    for number_, (label, total, counts) in enumerate(counted):
        base = 8 + row * (number_ + 1)
        body.append(text(left - 8, base - 4, f"{label} ({total})", class_="bp-row-label", text_anchor="end"))
        body.append(element("line", {"x1": left, "y1": base, "x2": WIDTH - RIGHT, "y2": base, "class_": "bp-row"}))
        body.append(bar_path(counts, (first, last), left, slot, base, row - 6, most, "bp-bars"))
        busiest = max((i for i in counts if i >= first), key=lambda i: (counts[i], i), default=None)
        said.append(f"{label}, {plural(total, 'article')}" + (
            f" (most in {month_label(busiest)}: {counts[busiest]})" if busiest is not None else ""))
    bottom = 8 + row * len(counted)
    body.append(element("line", {"x1": left, "y1": bottom, "x2": WIDTH - RIGHT, "y2": bottom, "class_": "bp-axis"}))
    body += year_axis(first, last, left, slot, bottom)
    title = f"Articles per month by outlet country, {month_label(first)} to {month_label(last)}"
    description = "; ".join(said) + "."
    caption = (f"Each row is the outlets of one country (articles in brackets), each bar a month; the "
               f"tallest bar is {plural(most, 'article')}. The table below gives each row's total and "
               "busiest month; the outlets page lists each outlet and its country.")
    return picture("by-country", WIDTH, bottom + 24, title, body, caption, description, links=False)


# --- an event: when each outlet published ---------------------------------------------------


def _days(article: ArticleNode, event: EventNode) -> int:
    return (article.article.published_day - event.event.date.start).days


def _relative(days: int) -> str:
    if days == 0:
        return "same day"
    return f"{plural(abs(days), 'day')} {'before' if days < 0 else 'after'}"


def publication_timing(page: str, event: EventNode) -> Svg:
    """A row per outlet (those with the most articles), a dot per article on an axis of days
    before and after the event's date, each dot a link to the article."""
    if not event.articles:
        return Svg("")
    outlets: dict[str, list[ArticleNode]] = {}
    for article in event.articles:
        outlets.setdefault(article.outlet.id, []).append(article)
    chosen = sorted(outlets.values(), key=lambda a: (-len(a), a[0].sort_key, a[0].outlet.id))[:TIMING_OUTLETS]
    chosen.sort(key=lambda a: (a[0].sort_key, a[0].outlet.id))
    span = (event.event.end or event.event.date).end - event.event.date.start
    days = [_days(a, event) for a in event.articles]
    low = max(-TIMING_DAYS, min(days + [0]))
    high = min(TIMING_DAYS, max(days + [span.days]))
    pad = max(1.0, (high - low) * 0.04)
    left = label_room(shorten(a[0].outlet.name, 24) for a in chosen)
    scale = Scale(low - pad, high + pad, left, WIDTH - RIGHT - 22)
    row = 24.0
    bottom = 8 + row * len(chosen) + 4
    body = [element("rect", {"x": scale(0), "y": 4, "width": max(2.0, scale(span.days) - scale(0)),
                             "height": bottom - 4, "class_": "bp-span"}),
            element("line", {"x1": scale(0), "y1": 4, "x2": scale(0), "y2": bottom, "class_": "bp-zero"})]
    for number_, articles in enumerate(chosen):
        y = 8 + row * number_ + row / 2
        name = articles[0].outlet.name
        body.append(text(left - 8, y + 4, shorten(name, 24), class_="bp-row-label", text_anchor="end"))
        body.append(element("line", {"x1": left, "y1": y, "x2": WIDTH - RIGHT - 22, "y2": y, "class_": "bp-row"}))
        for article in articles[:TIMING_DOTS]:
            offset = _days(article, event)
            x = scale(min(high, max(low, offset)))
            title = (f"{shorten(name, 24)}, {published(article.article.published_day)} ({_relative(offset)}): "
                     f"{shorten(article.title, 40)}")
            body.append(link(href(page, article.path), title,
                             element("circle", {"cx": x, "cy": y, "r": 5, "class_": "bp-dot"})))
        if len(articles) > TIMING_DOTS:
            body.append(text(WIDTH - RIGHT - 18, y + 4, f"+{len(articles) - TIMING_DOTS}", class_="bp-tick"))
    body.append(element("line", {"x1": left, "y1": bottom, "x2": WIDTH - RIGHT - 22, "y2": bottom,
                                 "class_": "bp-axis"}))
    for value, words in _day_ticks(low, high):
        body.append(text(scale(value), bottom + 16, words, class_="bp-tick", text_anchor="middle"))
    title = f"When {plural(len(outlets), 'outlet')} published on this event, in days from its date"
    shown = sum(min(len(a), TIMING_DOTS) for a in chosen)
    rest = len(event.articles) - shown
    caption = ("Each row is an outlet, each dot an article and a link to it, placed by days before or after "
               "the event's date (the dashed line; the shaded band is the event's span)"
               + (f"; articles over {TIMING_DAYS} days away sit at the edge" if low == -TIMING_DAYS
                  or high == TIMING_DAYS else "")
               + (f". Not drawn: {plural(rest, 'article')}"
                  + (f" ({len(outlets) - len(chosen)} more outlets)" if len(outlets) > len(chosen) else "")
                  + "; the coverage below lists every one" if rest else ". The coverage below lists the same articles")
               + ".")
    return picture("timing", WIDTH, bottom + 24, title, body, caption)


def _day_ticks(low: int, high: int) -> list[tuple[int, str]]:
    """Ticks at round numbers of days, with 'event' at 0."""
    span = high - low
    step = next(s for s in (1, 2, 5, 7, 10, 14, 30, 60) if span / s <= 6)
    ticks = [(0, "event")]
    for value in range(step, high + 1, step):
        ticks.append((value, f"+{value}d"))
    for value in range(-step, low - 1, -step):
        ticks.append((value, f"{value}d"))
    return sorted(ticks)


TEMPLATE_GLOBALS = {
    "outlet_articles": outlet_articles,
    "actor_articles": actor_articles,
    "event_articles": event_articles,
    "articles_by_country": by_country,
    "country_rows": country_rows,
    "publication_timing": publication_timing,
}
"""What the outlet, actor, event and home templates call (render.py makes their markup Markdown)."""

