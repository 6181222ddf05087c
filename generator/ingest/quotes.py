"""Direct quotes in the body and who said them.

A quote is any span between paired quotation marks (curly or straight
double quotes, guillemets, low-high quotes, corner brackets). Its speaker is
found, in order of trust, from:

1. a verb of saying before the quote in the same sentence, with its subject
   ('Kim said it was the goal ... “to work out ...”', 'what he termed a
   “dangerous” policy', 'The Russian envoy said ... “process ...”');
2. an attribution after it (', Lavrov told journalists', ', the KCNA said',
   ', it added', ', said Lavrov', ', according to X').

When both are present the first is the speaker and, if the second is a
news outlet or agency, it is recorded as `via`. A pronoun means the speaker
of the previous quote or the last actor of a fitting kind; a description
('the Russian envoy', 'the ministry') means the one actor named earlier whose
name, title or affiliation carries its words. A quote with no clear speaker
is kept and marked unattributed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..mentions import fold
from .actors import Found, Profile

PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", "\u300c": "\u300d", '"': '"'}
_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|wrote|writes|noted|asked|warned|insisted|"
    r"declared|announced|explained|argued|claimed|replied|continued|reported|reports|commented|"
    r"stressed|urged|termed|called|described|wants|wanted|pledged|vowed|accused|quoted|quoting|"
    r"thanked|praised|critici[sz]ed|denounced|slammed|hailed|welcomed|condemned|mocked|"
    r"quipped|affirmed|reaffirmed|emphasi[sz]ed|underlined|recalled|complained|acknowledged|"
    # a few verbs of saying in other languages the briefings meet
    r"dijo|afirmó|declaró|señaló|aseguró|dit|déclaré|affirmé|sagte|erklärte|"
    r"сказал|сказала|заявил|заявила|отметил|отметила"
)
_VERB = re.compile(r"\b(?:" + _VERBS + r")\b")  # lowercase: 'States' is no verb
_AFTER = re.compile(
    r"^[\s,;:\-\u2013\u2014]*(?:(?P<verb_first>" + _VERBS + r")\s+(?P<who_after>[^,.;]{1,80})"
    r"|(?i:according\s+to|según|selon|laut|по\s+словам)\s+(?P<according>[^,.;]{1,80})"
    r"|(?P<who>[^,.;“”\"]{1,90}?)(?:,[^,]{1,70},)?\s+(?:\w+ly\s+)?(?:" + _VERBS + r")\b)",
)
_UNKNOWN = "?"
"""A subject that is there but is no known actor (or an ambiguous one)."""
_ADJACENT = re.compile(r"^[\u2019']?s?\s*(?:[a-z]+\s+){0,2}$")
_PRONOUN = re.compile(r"^\s*(?:he|she|it|they|him|her)\b", re.IGNORECASE)
_STOP = {"the", "a", "an", "of", "in", "its", "his", "her", "their", "'s", "s", "state", "run"}
_DESCRIPTOR_WORDS = {
    "envoy": {"minister", "foreign", "ambassador", "diplomat"},
    "diplomat": {"minister", "foreign", "ambassador"},
    "agency": {"agency", "news", "media"},
    "media": {"agency", "news", "media"},
    "leader": {"leader", "president", "chairman"},
    "spokesperson": {"spokesperson"},
    "spokesman": {"spokesperson"},
    "spokeswoman": {"spokesperson"},
}
_MEDIA_KINDS = {"media"}
_PERSON_NOUNS = {
    "envoy", "diplomat", "leader", "spokesperson", "spokesman", "spokeswoman", "minister",
    "president", "official", "chairman", "premier", "ambassador", "secretary", "general",
}


@dataclass(frozen=True)
class FoundQuote:
    """A quote of the body, its paragraph (1-based) and, if settled, its speaker."""

    text: str
    paragraph: int
    speaker: str | None
    via: str | None
    how: str
    """How the speaker was found, for the draft's comments."""


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks, outermost only."""
    spans = []
    index = 0
    while index < len(text):
        close = PAIRS.get(text[index])
        if close is None or (text[index] == '"' and index > 0 and text[index - 1].isalnum()):
            index += 1
            continue
        end = text.find(close, index + 1)
        if end < 0:
            break
        spans.append((index + 1, end))
        index = end + 1
    return spans


def find_quotes(
    paragraphs: list[str], found: list[list[Found]], known: dict[str, Profile]
) -> list[FoundQuote]:
    """Every quote of `paragraphs`, given the resolved mentions of each paragraph."""
    quotes: list[FoundQuote] = []
    seen: list[str] = []  # actors mentioned so far, most recent last
    previous: str | None = None
    for number, (text, mentions) in enumerate(zip(paragraphs, found), start=1):
        spans = quote_spans(text)
        for start, end in spans:
            words = text[start:end].strip().rstrip(",.;:").strip()
            if not words:
                continue
            context = _Context(text, spans, mentions, known, seen, previous)
            speaker, via, how = context.attribute(start, end)
            quotes.append(FoundQuote(words, number, speaker, via, how))
            if speaker:
                previous = speaker
        seen.extend(f.actor for f in mentions if f.actor and not _inside(f.start, spans))
    return quotes


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


@dataclass
class _Context:
    text: str
    spans: list[tuple[int, int]]
    mentions: list[Found]
    known: dict[str, Profile]
    seen: list[str]
    previous: str | None

    def attribute(self, start: int, end: int) -> tuple[str | None, str | None, str]:
        sentence_start = self._sentence_start(start)
        sentence_end = self._sentence_end(end)
        before = self._before(sentence_start, start - 1)
        after = self._after(end + 1, sentence_end)
        if before == _UNKNOWN:
            via = after if after and self._is_media(after) else None
            return None, via, "the subject of the verb before the quote is not a known actor"
        if before and after and before != after and self._is_media(after):
            return before, after, "verb before the quote; reported by the attribution after it"
        if before:
            return before, self._state_media(before, sentence_start, sentence_end), "verb before the quote"
        if after:
            return after, None, "attribution after the quote"
        return None, None, "no speaker found"

    def _sentence_start(self, position: int) -> int:
        cut = 0
        for match in re.finditer(r"[.!?]\s+(?=[A-Z\u201c\"])", self.text[:position]):
            if not _inside(match.start(), self.spans):
                cut = match.end()
        return cut

    def _sentence_end(self, position: int) -> int:
        for match in re.finditer(r"[.!?](?=\s+[A-Z\u201c\"]|\s*$)", self.text[position:]):
            if not _inside(position + match.start(), self.spans):
                return position + match.end()
        return len(self.text)

    def _outside(self, lo: int, hi: int) -> list[Found]:
        return [f for f in self.mentions if lo <= f.start < hi and not _inside(f.start, self.spans)]

    def _before(self, lo: int, hi: int) -> str | None:
        """Speaker from 'X said ... “': the subject of the last verb of saying before the quote."""
        verbs = [m for m in _VERB.finditer(self.text, lo, hi) if not _inside(m.start(), self.spans)]
        if not verbs:
            return None
        verb = verbs[-1]
        return self._who(lo, verb.start(), last=True)

    def _after(self, lo: int, hi: int) -> str | None:
        """Speaker from '”, Lavrov told', '”, the KCNA said', '”, it added', '”, said Lavrov'."""
        tail = self.text[lo:hi]
        match = _AFTER.match(tail)
        if not match:
            return None
        group = next(g for g in ("who_after", "according", "who") if match.group(g))
        return self._who(lo + match.start(group), lo + match.end(group), last=False)

    def _who(self, lo: int, hi: int, *, last: bool) -> str | None:
        """The actor a stretch of text names: a mention, a pronoun or a description."""
        stretch = self.text[lo:hi]
        mentions = self._outside(lo, hi)
        if last:
            return self._subject(lo, hi, stretch, mentions)
        else:
            if mentions:
                return mentions[0].actor
            if _PRONOUN.match(stretch):
                return self._pronoun(stretch.split()[0], lo)
        return self._described(stretch)

    def _subject(self, lo: int, hi: int, stretch: str, mentions: list[Found]) -> str | None:
        """The subject of a verb of saying that ends `stretch`.

        The name or pronoun right before the verb ('Lavrov said', 'he termed',
        'deputy spokesperson Kim added'); failing that, an unknown capitalised
        name there means someone the briefing does not know; failing that,
        the first name of the sentence ('Choe thanked Moscow ... and said').
        """
        candidates: list[tuple[int, int, str, Found | None]] = [(m.start, m.end, "name", m) for m in mentions]
        for match in re.finditer(r"\b(?:he|she|it|they)\b", stretch, re.IGNORECASE):
            if not _inside(lo + match.start(), self.spans):
                candidates.append((lo + match.start(), lo + match.end(), match.group(0), None))
        candidates.sort(key=lambda c: c[0])
        if candidates and _ADJACENT.match(self.text[candidates[-1][1]:hi]):
            chosen = candidates[-1]
        elif re.search(r"[A-Z][\w\u2019'-]+(?:\s+[A-Z][\w\u2019'-]+)*\s*(?:,\s*)?$", stretch):
            return _UNKNOWN  # 'Ambassador Linda Thomas-Greenfield said': someone unknown
        elif candidates:
            chosen = candidates[0]
        else:
            return self._described(stretch)
        if chosen[3] is not None:
            return chosen[3].actor or _UNKNOWN
        return self._pronoun(chosen[2], chosen[0])

    def _pronoun(self, word: str, position: int) -> str | None:
        """'he' or 'it': an actor of that kind named earlier in the paragraph, else the
        speaker of the previous quote, else the last such actor of the article."""
        person = word.lower() in ("he", "she")

        def fits(actor: str | None) -> bool:
            return actor is not None and (self.known[actor].kind == "person") == person

        here = [f.actor for f in self._outside(0, position) if fits(f.actor)]
        if here:
            return here[-1]
        if fits(self.previous):
            return self.previous
        return next((a for a in reversed(self.seen) if fits(a)), None)

    def _described(self, stretch: str) -> str | None:
        """'the Russian envoy', 'the ministry': the one earlier actor that fits the words."""
        words = [w for w in re.findall(r"[\w]+", fold(stretch)[0]) if w not in _STOP]
        if not words or len(words) > 5:
            return None
        wanted = set()
        for word in words:
            wanted |= _DESCRIPTOR_WORDS.get(word, {word})
        person = words[-1] in _PERSON_NOUNS
        best: list[tuple[int, str]] = []
        for actor in dict.fromkeys(reversed(self.seen)):
            profile = self.known[actor]
            if person != (profile.kind == "person"):
                continue
            haystack = set(re.findall(r"\w+", fold(" ".join((profile.title, *profile.affiliations)))[0]))
            score = sum(1 for w in wanted if w in haystack or any(h.startswith(w[:5]) and len(w) > 4 for h in haystack))
            if score:
                best.append((score, actor))
        if not best:
            return None
        best.sort(key=lambda item: -item[0])
        if len(best) > 1 and best[0][0] == best[1][0]:
            return None
        return best[0][1]

    def _is_media(self, actor: str) -> bool:
        return self.known[actor].kind in _MEDIA_KINDS

    def _state_media(self, speaker: str, lo: int, hi: int) -> str | None:
        """'..., state media reported': the media actor of the speaker's state, if one is known."""
        if not re.search(r"\bstate(?:-run)? media\b", self.text[lo:hi] + " " + self.text[hi:hi + 60], re.I):
            return None
        home = self.known[speaker].affiliations[1:]
        media = [p.id for p in self.known.values() if p.kind == "media" and set(p.affiliations[1:]) & set(home)]
        return media[0] if len(media) == 1 else None
