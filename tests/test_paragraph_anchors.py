"""A fact's `paragraph:` is checked against its article, and `line:` keeps it honest.

Raw files never change, but how a page's clutter is read improves, and then
paragraph numbers move. A source that also gives the raw line its paragraph
starts on is checked: `briefings check` names the new number.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli

EVENT = "content/events/2024-03-01-port-opening.yml"


def _cite(mini: Path, source: str) -> None:
    path = mini / EVENT
    path.write_text(path.read_text(encoding="utf-8") + (
        "facts:\n  - claim: The port opened.\n    sources:\n"
        f"      - article: daily-2024-03-02-port-opens\n{source}"), encoding="utf-8")


def _check(mini: Path) -> str:
    result = CliRunner().invoke(cli, ["check", "--root", str(mini)])
    return result.output


def test_a_paragraph_past_the_end_of_the_article_is_refused(mini: Path) -> None:
    """Located at the cited number, with what to do; nothing is built (it would link a #p9 that is not there)."""
    _cite(mini, "        paragraph: 9\n")
    result = CliRunner().invoke(cli, ["check", "--root", str(mini)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{EVENT}:15:9: facts[0].sources[0].paragraph: 9 is past the end of seeds/port.txt, "
        "which has 2 paragraphs: correct the number\n"
        "1 error in content; nothing was written. Fix the errors above and run again.\n"
    )
    assert CliRunner().invoke(cli, ["build", "--root", str(mini)]).exit_code == 1
    assert not (mini / "briefings" / "events" / "2024-03-01-port-opening.md").exists()


def test_a_cited_line_that_is_still_that_paragraph_passes(mini: Path) -> None:
    _cite(mini, "        paragraph: 2\n        line: 7\n")
    assert "Content is valid" in _check(mini)


def test_a_paragraph_renumbered_since_it_was_cited_names_its_new_number(mini: Path) -> None:
    # curated when the clutter line 5 was still read as paragraph 1: line 7 was then paragraph 3
    _cite(mini, "        paragraph: 3\n        line: 7\n")
    assert ("the paragraph cited (line 7 of seeds/port.txt) is now paragraph 2: set `paragraph: 2`"
            in _check(mini))


def test_a_cited_line_that_is_now_clutter_asks_for_the_claim_again(mini: Path) -> None:
    _cite(mini, "        paragraph: 1\n        line: 5\n")
    assert "line 5 of seeds/port.txt no longer starts a body paragraph" in _check(mini)
