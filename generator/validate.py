"""Checks that need the whole corpus: references, dates, aliases, quotes, cycles.

Each file has already passed its schema when it reaches this module; these
checks find what no single file can show. Every problem points at the key
or list item to fix, and all of them are reported together.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .errors import Problem, did_you_mean, key_path
from .load import Content, Document
from .mentions import fold
from .model import Event
from .text import ArticleText, Block, check_anchor, nearest_passage, normalise, parse_article


def validate(content: Content) -> list[Problem]:
    """Every problem in `content`: those found while loading plus the cross-file ones."""
    problems = list(content.problems)
    for check in (
        _check_references,
        _check_event_dates,
        _check_coverage_dates,
        _check_part_of_cycles,
        _check_aliases,
        _check_quotes,
        _check_paragraphs,
        _check_tags,
        _check_page_paths,
    ):
        problems.extend(check(content))
    return sorted(problems)


# --- references -------------------------------------------------------------


def _check_references(content: Content) -> Iterator[Problem]:
    actors, events = content.actors, content.events
    articles, outlets = content.articles, content.outlets
    folders = {"actor": "actors", "event": "events", "article": "articles", "outlet": "outlets"}

    def ref(doc: Document, key: tuple, value: str | None, pool: dict, noun: str) -> Iterator[Problem]:
        folder = folders[noun]
        if value is None or value in pool or (folder, value) in content.failed:
            return
        yield doc.problem(
            key,
            f"{key_path(key)}: unknown {noun} {value!r}{did_you_mean(value, pool)}: "
            f"there is no content/{folder}/{value}.yml",
        )

    for doc in actors.values():
        yield from ref(doc, ("affiliation",), doc.model.affiliation, actors, "actor")
    for doc in events.values():
        event = doc.model
        for i, participant in enumerate(event.actors):
            yield from ref(doc, ("actors", i, "actor"), participant.actor, actors, "actor")
        yield from ref(doc, ("part_of",), event.part_of, events, "event")
        for i, other in enumerate(event.follows):
            yield from ref(doc, ("follows", i), other, events, "event")
        for i, fact in enumerate(event.facts):
            for j, source in enumerate(fact.sources):
                yield from ref(doc, ("facts", i, "sources", j, "article"), source.article, articles, "article")
    for doc in articles.values():
        article = doc.model
        yield from ref(doc, ("outlet",), article.outlet, outlets, "outlet")
        for i, event_id in enumerate(article.events):
            yield from ref(doc, ("events", i), event_id, events, "event")
        for i, event_id in enumerate(article.anticipates):
            yield from ref(doc, ("anticipates", i), event_id, events, "event")
        for i, actor_id in enumerate(article.actors):
            yield from ref(doc, ("actors", i), actor_id, actors, "actor")
        for i, quote in enumerate(article.quotes):
            yield from ref(doc, ("quotes", i, "speaker"), quote.speaker, actors, "actor")
            yield from ref(doc, ("quotes", i, "via"), quote.via, actors, "actor")
            yield from ref(doc, ("quotes", i, "event"), quote.event, events, "event")


# --- dates ------------------------------------------------------------------


def _check_event_dates(content: Content) -> Iterator[Problem]:
    for doc in content.events.values():
        event = doc.model
        if event.end is not None and event.end.end < event.date.start:
            yield doc.problem(
                ("end",), f"end: {event.end} is before the start date {event.date}: "
                "swap them or correct the end date",
            )


def _check_coverage_dates(content: Content) -> Iterator[Problem]:
    """An article reports events up to its publication; later ones it can only anticipate."""
    for doc in content.articles.values():
        article = doc.model
        published = article.published_day
        for i, event_id in enumerate(article.events):
            event_doc = content.events.get(event_id)
            if event_doc is None:
                continue
            event: Event = event_doc.model
            if not event.planned and event.date.start > published:
                yield doc.problem(
                    ("events", i),
                    f"events[{i}]: {event_id!r} is dated {event.date}, after the article "
                    f"was published ({published}): if the article expected it, move it to "
                    "`anticipates:`; otherwise correct one of the dates",
                )
            if event_id in article.anticipates:
                yield doc.problem(
                    ("events", i),
                    f"events[{i}]: {event_id!r} is also in `anticipates:`: keep it in one of the two",
                )
        for i, event_id in enumerate(article.anticipates):
            event_doc = content.events.get(event_id)
            if event_doc is not None and event_doc.model.date.end <= published:
                yield doc.problem(
                    ("anticipates", i),
                    f"anticipates[{i}]: {event_id!r} ({event_doc.model.date}) had taken place when "
                    f"the article was published ({published}): list it under `events:` instead",
                    severity="warning",
                )


# --- relations ----------------------------------------------------------------


def _check_part_of_cycles(content: Content) -> Iterator[Problem]:
    reported: set[str] = set()
    for start in sorted(content.events):
        chain: list[str] = []
        current: str | None = start
        while current is not None and current in content.events and current not in chain:
            chain.append(current)
            current = content.events[current].model.part_of
        if current is not None and current in chain and current not in reported:
            cycle = chain[chain.index(current):]
            reported.update(cycle)
            doc = content.events[current]
            path = " -> ".join([*cycle, current])
            yield doc.problem(
                ("part_of",), f"part_of: events contain each other ({path}): "
                "remove one of these part_of keys",
            )


# --- names ------------------------------------------------------------------


def _check_aliases(content: Content) -> Iterator[Problem]:
    """A full name or alias may mean only one actor; short forms may be shared."""
    claimed: dict[str, tuple[Document, tuple]] = {}
    for actor_id in sorted(content.actors):
        doc = content.actors[actor_id]
        names = [(("name",), doc.model.name)] + [
            (("aliases", i), alias) for i, alias in enumerate(doc.model.aliases)
        ]
        for key, name in names:
            folded = fold(name)[0].strip()
            if folded in claimed and claimed[folded][0].id != actor_id:
                first_doc, first_key = claimed[folded]
                line, column = first_doc.at(*first_key)
                yield doc.problem(
                    key,
                    f"{key_path(key)}: {name!r} is already a name of {first_doc.id!r} "
                    f"({first_doc.path}:{line}:{column}): an alias must mean one actor; "
                    "use short_names for a shared short form",
                )
            else:
                claimed.setdefault(folded, (doc, key))


# --- quotes -------------------------------------------------------------------


def _check_quotes(content: Content) -> Iterator[Problem]:
    for article_id, doc in content.articles.items():
        text = content.texts.get(article_id)
        if text is None:
            continue
        haystack = normalise(text)
        paragraphs = None
        for i, quote in enumerate(doc.model.quotes):
            needle = normalise(quote.text).strip("\"' ")
            if needle not in haystack:
                if paragraphs is None:  # parsed only for an article that misquotes
                    outlet = content.outlets.get(doc.model.outlet)
                    paragraphs = parse_article(text, [outlet.model.name] if outlet else []).paragraphs
                yield doc.problem(("quotes", i, "text"), _misquote(i, doc.model.text, paragraphs, quote.text))


def _misquote(index: int, path: str, paragraphs: tuple[Block, ...], quote: str) -> str:
    """The message for a quote its article does not print, showing the closest words it does."""
    nearest = nearest_passage(paragraphs, quote)
    if nearest is None:
        return (f"quotes[{index}].text: not found in {path}, and no passage of it comes close: "
                "copy the words exactly as the article prints them, or remove the quote")
    return (f"quotes[{index}].text: not found in {path}; nearest passage in ¶{nearest.paragraph}: "
            f"\"{nearest.text}\": copy the words exactly as the article prints them")


def _check_paragraphs(content: Content) -> Iterator[Problem]:
    """A fact's `paragraph:` exists in its article and, with `line:`, is still the one cited."""
    parsed: dict[str, ArticleText] = {}
    for doc in content.events.values():
        for i, fact in enumerate(doc.model.facts):
            for j, source in enumerate(fact.sources):
                text = content.texts.get(source.article)
                article = content.articles.get(source.article)
                if source.paragraph is None or text is None or article is None:
                    continue
                if source.article not in parsed:
                    outlet = content.outlets.get(article.model.outlet)
                    parsed[source.article] = parse_article(text, [outlet.model.name] if outlet else [])
                here = parsed[source.article]
                anchor = check_anchor(here, source.paragraph, source.line)
                key = ("facts", i, "sources", j, "paragraph")
                where = f"facts[{i}].sources[{j}].paragraph"
                count = len(here.paragraphs)
                if source.line is None and anchor.number is None:
                    yield doc.problem(key, f"{where}: {source.paragraph} is past the end of "
                                      f"{article.model.text}, which has {count} paragraphs: correct the number")
                elif anchor.number is None:
                    yield doc.problem(key, f"{where}: line {source.line} of {article.model.text} no longer "
                                      "starts a body paragraph (the page's clutter is read better now): "
                                      "find the claim again and set paragraph and line")
                elif anchor.moved_from is not None:
                    yield doc.problem(key, f"{where}: the paragraph cited (line {source.line} of "
                                      f"{article.model.text}) is now paragraph {anchor.number}: set "
                                      f"`paragraph: {anchor.number}`")


