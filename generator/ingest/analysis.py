"""What ingest reads from one article, before it is written as YAML: shared by its steps."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text import ArticleText
from .actors import ActorReport
from .dates import DateMention, Published
from .quotes import FoundQuote


@dataclass(frozen=True)
class EventSuggestion:
    """A known event the article probably covers, with why."""

    id: str
    score: float
    reasons: tuple[str, ...]
    anticipated: bool = False
    """Dated after the article: it can only have been expected then."""


@dataclass
class Analysis:
    """Everything ingest reads from one article, before it is written as YAML."""

    parsed: ArticleText
    headline: str
    standfirst: str | None
    byline: tuple[str, ...]
    outlet: str | None
    """Id of a known outlet."""
    outlet_name: str | None
    """Name the article gives for its outlet, known or not."""
    url: str | None
    published: Published | None
    dateline: str | None
    language: str
    actors: ActorReport
    quotes: list[FoundQuote]
    dates: list[DateMention]
    events: list[EventSuggestion] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    scanned: list[str] = field(default_factory=list)
    """Kind of each block actors were looked for in ('headline', 'caption', 'paragraph'...),
    in the order of `Found.block`."""
    outlet_created: bool = False
    """The outlet was not known: ingest wrote a minimal content/outlets/<outlet>.yml for it."""
