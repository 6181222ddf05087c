"""The real seed briefing, generated and built with `mkdocs build --strict`."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.build import build
from tests.conftest import copy_seed_project
from tests.sitehtml import HtmlPage, read_site

pytestmark = pytest.mark.slow

ACTORS = [
    "kim-jong-un", "sergei-lavrov", "vladimir-putin", "choe-son-hui", "kim-in-ae", "kcna",
    "workers-party-of-korea", "unification-ministry", "russian-foreign-ministry",
    "north-korea", "russia", "south-korea", "united-states", "japan", "united-nations",
]
EVENTS = [
    "2023-10-18-lavrov-visits-pyongyang", "2023-10-19-kim-jong-un-meets-lavrov",
    "2023-09-13-kim-putin-summit", "2024-06-19-putin-visits-north-korea",
    "2023-08-18-camp-david-summit", "2023-07-18-us-nuclear-submarine-port-call",
    "2023-10-17-b-52-lands-at-cheongju", "2023-10-17-f-22-deployment-during-adex",
    "2023-10-22-first-trilateral-air-drill", "2023-10-20-unification-ministry-briefing",
    "2023-10-20-kcna-commentary-on-us-deployment", "2023-north-korea-weapons-tests",
]
CNA = "articles/cna-2023-10-19-kim-wants-forward-looking-ties-with-russia/"
HERALD = "articles/the-korea-herald-2023-10-20-kim-reaffirms-ties-with-russia-envoy/"


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, HtmlPage], dict]:
    root = tmp_path_factory.mktemp("seed-site")
    copy_seed_project(root)
    seeds_before = _digest(root / "seeds")
    build(root)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=root, check=True, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    return root, read_site(root / "site"), seeds_before


def test_every_listed_actor_and_event_has_a_page(built) -> None:
    _, pages, _ = built
    missing = [f"actors/{a}/" for a in ACTORS if f"actors/{a}/" not in pages]
    missing += [f"events/{e}/" for e in EVENTS if f"events/{e}/" not in pages]
    assert missing == []


def test_index_pages_exist_and_are_linked_from_home(built) -> None:
    _, pages, _ = built
    home = pages[""]
    for index in ("actors/", "events/", "articles/", "outlets/", "timeline/"):
        assert index in pages
        assert index in home.links_to()


def test_event_links_its_actors_and_articles_and_they_link_back(built) -> None:
    root, pages, _ = built
    for event_id in EVENTS:
        event = pages[f"events/{event_id}/"]
        data = yaml.safe_load((root / "content/events" / f"{event_id}.yml").read_text())
        for participant in data["actors"]:
            actor_page = f"actors/{participant['actor']}/"
            assert actor_page in event.links_to(), (event_id, actor_page)
            assert f"events/{event_id}/" in pages[actor_page].links_to(), (actor_page, event_id)
    for article_file in sorted((root / "content/articles").glob("*.yml")):
        article = yaml.safe_load(article_file.read_text())
        article_page = f"articles/{article_file.stem}/"
        for event_id in article["events"]:
            assert article_page in pages[f"events/{event_id}/"].links_to()
            assert f"events/{event_id}/" in pages[article_page].links_to()
        for actor_id in article["actors"]:
            assert article_page in pages[f"actors/{actor_id}/"].links_to()


def test_quotes_link_to_the_paragraph_that_holds_them(built) -> None:
    _, pages, _ = built
    lavrov = pages["actors/sergei-lavrov/"]
    quote_links = [h for h in lavrov.hrefs if "#p" in h and "articles/" in h]
    assert len(quote_links) == 3
    for href in quote_links:
        target, anchor = href.split("#")
        (path,) = HtmlPage(lavrov.path, [target]).links_to()
        assert anchor in pages[path].ids, href
    # The CNA quote "After the landmark summit ..." is the twelfth body paragraph.
    assert any(h.endswith(f"{CNA.split('/')[1]}/#p12") for h in quote_links)


def test_article_text_has_anchors_and_no_page_clutter(built) -> None:
    root, pages, seeds_before = built
    herald = pages[HERALD]
    assert {f"p{n}" for n in range(1, 13)} <= herald.ids
    assert "p13" not in herald.ids
    assert "Link copied" not in herald.text
    caption = "during talks with Russian Foreign Minister Sergei Lavrov in Pyongyang"
    assert caption not in herald.text
    cna = pages[CNA]
    assert "Source: CNA" not in cna.text
    assert "TIGHTENING RELATIONSHIP" in cna.text  # a subheading, kept
    # The raw files are the input of record: the build leaves them as they were.
    assert _digest(root / "seeds") == seeds_before
    assert "Link copied" in (root / "seeds/001_96fd2f50b58f619b.txt").read_text()


def _links_with_text(html: str, text: str) -> list[str]:
    """Targets of the links whose whole text is `text`."""
    return re.findall(rf'<a href="([^"]+)"[^>]*>{re.escape(text)}</a>', html)


def test_mentions_link_to_actors_and_context_settles_short_forms(built) -> None:
    root, pages, _ = built
    herald_html = (root / "site" / HERALD / "index.html").read_text()
    assert {"actors/kim-jong-un/", "actors/kim-in-ae/"} <= pages[HERALD].links_to()
    # Two Kims in the Herald: a bare "Kim" links only where a title settles it
    # ("deputy spokesperson Kim" is Kim In-ae); "Kim and Lavrov", "the Kim regime" stay unlinked.
    assert _links_with_text(herald_html, "Kim") == ["../../actors/kim-in-ae/"]
    # One Kim in CNA: the short form means him.
    cna_html = (root / "site" / CNA / "index.html").read_text()
    assert set(_links_with_text(cna_html, "Kim")) == {"../../actors/kim-jong-un/"}
    # A capital used as a place is not the state: the dateline and "south of Seoul".
    assert _links_with_text(cna_html, "SEOUL") == []
    assert "south of Seoul," in pages[CNA].text
    assert _links_with_text(cna_html, "Seoul") == ["../../actors/south-korea/"] * 2  # "Seoul has moved", "Seoul and Washington"


def test_sidebar_lists_index_pages_not_every_page(built) -> None:
    root, _, _ = built
    html = (root / "site" / "index.html").read_text()
    assert "actors/sergei-lavrov/" not in html.split('md-sidebar--primary', 1)[1].split("</nav>", 1)[0]
