"""The seed briefing also builds with Zensical, Material for MkDocs' successor, from the same mkdocs.yml."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build

from .conftest import copy_mini_project
from .test_pages_languages import assert_article_text_carries_its_language
from .test_pages_site import seed_copy

BIN = Path(sys.executable).parent


def zensical_build(root: Path) -> Path:
    """Build the generated pages of `root` with Zensical, strict; return its site/."""
    result = subprocess.run(
        [str(BIN / "zensical"), "build", "--strict", "--config-file", "mkdocs.yml"],
        cwd=root, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return zensical_build(seed_copy(tmp_path_factory.mktemp("zensical")))


def test_zensical_keeps_the_language_of_article_text(tmp_path: Path) -> None:
    root = copy_mini_project(tmp_path / "mini")
    build(root)
    assert_article_text_carries_its_language(zensical_build(root))


def test_every_generated_page_is_built(zensical_site: Path) -> None:
    docs = zensical_site.parent / "briefings"
    for page in docs.rglob("*.md"):
        relative = page.relative_to(docs).with_suffix("")
        target = relative.parent if relative.name == "index" else relative
        assert (zensical_site / target / "index.html").is_file(), page


def test_event_page_compares_outlets(zensical_site: Path) -> None:
    html = (zensical_site / "events" / "2023-10-18-lavrov-visits-pyongyang" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('id="facts-compared"') :]
    table = table[: table.index("</table>")]
    assert "CNA" in table and "The Korea Herald" in table and table.count("single source") == 4


def test_search_finds_actor_by_alias(zensical_site: Path) -> None:
    items = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"]
    lavrov = [i for i in items if i["location"].startswith("actors/sergei-lavrov/")]
    assert any("Sergey Lavrov" in i["text"] for i in lavrov)


def test_mermaid_tags_and_feeds(zensical_site: Path) -> None:
    actor = (zensical_site / "actors" / "sergei-lavrov" / "index.html").read_text(encoding="utf-8")
    assert '<pre class="mermaid"><code>graph LR' in actor
    tags = (zensical_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert "visit/" in tags
    visit = (zensical_site / "tags" / "visit" / "index.html").read_text(encoding="utf-8")
    assert "2023-10-18-lavrov-visits-pyongyang" in visit
    assert (zensical_site / "feed.xml").read_bytes().startswith(b"<?xml")
    json.loads((zensical_site / "feed.json").read_text(encoding="utf-8"))


def test_zensical_site_gets_the_same_full_text_search(zensical_site: Path) -> None:
    """Zensical runs no MkDocs hook: `briefings index-search` indexes its site, and the
    theme overrides give its pages the same indexed body and Pagefind search box."""
    result = subprocess.run([str(BIN / "briefings"), "index-search", str(zensical_site)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((zensical_site / "pagefind" / "partitions.json").read_text(encoding="utf-8"))
    assert sum(pages["en"] for _, pages in manifest["partitions"]) > 20
    page = (zensical_site / "actors" / "sergei-lavrov" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-body data-pagefind-meta="kind:actor"' in page
    assert "data-briefings-search" in page and "assets/search.js" in page


def test_pictures_pass_through_as_svg_whose_links_reach_built_pages(zensical_site: Path) -> None:
    """Raw HTML is not rewritten: a picture's links are the built addresses (generator/pictures/svg.py)."""
    import re
    from urllib.parse import urljoin

    for page in ("timeline", "actors/sergei-lavrov", "events/2023-10-18-lavrov-visits-pyongyang"):
        html = (zensical_site / page / "index.html").read_text(encoding="utf-8")
        pictures = re.findall(r'<figure class="briefings-picture".*?</figure>', html, re.S)
        assert pictures and all("<svg viewBox=" in p for p in pictures), page
        links = [href for p in pictures for href in re.findall(r'<a href="([^"]+)"', p)]
        assert links, page
        for href in links:
            target = urljoin(f"http://site/{page}/", href.split("#")[0]).removeprefix("http://site/")
            assert (zensical_site / target / "index.html").is_file(), (page, href)


def test_the_map_is_drawn_the_same_as_with_mkdocs(zensical_site: Path) -> None:
    """The map's raw HTML reaches the page as written (issue 16): its only links are ids on
    the page, and the base map comes from the style sheet, whose URL both builders keep."""
    import re

    for page in ("map", "events/2023-10-18-lavrov-visits-pyongyang"):
        html = (zensical_site / page / "index.html").read_text(encoding="utf-8")
        source = (zensical_site.parent / "briefings" / f"{page}.md").read_text(encoding="utf-8")
        figure = html[html.index('<figure class="briefings-picture briefings-map"'):]
        figure = figure[:figure.index("</figure>") + len("</figure>")]
        assert figure in source  # passed through unchanged
        for anchor in re.findall(r' href="#([^"]+)"', figure):
            assert f'id="{anchor}"' in html
    css = (zensical_site / "assets" / "briefings.css").read_text(encoding="utf-8")
    for name in re.findall(r'url\("(map/[^"]+)"\)', css):
        assert (zensical_site / "assets" / name).is_file(), name
