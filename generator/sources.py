"""Who says so: where each fact comes from, which sides' press covered an event, and blindspots.

Read from the linked graph, never from files: an outlet's country, kind and state
(content/outlets/*.yml), a fact source's `via` (the outlet it repeats) and the
Admiralty grades. Pages ask these questions through the templates; nothing here
writes Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .countries import country_name, language_name
from .link import ArticleNode, EventNode, FactNode, FactSource, Graph, OutletNode

UNKNOWN_COUNTRY = "unknown country"
UNKNOWN_KIND = "unknown kind"
"""How an outlet without `country:` or `kind:` is counted: old content builds as it did."""

KIND_LABELS = {
    "state-run": "state-run",
    "public-broadcaster": "public broadcaster",
    "private": "private",
    "news-agency": "news agency",
    "wire-copy": "wire copy",
}

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
"""The Admiralty code's grades of a source."""

CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
"""The Admiralty code's grades of a piece of information."""


# --- outlets ----------------------------------------------------------------------


def country_of(outlet: OutletNode) -> str | None:
    """The outlet's country code, if curated."""
    return outlet.outlet.country


def kind_label(kind: str | None) -> str:
    """'public-broadcaster' -> 'public broadcaster'; no kind -> 'unknown kind'."""
    return KIND_LABELS.get(kind or "", UNKNOWN_KIND)


def country_label(code: str | None) -> str:
    """'KR' -> 'South Korea'; no country -> 'unknown country'."""
    return country_name(code) if code else UNKNOWN_COUNTRY


def first_upper(text: str) -> str:
    """'public broadcaster' -> 'Public broadcaster', leaving the rest as it is ('South Korea')."""
    return text[:1].upper() + text[1:]


def is_state_media(outlet: OutletNode) -> bool:
    """The outlet is run by a state (its `state:` is set)."""
    return outlet.outlet.state is not None


def describe(outlet: OutletNode) -> str:
    """'North Korea, state-run news agency (state media of North Korea)': what an outlet is, in words."""
    o = outlet.outlet
    kind = KIND_LABELS.get(o.kind or "", "outlet")
    if o.kind == "news-agency" and o.state:
        kind = "state-run news agency"
    where = country_name(o.country) if o.country else None
    text = f"{where}, {kind}" if where else kind
    if o.state and o.state != o.country:
        text += f", run by the state of {country_name(o.state)}"
    return text


# --- provenance of a fact -----------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """An original source of a fact and the outlets that repeat it."""

    outlet: OutletNode
    repeaters: list[OutletNode]
    """Outlets whose articles carry the claim from `outlet` (`via`); empty when only
    `outlet`'s own articles carry it."""
    reported: bool
    """`outlet`'s own articles in the briefing carry the claim too."""


def provenance(fact: FactNode) -> list[Origin]:
    """The fact's original sources, each with its repeaters: the ones repeated most first."""
    repeaters: dict[str, list[OutletNode]] = {}
    outlets: dict[str, OutletNode] = {}
    reported: set[str] = set()
    for source in fact.sources:
        origin = source.origin
        outlets[origin.id] = origin
        repeaters.setdefault(origin.id, [])
        if source.via is None:
            reported.add(origin.id)
        elif source.article.outlet not in repeaters[origin.id]:
            repeaters[origin.id].append(source.article.outlet)
    found = [Origin(outlets[i], sorted(r, key=_by_name), i in reported) for i, r in repeaters.items()]
    return sorted(found, key=lambda o: (-len(o.repeaters), _by_name(o.outlet)))


def repeated(fact: FactNode) -> bool:
    """Some source of the fact repeats another outlet (`via`)."""
    return any(source.via is not None for source in fact.sources)


def state_only(fact: FactNode) -> str | None:
    """The name of the state whose state media alone are the fact's original sources, if so."""
    states = {source.origin.outlet.state for source in fact.sources}
    if len(states) == 1 and None not in states:
        return country_name(states.pop())  # type: ignore[arg-type]
    return None


def reliability(source: FactSource) -> str | None:
    """The source's Admiralty grade (A–F): its own, else that of its original outlet."""
    return source.reliability or source.origin.outlet.reliability


def graded(event: EventNode) -> bool:
    """Some fact of the event, or some source of one, carries an Admiralty grade."""
    return any(fact.credibility is not None or any(reliability(s) for s in fact.sources)
               for fact in event.facts)


# --- coverage by side ---------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """The outlets of one country, or of one kind, that covered an event."""

    label: str
    outlets: list[OutletNode]
    articles: int


@dataclass(frozen=True)
class Sides:
    """An event's coverage split by the outlets' countries and by their kinds."""

    countries: list[Side]
    """Most articles first; outlets of unknown country last."""
    kinds: list[Side]
    originals: list[OutletNode]
    """Outlets the coverage repeats (a fact source's `via`) without covering the event in the briefing."""
    blindspots: list[str]
    """Why the coverage is one-sided ('one country (South Korea)'); empty when it is not."""


