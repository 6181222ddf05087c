"""Read the structure of a raw news article: headline, byline, body, clutter.

Raw files are the input of record and are never changed; this module only
decides which of their lines are body paragraphs (numbered, and so given
stable anchors `#p1`, `#p2`, ...) and which are page furniture copied along
with the text: mastheads, share widgets, repeated photo captions, credits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Iterable, Literal

import yaml
from rapidfuzz import fuzz

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
    r"|\d+ min(ute)? read|read\s*:.*|also read\b.*|copyright\b.*|\u00a9.*|all rights reserved\.?)$",
    re.IGNORECASE,
)
_BULLETS = "•·▪◦●‣⁃-–—*|"
_BYLINE = re.compile(r"^(?:by|from)\s+\S.{0,80}$", re.IGNORECASE)
_PUBLISHED = re.compile(r"^(?:published|updated|posted|first published)\b\s*:?", re.IGNORECASE)
_SOURCE = re.compile(r"^source\s*:\s*\S.{0,60}$", re.IGNORECASE)
_CREDIT = re.compile(
    r"[.!?]\s*\((?:(?:file\s+)?photo\s*:\s*)?(?:[A-Z][\w.&]*)(?:(?:[-/ ,]+|\s+via\s+)[A-Z][\w.&]*){0,3}\)$",
    re.IGNORECASE,
)


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
    """Classify the blocks of `raw`, given the names of outlets it may carry as a masthead.

    HTML and Markdown are first turned into plain lines (`to_plain`).
    """
    raw = to_plain(raw)
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


NEAR = 60
"""The least rapidfuzz partial ratio (0-100) at which a passage counts as close to a quote;
unrelated text of the same length scores about 35-55."""
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u300c\u300d "


@dataclass(frozen=True)
class Passage:
    """The words of an article most like a quote that it does not print."""

    paragraph: int
    """1-based number of the paragraph they are in (its anchor is `#pN`)."""
    text: str


def nearest_passage(paragraphs: tuple[Block, ...], quote: str) -> Passage | None:
    """The passage of `paragraphs` closest to `quote`, in whole words; None when nothing is close.

    Each paragraph is aligned with the quote (rapidfuzz's partial ratio: the
    best-matching stretch of the paragraph as long as the quote); the best
    stretch is widened to whole words, without the quotation marks around it.
    """
    needle = quote.strip(_QUOTE_MARKS)
    best: tuple[float, int, int, int] | None = None
    for number, paragraph in enumerate(paragraphs, start=1):
        found = fuzz.partial_ratio_alignment(needle, paragraph.text)
        if found is not None and found.score >= NEAR and (best is None or found.score > best[0]):
            best = (found.score, number, found.dest_start, found.dest_end)
    if best is None:
        return None
    _, number, start, end = best
    text = paragraphs[number - 1].text
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return Passage(number, text[start:end].strip(_QUOTE_MARKS + ",.;:!?"))


# --- other formats ------------------------------------------------------------

_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype html|<html\b|<(?:article|body|p|div|h1)\b)", re.IGNORECASE)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/|#)[^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def is_html(raw: str) -> bool:
    """True when `raw` is an HTML page or fragment rather than text."""
    return bool(_HTML_SNIFF.match(raw))


def to_plain(raw: str) -> str:
    """Plain text lines of `raw`: HTML reduced to its text blocks, Markdown marks removed.

    Plain text passes through unchanged apart from Markdown headings, links,
    images and bold marks, which news copy does not otherwise contain.
    """
    if is_html(raw):
        return html_page(raw).text
    fields, raw = front_matter(raw)
    if fields.get("title") and raw.startswith("\n"):
        raw = " ".join(fields["title"].split()) + raw  # the headline, on the front matter's first line
    if not any(mark in raw for mark in ("#", "](", "**", "__")):  # plain text
        return raw
    lines = []
    for line in raw.splitlines():
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _MD_IMAGE.sub(lambda m: m.group(1), line)
        line = _MD_LINK.sub(lambda m: m.group(1), line)
        line = _MD_EMPHASIS.sub(lambda m: m.group(2), line)
        lines.append(line)
    return "\n".join(lines)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)


def front_matter(raw: str) -> tuple[dict[str, str], str]:
    """The YAML front matter of a Markdown file (as strings) and the text after it.

    The front matter is replaced by blank lines, so that line numbers still
    point into the raw file. Anything that is not a mapping is left as text.
    """
    match = _FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, raw
    if not isinstance(data, dict):
        return {}, raw
    blank = "\n" * match.group(0).count("\n")
    return {str(k).lower(): str(v) for k, v in data.items() if v is not None}, blank + raw[match.end():]


@dataclass
class HtmlPage:
    """The text blocks of an HTML page and the metadata its head declares."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)


_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "br", "header",
    "footer", "article", "section", "blockquote", "time", "tr", "address", "aside", "figure",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "form", "button", "iframe", "head"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.meta: dict[str, str] = {}
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop")
            if key and values.get("content"):
                self.meta.setdefault(key.lower(), values["content"])
        elif tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.meta.setdefault("canonical", values["href"])
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.lines[-1] += data


def html_page(raw: str) -> HtmlPage:
    """Text blocks of an HTML page, one per line with blank lines between, and its meta tags."""
    parser = _TextParser()
    parser.feed(raw)
    parser.close()
    blocks = [" ".join(line.split()) for line in parser.lines]
    return HtmlPage("\n\n".join(b for b in blocks if b) + "\n", parser.meta)
