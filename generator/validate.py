"""Checks that need the whole corpus: references, dates, aliases, quotes, cycles.

Each file has already passed its schema when it reaches this module; these
checks find what no single file can show. Every problem points at the key
or list item to fix, and all of them are reported together.
"""

from __future__ import annotations

import functools
import re
from typing import Collection, Iterable, Iterator

from .errors import Problem, did_you_mean, key_path
from .load import Content, Document
from .mentions import fold
from .model import Event
from .paths import node_page, tag_page
from .text import (
    ArticleText, Block, check_anchor, find_paragraph, nearest_passage, normalise, normalise_lines,
    parse_article,
    to_plain,
)
from .manifest import MANIFEST, read_manifest


def validate(content: Content, settled: Collection[str] = frozenset()) -> list[Problem]:
    """Every problem in `content`: those found while loading plus the cross-file ones.

    `settled` names articles whose file and text are byte for byte what a build
    that passed validation read: their quotes, which those two files alone
    decide, are not checked again (the incremental layer knows which they are).
    """
    problems = list(content.problems)
    problems.extend(_check_quotes(content, settled))
    for check in (
        _check_references,
        _check_event_dates,
        _check_coverage_dates,
        _check_part_of_cycles,
        _check_follows,
        _check_aliases,
        _check_outlets,
        _check_confirmed_facts,
        _check_common_names,
        _check_paragraphs,
        _check_tags,
        _check_page_paths,
        _check_hand_written_pages,
        _check_places,
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
                yield from ref(doc, ("facts", i, "sources", j, "via"), source.via, outlets, "outlet")
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


def _check_follows(content: Content) -> Iterator[Problem]:
    """`follows` points back in time: never at the event itself, never round in a circle."""
    for event_id in sorted(content.events):
        doc = content.events[event_id]
        seen: set[str] = set()
        for i, other in enumerate(doc.model.follows):
            if other == event_id:
                yield doc.problem(("follows", i), f"follows[{i}]: an event cannot follow itself: "
                                  "remove it")
            elif other in seen:
                yield doc.problem(("follows", i), f"follows[{i}]: {other!r} is listed twice: "
                                  "remove one", severity="warning")
            elif other in content.events and content.events[other].model.date.start > doc.model.date.end:
                yield doc.problem(("follows", i), f"follows[{i}]: {other!r} is dated "
                                  f"{content.events[other].model.date}, after this event "
                                  f"({doc.model.date}): `follows` lists earlier events; move the "
                                  "relation to the other event", severity="warning")
            seen.add(other)
    yield from _follows_cycles(content)


def _follows_cycles(content: Content) -> Iterator[Problem]:
    """Each circle of `follows` once, at its first event: a -> b -> a."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(content.events):
        if start in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(content.events[start].model.follows))]
        state[start] = 1
        path.append(start)
        while stack:
            current, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[current] = 2
            elif child not in content.events or child == current or state.get(child) == 2:
                continue
            elif state.get(child) == 1:
                cycle = path[path.index(child):]
                first = min(cycle)
                turn = cycle.index(first)
                cycle = cycle[turn:] + cycle[:turn]
                doc = content.events[first]
                index = doc.model.follows.index(cycle[1 % len(cycle)])
                shown = " -> ".join([*cycle, first])
                yield doc.problem(("follows", index), f"follows[{index}]: events follow each other "
                                  f"in a circle ({shown}): remove one of these follows")
            else:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(content.events[child].model.follows)))


# --- sources ----------------------------------------------------------------

STATE_KINDS = frozenset({"state-run", "news-agency", "public-broadcaster"})
"""Kinds of outlet a state may run (`state:`): a private outlet or a site of wire copy is no state's."""


def _check_outlets(content: Content) -> Iterator[Problem]:
    """State media say which state runs them; only outlets a state can run say so."""
    for outlet_id in sorted(content.outlets):
        doc = content.outlets[outlet_id]
        outlet = doc.model
        if outlet.kind == "state-run" and outlet.state is None:
            yield doc.problem(("kind",), "kind: a state-run outlet needs `state:`, the country "
                              "whose state runs it (e.g. `state: KP`): add it, or change the kind")
        elif outlet.state is not None and outlet.kind not in STATE_KINDS:
            kind = f"a {outlet.kind} outlet" if outlet.kind else "an outlet of unknown kind"
            yield doc.problem(("state",), f"state: {kind} is not run by a state: set `kind:` to "
                              f"state-run, news-agency or public-broadcaster, or remove `state:`")


def _check_confirmed_facts(content: Content) -> Iterator[Problem]:
    """Credibility 1 means confirmed by other sources: a claim with one original source is not."""
    for event_id in sorted(content.events):
        doc = content.events[event_id]
        for i, fact in enumerate(doc.model.facts):
            if fact.credibility != 1:
                continue
            origins = set()
            for source in fact.sources:
                article = content.articles.get(source.article)
                origins.add(source.via or (article.model.outlet if article else source.article))
            if len(origins) == 1:
                yield doc.problem(("facts", i, "credibility"), f"facts[{i}].credibility: 1 means "
                                  f"confirmed by other sources, but every source goes back to "
                                  f"{origins.pop()!r}: grade it 2 or more, or cite an independent source",
                                  severity="warning")


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
            if not folded:
                continue  # reported by _check_common_names
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


COMMON_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "English": "a an the and or but of to in on at by for from with as is are was be it its "
                   "he she we they you i me him her us them his our their this that not no yes all "
                   "who what said says new one two up out over after before more",
        "French": "le la les l un une des du de d et ou mais en au aux a à est il elle on nous "
                  "vous ils ce cette qui que ne pas par pour sur dans avec se sa son ses",
        "Spanish": "el la los las lo un una unos unas de del al y o pero en a es que se su sus "
                   "por para con no le les mas más como",
        "German": "der die das den dem des ein eine einer und oder aber in im an am zu mit von "
                  "ist er sie es wir ihr nicht auch auf für",
        "Portuguese": "o os as um uma de do da dos das e ou em no na nos nas que se por para com",
        "Russian": "и в во не на с со что как а но по к у о об от за из он она оно они мы вы "
                   "я это так же бы ли",
        "Arabic": "في من على إلى الى عن مع أن ان و أو او ما لا هذا هذه التي الذي قد كان",
        "Korean": "이 그 저 것 수 등 및 또 더 는 은 을 를 가 의 에 와 과 도",
    }.items()
}
"""Words any article is full of, by language: as an alias, each would link everywhere."""
_COMMON: dict[str, str] = {}
for _language, _words in COMMON_WORDS.items():
    for _word in sorted(_words):
        _COMMON.setdefault(_word, _language)
