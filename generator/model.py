"""The curated content, one typed and immutable model per kind of YAML file.

These classes are the schema: the loader validates each file against them,
`briefings schema` exports them as JSON Schema for editors, and the rest of
the pipeline reads their attributes, never raw dictionaries.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from .countries import country_code

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"
"""A BCP 47 language tag such as `en`, `ko` or `zh-Hant`: letters, digits and hyphens only."""
_SLUG = re.compile(SLUG_PATTERN)


def is_slug(value: str) -> bool:
    """True for a lowercase slug such as `kim-jong-un`: safe as a file name."""
    return bool(_SLUG.fullmatch(value))


def _check_slug(value: str) -> str:
    if not is_slug(value):
        raise ValueError(
            f"{value!r} is not an id: use lowercase letters, digits and single hyphens"
        )
    return value


Id = Annotated[
    str,
    AfterValidator(_check_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN}),
]
"""A reference to another file by its id (its file name without `.yml`)."""


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- dates -----------------------------------------------------------------

Precision = Literal["day", "month", "year"]
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A calendar date known to a day, a month or a year.

    `start` is the first day the date can mean, which is what sorting uses.
    """

    start: dt.date
    precision: Precision = "day"

    @classmethod
    def parse(cls, value: object) -> FuzzyDate:
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dt.datetime):
            return cls(value.date())
        if isinstance(value, dt.date):
            return cls(value)
        match = _PARTIAL_DATE.fullmatch(str(value).strip())
        if not match:
            raise ValueError(
                f"{value!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"
            )
        year, month, day = match.groups()
        try:
            start = dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError as error:
            raise ValueError(f"{value!r} is not a date: {error}") from None
        precision: Precision = "day" if day else "month" if month else "year"
        return cls(start, precision)

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.start:%Y}"
        if self.precision == "month":
            return f"{self.start:%Y-%m}"
        return self.start.isoformat()

    @property
    def end(self) -> dt.date:
        """The last day the date can mean."""
        if self.precision == "year":
            return dt.date(self.start.year, 12, 31)
        if self.precision == "month":
            following = self.start.replace(day=28) + dt.timedelta(days=4)
            return following - dt.timedelta(days=following.day)
        return self.start


DateField = Annotated[
    FuzzyDate,
    BeforeValidator(FuzzyDate.parse),
    PlainSerializer(str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": "YYYY-MM-DD, YYYY-MM or YYYY",
        }
    ),
]


def _require_time_zone(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime) and value.utcoffset() is None:
        raise ValueError(
            "publication time has no time zone: add one, e.g. 2023-10-20T16:12:00+09:00"
        )
    if isinstance(value, dt.datetime):
        try:
            value.astimezone(dt.timezone.utc)
        except OverflowError:
            raise ValueError(
                f"{value.isoformat()!r} is out of range: in UTC it falls outside the years "
                "1 to 9999; correct the date"
            ) from None
    return value


_ZONE = re.compile(r"([+-])(\d{2}):?(\d{2})(?::?\d{2}(?:\.\d+)?)?$")


def zone_problem(text: str) -> str | None:
    """Why the zone at the end of `text` is not one, if that is what is wrong with it."""
    match = _ZONE.search(text)
    if match and (int(match.group(2)) > 23 or int(match.group(3)) > 59):
        return (f"the zone {match.group(0)} is not a time zone: zones run from -23:59 to "
                "+23:59, e.g. +09:00")
    return None


