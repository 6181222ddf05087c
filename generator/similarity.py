"""Propose facts for an event: sentences its outlets share, and sentences only one prints.

A curator compares coverage by reading; this module does the first pass.
It cuts the body paragraphs of every article covering the event into
sentences, keeps those that name one of the event's participants, and
compares each with the other outlets' sentences by token-set similarity
(rapidfuzz): a close match becomes a shared claim with a source in each
outlet, a sentence with no match anywhere else a single-source claim. The
result is YAML to paste under the event's `facts:` and edit; nothing is
accepted automatically and no model is involved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from rapidfuzz import fuzz

from .link import ArticleNode, EventNode

SHARED = 55.0
"""Token-set similarity (0-100) from which two outlets' sentences count as the same claim."""
DISTINCT = 45.0
"""Below this similarity to every other outlet's sentences, a sentence is single-source."""
LIMIT = 8
"""How many proposals of each kind to print."""

_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?…؟。])|(?<=[.!?…؟。][”’\"»]))\s+(?=[“‘\"«„]|[^\W_a-zß-ÿа-яё])"
)
"""End punctuation, then a capital, a quote, or a letter of a script without case."""
_MIN_WORDS = 5


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article's body and where it is."""

    article: ArticleNode
    paragraph: int
    text: str
    words: str
    """The text without the actor names in it, which is what is compared: names
    are shared by nearly every sentence about an event and would make
    unrelated sentences look alike."""


@dataclass(frozen=True)
class Proposal:
    """A candidate fact: a claim (a sentence to rewrite) and its sources."""

    claim: str
    sources: tuple[Sentence, ...]
    score: float
    """Similarity of the sources (shared) or to the closest other sentence (single-source)."""

    @property
    def shared(self) -> bool:
        return len({s.article.outlet.id for s in self.sources}) > 1


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences at end punctuation followed by a capital or quote."""
    return [part.strip() for part in _SENTENCE_END.split(" ".join(text.split())) if part.strip()]


def _is_claim(sentence: str) -> bool:
    """A sentence that states something: several words, ending as sentences end."""
    words = len(sentence.split()) if " " in sentence else len(sentence) // 4  # scripts without spaces
    return words >= _MIN_WORDS and sentence.rstrip("”’\"»)").endswith((".", "!", "?", "…", "؟", "。"))


def _relevant(event: EventNode) -> list[Sentence]:
    """Sentences of the event's articles in paragraphs that name one of its participants."""
    participants = {role.actor.id for role in event.participants}
    found = []
    for article in event.articles:
        for paragraph in article.body:
            if paragraph.number is None:
                continue
            named = {s.actor.id for s in paragraph.segments if s.actor is not None}
            if participants and not named & participants:
                continue
            text = "".join(s.text for s in paragraph.segments)
            names = sorted({s.text for s in paragraph.segments if s.actor is not None}, key=len, reverse=True)
            for sentence in sentences(text):
                if not _is_claim(sentence):
                    continue  # a masthead, a dateline, a credit: not something an outlet claims
                words = sentence
                for name in names:
                    words = words.replace(name, " ")
                found.append(Sentence(article, paragraph.number, sentence, " ".join(words.split())))
    return found


def propose(event: EventNode, *, limit: int = LIMIT) -> list[Proposal]:
    """Shared claims (best matches first), then single-source claims, at most `limit` of each."""
    found = _relevant(event)
    shared: list[Proposal] = []
    single: list[Proposal] = []
    used: set[int] = set()
    for i, sentence in enumerate(found):
        best: dict[str, tuple[float, Sentence]] = {}
        closest = 0.0
        for other in found:
            if other.article.outlet is sentence.article.outlet:
                continue
            score = fuzz.token_set_ratio(sentence.words, other.words, processor=str.lower)
            closest = max(closest, score)
            outlet = other.article.outlet.id
            if score >= SHARED and score > best.get(outlet, (0.0, other))[0]:
                best[outlet] = (score, other)
        if best and i not in used:
            matches = [m for _, m in sorted(best.values(), key=lambda p: -p[0])]
            used.update(found.index(m) for m in matches)
            score = min(s for s, _ in best.values())
            shared.append(Proposal(sentence.text, (sentence, *matches), score))
        elif closest < DISTINCT:
            single.append(Proposal(sentence.text, (sentence,), closest))
    shared.sort(key=lambda p: -p.score)
    single.sort(key=lambda p: p.score)
    return shared[:limit] + single[:limit]


def _source(sentence: Sentence, proposal: Proposal) -> dict[str, object]:
    source: dict[str, object] = {"article": sentence.article.id, "paragraph": sentence.paragraph}
    line = sentence.article.parsed.line_of(sentence.paragraph)
    if line is not None:
        source["line"] = line  # lets `briefings check` notice if the paragraph is renumbered
    if proposal.shared and proposal.score < 90:
        source["wording"] = sentence.text  # outlets word it differently: trim to the difference
    return source


def as_yaml(event: EventNode, proposals: list[Proposal]) -> str:
    """The proposals as YAML for the event's `facts:`, each headed by a comment saying why."""
    out = [f"# Proposed facts for {event.id}: rewrite each claim as a short statement,",
           "# keep the ones that matter, and paste them under `facts:` in the event's YAML."]
    for proposal in proposals:
        kind = (f"shared by {len({s.article.outlet.id for s in proposal.sources})} outlets"
                if proposal.shared else "single source")
        out.append(f"# {kind} (similarity {proposal.score:.0f})")
        item = {
            "claim": proposal.claim,
            "sources": [_source(s, proposal) for s in proposal.sources],
        }
        out.append(yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=100).rstrip())
    return "\n".join(out) + "\n"
