"""Draw the site's base map, briefings/assets/map/world-110m.svg, from Natural Earth.

Input: countries-110m.json of the npm package world-atlas@2.0.2 (Natural Earth's 1:110m
countries as TopoJSON; `make world-map` fetches it with `npm pack`). Output: one SVG path per
country in the equirectangular projection the map pages use (generator/pictures/map.py):
x = longitude, y = -latitude, in degrees, so the picture's viewBox is -180 -90 360 180
and the style sheet lays it under each map (generator/pictures/map.py `background`).

Run once, when the data or the drawing changes; the SVG (and its dark twin,
world-110m-dark.svg) is committed:
    python scripts/world_map.py path/to/countries-110m.json briefings/assets/map/world-110m.svg
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DECIMALS = 2
"""Degrees to 2 decimals: about a kilometre, finer than the 1:110m data (about 10 km)."""
STROKE_WIDTH = "0.06"
SCHEMES = {"": ("#c9ccd1", "#ffffff"), "-dark": ("#5b6070", "#2e303e")}
"""Land and border colours of the light file and of its `-dark` twin (Material's slate scheme);
the sea is transparent: the page's colour shows through."""


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as absolute (longitude, latitude) points.

    A quantized topology (one with a `transform`) stores each arc's first point as a
    position on an integer grid and every next point as the step from the one before.
    """
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A closed ring from its arcs; a negative index ~i is arc i walked backwards.

    Consecutive arcs share their meeting point, so each arc after the first drops its first.
    """
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def path_data(rings: list[list[tuple[float, float]]]) -> str:
    """SVG path data of the rings in the map's projection (x = longitude, y = -latitude).

    Points are rounded first, then written as steps from the one before (`l dx dy`), which
    are shorter than positions and, taken between rounded points, add up exactly.
    """
    scale = 10 ** DECIMALS
    parts = []
    for points in rings:
        grid: list[tuple[int, int]] = []
        for longitude, latitude in points:
            point = (round(longitude * scale), round(-latitude * scale))
            if not grid or grid[-1] != point:
                grid.append(point)
        if len(grid) < 3:
            continue
        steps = [f"{_number(b[0] - a[0], scale)} {_number(b[1] - a[1], scale)}"
                 for a, b in zip(grid, grid[1:])]
        parts.append(f"M{_number(grid[0][0], scale)} {_number(grid[0][1], scale)}l" + " ".join(steps) + "z")
    return "".join(parts)


def _number(value: int, scale: int) -> str:
    """An integer count of 1/`scale` degrees as the shortest decimal: 150 -> '1.5', -7 -> '-.07'."""
    text = f"{value / scale:.{DECIMALS}f}".rstrip("0").rstrip(".")
    text = text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text
    return text if text not in ("", "-", "-0") else "0"


def country_rings(geometry: dict, arcs: list) -> list[list[tuple[float, float]]]:
    if geometry["type"] == "Polygon":
        rings = [ring(r, arcs) for r in geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        rings = [ring(r, arcs) for polygon in geometry["arcs"] for r in polygon]
    else:
        rings = []
    return [flat for points in rings for flat in across_the_antimeridian(points)]


def across_the_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring as it can be drawn flat: the data's rings that cross longitude 180 (Russia, Fiji)
    jump from 180 to -180, which would draw a line across the world.

    The ring is made continuous (a jump of more than 180 degrees is taken as a crossing) and
    drawn twice, once shifted by 360 degrees, so the map's edges cut each copy where the other
    goes on. A ring around a pole (Antarctica) ends 360 degrees from where it starts: it is
    closed along the pole's edge of the map instead.
    """
    if not points:
        return []
    flat = [points[0]]
    for longitude, latitude in points[1:]:
        previous = flat[-1][0]
        while longitude - previous > 180:
            longitude -= 360
        while previous - longitude > 180:
            longitude += 360
        flat.append((longitude, latitude))
    turn = flat[-1][0] - flat[0][0]
    if abs(turn) > 180:  # around a pole
        pole = -90.0 if sum(lat for _, lat in flat) < 0 else 90.0
        flat += [(flat[-1][0], pole), (flat[0][0], pole)]
    low, high = min(x for x, _ in flat), max(x for x, _ in flat)
    copies = [flat]
    if high > 180:
        copies.append([(x - 360, y) for x, y in flat])
    if low < -180:
        copies.append([(x + 360, y) for x, y in flat])
    return copies


def world_svg(topology: dict, fill: str = SCHEMES[""][0], stroke: str = SCHEMES[""][1]) -> str:
    arcs = decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    paths = []
    for geometry in sorted(geometries, key=lambda g: (g.get("id") or "", g["properties"]["name"])):
        data = path_data(country_rings(geometry, arcs))
        if data:
            paths.append(f'<path d="{data}"/>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180" '
        'width="360" height="180" preserveAspectRatio="none">\n'
        "<!-- Natural Earth 1:110m countries (public domain), from the npm package world-atlas@2.0.2 "
        "(ISC); drawn by scripts/world_map.py: x = longitude, y = -latitude -->\n"
        f'<g fill="{fill}" stroke="{stroke}" stroke-width="{STROKE_WIDTH}" stroke-linejoin="round" '
        'fill-rule="evenodd">\n' + "\n".join(paths) + "\n</g>\n</svg>\n"
    )


def main(source: str, target: str) -> None:
    """Write `target` and its dark twin (`world-110m-dark.svg` beside `world-110m.svg`)."""
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    light = Path(target)
    light.parent.mkdir(parents=True, exist_ok=True)
    for suffix, (fill, stroke) in SCHEMES.items():
        path = light.with_name(light.stem + suffix + light.suffix)
        path.write_text(world_svg(topology, fill, stroke), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