def _parse_published(value: object) -> dt.date | dt.datetime:
    """Accept a date or a zoned ISO 8601 time, from YAML or from text; nothing else."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, str):
        text = value.strip()
        zone = zone_problem(text) if len(text) > 10 else None
        if zone:
            raise ValueError(f"{value!r} is not a publication date: {zone}")
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text)
        except ValueError as error:
            reason = "" if str(error).startswith("Invalid isoformat") else f" ({error})"
            raise ValueError(
                f"{value!r} is not a publication date{reason}: write YYYY-MM-DD, "
                "or a time with its zone such as 2023-10-20T16:12:00+09:00"
            ) from None
    raise ValueError(
        f"{value!r} is not a publication date: write YYYY-MM-DD, "
        "or a time with its zone such as 2023-10-20T16:12:00+09:00"
    )


Published = Annotated[
    dt.datetime | dt.date,
    BeforeValidator(_parse_published),
    AfterValidator(_require_time_zone),
    WithJsonSchema(
        {
            "type": "string",
            "description": "YYYY-MM-DD, or an ISO 8601 time with its zone",
        }
    ),
]

# --- outlets ---------------------------------------------------------------


class Link(Strict):
    """A labelled link to an outside page."""

    title: str = Field(description="What the link points to.")
    url: str = Field(description="An http(s) address.", pattern=r"^https?://")


Country = Annotated[
    str,
    BeforeValidator(country_code),
    WithJsonSchema({"type": "string", "description": "ISO 3166 code (KR) or English name (South Korea)"}),
]
"""A country as its ISO 3166-1 alpha-2 code: written as the code or the English name."""

OutletKind = Literal["state-run", "public-broadcaster", "private", "news-agency", "wire-copy"]
"""What sort of outlet: run by a state, a public broadcaster, privately owned, a news
agency (whose reports others repeat), or a site that carries agency copy as it comes."""

Reliability = Literal["A", "B", "C", "D", "E", "F"]
"""Admiralty code, source reliability: A completely reliable, B usually reliable, C fairly
reliable, D not usually reliable, E unreliable, F reliability cannot be judged."""

Credibility = Literal[1, 2, 3, 4, 5, 6]
"""Admiralty code, credibility of a piece of information: 1 confirmed by other sources,
2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 truth cannot be judged."""


class Outlet(Strict):
    """A news organisation whose articles the briefing cites, or whose reports they repeat."""

    name: str = Field(description="Name as the outlet writes it, e.g. 'The Korea Herald'.")
    country: Country | None = Field(
        None, description="Where the outlet is based: ISO 3166 code (KR) or English name.")
    language: str | None = Field(
        None, pattern=LANGUAGE_PATTERN, description="Main language it publishes in, e.g. 'ko'.")
    kind: OutletKind | None = Field(
        None, description="state-run, public-broadcaster, private, news-agency or wire-copy; "
        "left out, the kind is unknown.")
    state: Country | None = Field(
        None, description="For state media: the country whose state runs the outlet, e.g. KP. "
        "Required with kind state-run; allowed with a news agency or public broadcaster.")
    reliability: Reliability | None = Field(
        None, description="Admiralty grade of the outlet as a source, A (completely reliable) "
        "to F (cannot be judged); a fact's source may grade itself otherwise.")
    url: str | None = Field(None, pattern=r"^https?://", description="Home page.")
    summary: str | None = Field(None, description="Markdown: who runs it, what to expect.")


# --- actors ----------------------------------------------------------------

ActorKind = Literal["person", "state", "organisation", "media", "group", "place"]


class Actor(Strict):
    """A person, state or organisation that takes part in events."""

    name: str = Field(description="Canonical name, e.g. 'Kim Jong Un'.")
    kind: ActorKind = Field(description="What sort of actor this is.")
    aliases: tuple[str, ...] = Field(
        (), description="Other full names and spellings, e.g. 'Kim Jong-un'. Always linked."
    )
    short_names: tuple[str, ...] = Field(
        (),
        description=(
            "Short forms such as a surname ('Lavrov'). Linked in an article only when "
            "no other actor the article mentions shares them."
        ),
    )
    title: str | None = Field(None, description="Office or role, e.g. 'Foreign Minister of Russia'.")
    affiliation: Id | None = Field(None, description="Id of the actor this one belongs to.")
    summary: str | None = Field(None, description="Markdown: who they are.")
    wikidata: str | None = Field(None, pattern=r"^Q\d+$", description="Wikidata item, e.g. Q56226.")
    links: tuple[Link, ...] = ()
    tags: tuple[str, ...] = ()


# --- events ----------------------------------------------------------------

EventKind = Literal[
    "meeting",
    "summit",
    "visit",
    "military-exercise",
    "deployment",
    "statement",
    "briefing",
    "weapons-test",
    "agreement",
    "sanctions",
    "other",
]


class Participant(Strict):
    """An actor's part in an event."""

    actor: Id = Field(description="Id of the actor.")
    role: str = Field(
        "participant",
        description="host, visitor, participant, target, commentator, organiser, ...",
    )