# --- tags -------------------------------------------------------------------


def _check_tags(content: Content) -> Iterator[Problem]:
    if content.briefing is None or not content.briefing.model.tags:
        return
    allowed = content.briefing.model.tags
    documents: Iterable[Document] = [
        *content.actors.values(),
        *content.events.values(),
        *content.articles.values(),
    ]
    for doc in documents:
        for i, tag in enumerate(doc.model.tags):
            if tag not in allowed:
                yield doc.problem(
                    ("tags", i),
                    f"tags[{i}]: {tag!r} is not in the tags of content/briefing.yml"
                    f"{did_you_mean(tag, allowed)}: use one of them or add it there",
                )


# --- pages ------------------------------------------------------------------

INDEX_PAGES = frozenset({"index"})
"""Ids whose page (`actors/index.md`, ...) is already the list of their kind."""


def _check_page_paths(content: Content) -> Iterator[Problem]:
    """Two things may not render to one page: an id must not take an index page's path."""
    for folder, documents in (
        ("actors", content.actors),
        ("events", content.events),
        ("articles", content.articles),
        ("outlets", content.outlets),
    ):
        for page_id in sorted(INDEX_PAGES & set(documents)):
            yield documents[page_id].problem(
                (),
                f"id {page_id!r} would write {folder}/{page_id}.md, which is the list of "
                f"all {folder}: rename the file",
            )
