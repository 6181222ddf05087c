"""Turn validated content into a graph: every id becomes an object reference.

Linking runs once, after everything is loaded and validated, and fills in
both sides of every relation (an event lists its actors, each actor lists
its events). Rendering then only follows attributes: it never looks an id
up and cannot fail on one. Nodes are built here and only read afterwards.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterator

from .load import Content
from .mentions import Matcher, Resolver, matcher_for, resolver_for
from .model import Actor, Article, Briefing, Event, Outlet, Quote
from .paths import node_page
from .text import ArticleText, Block, parse_article


class _Node:
    """Graph nodes print as their kind and id: their fields lead, through
    back-links, to the whole graph, which a default repr would walk."""

    _shown: ClassVar[tuple[str, ...]] = ("id",)

    def __repr__(self) -> str:
        values = (getattr(self, name) for name in self._shown)
        shown = ", ".join(repr(v.id if isinstance(v, _Node) else v) for v in values)
        return f"{type(self).__name__}({shown})"


@dataclass(eq=False, repr=False)
class OutletNode(_Node):
    id: str
    outlet: Outlet
    articles: list[ArticleNode] = field(default_factory=list)
    repeated: list[EventNode] = field(default_factory=list)
    """Events with a fact that another outlet's article repeats from this one (`via`), by date."""

    path = property(lambda self: node_page("outlet", self.id))
    name = property(lambda self: self.outlet.name)


@dataclass(eq=False, repr=False)
class Role(_Node):
    """An actor's part in one event."""

    _shown = ("actor", "event", "role")

    actor: ActorNode
    event: EventNode
    role: str


@dataclass(eq=False, repr=False)
class CoActor(_Node):
    """Another actor met at shared events."""

    _shown = ("actor",)

    actor: ActorNode
    events: list[EventNode]


@dataclass(eq=False, repr=False)
class ActorNode(_Node):
    id: str
    actor: Actor
    affiliation: ActorNode | None = None
    members: list[ActorNode] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    """Events taken part in, by date."""
    quotes: list[QuoteNode] = field(default_factory=list)
    """Words spoken, by date."""
    reported: list[QuoteNode] = field(default_factory=list)
    """Words this actor (a news agency, a ministry) relayed for someone else."""
    articles: list[ArticleNode] = field(default_factory=list)
    co_actors: list[CoActor] = field(default_factory=list)

    path = property(lambda self: node_page("actor", self.id))
    name = property(lambda self: self.actor.name)


@dataclass(eq=False, repr=False)
class QuoteNode(_Node):
    _shown = ("speaker", "article")

    quote: Quote
    speaker: ActorNode
    article: ArticleNode
    via: ActorNode | None
    event: EventNode | None

    text = property(lambda self: self.quote.text)

    @property
    def paragraph(self) -> int | None:
        """Number of the article paragraph the words are in, for the `#pN` anchor.

        Found from the article's parsed text each time it is read: the text is
        parsed only when a page shows it, and what shows the number reads the text.
        """
        return self.article.parsed.paragraph_of(self.quote.text)


@dataclass(frozen=True)
class Segment:
    """A run of paragraph text, linked to an actor when it names one."""

    text: str
    actor: ActorNode | None = None


@dataclass(frozen=True)
class Paragraph:
    number: int | None
    """Anchor number (`#pN`); None for subheadings."""
    kind: str
    segments: tuple[Segment, ...]


@dataclass(eq=False, repr=False)
class ArticleNode(_Node):
    id: str
    article: Article
    outlet: OutletNode
    parsed: ArticleText
    body: list[Paragraph] = field(default_factory=list)
    events: list[EventNode] = field(default_factory=list)
    anticipates: list[EventNode] = field(default_factory=list)
    """Events the article expected before they happened; they count as its coverage too."""
    actors: list[ActorNode] = field(default_factory=list)
    quotes: list[QuoteNode] = field(default_factory=list)

    path = property(lambda self: node_page("article", self.id))
    title = property(lambda self: self.article.title)

    def release(self) -> None:
        """Forget the parsed text and linked body, which are made again if read again.

        Article bodies are most of a build's memory and each is read by one
        page: a build releases an article once its page is written.
        """
        for value in (self.parsed, self.body):
            if isinstance(value, Stand):
                value._forget()

    @functools.cached_property
    def sort_key(self) -> tuple[dt.datetime, str]:
        return published_instant(self.article), self.id

    @functools.cached_property
    def day(self) -> dt.date:
        """The calendar day the article came out, in its own time zone (read once: lists are
        cut by it, at every build, for every actor and outlet)."""
        return self.article.published_day