class Source(Strict):
    """An article, optionally a paragraph of it, that supports a claim."""

    article: Id
    paragraph: int | None = Field(None, ge=1, description="Paragraph number (#pN).")
    line: int | None = Field(
        None,
        ge=1,
        description=(
            "Line of the raw article file where that paragraph starts. Raw files never change, "
            "so `briefings check` can tell when a paragraph's number moved (a better reading of "
            "a page's clutter renumbers its paragraphs) and say the new one."
        ),
    )
    wording: str | None = Field(
        None,
        description=(
            "How this article states the claim, when outlets state it differently "
            "(another date, figure or wording); shown side by side."
        ),
    )
    via: Id | None = Field(
        None,
        description=(
            "Id of the outlet the article repeats this claim from (content/outlets/<id>.yml), "
            "e.g. kcna when the article reports what KCNA said: the original source."
        ),
    )
    reliability: Reliability | None = Field(
        None, description="Admiralty grade of this source for this claim, A to F; "
        "overrides the grade of its outlet (the original one, with `via`).")


class Fact(Strict):
    """A short claim about the event and the articles that report it."""

    claim: str
    sources: tuple[Source, ...] = Field(min_length=1)
    credibility: Credibility | None = Field(
        None, description="Admiralty grade of the claim, 1 (confirmed by other sources) "
        "to 6 (truth cannot be judged).")


# --- places (issue 16: the map) ------------------------------------------------

PlacePrecision = Literal["exact", "city", "region", "country"]
"""How closely an event's `coordinates:` mark where it happened: the very spot, somewhere
in a city, in a region (a province, a sea, a border area), or only the country."""


