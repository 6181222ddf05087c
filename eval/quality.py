"""How well `briefings ingest` reads articles, measured on a labelled set.

    python -m eval.quality            # the table, on eval/labels.yml

For each article of eval/labels.yml (the two seeds and articles written for
the purpose in eval/articles/), ingest's reading is compared with what a
careful human marked:

- actor mentions: per actor, how many times it is named; a mention counts as
  right up to the labelled number (so linking 'Kim' to the wrong Kim is both
  a false positive and a miss);
- quote spans: the quoted words, compared after typographic normalisation;
- quote speakers: among the quotes found, the speaker ingest names (an actor
  id) against the label; a quote left unattributed is no answer, so it costs
  recall, not precision;
- dates: the publication date, and each weekday phrase of the body.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.ingest import analyse
from generator.load import load_content
from generator.text import normalise

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).resolve().parent / "labels.yml"


@dataclass
class Score:
    """True positives, predictions and labels of one measure."""

    hits: int = 0
    predicted: int = 0
    labelled: int = 0

    def add(self, other: Score) -> None:
        self.hits += other.hits
        self.predicted += other.predicted
        self.labelled += other.labelled

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.labelled if self.labelled else 1.0


@dataclass
class Report:
    """Scores per article and over the whole set."""

    rows: dict[str, dict[str, Score]] = field(default_factory=dict)

    def total(self, measure: str) -> Score:
        total = Score()
        for scores in self.rows.values():
            total.add(scores[measure])
        return total


MEASURES = ("mentions", "quote spans", "quote speakers", "dates")


def evaluate(labels_path: Path = LABELS, root: Path = ROOT) -> Report:
    """Ingest every labelled article (without writing anything) and score it."""
    content = load_content(root)
    actors = {i: d.model for i, d in content.actors.items()}
    events = {i: d.model for i, d in content.events.items()}
    outlets = {i: d.model for i, d in content.outlets.items()}
    labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    report = Report()
    for label in labels["articles"]:
        raw = (root / label["file"]).read_text(encoding="utf-8")
        analysis = analyse(raw, actors, events, outlets)
        report.rows[Path(label["file"]).name] = {
            "mentions": _mentions(analysis, label),
            "quote spans": _spans(analysis, label),
            "quote speakers": _speakers(analysis, label),
            "dates": _dates(analysis, label),
        }
    return report


def _mentions(analysis, label) -> Score:  # type: ignore[no-untyped-def]
    # captions are read for the article's actors, but the labels count mentions in the text proper
    predicted = Counter(f.actor for f in analysis.actors.linked if analysis.scanned[f.block] != "caption")
    gold = Counter(label["mentions"])
    hits = sum(min(count, gold[actor]) for actor, count in predicted.items())
    return Score(hits, sum(predicted.values()), sum(gold.values()))


def _key(text: str) -> str:
    return normalise(text).strip("\"' ,.")


def _spans(analysis, label) -> Score:  # type: ignore[no-untyped-def]
    predicted = {_key(q.text) for q in analysis.quotes}
    gold = {_key(q["text"]) for q in label["quotes"]}
    return Score(len(predicted & gold), len(predicted), len(gold))


def _speakers(analysis, label) -> Score:  # type: ignore[no-untyped-def]
    found = {_key(q.text): q.speaker for q in analysis.quotes}
    score = Score()
    for quote in label["quotes"]:
        key = _key(quote["text"])
        if quote["speaker"] is None:
            # a quote by nobody the briefing knows: naming anyone is a mistake
            if key in found and found[key] is not None:
                score.predicted += 1
            continue
        score.labelled += 1
        if key in found and found[key] is not None:
            score.predicted += 1
            score.hits += found[key] == quote["speaker"]
    return score


def _dates(analysis, label) -> Score:  # type: ignore[no-untyped-def]
    score = Score(labelled=1 + len(label["dates"]))
    if analysis.published is not None:
        score.predicted += 1
        score.hits += analysis.published.date == label["published"]
    remaining = list(analysis.dates)
    for weekday, date in label["dates"]:
        match = next((d for d in remaining if weekday.lower() in d.text.lower()), None)
        if match is None:
            continue
        remaining.remove(match)
        score.predicted += 1
        score.hits += match.date == date
    score.predicted += len(remaining)
    return score


def table(report: Report) -> str:
    """The report as a Markdown table: precision / recall per measure."""
    head = "| article | " + " | ".join(MEASURES) + " |"
    lines = [head, "|---" * (len(MEASURES) + 1) + "|"]
    for name, scores in report.rows.items():
        lines.append(f"| {name} | " + " | ".join(_cell(scores[m]) for m in MEASURES) + " |")
    lines.append("| **all** | " + " | ".join(f"**{_cell(report.total(m))}**" for m in MEASURES) + " |")
    return "\n".join(lines) + "\n\nEach cell: precision / recall (hits of predicted / labelled)."


def _cell(score: Score) -> str:
    return f"{score.precision:.2f} / {score.recall:.2f} ({score.hits}/{score.predicted}/{score.labelled})"


def main() -> int:
    print(table(evaluate()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
