"""Find the actors a text names, by name, alias or short form, in one pass.

All names are compiled into one Aho-Corasick automaton, so the cost grows
with the length of the text, not with the number of actors. Text and names
are folded the same way first: case, diacritics, hyphens and runs of spaces
do not matter ("Kim Jong-un" is "Kim Jong Un"), except for acronyms such as
"US" or "UN", which must match in capitals so that "us" stays a pronoun.
Names in Russian, Arabic and Korean are also looked for in the forms those
languages give them in a sentence (`generator.inflect`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Literal, Mapping, Sequence

import ahocorasick_rs

from .inflect import PARTICLES, Form, forms, is_locative
from .model import Actor

NameKind = Literal["name", "alias", "short", "not-an-actor"]

NOT_ACTORS = (
    "Sea of Japan", "Japan Sea", "Mer du Japon", "mer du Japon", "Mar de Japón", "Японское море",
    "بحر اليابان", "East Sea", "The Moscow Times", "Moscow Times", "The Washington Post",
    "Washington Post", "Washington Times", "Japan Times", "Russia Today", "Washington state",
    "State of Washington", "Moscow region", "Moscow Oblast", "Московская область",
)
"""Names that hold an actor's name but are not the actor: a sea, a newspaper, a region.
The matcher prefers the longest name, so "Sea of Japan" is found instead of "Japan",
and then dropped."""

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212_"
_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "`": "'"}
_ARABIC_LETTERS = {"\u0649": "\u064a", "\u0629": "\u0647", "\u0640": ""}
"""Alif maqsura as ya, ta marbuta as ha, and no tatweel: spellings news text mixes."""


@dataclass(frozen=True)
class Name:
    """One way of writing an actor's name."""

    text: str
    actor: str
    kind: NameKind


@dataclass(frozen=True)
class Mention:
    """A stretch of the original text that names one or more candidate actors."""

    start: int
    end: int
    names: tuple[Name, ...]
    """Every actor this surface form can mean: one for a full name, maybe several for 'Kim'."""
    locative: bool = False
    """Written with a particle of place ('평양에서'): a place, never its state."""

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name.actor for name in self.names))


def fold(text: str) -> tuple[str, Sequence[int]]:
    """Fold `text` for matching, with the index in `text` of each folded character.

    Most text folds one character to one character with no doubled spaces:
    that case is a single `str.translate` and the identity as origins, so
    matching stays linear in C rather than a Python loop per character.
    """
    quick = _fold_quickly(text)
    if quick is not None:
        return quick, range(len(text))
    return _fold_slowly(text)


_ONE_TO_ONE: dict[int, str] = {}
"""Code point -> its one-character folded form, learned as characters are met."""
_KNOWN: set[str] = set()
_NOT_ONE_TO_ONE: set[str] = set()


def _fold_quickly(text: str) -> str | None:
    """`text` folded when every character folds to exactly one character, else None."""
    for char in set(text) - _KNOWN:
        if char in _NOT_ONE_TO_ONE:
            return None
        piece = _fold_slowly(char)[0] if not char.isspace() else " "
        if len(piece) != 1:
            _NOT_ONE_TO_ONE.add(char)
            return None
        _ONE_TO_ONE[ord(char)] = piece
        _KNOWN.add(char)
    folded = text.translate(_ONE_TO_ONE)
    return None if "  " in folded else folded


