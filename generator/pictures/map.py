"""The map of places: where events happened and where the outlets are, drawn at build time.

Python decides the geometry and writes the SVG; the templates decide where it stands
(map.md and each placed event's page). The base map is not in the pages: it is one static
file served with the site (briefings/assets/map/world-110m.svg, drawn by
scripts/world_map.py), laid under each picture by the style sheet, in the same projection:
equirectangular, x = longitude and y = -latitude in degrees, so that cropping a picture to
its places is choosing its viewBox (and the background's size and position). Markers carry
a <title>; on the map page they are links to their rows in the tables below it. Every text
and attribute is HTML-escaped, since the site builders pass raw HTML through as written.

The map page stays bounded whatever the corpus: events at one point share a marker, its
table of places stops at a byte budget (with a link to the events index) and only the
places it lists are drawn, with at most COUNTRY_ROWS outlets' countries.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

from ..link import EventNode, Graph, OutletNode
from ..paths import MAP
from .places import Place, country_label, country_place, place_of

ASSET = "assets/map/world-110m.svg"
"""The base map, under briefings/ (drawn by scripts/world_map.py; `-dark.svg` for dark mode).
Pages do not name it: briefings.css lays it under every map."""
WORLD = (-180.0, -90.0, 360.0, 180.0)
"""The base map's extent in the projection: x, y, width, height (degrees)."""

MAP_MARKERS = 40
"""The most event places the map page draws: the busiest (the table lists them too)."""
COUNTRY_ROWS = 20
"""The most outlets' countries the map page draws and lists (those with most outlets)."""
TABLE_BUDGET = 11000
"""Bytes the map page's table of places may take at most (estimated from its links)."""
ROW_EVENTS = 3
"""Events a row of the places table links; a busier place says how many more it has."""
UNPLACED_SHOWN = 10
"""Events without a place the map page lists by name (the events index has all)."""
COUNTRY_OUTLETS = 3
"""Outlets a row of the outlets' countries table links."""
NAME_LIMIT = 60
"""The longest name a marker's title shows (a curator's location text can be long)."""
LOCATOR_SPAN = (24.0, 14.0)
"""Width and height in degrees of an event page's locator map, around its place."""
MIN_SPAN = (30.0, 15.0)
"""The smallest area the map page shows, so that a single place still has surroundings."""

PRECISION_WORDS = {
    "exact": "the exact place",
    "city": "a city",
    "region": "a region",
    "country": "a whole country",
}
"""What a place's precision means, as its description says it."""


# --- places of the whole briefing -------------------------------------------------


@dataclass(frozen=True)
class PlaceGroup:
    """The events that took place at one point of the map."""

    place: Place
    events: list[EventNode]
    """By date."""

    @property
    def anchor(self) -> str:
        return place_anchor(self.place)


@dataclass(frozen=True)
class CountryGroup:
    """The outlets based in one country, and where the map marks it (None: not in the gazetteer)."""

    code: str
    name: str
    place: Place | None
    outlets: list[OutletNode]

    @property
    def anchor(self) -> str:
        return f"country-{self.code.lower()}"


@dataclass(frozen=True)
class Atlas:
    """What the map page shows: places with their events, unplaced events, outlets' countries."""

    places: list[PlaceGroup]
    """The busiest first, then by name."""
    unplaced: list[EventNode]
    countries: list[CountryGroup]
    """The countries with most outlets first, then by name."""

    @property
    def placed_events(self) -> int:
        return sum(len(group.events) for group in self.places)

    @property
    def rows(self) -> list[PlaceGroup]:
        """The places the table lists: the busiest, while the table stays within TABLE_BUDGET."""
        shown, used = [], 0
        for group in self.places:
            links = sum(len(event.title[:160]) + len(event.path) + 30 for event in group.events[:ROW_EVENTS])
            used += 200 + len(group.place.name[:NAME_LIMIT]) + links
            if used > TABLE_BUDGET:
                break
            shown.append(group)
        return shown


def place_anchor(place: Place) -> str:
    """`place-n39.03-e125.75` (`-region`, `-country` for rougher places): the id of a place's
    row on the map page, from the place alone (an event page links it knowing only its event)."""
    latitude, longitude, precision = place.key
    return (f"place-{'n' if latitude >= 0 else 's'}{abs(latitude):.2f}"
            f"-{'e' if longitude >= 0 else 'w'}{abs(longitude):.2f}"
            + ("" if precision in ("exact", "city") else f"-{precision}"))


