"""Who says so (issue 15): outlets' countries and kinds, facts' original sources, blindspots.

The corpus tests/fixtures/sides has outlets of four countries and four kinds, and one
outlet with none of the new fields; its pages are goldens (tests/test_golden.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import generate
from generator.countries import country_code
from generator.link import link
from generator.load import load_content
from generator.sources import press_by_country, provenance, sides, state_only
from tests.goldens import SIDES

def _graph():
    return link(load_content(SIDES))


def test_a_fact_repeated_from_state_media_names_its_original_and_its_repeaters() -> None:
    summit = next(e for e in _graph().events if e.id == "2024-05-01-summit")
    repeated, plain = summit.facts
    [origin] = provenance(repeated)
    assert origin.outlet.id == "central-agency"
    assert [o.id for o in origin.repeaters] == ["seoul-daily", "tokyo-broadcasting"]
    assert not origin.reported
    assert state_only(repeated) == "North Korea"
    assert state_only(plain) is None
    assert {o.outlet.id for o in provenance(plain)} == {"seoul-daily", "tokyo-broadcasting", "old-paper"}


def test_coverage_by_side_flags_one_country_or_one_kind_only() -> None:
    events = {e.id: e for e in _graph().events}
    summit = sides(events["2024-05-01-summit"])
    assert summit.blindspots == []
    assert [s.label for s in summit.countries] == ["Japan", "South Korea", "unknown country"]
    assert [o.id for o in summit.originals] == ["central-agency"]
    assert sides(events["2024-05-03-drill"]).blindspots == [
        "one country (South Korea)", "one kind of outlet (private)"]


def test_each_country_press_covered_and_left_out() -> None:
    press = {c.code: c for c in press_by_country(_graph())}
    assert sorted(press) == ["JP", "KR", "RU"]  # the outlet of unknown country is left out
    assert [(e.id, n) for e, n in press["RU"].left_out] == [("2024-05-01-summit", 2), ("2024-05-03-drill", 1)]
    assert [e.id for e, _ in press["KR"].covered] == ["2024-05-01-summit", "2024-05-03-drill"]


@pytest.mark.parametrize("written, code", [("KR", "KR"), ("kr", "KR"), ("South Korea", "KR"),
                                           ("north korea", "KP"), (" Russia ", "RU")])
def test_a_country_is_read_as_its_code_or_its_english_name(written: str, code: str) -> None:
    assert country_code(written) == code


@pytest.mark.parametrize("written", ["EU", "ZZ", "Nowhere", "Korea"])
def test_what_is_not_a_country_is_refused_with_what_to_write(written: str) -> None:
    with pytest.raises(ValueError, match="write its ISO 3166 code, e.g. KR, or its English name"):
        country_code(written)


def test_the_seed_lavrov_visit_shows_kcna_as_the_original_both_articles_repeat(seed_project: Path) -> None:
    pages, _ = generate(seed_project)
    page = next(p.text for p in pages if p.path == "events/2023-10-18-lavrov-visits-pyongyang.md")
    assert "| Singapore | 1 | [CNA](../outlets/cna.md) |" in page
    assert "| South Korea | 1 | [The Korea Herald](../outlets/the-korea-herald.md) |" in page
    assert "| Public broadcaster | 1 | [CNA](../outlets/cna.md) |" in page
    assert ("Kim Jong Un met Lavrov on Thursday 19 October. **only North Korea's state media**<br>"
            "Original source: [Korean Central News Agency](../outlets/kcna.md), repeated by "
            "[CNA](../outlets/cna.md), [The Korea Herald](../outlets/the-korea-herald.md)") in page
    assert "Blindspot" not in page
    assert any(p.path == "blindspots.md" for p in pages)
