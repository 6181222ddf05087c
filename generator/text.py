"""Read the structure of a raw news article: headline, byline, body, clutter.

Raw files are the input of record and are never changed; this module only
decides which of their lines are body paragraphs (numbered, and so given
stable anchors `#p1`, `#p2`, ...) and which are page furniture copied along
with the text: mastheads, share widgets, repeated photo captions, credits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Literal

BlockKind = Literal[
    "masthead",
    "headline",
    "standfirst",
    "byline",
    "published",
    "caption",
    "clutter",
    "subheading",
    "paragraph",
    "source",
]

_CLUTTER = re.compile(
    r"^(?:link copied|copy link|copied|share|share this( article| story)?|share on \w+"
    r"|print|email|e-mail|whatsapp|facebook|twitter|x|telegram|linkedin"
    r"|subscribe\b.*|sign up\b.*|read more\b.*|related\b.*|advertisement"
    r"|follow us\b.*|click here\b.*|listen to this article\b.*|bookmark"
    r"|\d+ min(ute)? read)$",
    re.IGNORECASE,
)
_BULLETS = "•·▪◦●‣⁃-–—*|"
_BYLINE = re.compile(r"^(?:by|from)\s+\S.{0,80}$", re.IGNORECASE)
_PUBLISHED = re.compile(r"^(?:published|updated|posted|first published)\b\s*:?", re.IGNORECASE)
_SOURCE = re.compile(r"^source\s*:\s*\S.{0,60}$", re.IGNORECASE)
_CREDIT = re.compile(r"[.!?]\s*\((?:[A-Z][\w.&]*)(?:[-/ ,]+[A-Z][\w.&]*){0,3}\)$")


@dataclass(frozen=True)
class Block:
    """One line or paragraph of the raw file and what it is."""

    kind: BlockKind
    text: str
    line: int
    """1-based line in the raw file where the block starts."""


@dataclass(frozen=True)
class ArticleText:
    """The raw text cut into classified blocks."""

    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        """Body paragraphs in order; paragraph n has the anchor `#pn`."""
        return tuple(b for b in self.blocks if b.kind == "paragraph")

    def first(self, kind: BlockKind) -> Block | None:
        return next((b for b in self.blocks if b.kind == kind), None)

    def body(self) -> tuple[Block, ...]:
        """Paragraphs and subheadings: what an article page shows as its text."""
        return tuple(b for b in self.blocks if b.kind in ("paragraph", "subheading"))


def parse_article(raw: str, outlet_names: Iterable[str] = ()) -> ArticleText:
    """Classify the blocks of `raw`, given the names of outlets it may carry as a masthead."""
    mastheads = {_key(name) for name in outlet_names}
    chunks = list(_chunks(raw))
    kinds: list[BlockKind | None] = [None] * len(chunks)
    seen: set[str] = set()

    for index, (_, text) in enumerate(chunks):
        key = _key(text)
        if _is_clutter(text):
            kinds[index] = "clutter"
        elif key in mastheads and index < 3:
            kinds[index] = "masthead"
        elif _is_doubled(text) or _CREDIT.search(text):
            kinds[index] = "caption"
        elif key in seen:
            kinds[index] = "clutter"  # a caption or pull quote printed twice
        elif _SOURCE.match(text):
            kinds[index] = "source"
        elif _PUBLISHED.match(text):
            kinds[index] = "published"
        elif _BYLINE.match(text) and len(text.split()) <= 12:
            kinds[index] = "byline"
        seen.add(key)

    _mark_head(chunks, kinds)
    for index, (_, text) in enumerate(chunks):
        if kinds[index] is None:
            kinds[index] = "subheading" if _is_subheading(text) else "paragraph"
    return ArticleText(
        tuple(Block(kind, text, line) for (line, text), kind in zip(chunks, kinds))  # type: ignore[arg-type]
    )


def _mark_head(chunks: list[tuple[int, str]], kinds: list[BlockKind | None]) -> None:
    """The headline is the first unclassified block; a standfirst sits between it and the byline."""
    open_blocks = [i for i, kind in enumerate(kinds) if kind is None]
    if not open_blocks:
        return
    headline = open_blocks[0]
    if _looks_like_body(chunks[headline][1]) and len(open_blocks) > 1:
        return  # no headline line at all: the file starts with the body
    kinds[headline] = "headline"
    for index in range(headline + 1, min(headline + 5, len(chunks))):
        if kinds[index] in ("byline", "published"):
            for between in range(headline + 1, index):
                if kinds[between] is None:
                    kinds[between] = "standfirst"
            break


def _chunks(raw: str) -> Iterable[tuple[int, str]]:
    """Blocks of text with the line they start on.

    A line is a block of its own, except that a run of short lines with no
    blank line between them and no sentence end inside is one wrapped paragraph.
    """
    lines = raw.splitlines()
    index = 0
    while index < len(lines):
        text = lines[index].strip()
        if not text:
            index += 1
            continue
        start = index
        while (
            index + 1 < len(lines)
            and lines[index + 1].strip()
            and _is_wrapped(lines[index], lines[index + 1])
        ):
            index += 1
            text += " " + lines[index].strip()
        yield start + 1, " ".join(text.split())
        index += 1


def _is_wrapped(line: str, following: str) -> bool:
    """A hard-wrapped line: long enough to be prose, not ending a sentence."""
    line = line.rstrip()
    return 40 <= len(line) <= 100 and not line.endswith((".", "!", "?", ":", "\u201d", '"')) \
        and following.strip()[:1].islower()


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _is_clutter(text: str) -> bool:
    stripped = text.strip(_BULLETS + " \t")
    return not stripped or bool(_CLUTTER.match(stripped))


def _is_doubled(text: str) -> bool:
    """A caption printed twice on one line: 'X. (Credit) X. (Credit)'."""
    half, rest = divmod(len(text), 2)
    for cut in (half, half + rest, half - 1, half + 1):
        left, right = text[:cut].strip(), text[cut:].strip()
        if left and left == right and len(left) > 20:
            return True
    return False


def _is_subheading(text: str) -> bool:
    if len(text) > 60:  # checked first: most blocks are long paragraphs
        return False
    letters = [c for c in text if c.isalpha()]
    return (
        bool(letters)
        and all(not c.islower() for c in letters)
        and any(c.isupper() for c in letters)
        and not text.endswith((".", "!", "?"))
    )


def _looks_like_body(text: str) -> bool:
    return len(text) > 160 and text.endswith((".", "\u201d", '"'))


# --- comparing text ---------------------------------------------------------

_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "..."}


def normalise(text: str) -> str:
    """Text with typographic quotes, ellipses and white space made plain, for comparisons."""
    text = unicodedata.normalize("NFC", text)
    for typographic, plain in _QUOTES.items():  # str.replace: far faster than translate
        if typographic in text:
            text = text.replace(typographic, plain)
    return " ".join(text.split())


def find_paragraph(paragraphs: tuple[Block, ...], quote: str) -> int | None:
    """1-based number of the paragraph that contains `quote`, or None."""
    needle = normalise(quote).strip("\"' ,.")
    for number, paragraph in enumerate(paragraphs, start=1):
        if needle and needle in normalise(paragraph.text):
            return number
    return None