def _finite_number(value: object) -> object:
    """Degrees as YAML gives them: a number (text such as 39°01′N or true is refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{value!r} is not a number: write degrees as a decimal number, "
                         "e.g. 39.03 (south and west are negative)")
    return value


def _latitude(value: float) -> float:
    if not -90 <= value <= 90:
        raise ValueError(f"{value!r} is not a latitude: latitudes run from -90 (south) to 90 "
                         "(north); write degrees as a decimal number, e.g. 39.03 (are latitude "
                         "and longitude swapped?)")
    return value


def _longitude(value: float) -> float:
    if not -180 <= value <= 180:
        raise ValueError(f"{value!r} is not a longitude: longitudes run from -180 (west) to 180 "
                         "(east); write degrees as a decimal number, e.g. 125.75")
    return value


def _coordinates_mapping(value: object) -> object:
    if isinstance(value, (list, tuple)):
        raise ValueError("write the two numbers as a mapping, each on its own line: "
                         "`latitude: 39.03` and `longitude: 125.75` (a list would leave their "
                         "order to guess)")
    return value


class Coordinates(Strict):
    """Where an event took place, in decimal degrees (WGS 84), as a map shows it."""

    latitude: Annotated[float, BeforeValidator(_finite_number), AfterValidator(_latitude)] = Field(
        description="Degrees north of the equator (south is negative), -90 to 90, e.g. 39.03.")
    longitude: Annotated[float, BeforeValidator(_finite_number), AfterValidator(_longitude)] = Field(
        description="Degrees east of Greenwich (west is negative), -180 to 180, e.g. 125.75.")


class Event(Strict):
    """Something that happened, or is planned, on a date."""

    title: str
    date: DateField
    end: DateField | None = Field(None, description="Last day, for events that span days.")
    approximate: bool = Field(False, description="The date is only roughly known.")
    planned: bool = Field(
        False, description="Announced or expected when reported, not (yet) confirmed."
    )
    location: str | None = None
    coordinates: Annotated[Coordinates, BeforeValidator(_coordinates_mapping)] | None = Field(
        None, description="Where the map places the event: `latitude:` and `longitude:` in "
        "decimal degrees. Left out, the map guesses from `location:` with an offline gazetteer.")
    precision: PlacePrecision | None = Field(
        None, description="How closely `coordinates:` mark the place: exact, city, region or "
        "country (left out: exact). Only with `coordinates:`.")
    kind: EventKind = "other"
    actors: tuple[Participant, ...] = ()
    keywords: tuple[str, ...] = Field(
        (),
        description=(
            "Words, in any language, that articles about this event use and articles about "
            "the story's other events rarely do: 'ratif', 'ратифи', '비준'. Matched at the "
            "start of a word, so a stem covers its inflections. Ingest uses them to suggest the event."
        ),
    )
    summary: str | None = Field(None, description="Markdown.")
    part_of: Id | None = Field(None, description="Id of the larger event this one belongs to.")
    follows: tuple[Id, ...] = Field((), description="Ids of events this one follows from.")
    facts: tuple[Fact, ...] = ()
    tags: tuple[str, ...] = ()


# --- articles --------------------------------------------------------------


class Quote(Strict):
    """Words an actor said, exactly as the article prints them."""

    speaker: Id = Field(description="Id of the actor quoted.")
    text: str = Field(description="The quoted words, copied exactly from the article.")
    via: Id | None = Field(None, description="Who reported the words, e.g. kcna.")
    event: Id | None = Field(None, description="Id of the event the quote belongs to.")


class Article(Strict):
    """A news article: its raw text in seeds/ plus the curator's reading of it."""

    title: str
    text: str = Field(description="Path of the raw text, relative to the project: seeds/<file>.")
    outlet: Id
    url: str | None = Field(None, pattern=r"^https?://")
    published: Published
    byline: tuple[str, ...] = ()
    language: str = Field(
        "en",
        pattern=LANGUAGE_PATTERN,
        description="Language the article is written in, e.g. 'en', 'ko', 'ar' (BCP 47).",
    )
    status: Literal["published", "draft"] = "published"
    events: tuple[Id, ...] = ()
    anticipates: tuple[Id, ...] = Field(
        (),
        description=(
            "Events the article reported as expected before they took place; unlike `events`, "
            "they may be dated after the article."
        ),
    )
    actors: tuple[Id, ...] = ()
    quotes: tuple[Quote, ...] = ()
    notes: str | None = Field(None, description="Markdown: the curator's notes.")
    tags: tuple[str, ...] = ()

    @property
    def published_day(self) -> dt.date:
        """The calendar day the article came out, in its own time zone."""
        value = self.published
        return value.date() if isinstance(value, dt.datetime) else value


# --- the briefing itself ---------------------------------------------------


class Briefing(Strict):
    """content/briefing.yml: what the whole site is about."""

    title: str
    summary: str = Field(description="Markdown shown on the home page.")
    tags: tuple[str, ...] = Field(
        (), description="Allowed curated tags; empty allows any."
    )
    site_url: str | None = Field(
        None,
        pattern=r"^https?://",
        description="Where the site is published; makes the feeds' links absolute.",
    )


KINDS: dict[str, type[Strict]] = {
    "actors": Actor,
    "events": Event,
    "articles": Article,
    "outlets": Outlet,
}
"""Folder name under content/ -> model of each file in it."""
