"""`briefings propose-facts`: candidate claims from sentences outlets share or do not."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.build import linked
from generator.cli import cli
from generator.model import Fact
from generator.similarity import propose, sentences

from .conftest import write_tree


def test_sentences_split_after_closing_quotes_not_inside() -> None:
    text = "He called it a “dangerous” US policy. “We agree,” she said. Then 2 left."
    assert sentences(text) == ["He called it a “dangerous” US policy.", "“We agree,” she said.", "Then 2 left."]


def project(tmp_path: Path) -> Path:
    return write_tree(tmp_path, {
        "content/briefing.yml": "title: T\nsummary: S\n",
        "content/outlets/one.yml": "name: One\n",
        "content/outlets/two.yml": "name: Two\n",
        "content/actors/ann.yml": "name: Ann Lee\nkind: person\n",
        "content/events/talks.yml": "title: Talks\ndate: 2024-01-02\nactors:\n  - actor: ann\n",
        "content/articles/a.yml": "title: A\ntext: seeds/a.txt\noutlet: one\npublished: 2024-01-03\nevents: [talks]\nactors: [ann]\n",
        "content/articles/b.yml": "title: B\ntext: seeds/b.txt\noutlet: two\npublished: 2024-01-04\nevents: [talks]\nactors: [ann]\n",
        "seeds/a.txt": "A\n\nAnn Lee held two days of talks in the capital on Tuesday. Ann Lee praised the harvest festival.\n\nThe weather was mild.\n",
        "seeds/b.txt": "B\n\nOn Tuesday Ann Lee held talks in the capital for two days.\n\nAnn Lee later flew to Oslo for a concert by an orchestra.\n",
    })


def test_shared_and_single_source_sentences_are_proposed(tmp_path: Path) -> None:
    root = project(tmp_path)
    event = next(e for e in linked(root).events if e.id == "talks")
    proposals = propose(event)
    shared = [p for p in proposals if p.shared]
    assert len(shared) == 1
    assert {(s.article.id, s.paragraph) for s in shared[0].sources} == {("a", 1), ("b", 1)}
    single = {p.claim for p in proposals if not p.shared}
    assert single == {"Ann Lee praised the harvest festival.", "Ann Lee later flew to Oslo for a concert by an orchestra."}
    assert all("weather" not in p.claim for p in proposals)  # names no participant


def test_cli_prints_yaml_that_validates_as_facts(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = CliRunner().invoke(cli, ["propose-facts", "--root", str(root), "talks"])
    assert result.exit_code == 0, result.output
    facts = [Fact.model_validate(item) for item in yaml.safe_load(result.output)]
    assert len(facts) == 3
    assert sum(len(f.sources) == 2 for f in facts) == 1
    missing = CliRunner().invoke(cli, ["propose-facts", "--root", str(root), "nope"])
    assert missing.exit_code == 1 and "no event 'nope'" in missing.output


def test_seed_lavrov_visit_proposes_the_two_day_visit_as_shared(seed_project: Path) -> None:
    event = next(e for e in linked(seed_project).events if e.id == "2023-10-18-lavrov-visits-pyongyang")
    shared = [p for p in propose(event) if p.shared]
    assert any("two-day" in s.text for p in shared for s in p.sources if s.article.outlet.id == "the-korea-herald")


def test_masthead_and_dateline_lines_are_never_proposed_and_other_scripts_split(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "seeds/a.txt").write_text(
        "A\n\nAnn Lee Daily | World News\n\nAnn Lee held two days of talks in the capital on Tuesday.\n", encoding="utf-8")
    event = next(e for e in linked(root).events if e.id == "talks")
    assert all("World News" not in p.claim for p in propose(event))
    assert sentences("Лавров прибыл. Переговоры начались.") == ["Лавров прибыл.", "Переговоры начались."]
    assert sentences("وصل لافروف. بدأت المحادثات.") == ["وصل لافروف.", "بدأت المحادثات."]
