"""Find the actors a text names, by name, alias or short form, in one pass.

All names are compiled into one Aho-Corasick automaton, so the cost grows
with the length of the text, not with the number of actors. Text and names
are folded the same way first: case, diacritics, hyphens and runs of spaces
do not matter ("Kim Jong-un" is "Kim Jong Un"), except for acronyms such as
"US" or "UN", which must match in capitals so that "us" stays a pronoun.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable, Literal, Sequence

import ahocorasick_rs

NameKind = Literal["name", "alias", "short"]

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212_"
_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "`": "'"}


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

    def __init__(self, names: Iterable[Name]):
        by_pattern: dict[str, list[Name]] = {}
        for name in names:
            pattern = fold(name.text)[0].strip()
            if pattern:
                by_pattern.setdefault(pattern, []).append(name)
        self._patterns = sorted(by_pattern)
        self._names = [tuple(by_pattern[p]) for p in self._patterns]
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
            first, last = origin[start], origin[end - 1] + 1
            surface = text[first:last]
            names = self._names[index]
            if index in self._acronyms:
                names = tuple(
                    n for n in names
                    if not _is_acronym(n.text) or surface.replace(".", "") == n.text.replace(".", "")
                )
            if names:
                mentions.append(Mention(first, last, names))
        return mentions


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


def resolve(mentions: list[Mention], listed: Iterable[str]) -> list[tuple[Mention, str]]:
    """Decide which actor each mention means in an article that lists `listed` actors.

    Full names and aliases are trusted. A short form ('Kim', 'Lavrov') is
    linked only when exactly one actor of the article can carry it; when two
    do ('Kim' for Kim Jong Un and for Kim In-ae) it stays unlinked.
    """
    listed = set(listed)
    resolved = []
    for mention in mentions:
        full = [n.actor for n in mention.names if n.kind != "short"]
        if len(set(full)) == 1:
            resolved.append((mention, full[0]))
            continue
        candidates = {n.actor for n in mention.names if n.actor in listed}
        if len(candidates) == 1:
            resolved.append((mention, candidates.pop()))
    return resolved
