"""Which known events an article covers, and a draft for the one it reports.

An existing event is suggested when enough of these agree: its participants
are actors the article names, its date is one the article mentions (or the
publication date), its place is named in the text, and the words of its
title appear in the article. Events dated after publication that are not
marked `planned` are never suggested: `briefings check` would reject them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..mentions import fold
from ..model import Actor, Event

if TYPE_CHECKING:
    from . import Analysis

THRESHOLD = 1.2
_STOP = {"the", "a", "an", "of", "in", "at", "on", "to", "and", "for", "with", "by", "s"}


@dataclass(frozen=True)
class EventSuggestion:
    """A known event the article probably covers, with why."""

    id: str
    score: float
    reasons: tuple[str, ...]


def suggest_events(analysis: Analysis, events: dict[str, Event], actors: dict[str, Actor]) -> list[EventSuggestion]:
    """Known events the article probably covers, best first."""
    assert analysis.published is not None
    published = analysis.published.date
    named = set(analysis.actors.actors())
    dates = {d.date for d in analysis.dates} | {published}
    words = set(re.findall(r"\w+", fold(" ".join([analysis.headline, *analysis.paragraphs]))[0]))
    suggestions = []
    for event_id, event in events.items():
        if event.date.start > published and not event.planned:
            continue
        reasons = []
        people = {p.actor for p in event.actors if actors.get(p.actor) and actors[p.actor].kind != "media"}
        shared = people & named
        score = len(shared) / len(people) if people else 0.0
        if shared:
            reasons.append("actors " + ", ".join(sorted(shared)))
        if event.date.precision == "day" and any(event.date.start <= d <= (event.end or event.date).end for d in dates if d != published):
            score += 0.6
            reasons.append(f"date {event.date} is mentioned")
        if event.location:
            place = fold(event.location.split(",")[0])[0].split()
            if place and all(p in words for p in place):
                score += 0.3
                reasons.append(f"place {event.location.split(',')[0]}")
        title = [w for w in re.findall(r"\w+", fold(event.title)[0]) if w not in _STOP]
        if title:
            overlap = sum(1 for w in title if w in words) / len(title)
            score += overlap
            if overlap >= 0.5:
                reasons.append(f"{overlap:.0%} of the title's words")
        if score >= THRESHOLD and shared:
            suggestions.append(EventSuggestion(event_id, round(score, 2), tuple(reasons)))
    return sorted(suggestions, key=lambda s: (-s.score, s.id))
