"""The map's geometry and markup: projection, crop, URLs from built pages, escaping, size; the
base map drawn from TopoJSON."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from generator.build import generate
from generator.paginate import MAX_PAGE_BYTES
from generator.pictures.map import (
    MAP_MARKERS, WORLD, Marker, figure_svg, place_anchor, project, view_around,
)
from generator.pictures.links import built_urls, source_href
from generator.paths import url
from generator.pictures.places import Place

from .conftest import FIXTURES, REPO


def _world_map_script():
    spec = importlib.util.spec_from_file_location("world_map", REPO / "scripts" / "world_map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_projection_is_equirectangular_in_degrees() -> None:
    assert project(39.03, 125.75) == (125.75, -39.03)
    assert project(-33.9, -70.6) == (-70.6, 33.9)


def test_the_view_holds_every_point_with_a_margin_and_stays_in_the_world() -> None:
    points = [project(39.03, 125.75), project(35.1, 129.03)]
    x, y, width, height = view_around(points)
    assert all(x < px < x + width and y < py < y + height for px, py in points)
    assert width >= 30 and 1.4 <= width / height <= 2.4
    x, y, width, height = view_around([project(89, 179), project(-89, -179)])
    assert (x, y, width, height) == WORLD
    x, y, width, height = view_around([project(85, 178)])  # near a corner: moved inside, not cut
    assert x + width <= 180 and y >= -90
    assert view_around([]) == WORLD


@pytest.mark.parametrize(("here", "target", "expected", "built"), [
    ("map.md", "events/x.md", "events/x/", "../events/x/"),
    ("events/x.md", "map.md", "../map/", "../../map/"),
    ("events/x.md", "assets/map/world-110m.svg", "../assets/map/world-110m.svg",
     "../../assets/map/world-110m.svg"),
    ("index.md", "map.md", "map/", "map/"),
    ("index.md", "assets/map/world-110m.svg", "assets/map/world-110m.svg", "assets/map/world-110m.svg"),
    ("events/index.md", "events/x.md", "x/", "x/"),
    ("map.md", "index.md", "./", "../"),
])
def test_links_in_pictures_are_written_for_the_markdown_file_and_built_for_the_page(
        here: str, target: str, expected: str, built: str) -> None:
    assert source_href(here, target) == expected
    page = f'<p><a href="x.md">x</a></p><figure class="briefings-picture briefings-map"><svg>' \
           f'<a href="{expected}#p-1"><title>t</title></a><image href="{expected}"/></svg></figure>'
    rewritten = built_urls(page, here, url(here))
    assert rewritten == page.replace(f'"{expected}', f'"{built}')
    assert built_urls(page.replace("briefings-picture", "other"), here, url(here)) == \
        page.replace("briefings-picture", "other")  # raw HTML that is not a picture is left alone


def test_place_anchors_depend_on_the_point_and_its_precision_only() -> None:
    city = Place(39.0339, 125.7543, "Pyongyang", "KP", "city", "gazetteer", 1871859)
    country = Place(39.0339, 125.7543, "North Korea", "KP", "country", "gazetteer", 1871859)
    south = Place(-33.45, -70.66, "Santiago", "CL", "exact", "curated")
    assert [place_anchor(p) for p in (city, country, south)] == [
        "place-n39.03-e125.75", "place-n39.03-e125.75-country", "place-s33.45-w70.66"]


def test_hostile_names_and_links_reach_the_svg_only_as_text() -> None:
    hostile = '"><script>alert(1)</script><a href="javascript:x">'
    markup = figure_svg("map.md", WORLD, [Marker(1, 2, 3, 'x" onclick="alert(1)', hostile, "event")],
                        hostile, hostile)
    assert "<script>" not in markup and 'onclick="' not in markup and "javascript:x\"" not in markup
    assert markup.count("&lt;script&gt;") == 3
    assert 'href="x&quot; onclick=&quot;alert(1)"' in markup
    assert "\n\n" not in markup  # one raw HTML block: a blank line would end it


def test_every_marker_and_row_of_the_seed_map_links_a_page_that_exists() -> None:
    pages = {page.path: page.text for page in generate(REPO)[0]}
    text = pages["map.md"]
    for href in re.findall(r'<a class="[^"]*" href="([^"]+)"', text):
        if href.startswith("#"):
            assert f'<span id="{href[1:]}">' in text
        else:
            assert href.endswith("/") and href[:-1] + ".md" in pages, href
    assert '<image href="assets/map/world-110m.svg"' in text
    assert (REPO / "briefings" / "assets" / "map" / "world-110m.svg").is_file()
    camp_david = pages["events/2023-08-18-camp-david-summit.md"]
    assert "at the coordinates the curator gave" in camp_david
    assert 'href="../map/#place-n39.65-w77.47"' in camp_david


def test_the_map_page_stays_small_with_thousands_of_places(tmp_path: Path) -> None:
    root = tmp_path / "many"
    shutil.copytree(FIXTURES / "mini", root)
    events = root / "content" / "events"
    long_title = "An event with a long title " * 8
    for index in range(3000):
        latitude, longitude = (index * 7) % 170 - 85, (index * 13) % 358 - 179
        location = "Nowhere-" + str(index) if index % 3 else "Pyongyang, North Korea"
        coordinates = "" if index % 3 == 0 else (
            f"coordinates:\n  latitude: {latitude}\n  longitude: {longitude}\n")
        (events / f"e-{index:05d}.yml").write_text(
            f"title: {long_title.strip()} {index}\ndate: 2024-01-01\nlocation: {location}\n{coordinates}",
            encoding="utf-8")
    pages = {page.path: page.text for page in generate(root)[0]}
    text = pages["map.md"]
    assert len(text.encode("utf-8")) <= MAX_PAGE_BYTES
    assert text.count('<a class="briefings-map-event') == MAP_MARKERS
    assert "places with most events" in text
    assert "<title>Pyongyang: 1000 events</title>" in text
    assert "| <span id=\"place-n39.03-e125.75\"></span>Pyongyang | city, gazetteer | 1000:" in text


def test_the_base_map_script_decodes_quantized_topojson_and_cuts_at_the_antimeridian() -> None:
    world_map = _world_map_script()
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [-180, -90]},
        "arcs": [[[350, 100], [20, 0], [0, 10]], [[370, 110], [-380, 0]], [[0, 0], [0, 10]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1, ~2]], "properties": {"name": "Seam"}, "id": "1"},
        ]}},
    }
    arcs = world_map.decode_arcs(topology)
    assert arcs[0] == [(170, 10), (190, 10), (190, 20)]  # steps added up, then moved
    # arcs meet at a shared point, written once; ~2 is arc 2 walked backwards
    assert world_map.ring([0, 1], arcs) == [(170, 10), (190, 10), (190, 20), (-190, 20)]
    assert world_map.ring([~2], arcs) == [(-180, -80), (-180, -90)]
    flat = world_map.across_the_antimeridian([(170, 10), (-170, 10), (-170, 20), (170, 20)])
    assert flat == [[(170, 10), (190, 10), (190, 20), (170, 20)],
                    [(-190, 10), (-170, 10), (-170, 20), (-190, 20)]]
    svg = world_map.world_svg(topology)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180"')
    assert world_map.path_data([[(125.754, 39.034), (126.0, 39.0), (126.0, 39.0), (125.5, 38.5)]]) == \
        "M125.75 -39.03l.25 .03 -.5 .5z"