def atlas(graph: Graph) -> Atlas:
    """The briefing's places: events grouped by point, and the outlets' countries."""
    groups: dict[tuple[float, float, str], list[tuple[Place, EventNode]]] = {}
    unplaced = []
    for event in graph.events:
        place = place_of(event.event)
        if place is None:
            unplaced.append(event)
        else:
            groups.setdefault(place.key, []).append((place, event))
    places = [PlaceGroup(members[0][0], [event for _, event in members]) for members in groups.values()]
    places.sort(key=lambda g: (-len(g.events), g.place.name, g.place.key))
    by_country: dict[str, list[OutletNode]] = {}
    for outlet in graph.outlets:
        code = outlet.outlet.country
        if code:
            by_country.setdefault(code, []).append(outlet)
    countries = [CountryGroup(code, country_label(code), country_place(code), outlets)
                 for code, outlets in by_country.items()]
    countries.sort(key=lambda c: (-len(c.outlets), c.name))
    return Atlas(places, unplaced, countries)


def event_place(event: EventNode) -> Place | None:
    """Where the map puts `event` (for its page's words and locator)."""
    return place_of(event.event)


def describe_place(place: Place) -> str:
    """'Pyongyang, North Korea (39.03° N, 125.75° E): a city, guessed from the location text by the
    offline gazetteer (GeoNames 1871859)': where the map puts an event, and who said so."""
    country = f", {country_label(place.country)}" if place.country and place.precision != "country" else ""
    where = f"{place.name}{country} ({coordinates_text(place)})"
    if place.source == "curated":
        return f"{where}: {PRECISION_WORDS[place.precision]}, at the coordinates the curator gave"
    return (f"{where}: {PRECISION_WORDS[place.precision]}, guessed from the location text by the "
            f"offline gazetteer (GeoNames {place.geonameid})")


def coordinates_text(place: Place) -> str:
    """'39.03° N, 125.75° E'."""
    return (f"{abs(place.latitude):.2f}° {'N' if place.latitude >= 0 else 'S'}, "
            f"{abs(place.longitude):.2f}° {'E' if place.longitude >= 0 else 'W'}")


# --- geometry ----------------------------------------------------------------------


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """The point of the map at (latitude, longitude): equirectangular, x east and y down, in degrees."""
    return longitude, -latitude


def view_around(points: list[tuple[float, float]], minimum: tuple[float, float] = MIN_SPAN,
                ratio: tuple[float, float] = (1.4, 2.4)) -> tuple[float, float, float, float]:
    """The viewBox (x, y, width, height) showing every projected point with a margin.

    At least `minimum` wide and high; its width over height kept within `ratio` (a page
    is wider than high); moved, not cut, to stay inside the world where it can.
    """
    if not points:
        return WORLD
    xs, ys = [x for x, _ in points], [y for _, y in points]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    margin = max(3.0, 0.1 * max(right - left, bottom - top))
    width = max(minimum[0], right - left + 2 * margin)
    height = max(minimum[1], bottom - top + 2 * margin)
    width = max(width, height * ratio[0])
    height = max(height, width / ratio[1])
    width, height = min(width, WORLD[2]), min(height, WORLD[3])
    x = _inside((left + right - width) / 2, width, WORLD[0], WORLD[2])
    y = _inside((top + bottom - height) / 2, height, WORLD[1], WORLD[3])
    return x, y, width, height


def _inside(start: float, span: float, low: float, extent: float) -> float:
    return min(max(start, low), low + extent - span)


