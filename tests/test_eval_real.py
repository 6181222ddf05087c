"""The real-article scorer: it runs without the texts (which are not in git) and scores what it is given."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eval.real import score
from generator.model import Actor, Event


def test_without_the_texts_it_says_what_is_missing_and_exits_2(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(score, "HERE", tmp_path)
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "xx.yml").write_text(
        "- {id: xx-01, url: 'https://example.org/a', outlet: X, language: en}\n", encoding="utf-8")
    assert score.main(["--split", "dev"]) == 2
    assert "lacks 1 of the 1 texts" in capsys.readouterr().out


def test_details_of_the_test_set_are_refused() -> None:
    with pytest.raises(SystemExit):
        score.main(["--split", "test", "--details"])


def test_an_article_is_scored_on_each_measure(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(score, "HERE", tmp_path)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "xx-01.txt").write_text(
        "Ana meets Bo\n\nPublished: 3 May 2024\n\nAna Lima met Bo Lima in the port. “We agree,” Ana Lima said.\n",
        encoding="utf-8")
    actors = {"ana": Actor(name="Ana Lima", kind="person"), "bo": Actor(name="Bo Lima", kind="person")}
    events = {"2024-05-02-talks": Event(title="Talks", date=dt.date(2024, 5, 2), kind="meeting",
                                        actors=[{"actor": "ana", "role": "host"}, {"actor": "bo", "role": "guest"}])}
    article = {"id": "xx-01", "outlet": "X", "headline": "Ana meets Bo", "published": "2024-05-03",
               "actors": ["ana"], "quotes": [{"text": "We agree,", "speaker": "bo"}], "event": "2024-05-02-talks"}
    scores = score.Scores()
    score.score_article(article, actors, events, {}, scores)
    tally = {name: (t.hits, t.total) for name, t in scores.measures.items()}
    assert tally["headline"] == (1, 1) and tally["date"] == (1, 1) and tally["event right"] == (1, 1)
    assert tally["actor recall"] == (1, 1) and tally["actor precision"] == (1, 2)  # Bo is named but not labelled
    assert tally["quotes found"] == (1, 1) and tally["speakers right"] == (0, 1)  # Ana said it, not Bo
    assert "xx-01: speaker ana" in " ".join(scores.misses)
