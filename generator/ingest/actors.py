"""Which known actors an article names, which it may misspell, which are new.

Exact names come from the one-pass matcher of `generator.mentions`, and
what a short form means ('Kim', 'Pyongyang') from its `Resolver`, the same
rules the site uses to link article text; an unknown person in the article
who shares a surname ('Kim Yo Jong') keeps that surname unlinked. This module
adds what only ingesting needs:

- capitalised names the matcher does not know are compared with every known
  name (rapidfuzz); close ones are proposed as likely variants with their
  score, the rest that look like people or organisations as new actors.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..mentions import TITLE_WORDS, Matcher, Mention, fold, matcher_for, resolver_for
from ..model import Actor

FUZZY_THRESHOLD = 85.0
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
    r"(?<![\w’'])(?:[A-ZА-ЯЁ][\w’'.]*(?:-[A-Za-zА-Яа-яЁё][\w]*)*)"
    r"(?:\s+(?:of\s+(?:the\s+)?)?[A-ZА-ЯЁ][\w’'.]*(?:-[A-Za-zА-Яа-яЁё][\w]*)*)+"
)
"""A run of capitalised words, Latin or Cyrillic: a name, known or not."""


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


def find_actors(blocks: list[str], actors: dict[str, Actor], matcher: Matcher | None = None) -> ActorReport:
    """Resolve every mention of a known actor in `blocks` (headline, standfirst, body)."""
    matcher = matcher or matcher_for(actors)
    known = profiles(actors)
    per_block = [matcher.find(text) for text in blocks]
    report = ActorReport()
    unknown = _unknown_names(blocks, per_block, known, report)
    resolver = resolver_for(actors)
    full = resolver.named_in_full(m for mentions in per_block for m in mentions)
    contested = frozenset(
        fold(part)[0] for name in unknown for part in (name.split()[0], name.split()[-1])
    )
    for index, (text, mentions) in enumerate(zip(blocks, per_block)):
        for mention in mentions:
            settled = resolver.resolve(text, mention, full, contested=contested)
            report.found.append(Found(
                index, mention.start, mention.end, text[mention.start:mention.end],
                settled.actor, settled.why,
            ))
    return report


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
            while words and (words[0].lower() in _LEADING or _is_acronym(words[0])):
                words = words[1:]  # 'the', or an acronym before a name: 'DPRK Kim ...'

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


def _is_acronym(word: str) -> bool:
    letters = word.strip(".,")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _looks_like_name(words: list[str]) -> bool:
    """Two or three capitalised words, one hyphenated given name: 'Choi Si-young'."""
    return 2 <= len(words) <= 3 and any("-" in w for w in words[1:]) and all(w[:1].isupper() for w in words)
