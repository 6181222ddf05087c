"""Which known actors an article names, which it may misspell, which are new.

Exact names come from the one-pass matcher of `generator.mentions`. This
module adds what needs the article around a name:

- a short form ('Kim', 'Lavrov') links only when the article settles it: a
  title right before it that matches one actor's curated title ('deputy
  spokesperson Kim'), or exactly one of its owners named in full in the
  article, or a single owner overall and no unknown person in the article
  carrying the same surname ('Kim Yo Jong');
- a capital city that is a state's short form ('Pyongyang') is a place, not
  the state, after a locative preposition ('in Pyongyang', 'south of Seoul'),
  and is then not linked; elsewhere it is the usual metonym for the
  government ('Pyongyang has demanded') and links to the state;
- capitalised names the matcher does not know are compared with every known
  name (rapidfuzz); close ones are proposed as likely variants with their
  score, the rest that look like people or organisations as new actors.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..mentions import Matcher, Mention, fold, names_of
from ..model import Actor

FUZZY_THRESHOLD = 85.0
TITLE_WORDS = {
    "president", "minister", "leader", "foreign", "deputy", "spokesperson", "spokesman",
    "spokeswoman", "mr", "mrs", "ms", "dr", "general", "secretary", "chairman", "premier",
    "prime", "ambassador", "envoy", "senator", "gov", "governor", "king", "queen", "prince",
    "vice", "defence", "defense", "chief", "director", "commander", "lieutenant", "colonel",
    "admiral", "marshal", "supreme", "first", "state", "press", "spokesperson", "official",
    "unification", "trade", "interior", "finance", "senior", "former", "said", "told",
}
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|to|from|outside|inside|around|into|via|visits?|visited|visiting)"
    r"|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of)\s+(?:(?:a|an|the)\s+)?$",
    re.IGNORECASE,
)
_LEADING = {"the", "but", "and", "in", "on", "at", "as", "a", "an", "when", "while", "after", "before"}
_ORG_WORDS = {
    "ministry", "agency", "party", "council", "committee", "command", "office", "union",
    "organization", "organisation", "bank", "corporation", "institute", "university",
    "association", "forces", "army", "navy", "assembly", "parliament", "commission",
    "department", "federation", "news", "service", "group", "company", "court", "embassy",
}
_PERSON_CUES = re.compile(
    r"\b(?:president|minister|leader|spokesperson|spokesman|spokeswoman|ambassador|envoy|"
    r"secretary|chairman|premier|director|commander|official|analyst|professor|sister|"
    r"brother|daughter|son|wife|husband|mr|mrs|ms|dr)\.?\s*$",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(
    r"(?<![\w’'])(?:[A-Z][\w’'.]*(?:-[A-Za-z][\w]*)*)(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.]*(?:-[A-Za-z][\w]*)*)+"
)


@dataclass
class Profile:
    """What context rules need to know about a known actor."""

    id: str
    name: str
    kind: str
    title: str
    names: tuple[str, ...]
    affiliations: tuple[str, ...]
    """Names of the actor and of everything it belongs to, nearest first."""


@dataclass(frozen=True)
class Found:
    """One mention in a block, resolved or not."""

    block: int
    start: int
    end: int
    surface: str
    actor: str | None
    why: str
    """'name', 'short', 'title', 'place' (not linked), 'ambiguous' (not linked)."""


@dataclass
class ActorReport:
    """All the actor evidence of one article."""

    found: list[Found] = field(default_factory=list)
    fuzzy: list[tuple[str, str, float]] = field(default_factory=list)
    """(surface, actor id, score) for likely misspellings of known names."""
    new: list[tuple[str, str]] = field(default_factory=list)
    """(name, 'person' | 'organisation') for names no actor has."""

    @property
    def linked(self) -> list[Found]:
        return [f for f in self.found if f.actor is not None]

    def actors(self) -> list[str]:
        """Actor ids, most mentioned first, then in order of first mention."""
        counts = Counter(f.actor for f in self.linked)
        order = list(dict.fromkeys(f.actor for f in self.linked))
        return sorted(order, key=lambda a: (-counts[a], order.index(a)))  # type: ignore[arg-type]


def profiles(actors: dict[str, Actor]) -> dict[str, Profile]:
    """Context profiles of the known actors."""
    result = {}
    for actor_id, actor in actors.items():
        chain, seen, current = [actor.name], {actor_id}, actor.affiliation
        while current and current in actors and current not in seen:
            seen.add(current)
            chain.append(actors[current].name)
            current = actors[current].affiliation
        result[actor_id] = Profile(
            actor_id, actor.name, actor.kind, actor.title or "",
            (actor.name, *actor.aliases), tuple(chain),
        )
    return result


def matcher_for(actors: dict[str, Actor]) -> Matcher:
    return Matcher(
        name for i, a in actors.items() for name in names_of(i, a.name, a.aliases, a.short_names)
    )


def find_actors(blocks: list[str], actors: dict[str, Actor], matcher: Matcher | None = None) -> ActorReport:
    """Resolve every mention of a known actor in `blocks` (headline, standfirst, body)."""
    matcher = matcher or matcher_for(actors)
    known = profiles(actors)
    per_block = [matcher.find(text) for text in blocks]
    report = ActorReport()
    unknown = _unknown_names(blocks, per_block, known, report)
    full = {
        m.names[0].actor
        for mentions in per_block for m in mentions
        if len({n.actor for n in m.names if n.kind != "short"}) == 1
    }
    contested = {fold(name.split()[0])[0] for name in unknown} | {fold(name.split()[-1])[0] for name in unknown}
    for index, (text, mentions) in enumerate(zip(blocks, per_block)):
        for mention in mentions:
            report.found.append(_resolve_one(index, text, mention, known, full, contested))
    return report


def _resolve_one(
    index: int, text: str, mention: Mention, known: dict[str, Profile], full: set[str], contested: set[str]
) -> Found:
    surface = text[mention.start:mention.end]

    def found(actor: str | None, why: str) -> Found:
        return Found(index, mention.start, mention.end, surface, actor, why)

    if mention.start == 0 and surface.isupper() and re.match(r"\s*(?:,[^:]{0,30})?(?:\([^)]*\))?\s*[:\u2014\u2013-]", text[mention.end:]):
        return found(None, "place")  # a dateline: "SEOUL:"
    exact = {n.actor for n in mention.names if n.kind != "short"}
    if len(exact) == 1:
        return found(exact.pop(), "name")
    owners = sorted({n.actor for n in mention.names})
    before = text[max(0, mention.start - 40):mention.start]
    if all(known[o].kind == "state" for o in owners) and _LOCATIVE.search(before):
        return found(None, "place")
    by_title = _settled_by_title(before, owners, known)
    if by_title:
        return found(by_title, "title")
    if fold(surface)[0] in contested:
        return found(None, "ambiguous")  # an unknown person in the article shares it
    in_article = [o for o in owners if o in full]
    if len(in_article) == 1:
        return found(in_article[0], "short")
    if len(owners) == 1 and not in_article:
        return found(owners[0], "short")
    return found(None, "ambiguous")


def _settled_by_title(before: str, owners: list[str], known: dict[str, Profile]) -> str | None:
    """The one owner whose curated title contains the words right before the name."""
    words = re.findall(r"[\w']+", before.casefold())
    trailing: list[str] = []
    for word in reversed(words[-4:]):
        if word not in TITLE_WORDS:
            break
        trailing.insert(0, word)
    if not trailing:
        return None
    phrase = " ".join(trailing)
    matches = [o for o in owners if phrase in fold(known[o].title)[0]]
    return matches[0] if len(matches) == 1 else None


def _unknown_names(
    blocks: list[str], per_block: list[list[Mention]], known: dict[str, Profile], report: ActorReport
) -> set[str]:
    """Capitalised names that no known name covers: fuzzy variants and new actors.

    Returns the names judged to be other, unknown people, whose words make
    a short form ambiguous in this article.
    """
    choices = {fold(name)[0]: p.id for p in known.values() for name in p.names}
    people: set[str] = set()
    seen: set[str] = set()
    for text, mentions in zip(blocks, per_block):
        covered = [(m.start, m.end, m) for m in mentions]
        for match in _CAPITALISED.finditer(text):
            run = re.split(r"(?<=\w\w)\.\s+", match.group(0))[0]
            run = re.split(r"\S+[\u2019']s\s+", run)[-1]
            words = run.split()
            titles = [i for i, w in enumerate(words) if w.lower().strip(".") in TITLE_WORDS]
            if titles and not any(w.casefold().strip(".") in _ORG_WORDS for w in words):
                words = words[titles[-1] + 1:]
            while words and words[0].lower() in _LEADING:
                words = words[1:]
            if len(words) < 2:
                continue
            name = " ".join(words).rstrip(".,’'s").rstrip("’'")
            start = match.start() + match.group(0).find(" ".join(words)) if words else match.start()
            inside = [m for s, e, m in covered if s < match.end() and e > start]
            if any(
                (m.end - m.start) >= len(name) - 1 and {n.kind for n in m.names} != {"short"}
                for m in inside
            ):
                continue  # already a known full name
            folded = fold(name)[0]
            if folded in seen:
                continue
            seen.add(folded)
            best = process.extractOne(folded, list(choices), scorer=fuzz.ratio)
            if best and best[1] >= FUZZY_THRESHOLD and best[1] < 100 and not folded.startswith(best[0]):
                report.fuzzy.append((name, choices[best[0]], round(best[1], 1)))
                continue
            if any(w.casefold().strip(".") in _ORG_WORDS for w in words):
                if not inside:
                    report.new.append((name, "organisation"))
                continue
            context = text[max(0, start - 30):start]
            shares_short = any({n.kind for n in m.names} == {"short"} for m in inside)
            if (_PERSON_CUES.search(context) or shares_short or _looks_like_name(words)) and len(words) <= 4:
                name = re.split(r"\s+of\s+", name)[0]
                if len(name.split()) >= 2:
                    report.new.append((name, "person"))
                    people.add(name)
    return people


def _looks_like_name(words: list[str]) -> bool:
    """Two or three capitalised words, one hyphenated given name: 'Choi Si-young'."""
    return 2 <= len(words) <= 3 and any("-" in w for w in words[1:]) and all(w[:1].isupper() for w in words)