def sides(event: EventNode) -> Sides:
    """How `event` was covered by country and by kind of outlet, and whether it is a blindspot."""
    by_country: dict[str | None, list[ArticleNode]] = {}
    by_kind: dict[str | None, list[ArticleNode]] = {}
    for article in event.articles:
        by_country.setdefault(article.outlet.outlet.country, []).append(article)
        by_kind.setdefault(article.outlet.outlet.kind, []).append(article)
    covering = {article.outlet.id for article in event.articles}
    originals = {s.via.id: s.via for f in event.facts for s in f.sources
                 if s.via is not None and s.via.id not in covering}
    reasons = []
    if len(by_country) == 1 and None not in by_country:
        reasons.append(f"one country ({country_label(next(iter(by_country)))})")
    if len(by_kind) == 1 and None not in by_kind:
        reasons.append(f"one kind of outlet ({kind_label(next(iter(by_kind)))})")
    return Sides(
        countries=_sides(by_country, country_label),
        kinds=_sides(by_kind, kind_label),
        originals=sorted(originals.values(), key=_by_name),
        blindspots=reasons,
    )


def _sides(groups: dict[str | None, list[ArticleNode]], name: Callable[[str | None], str]) -> list[Side]:
    found = []
    for key, articles in groups.items():
        outlets = {article.outlet.id: article.outlet for article in articles}
        found.append((key is None, -len(articles), name(key),
                      Side(name(key), sorted(outlets.values(), key=_by_name), len(articles))))
    return [entry[-1] for entry in sorted(found, key=lambda e: e[:3])]


def blindspots(graph: Graph) -> list[EventNode]:
    """The events whose coverage comes from one country or one kind of outlet only, by date."""
    return [event for event in graph.events if sides(event).blindspots]


# --- each country's press -------------------------------------------------------------


@dataclass(frozen=True)
class CountryPress:
    """What the outlets of one country covered, and the events others covered that they left out."""

    code: str
    name: str
    outlets: list[OutletNode]
    articles: int
    covered: list[tuple[EventNode, int]]
    """Events covered and by how many of the country's articles, most first."""
    left_out: list[tuple[EventNode, int]]
    """Events other countries' outlets covered and these did not, with the others' articles, most first."""


def press_by_country(graph: Graph) -> list[CountryPress]:
    """Each outlet country's press, the one with most articles first (outlets of unknown country left out)."""
    countries: dict[str, dict[str, int]] = {}
    outlets: dict[str, dict[str, OutletNode]] = {}
    totals: dict[str, int] = {}
    events = {event.id: event for event in graph.events}
    for event in graph.events:
        for article in event.articles:
            code = article.outlet.outlet.country
            if code is None:
                continue
            counts = countries.setdefault(code, {})
            counts[event.id] = counts.get(event.id, 0) + 1
            outlets.setdefault(code, {})[article.outlet.id] = article.outlet
            totals[event.id] = totals.get(event.id, 0) + 1
    articles = {code: sum(len(outlet.articles) for outlet in outlets[code].values()) for code in outlets}
    result = []
    for code, counts in countries.items():
        covered = sorted(((events[i], n) for i, n in counts.items()), key=lambda p: (-p[1], p[0].sort_key))
        left_out = sorted(((events[i], n) for i, n in totals.items() if i not in counts),
                          key=lambda p: (-p[1], p[0].sort_key))
        result.append(CountryPress(code, country_name(code), sorted(outlets[code].values(), key=_by_name),
                                   articles[code], covered, left_out))
    return sorted(result, key=lambda c: (-c.articles, c.name, c.code))


def _by_name(outlet: OutletNode) -> tuple[str, str]:
    return outlet.name.casefold(), outlet.id


# --- what pages show ------------------------------------------------------------------

SIDE_ROWS = 6
"""How many countries, and kinds, an event's coverage by side lists (the rest are counted)."""
SIDE_OUTLETS = 3
"""How many outlets a row of an event's coverage by side names (the rest are counted)."""
COUNTRIES_SHOWN = 8
"""How many countries' press the blindspots page describes (those with the most articles)."""
COUNTRY_EVENTS = 2
"""How many events covered, and left out, the blindspots page names for each country."""

TEMPLATE_GLOBALS = {
    "sides": sides,
    "provenance": provenance,
    "repeated": repeated,
    "state_only": state_only,
    "reliability": reliability,
    "graded": graded,
    "describe": describe,
    "press_by_country": press_by_country,
    "country_label": country_label,
    "kind_label": kind_label,
    "country_name": country_name,
    "language_name": language_name,
    "first_upper": first_upper,
    "RELIABILITY": RELIABILITY,
    "CREDIBILITY": CREDIBILITY,
    "SIDE_ROWS": SIDE_ROWS,
    "SIDE_OUTLETS": SIDE_OUTLETS,
    "COUNTRIES_SHOWN": COUNTRIES_SHOWN,
    "COUNTRY_EVENTS": COUNTRY_EVENTS,
}
"""What the templates of event pages, outlet pages and the blindspots page call."""
