"""The map's geometry and markup: projection, crop, the base map under it, escaping, size; the
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
    WORLD, Marker, background, figure_svg, place_anchor, project, view_around,
)

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


def test_the_base_map_is_laid_under_the_crop_by_its_size_and_position() -> None:
    # the whole world: the background is the box
    assert background(WORLD) == "background-size:100% 100%;background-position:0 0"
    # a crop from longitude 0 to 90 and latitude 90 to 45: the world is 4 by 4 crops, its
    # left edge 2 crops to the left (2/3 of the 3 crops it overhangs), its top at the top
    assert background((0, -90, 90, 45)) == \
        "background-size:400% 400%;background-position:66.67% 0%"
    # Pyongyang's locator: the view's corner is where the background puts the world's corner
    x, y, width, height = 113.75, -46.03, 24, 14
    size_x, position_x = 360 / width, (-180 - x) / (width - 360)
    assert background((x, y, width, height)).startswith(f"background-size:{size_x * 100:g}%")
    offset = (width - 360) * position_x  # where the world's left edge falls, in degrees of the box
    assert round(-180 - offset, 6) == x


def test_place_anchors_depend_on_the_point_and_its_precision_only() -> None:
    city = Place(39.0339, 125.7543, "Pyongyang", "KP", "city", "gazetteer", 1871859)
    country = Place(39.0339, 125.7543, "North Korea", "KP", "country", "gazetteer", 1871859)
    south = Place(-33.45, -70.66, "Santiago", "CL", "exact", "curated")
    assert [place_anchor(p) for p in (city, country, south)] == [
        "place-n39.03-e125.75", "place-n39.03-e125.75-country", "place-s33.45-w70.66"]


def test_hostile_names_and_links_reach_the_svg_only_as_text() -> None:
    hostile = '"><script>alert(1)</script><a href="javascript:x">'
    markup = figure_svg(WORLD, [Marker(1, 2, 3, '#x" onclick="alert(1)', hostile, "event"),
                                Marker(1, 2, 3, "", hostile, "outlet")], hostile, hostile)
    assert "<script>" not in markup and 'onclick="' not in markup and "javascript:x\"" not in markup
    assert markup.count("&lt;script&gt;") == 4
    assert 'href="#x&quot; onclick=&quot;alert(1)"' in markup
    assert "\n\n" not in markup  # one raw HTML block: a blank line would end it


def test_the_seed_map_links_only_its_own_rows_and_the_rows_link_the_events() -> None:
    pages = {page.path: page.text for page in generate(REPO)[0]}
    text = pages["map.md"]
    figure = text[text.index("<figure"):text.index("</figure>")]
    hrefs = re.findall(r' href="([^"]*)"', figure)
    assert len(hrefs) == 13 and all(f'<span id="{href[1:]}">' in text for href in hrefs)
    assert "<image" not in figure and "url(" not in figure  # the base map comes from the style sheet
    for link in re.findall(r"\]\(([^)]+\.md)\)", text[text.index("## Places"):]):
        assert link in pages, link
    assert (REPO / "briefings" / "assets" / "map" / "world-110m.svg").is_file()
    assert (REPO / "briefings" / "assets" / "map" / "world-110m-dark.svg").is_file()
    css = (REPO / "briefings" / "assets" / "briefings.css").read_text(encoding="utf-8")
    assert 'url("map/world-110m.svg")' in css and 'url("map/world-110m-dark.svg")' in css
    camp_david = pages["events/2023-08-18-camp-david-summit.md"]
    assert "at the coordinates the curator gave" in camp_david
    assert '<g class="briefings-map-event"><title>Camp David, Maryland, United States</title>' in camp_david


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
    drawn = text.count('<a class="briefings-map-event')
    assert 10 <= drawn == text.count("<span id=\"place-")  # every place drawn is a row of the table
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
    assert 'fill="#c9ccd1"' in svg and 'fill="#5b6070"' in world_map.world_svg(topology, *world_map.SCHEMES["-dark"])
    assert world_map.path_data([[(125.754, 39.034), (126.0, 39.0), (126.0, 39.0), (125.5, 38.5)]]) == \
        "M125.75 -39.03l.25 .03 -.5 .5z"


def test_places_edited_between_builds_render_as_a_clean_build(tmp_path: Path) -> None:
    """The map page reads every event's place and each event page its own: after moving one
    event, the incremental build writes what a clean build writes; after giving one event
    coordinates and taking them from another, it renders the map page and those two only."""
    from generator import build as pipeline

    from .test_incremental import _clean_build, _generated, rendered_by_build

    project = tmp_path / "project"
    for folder in ("content", "seeds"):
        shutil.copytree(REPO / folder, project / folder)
    pipeline.build(project)
    events = project / "content" / "events"

    def rebuild() -> set[str]:
        expected = _clean_build(project, tmp_path / "clean")
        rendered = rendered_by_build(project)
        got = _generated(project / "briefings")
        assert sorted(n for n in expected.keys() | got.keys() if expected.get(n) != got.get(n)) == []
        return rendered

    busan = events / "2023-07-18-us-nuclear-submarine-port-call.yml"
    busan.write_text(busan.read_text(encoding="utf-8").replace(
        "location: Busan, South Korea", "location: Kursk, Russia"), encoding="utf-8")
    rendered = rebuild()
    assert {"map.md", "events/2023-07-18-us-nuclear-submarine-port-call.md", "timeline.md"} <= rendered
    assert "Kursk" in (project / "briefings" / "map.md").read_text(encoding="utf-8")

    seoul = events / "2023-10-20-unification-ministry-briefing.yml"
    seoul.write_text(seoul.read_text(encoding="utf-8").replace(
        "location: Seoul, South Korea\n",
        "location: Seoul, South Korea\ncoordinates:\n  latitude: 37.5759\n  longitude: 126.9768\n"),
        encoding="utf-8")
    camp_david = events / "2023-08-18-camp-david-summit.yml"
    text = camp_david.read_text(encoding="utf-8")
    camp_david.write_text(re.sub(r"coordinates:\n(  .*\n)+precision: exact\n", "", text), encoding="utf-8")
    assert rebuild() == {"map.md", "events/2023-10-20-unification-ministry-briefing.md",
                         "events/2023-08-18-camp-david-summit.md"}