_LETTER = re.compile(r"[^\W\d_]")
_CJK = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _check_common_names(content: Content) -> Iterator[Problem]:
    """Aliases and short names are linked wherever they stand: none may be empty or an everyday word."""
    for actor_id in sorted(content.actors):
        doc = content.actors[actor_id]
        for field in ("aliases", "short_names"):
            for i, name in enumerate(getattr(doc.model, field)):
                key = (field, i)
                folded = fold(name)[0].strip()
                letters = _LETTER.findall(name)
                if not letters:
                    what = "is empty" if not name.strip() else "has no letters"
                    yield doc.problem(key, f"{key_path(key)}: {name!r} {what}: remove it, "
                                      "or write the name")
                elif _is_acronym(name):
                    continue  # matched in capitals only
                elif folded in _COMMON:
                    yield doc.problem(key, f"{key_path(key)}: {name!r} is a common word in "
                                      f"{_COMMON[folded]}: every {name!r} in an article would link to "
                                      f"{actor_id!r}; remove it, or write a longer name",
                                      severity="warning")
                elif len(letters) == 1 and not _CJK.search(name):
                    yield doc.problem(key, f"{key_path(key)}: {name!r} is a single letter: it would "
                                      f"link every word {name!r} in an article to {actor_id!r}; "
                                      "remove it, or write a longer name", severity="warning")


def _is_acronym(name: str) -> bool:
    """'UN', 'КНДР', 'U.S.': capitals, which articles' ordinary words do not match."""
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


# --- quotes -------------------------------------------------------------------


class _Printed:
    """What an article prints, read as lazily as the checks of its quotes need.

    The raw file first (most quotes are in it as typed); then the text a reader
    sees, for HTML and Markdown (entities decoded, tags and marks removed:
    `A &amp; B`, `<em>never</em>`); the parsed paragraphs last.
    """

    def __init__(self, raw: str, outlet_names: list[str]) -> None:
        self.raw, self.outlet_names = raw, outlet_names

    @functools.cached_property
    def haystack(self) -> str:
        return " ".join(self.lines.split())  # `normalise(raw)`, from the lines already made plain

    @functools.cached_property
    def shown(self) -> str:
        return normalise(to_plain(self.raw))

    @functools.cached_property
    def lines(self) -> str:
        """The file normalised line by line, lines kept apart by newlines: a needle (which
        holds no newline) found in it is inside one line. One pass, not one per line."""
        return normalise_lines(self.raw)

    @functools.cached_property
    def paragraphs(self) -> tuple[Block, ...]:
        return parse_article(self.raw, self.outlet_names).paragraphs

    def prints(self, needle: str) -> bool:
        return needle in self.haystack or needle in self.shown

    def in_one_paragraph(self, needle: str, quote: str) -> bool:
        if needle in self.lines:
            return True  # inside one line of the file, hence one paragraph
        return find_paragraph(self.paragraphs, quote) is not None