@dataclass(eq=False, repr=False)
class EventNode(_Node):
    id: str
    event: Event
    participants: list[Role] = field(default_factory=list)
    articles: list[ArticleNode] = field(default_factory=list)
    quotes: list[QuoteNode] = field(default_factory=list)
    part_of: EventNode | None = None
    parts: list[EventNode] = field(default_factory=list)
    follows: list[EventNode] = field(default_factory=list)
    followed_by: list[EventNode] = field(default_factory=list)
    facts: list[FactNode] = field(default_factory=list)
    """Curated claims, with the articles that report them (see `coverage`)."""

    path = property(lambda self: node_page("event", self.id))
    title = property(lambda self: self.event.title)

    @property
    def ancestors(self) -> list[EventNode]:
        """The events this one is part of, outermost first (a cycle is cut where it repeats)."""
        chain: list[EventNode] = []
        parent = self.part_of
        while parent is not None and parent is not self and parent not in chain:
            chain.insert(0, parent)
            parent = parent.part_of
        return chain

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        return self.event.date.start, self.id


@dataclass(frozen=True)
class Graph:
    """The whole briefing, linked, every collection in a stable order."""

    briefing: Briefing
    actors: list[ActorNode]
    """By name."""
    events: list[EventNode]
    """By date."""
    articles: list[ArticleNode]
    """By publication time."""
    outlets: list[OutletNode]
    """By name."""
    quotes: list[QuoteNode]
    """By article time, then order in the article."""


def published_instant(article: Article) -> dt.datetime:
    """The publication time as an aware datetime; a bare date counts as midnight UTC."""
    value = article.published
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)


def link(content: Content, *, drafts: bool = False) -> Graph:
    """Resolve every reference in validated `content` into a `Graph`.

    An article's text is parsed when something first reads it (its quotes'
    paragraphs, its page), and its linked body when its page is rendered.
    """
    assert content.briefing is not None, "validate() reports a missing briefing.yml"
    outlets = {i: OutletNode(i, d.model) for i, d in content.outlets.items()}
    actors = {i: ActorNode(i, d.model) for i, d in content.actors.items()}
    events = {i: EventNode(i, d.model) for i, d in content.events.items()}
    models = {i: doc.model for i, doc in content.actors.items()}
    names = (matcher_for(models), resolver_for(models))
    articles = {}
    for article_id, doc in content.articles.items():
        if doc.model.status == "draft" and not drafts:
            continue
        outlet = outlets[doc.model.outlet]
        articles[article_id] = _article(article_id, doc.model, outlet, content.texts[article_id],
                                        actors, names)

    _link_actors(actors)
    _link_events(events, actors)
    quotes = _link_articles(articles, events, actors)
    _link_facts(events, articles, outlets)
    _sort_and_count(actors, events, outlets)
    return Graph(
        briefing=content.briefing.model,
        actors=sorted(actors.values(), key=lambda a: (a.name.casefold(), a.id)),
        events=sorted(events.values(), key=lambda e: e.sort_key),
        articles=sorted(articles.values(), key=lambda a: a.sort_key),
        outlets=sorted(outlets.values(), key=lambda o: (o.name.casefold(), o.id)),
        quotes=quotes,
    )


def _link_actors(actors: dict[str, ActorNode]) -> None:
    for node in actors.values():
        if node.actor.affiliation:
            node.affiliation = actors[node.actor.affiliation]
            node.affiliation.members.append(node)


def _link_events(events: dict[str, EventNode], actors: dict[str, ActorNode]) -> None:
    for node in events.values():
        for participant in node.event.actors:
            role = Role(actors[participant.actor], node, participant.role)
            node.participants.append(role)
            role.actor.roles.append(role)
        if node.event.part_of:
            node.part_of = events[node.event.part_of]
            node.part_of.parts.append(node)
        for other_id in node.event.follows:
            other = events[other_id]
            node.follows.append(other)
            other.followed_by.append(node)


