"""The seed briefing built into a site with MkDocs (strict): search, tags, diagrams, feeds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build

from .conftest import REPO, copy_seed_project
from .sitehtml import search_records

BIN = Path(sys.executable).parent


def seed_copy(target: Path) -> Path:
    """The seed project (content, seeds, hand-written pages, mkdocs.yml) with its pages generated."""
    copy_seed_project(target)
    build(target)
    return target


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = seed_copy(tmp_path_factory.mktemp("mkdocs"))
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--quiet"],
        cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    return root / "site"


def search_record(site: Path, url: str) -> dict:
    """What the search index (Pagefind's) holds of the page at `url` ("actors/x/")."""
    return search_records(site)["/" + url]


@pytest.mark.parametrize(
    "actor, alias",
    [("sergei-lavrov", "Sergey Lavrov"), ("kim-jong-un", "Kim Jong-un"), ("kcna", "Korean Central News Agency")],
)
def test_search_index_finds_actors_by_alias(mkdocs_site: Path, actor: str, alias: str) -> None:
    import yaml

    assert alias in yaml.safe_load((REPO / "content" / "actors" / f"{actor}.yml").read_text())["aliases"]
    assert alias in search_record(mkdocs_site, f"actors/{actor}/")["content"]


def test_search_index_finds_quotes_by_their_words(mkdocs_site: Path) -> None:
    hits = [url for url, record in search_records(mkdocs_site).items()
            if "intended provocation for a nuclear war" in record["content"]]
    assert "/quotes/" in hits


def test_the_theme_search_plugin_writes_no_index_nothing_loads(mkdocs_site: Path) -> None:
    """Material's search plugin stays for its header button (which opens the Pagefind box);
    its index is not built."""
    assert not (mkdocs_site / "search").exists()
    page = (mkdocs_site / "articles" / "cna-2023-10-19-kim-wants-forward-looking-ties-with-russia"
            / "index.html").read_text(encoding="utf-8")
    assert 'for="__search"' in page and "data-briefings-search" in page


def test_built_event_page_shows_coverage_side_by_side(mkdocs_site: Path) -> None:
    html = (mkdocs_site / "events" / "2023-10-18-lavrov-visits-pyongyang" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('id="facts-compared"') :]
    table = table[: table.index("</table>")]
    header = table[table.index("<thead>") : table.index("</thead>")]
    assert header.index("CNA") < header.index("The Korea Herald")
    assert table.count("single source") == 4


def test_built_pages_carry_diagrams_tags_and_feeds(mkdocs_site: Path) -> None:
    actor = (mkdocs_site / "actors" / "sergei-lavrov" / "index.html").read_text(encoding="utf-8")
    assert '<pre class="mermaid"><code>graph LR' in actor
    tags = (mkdocs_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert 'href="visit/"' in tags and "Visit" in tags
    visit = (mkdocs_site / "tags" / "visit" / "index.html").read_text(encoding="utf-8")
    assert "../../events/2023-10-18-lavrov-visits-pyongyang/" in visit
    assert (mkdocs_site / "feed.xml").read_bytes().startswith(b"<?xml")
    json.loads((mkdocs_site / "feed.json").read_text(encoding="utf-8"))


def test_search_index_finds_events_by_place_and_date(mkdocs_site: Path) -> None:
    import yaml

    from generator.model import Event
    from generator.render import event_date

    event_id = "2023-10-18-lavrov-visits-pyongyang"
    event = Event.model_validate(yaml.safe_load((REPO / "content" / "events" / f"{event_id}.yml").read_text()))
    record = search_record(mkdocs_site, f"events/{event_id}/")
    assert event.location and event.location in record["content"]
    assert event_date(event) in record["content"]
    assert record["meta"]["title"] == event.title
