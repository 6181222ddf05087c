"""Which known events an article covers, and a draft for the one it reports.

Each known event is scored on the evidence an article gives, in any language:

- who: the event's participants the article names, each weighted by how
  rare it is among events (Shoigu tells more than North Korea, who takes
  part in nearly every event);
- when: a date the body prints inside the event's days (a date printed
  without a year counts on its day and month), and the publication date
  on or just after them; an event that ended a month or more before the
  article (its publication, else the latest date it prints) is ranked
  lower, as news reports what is recent and recalls the rest;
- where: the event's place, when a curated actor of kind `place` carries
  its name (and so its names in every language) and the article names it,
  or when the article's words hold the place's name;
- what: the event's curated `keywords` (stems in any language), and the
  words of its title where the article's language shares them.

An event dated after publication can only have been expected when the
article came out: it is suggested under `anticipates:`, never `events:`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from ..mentions import fold
from ..model import Actor, Event
from .analysis import Analysis, EventSuggestion
from .dates import DateFound, dates_in

THRESHOLD = 0.9
STALE = dt.timedelta(days=30)
"""An event that ended this long before the article (its publication, else the latest
date it prints) is more likely background than what the article reports."""
_PRECISION = {"day": 1.0, "month": 0.5, "year": 0.25}
"""A date inside a month or a year tells less than a date on the event's day."""
_STOP = {"the", "a", "an", "of", "in", "at", "on", "to", "and", "for", "with", "by", "s"}




def suggest_events(analysis: Analysis, events: dict[str, Event], actors: dict[str, Actor]) -> list[EventSuggestion]:
    """Known events the article probably covers, best first."""
    published = analysis.published.date if analysis.published else None
    named = set(analysis.actors.actors())
    texts = [analysis.headline, *(analysis.standfirst and [analysis.standfirst] or []), *analysis.paragraphs]
    printed = [d for text in texts for d in dates_in(text, analysis.language)]
    weekdays = {d.date for d in analysis.dates}
    now = published or _latest(printed)
    folded = fold(" ".join(texts))[0]
    words = set(re.findall(r"\w+", folded))
    rarity = _rarity(events, actors)
    places = {fold(a.name)[0]: i for i, a in actors.items() if a.kind == "place"}
    suggestions = []
    for event_id, event in events.items():
        start, end = event.date.start, (event.end or event.date).end
        anticipated = bool(published and start > published and not event.planned)
        reasons = []
        people = {p.actor for p in event.actors if actors.get(p.actor) and actors[p.actor].kind != "media"}
        shared = people & named
        if not shared:
            continue
        score = sum(rarity[a] for a in shared) / (sum(rarity[a] for a in people) + 1.0)
        reasons.append("actors " + ", ".join(sorted(shared)))
        when = _date_evidence(start, end, printed, weekdays, published)
        if when:
            score += when[0] * _PRECISION[event.date.precision]
            reasons.append(when[1])
        background = bool(now and end < now - STALE)
        if background:
            reasons.append(f"{(now - end).days} days before the article")
        if event.location:
            where = event.location.split(",")[0]
            place = fold(where)[0].split()
            if places.get(" ".join(place)) in named:
                score += 0.5
                reasons.append(f"place {where} named")
            elif place and all(p in words for p in place):
                score += 0.3
                reasons.append(f"place {where}")
        hits = [k for k in event.keywords if _has_stem(folded, fold(k)[0].strip())]
        if hits:
            score += min(0.5 * len(hits), 1.0)
            reasons.append("keywords " + ", ".join(hits))
        title = [w for w in re.findall(r"\w+", fold(event.title)[0]) if w not in _STOP]
        if title:
            overlap = sum(1 for w in title if w in words) / len(title)
            score += overlap / 2
            if overlap >= 0.5:
                reasons.append(f"{overlap:.0%} of the title's words")
        if score >= THRESHOLD:  # background events are listed too (articles recall them), but ranked lower
            score -= 0.5 if background else 0.0
            suggestions.append(EventSuggestion(event_id, round(score, 2), tuple(reasons), anticipated))
    return sorted(suggestions, key=lambda s: (-s.score, s.id))


def _latest(printed: list[DateFound]) -> dt.date | None:
    """The latest full date a text prints: the article is not older than that."""
    days = []
    for found in printed:
        if found.year is not None:
            try:
                days.append(dt.date(found.year, found.month, found.day))
            except ValueError:
                continue
    return max(days) if days else None


def _has_stem(folded: str, stem: str) -> bool:
    """Whether a word of the text starts with `stem`. Arabic writes prefixes onto
    words and Korean joins words into compounds, so there the stem may sit inside one."""
    if not stem:
        return False
    if re.search(r"[\u0600-\u06ff\uac00-\ud7a3]", stem):
        return stem in folded
    return re.search(r"(?<!\w)" + re.escape(stem), folded) is not None


def _rarity(events: dict[str, Event], actors: dict[str, Actor]) -> dict[str, float]:
    """Each actor's weight as evidence: the rarer among events, the heavier."""
    counts: dict[str, int] = {}
    for event in events.values():
        for actor in {p.actor for p in event.actors}:
            counts[actor] = counts.get(actor, 0) + 1
    total = max(len(events), 1)
    return {a: math.log(1 + total / counts.get(a, 1)) for a in set(counts) | set(actors)}


def _date_evidence(
    start: dt.date, end: dt.date, printed: list[DateFound], weekdays: set[dt.date], published: dt.date | None
) -> tuple[float, str] | None:
    """The strongest sign that the article speaks of the days `start`..`end`."""
    for found in printed:
        if found.year is not None and _within(found.year, found, start, end):
            return 1.0, f"date {start} printed"
    for found in printed:
        if found.year is None and any(_within(y, found, start, end) for y in range(start.year, end.year + 1)):
            return 0.8, f"day {found.day}/{found.month} printed"
    if any(start - dt.timedelta(days=1) <= day <= end + dt.timedelta(days=1) for day in weekdays):
        return 0.8, f"date {start} is mentioned"
    if published and start <= published <= end + dt.timedelta(days=3):
        return 0.7, f"published during or just after {start}"
    if published and start <= published <= end + dt.timedelta(days=10):
        return 0.3, f"published within ten days of {start}"
    return None


def _within(year: int, found: DateFound, start: dt.date, end: dt.date) -> bool:
    try:
        day = dt.date(year, found.month, found.day)
    except ValueError:
        return False
    return start - dt.timedelta(days=1) <= day <= end + dt.timedelta(days=1)