def _link_articles(
    articles: dict[str, ArticleNode],
    events: dict[str, EventNode],
    actors: dict[str, ActorNode],
) -> list[QuoteNode]:
    quotes = []
    for node in sorted(articles.values(), key=lambda a: a.sort_key):
        node.outlet.articles.append(node)
        for event_id in node.article.events:
            node.events.append(events[event_id])
            events[event_id].articles.append(node)
        for event_id in node.article.anticipates:
            node.anticipates.append(events[event_id])
            events[event_id].articles.append(node)
        for actor_id in node.article.actors:
            node.actors.append(actors[actor_id])
            actors[actor_id].articles.append(node)
        for quote in node.article.quotes:
            quote_node = QuoteNode(
                quote=quote,
                speaker=actors[quote.speaker],
                article=node,
                via=actors[quote.via] if quote.via else None,
                event=events[quote.event] if quote.event else None,
            )
            node.quotes.append(quote_node)
            quote_node.speaker.quotes.append(quote_node)
            if quote_node.via is not None:
                quote_node.via.reported.append(quote_node)
            if quote_node.event is not None:
                quote_node.event.quotes.append(quote_node)
            quotes.append(quote_node)
    return quotes


def _article(
    article_id: str,
    article: Article,
    outlet: OutletNode,
    text: str,
    actors: dict[str, ActorNode],
    names: tuple[Matcher, Resolver],
) -> ArticleNode:
    """An article node whose text is parsed, and whose body is linked, when first read.

    Article bodies are most of a build's memory: each is read by one page,
    and released (`ArticleNode.release`) once that page is written.
    """
    parsed = Lazy(lambda: parse_article(text, [outlet.name]))
    node = ArticleNode(article_id, article, outlet, parsed)  # type: ignore[arg-type]
    node.body = Lazy(lambda: _link_body(node, actors, *names))  # type: ignore[assignment]
    return node


_UNSET = object()


class Stand:
    """Stands in for a value that `_get()` gives: attributes, iteration, length and indexing
    are the value's. Article nodes hold their parsed text and body through one (see `Lazy`)."""

    def _get(self) -> Any:
        raise NotImplementedError

    def _forget(self) -> None:
        """Let the value go, if it can be made again."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._get(), name)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, index: int) -> Any:
        return self._get()[index]


class Lazy(Stand):
    """A value computed on first use, standing in for an article's parsed text or body."""

    def __init__(self, compute: Callable[[], Any]) -> None:
        self._compute = compute
        self._value: Any = _UNSET

    def _get(self) -> Any:
        if self._value is _UNSET:
            self._value = self._compute()
        return self._value

    def _forget(self) -> None:
        self._value = _UNSET


def _link_body(
    node: ArticleNode, actors: dict[str, ActorNode], matcher: Matcher, resolver: Resolver
) -> list[Paragraph]:
    """The body with actor mentions linked, only to the actors the curator listed."""
    blocks = node.parsed.body()
    found = [matcher.find(block.text) for block in blocks]
    named = resolver.named_in_full(m for mentions in found for m in mentions)
    listed = set(node.article.actors)
    body = []
    number = 0
    for block, mentions in zip(blocks, found):
        if block.kind == "paragraph":
            number += 1
        linked = [
            (mention, settled.actor)
            for mention in mentions
            if (settled := resolver.resolve(block.text, mention, named, allowed=listed)).actor
        ]
        segments = _segments(block, linked, actors)
        body.append(Paragraph(number if block.kind == "paragraph" else None, block.kind, segments))
    return body


def _segments(block: Block, found: list, actors: dict[str, ActorNode]) -> tuple[Segment, ...]:
    segments = []
    position = 0
    for mention, actor_id in found:
        if mention.start > position:
            segments.append(Segment(block.text[position:mention.start]))
        segments.append(Segment(block.text[mention.start:mention.end], actors[actor_id]))
        position = mention.end
    if position < len(block.text):
        segments.append(Segment(block.text[position:]))
    return tuple(segments)