def _number(value: float) -> str:
    """A coordinate to 2 decimals, as short as it goes: 125.0 -> '125', -0.5 -> '-0.5'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _radius(view: tuple[float, float, float, float], count: int = 1) -> float:
    """A marker's radius: about 1/90 of the picture's width, a little larger for busier places."""
    return view[2] / 90 * min(2.0, 1 + 0.25 * math.log2(count))


# --- SVG ---------------------------------------------------------------------------


def _attribute(value: object) -> str:
    return html.escape(str(value), quote=True)


def _short(text: str, limit: int = NAME_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Marker:
    """One mark on a map: where, how large, what it links to and says."""

    x: float
    y: float
    radius: float
    href: str
    title: str
    kind: str
    """'event' (a circle) or 'outlet' (a square)."""
    precision: str = "exact"


def _marker_svg(marker: Marker) -> str:
    x, y, r = marker.x, marker.y, marker.radius
    if marker.kind == "outlet":
        shape = (f'<rect x="{_number(x - r)}" y="{_number(y - r)}" width="{_number(2 * r)}" '
                 f'height="{_number(2 * r)}"/>')
    else:
        shape = f'<circle cx="{_number(x)}" cy="{_number(y)}" r="{_number(r)}"/>'
    rough = " briefings-map-rough" if marker.precision in ("region", "country") else ""
    title = f"<title>{_attribute(marker.title)}</title>"
    if not marker.href:
        return f'<g class="briefings-map-{marker.kind}{rough}">{title}{shape}</g>'
    return (f'<a class="briefings-map-{marker.kind}{rough}" href="{_attribute(marker.href)}">'
            f"{title}{shape}</a>")


def background(view: tuple[float, float, float, float]) -> str:
    """The CSS that lays the base map (360 by 180 degrees) under the picture's viewBox.

    The base map is the SVG's CSS background (briefings.css names the file, so its URL is
    relative to the style sheet, the same on every page and with either site builder): it
    is scaled so that the viewBox's width is the picture's, and moved so that the view's
    corner is the picture's. A background's position p% puts the point p% along the image
    at p% along the box: p = (world's left - view's left) / (view's width - world's width).
    """
    x, y, width, height = view
    size = f"{_number(WORLD[2] / width * 100)}% {_number(WORLD[3] / height * 100)}%"

    def position(start: float, span: float, world_start: float, world_span: float) -> str:
        if abs(span - world_span) < 1e-9:
            return "0"
        return f"{_number((world_start - start) / (span - world_span) * 100)}%"

    where = f"{position(x, width, WORLD[0], WORLD[2])} {position(y, height, WORLD[1], WORLD[3])}"
    return f"background-size:{size};background-position:{where}"


def figure_svg(view: tuple[float, float, float, float], markers: list[Marker], label: str,
               caption: str) -> str:
    """The picture as one raw HTML block: a figure, the cropped SVG, its caption.

    No blank line inside (Markdown would end the HTML block there); kept out of the search
    index. Its only links are to ids on the same page (`#place-...`): a relative URL in raw
    HTML is served as written by MkDocs and rewritten for the built page by Zensical, so no
    other relative URL would be right under both.
    """
    box = " ".join(_number(v) for v in view)
    lines = [
        '<figure class="briefings-picture briefings-map" data-pagefind-ignore="all">',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}" role="group" '
        f'aria-label="{_attribute(label)}" style="{background(view)}">',
        *map(_marker_svg, markers),
        "</svg>",
        f"<figcaption>{_attribute(caption)}</figcaption>",
        "</figure>",
    ]
    return "\n".join(lines) + "\n"


def _count(number: int, one: str, many: str = "") -> str:
    """'1 place', '3 places', '2 countries'."""
    return f"{number} {one if number == 1 else many or one + 's'}"


def _events_title(group: PlaceGroup) -> str:
    count = len(group.events)
    if count == 1:
        return f"{_short(group.place.name)}: {_short(group.events[0].title, 100)}"
    return f"{_short(group.place.name)}: {count} events"


def map_page_figure(whole: Atlas) -> str:
    """The map page's pictures: the places its table lists and the outlets' countries, cropped
    to them, and a closer view of the busiest place's surroundings when they crowd together at
    that scale. Each marker links to its row of the tables below, which link the pages."""
    places = whole.rows[:MAP_MARKERS]
    countries = [c for c in whole.countries[:COUNTRY_ROWS] if c.place is not None]
    points = [project(g.place.latitude, g.place.longitude) for g in places]
    points += [project(c.place.latitude, c.place.longitude) for c in countries]  # type: ignore[union-attr]
    view = view_around(points)
    caption = ("Circles: where events took place (dashed: only the region or country is known); "
               "squares: the countries of the outlets. Each leads to its row in the tables below.")
    label = (f"Map of {_count(len(places), 'place')} of events"
             + (f" and {_count(len(countries), 'country', 'countries')} of outlets" if countries else ""))
    figures = [figure_svg(view, _page_markers(view, places, countries), label, caption)]
    close = _closer_view(places, view)
    if close is not None:
        inside = [g for g in places if _within(close, g.place)]
        near = [c for c in countries if _within(close, c.place)]  # type: ignore[arg-type]
        centre = _short(places[0].place.name)
        figures.append(figure_svg(
            close, _page_markers(close, inside, near),
            f"Closer: {_count(len(inside), 'place')} around {centre}",
            f"Closer: the {_count(len(inside), 'place')} of events around {centre}, which crowd "
            "together on the map above."))
    return "\n".join(figures)


def _page_markers(view: tuple[float, float, float, float], places: list[PlaceGroup],
                  countries: list[CountryGroup]) -> list[Marker]:
    """The markers of the map page, drawn bottom up: outlets' countries (at their capitals,
    where events often are too), then the rings of places known only roughly, then the dots."""
    markers = []
    for country in countries:
        x, y = project(country.place.latitude, country.place.longitude)  # type: ignore[union-attr]
        outlets = country.outlets
        title = (f"{country.name}: {outlets[0].name}" if len(outlets) == 1
                 else f"{country.name}: {len(outlets)} outlets")
        markers.append(Marker(x, y, 1.1 * _radius(view), f"#{country.anchor}", _short(title, 100), "outlet"))
    rough = [g for g in places if g.place.precision in ("region", "country")]
    for group in rough + [g for g in places if g not in rough]:
        x, y = project(group.place.latitude, group.place.longitude)
        radius = _radius(view, len(group.events)) * (2 if group in rough else 1)
        markers.append(Marker(x, y, radius, f"#{group.anchor}", _events_title(group), "event",
                              group.place.precision))
    return markers


CLOSE_SPAN = (24.0, 14.0)
"""The area around the busiest place (degrees) whose places may deserve a closer view."""
CLOSE_PLACES = 3
"""How many places that area must hold, and how much wider than it the whole map must be
(times), for the map page to add the closer view."""


def _closer_view(places: list[PlaceGroup], view: tuple[float, float, float, float]
                 ) -> tuple[float, float, float, float] | None:
    """A view of the places around the busiest one, if at least CLOSE_PLACES of them share an
    area CLOSE_PLACES times narrower than the whole map (their markers overlap there)."""
    if not places or view[2] < CLOSE_PLACES * CLOSE_SPAN[0]:
        return None
    x, y = project(places[0].place.latitude, places[0].place.longitude)
    area = (x - CLOSE_SPAN[0] / 2, y - CLOSE_SPAN[1] / 2, *CLOSE_SPAN)
    inside = [project(g.place.latitude, g.place.longitude) for g in places if _within(area, g.place)]
    if len(inside) < CLOSE_PLACES:
        return None
    return view_around(inside, minimum=(12.0, 7.0))


def _within(view: tuple[float, float, float, float], place: Place) -> bool:
    x, y = project(place.latitude, place.longitude)
    return view[0] <= x <= view[0] + view[2] and view[1] <= y <= view[1] + view[3]


def locator_figure(event: EventNode) -> str:
    """An event page's small map around its place; '' if the event has none."""
    place = place_of(event.event)
    if place is None:
        return ""
    x, y = project(place.latitude, place.longitude)
    width, height = LOCATOR_SPAN
    view = (_inside(x - width / 2, width, WORLD[0], WORLD[2]),
            _inside(y - height / 2, height, WORLD[1], WORLD[3]), width, height)
    marker = Marker(x, y, view[2] / 60, "", _short(place.name), "event", place.precision)
    return figure_svg(view, [marker], f"Where it took place: {_short(place.name)}",
                      f"{_short(place.name)} ({coordinates_text(place)}).")


TEMPLATE_GLOBALS = {
    "atlas": atlas,
    "event_place": event_place,
    "describe_place": describe_place,
    "MAP_PAGE": MAP,
    "NAME_LIMIT": NAME_LIMIT,
    "COUNTRY_ROWS": COUNTRY_ROWS,
    "ROW_EVENTS": ROW_EVENTS,
    "UNPLACED_SHOWN": UNPLACED_SHOWN,
    "COUNTRY_OUTLETS": COUNTRY_OUTLETS,
}
"""What the templates ask of the map (wired in generator/render.py `_environment`); the two
pictures, which need the page being rendered, are added there as context functions."""
