"""The ingest quality measures on the labelled set (eval/), with floors the current figures meet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from eval.quality import LABELS, evaluate, table

from .conftest import REPO

FLOORS = {
    # measure: (precision, recall); the figures are in README.md
    "mentions": (0.97, 0.95),
    "quote spans": (0.95, 0.95),
    "quote speakers": (0.95, 0.90),
    "dates": (0.95, 0.95),
}


def test_quality_meets_its_floors() -> None:
    report = evaluate()
    assert len(report.rows) >= 8
    for measure, (precision, recall) in FLOORS.items():
        total = report.total(measure)
        assert total.precision >= precision, (measure, table(report))
        assert total.recall >= recall, (measure, table(report))


def test_the_seed_articles_are_read_without_a_single_wrong_link_or_speaker() -> None:
    report = evaluate()
    for seed in ("000_46cb654348181e77.txt", "001_96fd2f50b58f619b.txt"):
        scores = report.rows[seed]
        assert scores["mentions"].precision == 1.0
        assert scores["quote speakers"].precision == 1.0 and scores["quote speakers"].recall == 1.0
        assert scores["dates"].hits == scores["dates"].labelled


def test_wrong_labels_lower_the_figures(tmp_path: Path) -> None:
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    article = labels["articles"][0]
    article["mentions"] = {"vladimir-putin": 40}
    article["quotes"][0]["speaker"] = "choe-son-hui"
    article["published"] = article["published"].replace(day=1)
    (tmp_path / "labels.yml").write_text(yaml.safe_dump({"articles": [article]}), encoding="utf-8")
    report = evaluate(tmp_path / "labels.yml")
    scores = report.rows["000_46cb654348181e77.txt"]
    assert scores["mentions"].hits == 1 and scores["mentions"].recall < 0.1
    assert scores["quote speakers"].hits == 5
    assert scores["dates"].hits == scores["dates"].labelled - 1


def test_the_script_prints_the_table() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eval.quality"], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("| article | mentions | quote spans | quote speakers | dates |")
    assert "| **all** |" in result.stdout