def _sort_and_count(
    actors: dict[str, ActorNode], events: dict[str, EventNode], outlets: dict[str, OutletNode]
) -> None:
    quote_key = lambda q: (q.article.sort_key, q.article.quotes.index(q))  # noqa: E731
    for actor in actors.values():
        actor.roles.sort(key=lambda r: r.event.sort_key)
        actor.members.sort(key=lambda a: (a.name.casefold(), a.id))
        actor.quotes.sort(key=quote_key)
        actor.reported.sort(key=quote_key)
        actor.articles.sort(key=lambda a: a.sort_key)
        shared: dict[str, list[EventNode]] = {}
        for role in actor.roles:
            for other in role.event.participants:
                if other.actor is not actor:
                    events_with = shared.setdefault(other.actor.id, [])
                    if role.event not in events_with:
                        events_with.append(role.event)
        actor.co_actors = sorted(
            (CoActor(actors[i], evs) for i, evs in shared.items()),
            key=lambda c: (-len(c.events), c.actor.name.casefold(), c.actor.id),
        )
    for event in events.values():
        event.parts.sort(key=lambda e: e.sort_key)
        event.followed_by.sort(key=lambda e: e.sort_key)
        event.follows.sort(key=lambda e: e.sort_key)
        event.articles.sort(key=lambda a: a.sort_key)
        event.quotes.sort(key=quote_key)
    for outlet in outlets.values():
        outlet.articles.sort(key=lambda a: a.sort_key)
        outlet.repeated.sort(key=lambda e: e.sort_key)


def activity(actor: ActorNode) -> int:
    """How present an actor is in the briefing: events, articles and quotes."""
    return len(actor.roles) + len(actor.articles) + len(actor.quotes)



# --- derived relations: facts, coverage, outlets, network ---------------------


@dataclass(frozen=True)
class FactSource:
    """One article's support for a fact, with its own wording where curated."""

    article: ArticleNode
    paragraph: int | None
    wording: str | None
    via: OutletNode | None = None
    """The outlet the article repeats the claim from: the original source."""
    reliability: str | None = None
    """The curated Admiralty grade of this source for this claim (A–F), if any."""

    @property
    def origin(self) -> OutletNode:
        """Who said it first, as far as the briefing knows: the outlet repeated, else the article's."""
        return self.via or self.article.outlet


@dataclass(frozen=True)
class FactNode:
    """A curated claim about an event and the articles, by outlet, that carry it."""

    claim: str
    sources: tuple[FactSource, ...]
    credibility: int | None = None
    """The curated Admiralty grade of the claim (1–6), if any."""

    @property
    def outlets(self) -> list[OutletNode]:
        """Distinct outlets that carry the claim, by name."""
        seen = {s.article.outlet.id: s.article.outlet for s in self.sources}
        return sorted(seen.values(), key=lambda o: (o.name.casefold(), o.id))

    @property
    def single_source(self) -> bool:
        """Only one outlet carries the claim."""
        return len(self.outlets) == 1

    @property
    def differs(self) -> bool:
        """Outlets state the claim differently (curated `wording` that does not agree)."""
        return len({" ".join(s.wording.split()) for s in self.sources if s.wording}) > 1

    def from_outlet(self, outlet: OutletNode) -> list[FactSource]:
        """The sources of this claim that `outlet` published."""
        return [s for s in self.sources if s.article.outlet is outlet]


def _link_facts(events: dict[str, EventNode], articles: dict[str, ArticleNode],
                outlets: dict[str, OutletNode]) -> None:
    """Attach each event's curated facts; sources in excluded (draft) articles drop out."""
    for node in events.values():
        for fact in node.event.facts:
            sources = tuple(
                FactSource(articles[s.article], s.paragraph, s.wording,
                           outlets[s.via] if s.via else None, s.reliability)
                for s in fact.sources
                if s.article in articles
            )
            if sources:
                node.facts.append(FactNode(fact.claim, sources, fact.credibility))
            for source in sources:
                if source.via is not None and node not in source.via.repeated:
                    source.via.repeated.append(node)


@dataclass(frozen=True)
class OutletCoverage:
    """What one outlet reported about one event."""

    outlet: OutletNode
    articles: list[ArticleNode]
    participants: list[ActorNode]
    """The event's participants that the outlet's articles name."""
    quotes: list[QuoteNode]
    """Quotes, in these articles, that belong to the event."""
    facts: list[FactNode]
    """The event's facts that the outlet carries."""

    @property
    def first_published(self) -> dt.datetime:
        return self.articles[0].sort_key[0]

    @property
    def only_here(self) -> list[FactNode]:
        """Facts that no other outlet carries."""
        return [f for f in self.facts if f.single_source]