def _fold_slowly(text: str) -> tuple[str, list[int]]:
    """The reference fold, one character at a time, collapsing runs of spaces."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _DASHES or char.isspace():
            piece = " "
        elif "\uac00" <= char <= "\ud7a3":
            piece = char  # a Hangul syllable stays whole (NFKD would split it into letters)
        elif char in _ARABIC_LETTERS:
            piece = _ARABIC_LETTERS[char]
        else:
            char = _APOSTROPHES.get(char, char)
            piece = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            ).casefold()
        for out in piece:
            if out == " " and folded and folded[-1] == " ":
                continue
            folded.append(out)
            origin.append(index)
    return "".join(folded), origin


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


class Matcher:
    """All known names compiled once; `find` is linear in the text."""

    def __init__(self, names: Iterable[Name], titled: Iterable[Name] = ()):
        """`titled`: Korean persons as '<surname> <office>' short names, found by one
        pattern for every office rather than as hundreds of written forms each."""
        self._titled: dict[str, tuple[Name, ...]] = {}
        for name in titled:
            self._titled[name.text[0]] = (*self._titled.get(name.text[0], ()), name)
        self._titled_pattern = re.compile(
            rf"(?<![\uac00-\ud7a3])([{''.join(sorted(self._titled))}])[^\S\n]({'|'.join(KOREAN_TITLES)})"
            rf"(?=$|[^\uac00-\ud7a3]|(?:{'|'.join(PARTICLES)})(?![\uac00-\ud7a3]))"
        ) if self._titled else None
        by_pattern: dict[str, list[tuple[Name, Form]]] = {}
        for name in names:
            for form in forms(name.text):
                pattern = fold(form.text)[0].strip()
                if pattern:
                    by_pattern.setdefault(pattern, []).append((name, form))
        self._patterns = sorted(by_pattern)
        self._names = [tuple(dict.fromkeys(n for n, _ in by_pattern[p])) for p in self._patterns]
        self._forms = [by_pattern[p][0][1] for p in self._patterns]
        """How many characters of each pattern's ends are a particle or a prefix, not the name."""
        self._acronyms = {
            index for index, names in enumerate(self._names) if any(_is_acronym(n.text) for n in names)
        }
        """Patterns that some actor writes as an acronym, which must then match in capitals."""
        self._automaton = (
            ahocorasick_rs.AhoCorasick(
                self._patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
            if self._patterns
            else None
        )

    def find(self, text: str) -> list[Mention]:
        """Every whole-word mention in `text`, left to right, without overlaps."""
        if self._automaton is None:
            return []
        folded, origin = fold(text)
        mentions = []
        for index, start, end in self._automaton.find_matches_as_indexes(folded, overlapping=False):
            if not _whole_word(folded, start, end):
                continue
            form = self._forms[index]
            start, end = start + form.lead, end - form.trail
            first, last = origin[start], origin[end - 1] + 1
            surface = text[first:last]
            names = self._names[index]
            if index in self._acronyms:
                names = tuple(
                    n for n in names
                    if not _is_acronym(n.text) or surface.replace(".", "") == n.text.replace(".", "")
                )
            names = tuple(n for n in names if n.kind != "not-an-actor")
            if names:
                mentions.append(Mention(first, last, names, is_locative(form)))
        return self._with_titled(text, mentions)

    def _with_titled(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Add '최 외무상'-like mentions that overlap no other."""
        if self._titled_pattern is None:
            return mentions
        extra = [
            Mention(match.start(), match.end(), self._titled[match.group(1)])
            for match in self._titled_pattern.finditer(text)
            if not any(m.start < match.end() and match.start() < m.end for m in mentions)
        ]
        return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions


def _whole_word(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not before.isalnum() and not after.isalnum()


def names_of(actor_id: str, name: str, aliases: Iterable[str], short_names: Iterable[str]) -> list[Name]:
    """The names to match for one actor."""
    return (
        [Name(name, actor_id, "name")]
        + [Name(alias, actor_id, "alias") for alias in aliases]
        + [Name(short, actor_id, "short") for short in short_names]
    )


HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "m", "mme", "mlle", "sr", "sra", "señor", "señora",
                        "г", "н", "господин", "السيد"})
"""Words of address: they may stand before a name but say nothing about who it is."""

TITLE_WORDS = HONORIFICS | frozenset({
    "president", "minister", "leader", "foreign", "deputy", "spokesperson", "spokesman",
    "spokeswoman", "general", "secretary", "chairman", "premier",
    "prime", "ambassador", "envoy", "senator", "gov", "governor", "king", "queen", "prince",
    "vice", "defence", "defense", "chief", "director", "commander", "lieutenant", "colonel",
    "admiral", "marshal", "supreme", "first", "state", "press", "official",
    "unification", "trade", "interior", "finance", "senior", "former", "said", "told",
    # offices in the other languages the briefing reads
    "président", "ministre", "porte", "parole", "dirigeant", "chef",
    "presidente", "ministro", "canciller", "líder", "mandatario",
    "президент", "министр", "глава", "лидер", "председатель", "секретарь",
    "الرئيس", "وزير", "الوزير", "الزعيم", "رئيس",
})
"""Words of an office or of speech that may stand right before a name: 'deputy spokesperson Kim'."""

_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|to|from|outside|inside|around|into|via|visits?|visited|visiting"
    r"|à|au|en|vers|depuis|dans|visite|desde|hacia|hasta|visita|visitó"
    r"|в|во|из|до|под|над|визит|визита|في|إلى|الى|من|زيارة)"
    r"|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of)\s+(?:(?:a|an|the)\s+)?$",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"\s*(?:,[^:]{0,30})?(?:\([^)]*\))?\s*[:\u2014\u2013-]")
_TOWN_COMMA = re.compile(r"\b([A-Z][\w'-]+),\s*$")
_CLAUSE_END = re.compile(r"\s*(?:[,.;:)]|$)")
_DATELINE_ANY_CASE = re.compile(
    r"\s*(?:/[^\s,]+\s*)?(?:[.,]\s*(?:\d{1,2}\b|[^\W\d]{3,9}\.?\s+\d{1,2}\b)|\(|=|--|[\u2014\u2013])"
)
"""After a city that opens a story: a date ('Москва. 25 июля.', 'Moscú, 16 ene'), an agency
in brackets, '=' ('[서울=뉴시스]') or a dash."""

Why = Literal["name", "short", "title", "place", "ambiguous"]


@dataclass(frozen=True)
class Resolution:
    """What one mention means in its article, and why."""

    actor: str | None
    """The actor linked, or None when the mention stays unlinked."""
    why: Why
    """'name', 'short', 'title' (linked); 'place', 'ambiguous' (not linked)."""


class Resolver:
    """Decides which actor a mention means, from the words around it.

    A full name or alias means its actor. A short form ('Kim', 'Lavrov',
    'Pyongyang') is settled by context, or stays unlinked:

    - a capital standing for its state is a place, not the state, after a
      preposition of place ('in Pyongyang', 'south of Seoul') or as a dateline;
    - a title right before the name that matches one owner's curated title
      settles it ('deputy spokesperson Kim' is Kim In-ae);
    - otherwise it means the one owner that the article names in full, or
      the only owner there is; with two candidates it stays unlinked.
    """

    def __init__(self, kinds: dict[str, str], titles: dict[str, str], names: Iterable[str] = ()):
        self._kinds = kinds
        self._titles = {actor: fold(title)[0] for actor, title in titles.items()}
        self._names = {fold(name)[0].strip() for name in names}
        """Every known name, folded: a known name before a comma starts a list, not an address."""

    def named_in_full(self, mentions: Iterable[Mention]) -> set[str]:
        """Actors that some mention names by full name or alias."""
        return {
            exact.pop()
            for mention in mentions
            if len(exact := {n.actor for n in mention.names if n.kind != "short"}) == 1
        }

    def resolve(
        self,
        text: str,
        mention: Mention,
        named_in_full: set[str],
        *,
        allowed: set[str] | None = None,
        contested: frozenset[str] = frozenset(),
    ) -> Resolution:
        """The actor `mention` (a span of `text`) means.

        `allowed` limits the candidates (an article's curated actors);
        `contested` holds folded short forms that an unknown person in the
        article also carries, which are then never linked.
        """
        surface = text[mention.start:mention.end]
        if mention.start == 0 and surface.isupper() and _DATELINE.match(text[mention.end:]):
            return Resolution(None, "place")  # a dateline: "SEOUL:"
        if text[:mention.start].strip(" [(") == "" and _DATELINE_ANY_CASE.match(text[mention.end:]):
            return Resolution(None, "place")  # a dateline: "Москва. 25 июля.", "[서울=뉴시스]"
        exact = {n.actor for n in mention.names if n.kind != "short"}
        if len(exact) == 1:
            actor = exact.pop()
            return Resolution(actor if allowed is None or actor in allowed else None, "name")
        owners = sorted(
            {n.actor for n in mention.names if allowed is None or n.actor in allowed}
        )
        if not owners:
            return Resolution(None, "ambiguous")
        before = text[max(0, mention.start - 40):mention.start]
        if all(self._kinds.get(o) == "state" for o in owners) and (
            mention.locative or _LOCATIVE.search(before)
        ):
            return Resolution(None, "place")
        if all(self._kinds.get(o) == "state" for o in owners) and self._qualifies_a_town(before, text[mention.end:]):
            return Resolution(None, "place")
        by_title = self._settled_by_title(before, owners)
        if by_title:
            return Resolution(by_title, "title")
        if fold(surface)[0] in contested:
            return Resolution(None, "ambiguous")
        in_article = [o for o in owners if o in named_in_full]
        if len(in_article) == 1:
            return Resolution(in_article[0], "short")
        if len(owners) == 1 and not in_article:
            return Resolution(owners[0], "short")
        return Resolution(None, "ambiguous")

    def _qualifies_a_town(self, before: str, after: str) -> bool:
        """'Bangor, Washington, where ...': a region after an unknown town, not the state."""
        town = _TOWN_COMMA.search(before)
        return bool(town) and fold(town.group(1))[0] not in self._names and bool(_CLAUSE_END.match(after))

    def _settled_by_title(self, before: str, owners: list[str]) -> str | None:
        """The one owner whose curated title holds the title words right before the name."""
        words = re.findall(r"[\w']+", before.casefold())
        trailing: list[str] = []
        for word in reversed(words[-4:]):
            if word not in TITLE_WORDS:
                break
            trailing.insert(0, word)
        trailing = [word for word in trailing if word not in HONORIFICS]
        if not trailing:
            return None
        phrase = f" {' '.join(trailing)} "
        matches = [o for o in owners if phrase in f" {self._titles.get(o, '')} "]
        return matches[0] if len(matches) == 1 else None


KOREAN_TITLES = (
    "국무위원장", "위원장", "총비서", "대통령", "외무상", "외무장관", "외교장관", "장관", "국방상",
    "국방장관", "제1부부장", "부부장", "부장", "부대변인", "대변인", "비서", "총리", "의장",
    "사령관", "총참모장", "원수", "차관", "부상", "대사", "특사", "의원", "서기", "국장",
)
"""Offices that follow a Korean surname in place of the full name ('최 외무상', '김 위원장')."""


def korean_surnames(names: Iterable[str]) -> set[str]:
    """The surname of a Korean name of two to four syllables written as one word
    ('최선희' -> '최'), which the press puts before an office instead of the name."""
    return {name[0] for name in names if re.fullmatch(r"[\uac00-\ud7a3]{2,4}", name)}


def matcher_for(actors: Mapping[str, Actor]) -> Matcher:
    """One matcher for every name, alias and short form of `actors` (id -> actor)."""
    names = [
        name
        for actor_id, actor in actors.items()
        for name in names_of(actor_id, actor.name, actor.aliases, actor.short_names)
    ]
    titled = [
        Name(f"{surname} {KOREAN_TITLES[0]}", actor_id, "short")
        for actor_id, actor in actors.items() if actor.kind == "person"
        for surname in korean_surnames((actor.name, *actor.aliases, *actor.short_names))
    ]
    return Matcher(names + [Name(text, "", "not-an-actor") for text in NOT_ACTORS], titled)


def resolver_for(actors: Mapping[str, Actor]) -> Resolver:
    """The context rules for `actors` (id -> actor): their kinds and curated titles."""
    return Resolver(
        {i: a.kind for i, a in actors.items()}, {i: a.title or "" for i, a in actors.items()},
        [n for a in actors.values() for n in (a.name, *a.aliases, *a.short_names)],
    )
