"""An article may expect an event that later happens, without the event being marked planned."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli

from .conftest import write_tree

LATER = """
title: Second port opening
date: 2024-05-10
kind: meeting
actors:
  - actor: ana-lima
    role: host
"""


def _check(root: Path):
    return CliRunner().invoke(cli, ["check", "--root", str(root)])


def _article(mini: Path, extra: str) -> None:
    path = mini / "content/articles/daily-2024-03-02-port-opens.yml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_a_later_event_under_events_is_refused_with_the_way_out(mini: Path) -> None:
    write_tree(mini, {"content/events/2024-05-10-second-opening.yml": LATER})
    path = mini / "content/articles/daily-2024-03-02-port-opens.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "events: [2024-03-01-port-opening, 2024-03-port-season]",
        "events: [2024-03-01-port-opening, 2024-05-10-second-opening]"), encoding="utf-8")
    result = _check(mini)
    assert result.exit_code == 1
    assert ("content/articles/daily-2024-03-02-port-opens.yml:6:35: events[1]: '2024-05-10-second-opening' is "
            "dated 2024-05-10, after the article was published (2024-03-02): if the article expected it, "
            "move it to `anticipates:`; otherwise correct one of the dates") in result.output


def test_an_anticipated_event_passes_and_shows_on_both_pages(mini: Path) -> None:
    write_tree(mini, {"content/events/2024-05-10-second-opening.yml": LATER})
    _article(mini, "anticipates: [2024-05-10-second-opening]\n")
    assert _check(mini).exit_code == 0, _check(mini).output
    result = CliRunner().invoke(cli, ["build", "--root", str(mini)])
    assert result.exit_code == 0, result.output
    article = (mini / "briefings/articles/daily-2024-03-02-port-opens.md").read_text(encoding="utf-8")
    assert "| Expected, then | [Second port opening](../events/2024-05-10-second-opening.md) |" in article
    event = (mini / "briefings/events/2024-05-10-second-opening.md").read_text(encoding="utf-8")
    assert "daily-2024-03-02-port-opens.md) (before the event)" in event


def test_anticipating_an_event_that_had_already_happened_is_a_warning(mini: Path) -> None:
    _article(mini, "anticipates: [2024-03-01-port-opening]\n")
    result = CliRunner().invoke(cli, ["check", "--root", str(mini), "--strict"])
    assert "anticipates[0]: '2024-03-01-port-opening' (2024-03-01) had taken place" in result.output
    assert "also in `anticipates:`" in result.output