def coverage(event: EventNode, articles: list[ArticleNode] | None = None) -> list[OutletCoverage]:
    """The event as each outlet covered it, the first to publish first.

    With `articles` (some of the event's), as those articles covered it: one
    page of the coverage of an event too widely covered to show on one page.
    """
    chosen = None if articles is None else {id(article) for article in articles}
    by_outlet: dict[str, list[ArticleNode]] = {}
    for article in event.articles if articles is None else articles:
        by_outlet.setdefault(article.outlet.id, []).append(article)
    result = []
    for articles in by_outlet.values():
        outlet = articles[0].outlet
        named = {actor.id for article in articles for actor in article.actors}
        participants = []
        for role in event.participants:
            if role.actor.id in named and role.actor not in participants:
                participants.append(role.actor)
        result.append(
            OutletCoverage(
                outlet=outlet,
                articles=articles,
                participants=participants,
                quotes=[q for q in event.quotes if q.article.outlet is outlet
                        and (chosen is None or id(q.article) in chosen)],
                facts=[f for f in event.facts if f.from_outlet(outlet)
                       and (chosen is None or any(id(s.article) in chosen for s in f.from_outlet(outlet)))],
            )
        )
    return sorted(result, key=lambda c: (c.first_published, c.outlet.name.casefold(), c.outlet.id))


@dataclass(frozen=True)
class OutletProfile:
    """An outlet's coverage across the briefing."""

    events: list[tuple[EventNode, int]]
    """Events covered and how many of the outlet's articles cover each, most first."""
    actors: list[tuple[ActorNode, int]]
    """Actors named and in how many of the outlet's articles, most first."""
    months: list[tuple[dt.date, int]]
    """Articles per month (first day of the month), oldest first."""


def outlet_profile(outlet: OutletNode) -> OutletProfile:
    """Count what `outlet` covered: events, actors and articles over time."""
    events: dict[str, tuple[EventNode, int]] = {}
    actors: dict[str, tuple[ActorNode, int]] = {}
    months: dict[dt.date, int] = {}
    for article in outlet.articles:
        for event in article.events:
            events[event.id] = (event, events.get(event.id, (event, 0))[1] + 1)
        for actor in article.actors:
            actors[actor.id] = (actor, actors.get(actor.id, (actor, 0))[1] + 1)
        month = article.sort_key[0].date().replace(day=1)
        months[month] = months.get(month, 0) + 1
    return OutletProfile(
        events=sorted(events.values(), key=lambda p: (-p[1], p[0].sort_key)),
        actors=sorted(actors.values(), key=lambda p: (-p[1], p[0].name.casefold(), p[0].id)),
        months=sorted(months.items()),
    )


@dataclass(frozen=True)
class Tie:
    """Two actors that take part in the same events."""

    first: ActorNode
    second: ActorNode
    events: list[EventNode]


@dataclass(frozen=True)
class Network:
    """The most connected actors and the ties between them, ranked and capped."""

    actors: list[ActorNode]
    ties: list[Tie]
    total_actors: int
    total_ties: int


def network(actors: list[ActorNode], *, max_actors: int, max_ties: int) -> Network:
    """The strongest part of the co-participation network, small enough to draw.

    Actors are ranked by how many others they share events with, then by
    events; ties between the kept actors by how many events they share.
    """
    connected = [a for a in actors if a.co_actors]
    ranked = sorted(connected, key=lambda a: (-len(a.co_actors), -len(a.roles), a.name.casefold(), a.id))
    kept = ranked[:max_actors]
    kept_ids = {a.id for a in kept}
    ties = []
    total = 0
    for actor in connected:
        for co in actor.co_actors:
            if actor.id < co.actor.id:
                total += 1
                if actor.id in kept_ids and co.actor.id in kept_ids:
                    ties.append(Tie(actor, co.actor, co.events))
    ties.sort(key=lambda t: (-len(t.events), t.first.name.casefold(), t.second.name.casefold()))
    return Network(kept, ties[:max_ties], len(connected), total)