def _check_quotes(content: Content, settled: Collection[str]) -> Iterator[Problem]:
    """A quote is words its article prints, within one paragraph (the one it links to)."""
    for article_id, doc in content.articles.items():
        text = content.texts.get(article_id)
        if text is None or article_id in settled:
            continue
        outlet = content.outlets.get(doc.model.outlet)
        printed = _Printed(text, [outlet.model.name] if outlet else [])
        for i, quote in enumerate(doc.model.quotes):
            key = ("quotes", i, "text")
            needle = normalise(quote.text).strip("\"' ")
            letters = len(_LETTER.findall(needle))
            if letters < 2:
                what = "holds no words" if not letters else "is a single letter"
                yield doc.problem(key, f"quotes[{i}].text: {quote.text!r} {what}, not a quote: "
                                  "copy the words as the article prints them, or remove it")
            elif not printed.prints(needle):
                yield doc.problem(key, _misquote(i, doc.model.text, printed.paragraphs, quote.text))
            elif not printed.in_one_paragraph(needle, quote.text):
                yield doc.problem(key, f"quotes[{i}].text: runs over more than one paragraph of "
                                  f"{doc.model.text}, so it cannot link to the paragraph that prints "
                                  "it: make one quote of each paragraph's words")


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


def _check_hand_written_pages(content: Content) -> Iterator[Problem]:
    """A page the content would write must not take the place of a hand-written one.

    briefings/.generated lists the pages the generator wrote; any other file at
    a page's path is the curator's, which the build refuses to overwrite. With
    no list at all, the build explains how to restore it; nothing is said here.
    """
    docs = content.root / "briefings"
    if not (docs / MANIFEST).is_file():
        return
    owned = read_manifest(docs)
    for kind, documents in (
        ("actor", content.actors),
        ("event", content.events),
        ("article", content.articles),
        ("outlet", content.outlets),
    ):
        for page_id in sorted(documents):
            page = node_page(kind, page_id)
            target = docs / page
            if page not in owned and (target.exists() or target.is_symlink()):
                yield documents[page_id].problem(
                    (), f"would write briefings/{page}, which is a hand-written page (not in "
                    f"briefings/{MANIFEST}): rename this file, or move that page")
    for tag, (document, key) in sorted(_tag_pages(content).items()):
        page = tag_page(tag)
        target = docs / page
        if page not in owned and (target.exists() or target.is_symlink()):
            yield document.problem(key, f"tag {tag!r} would write briefings/{page}, which is a hand-written "
                                   f"page (not in briefings/{MANIFEST}): rename the tag, or move that page")


def _tag_pages(content: Content) -> dict[str, tuple[Document, tuple]]:
    """Every tag that gets a page, with the first document (and key) that gives it: the
    curated `tags` of every page, and the kind of each actor and event."""
    first: dict[str, tuple[Document, tuple]] = {}
    for documents in (content.actors, content.events, content.articles):
        for page_id in sorted(documents):
            document = documents[page_id]
            kind = getattr(document.model, "kind", None)
            if kind and documents is not content.articles:
                first.setdefault(kind, (document, ("kind",)))
            for index, tag in enumerate(getattr(document.model, "tags", ()) or ()):
                first.setdefault(tag, (document, ("tags", index)))
    return first


# --- places (issue 16: the map) -------------------------------------------------


def _check_places(content: Content) -> Iterator[Problem]:
    """`precision:` says how closely `coordinates:` mark a place: it needs them."""
    for doc in content.events.values():
        event = doc.model
        if event.precision is not None and event.coordinates is None:
            yield doc.problem(
                ("precision",), f"precision: {event.precision!r} without `coordinates:`: add "
                "`coordinates:` with `latitude:` and `longitude:`, or remove `precision:` "
                "(a place guessed from `location:` has the precision of what the gazetteer found)",
            )
