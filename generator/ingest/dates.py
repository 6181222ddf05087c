"""Dates in news text: the publication line, and weekdays resolved against it.

Wire copy rarely prints full dates in its body: it says "on Thursday (Oct
19)", "said Friday" or "on Sunday". Each such phrase is resolved against the
publication date and carries how sure the resolution is:

- `stated`: the text gives the day of the month ("Thursday (Oct 19)");
- `inferred`: a bare weekday, taken as the nearest such day before (or, with
  a future verb nearby, after) the publication date;
- `guessed`: no publication date was known, so the year itself was inferred
  from a weekday and a month-day agreeing ("Thursday (Oct 19)" -> 2023).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable, Literal
from zoneinfo import ZoneInfo

from dateutil import parser as dateparser

Certainty = Literal["stated", "inferred", "guessed"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = r"(?P<month>" + _MONTH_NAMES + r")\.?"
_MONTH2 = r"(?P<month2>" + _MONTH_NAMES + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")\b"
_WEEKDAY_DATE = re.compile(
    r"\b(?P<lead>(?:on|from|since|until|last|this|next|by|late|early)\s+)?" + _WEEKDAY
    + r"(?:\s*\(\s*" + _MONTH + r"\s+(?P<day>\d{1,2})\s*\)|,?\s+" + _MONTH2
    + r"\s+(?P<day2>\d{1,2})\b)?",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|would|is likely|are likely|expected|scheduled|planned|to be held|set to|plans? to)\b",
    re.IGNORECASE,
)

# Where an outlet or a dateline is, and so the time zone of a bare "16:12".
ZONES = {
    "south korea": "Asia/Seoul", "seoul": "Asia/Seoul", "north korea": "Asia/Pyongyang",
    "pyongyang": "Asia/Pyongyang", "singapore": "Asia/Singapore", "japan": "Asia/Tokyo",
    "tokyo": "Asia/Tokyo", "china": "Asia/Shanghai", "beijing": "Asia/Shanghai",
    "russia": "Europe/Moscow", "moscow": "Europe/Moscow", "united kingdom": "Europe/London",
    "london": "Europe/London", "france": "Europe/Paris", "paris": "Europe/Paris",
    "germany": "Europe/Berlin", "berlin": "Europe/Berlin", "spain": "Europe/Madrid",
    "madrid": "Europe/Madrid", "united states": "America/New_York",
    "washington": "America/New_York", "new york": "America/New_York",
    "qatar": "Asia/Qatar", "doha": "Asia/Qatar", "hong kong": "Asia/Hong_Kong",
}


@dataclass(frozen=True)
class Published:
    """When the article came out, as far as the text says."""

    date: dt.date
    time: dt.time | None
    zone: str | None
    certainty: Certainty
    evidence: str

    def value(self) -> dt.date | dt.datetime:
        """A date, or an aware datetime when both a time and a zone are known."""
        if self.time is not None and self.time.tzinfo is not None:
            return dt.datetime.combine(self.date, self.time)
        if self.time is not None and self.zone is not None:
            return dt.datetime.combine(self.date, self.time, ZoneInfo(self.zone))
        return self.date


@dataclass(frozen=True)
class DateMention:
    """A weekday phrase in the text and the calendar day it means."""

    text: str
    paragraph: int
    date: dt.date
    certainty: Certainty


def zone_for(*places: str | None) -> str | None:
    """The IANA time zone of the first place the table knows."""
    for place in places:
        if place and place.casefold().strip() in ZONES:
            return ZONES[place.casefold().strip()]
    return None


def parse_published(line: str) -> tuple[dt.date, dt.time | None] | None:
    """Date and time of a line such as 'Published : Oct. 20, 2023 - 16:12'."""
    value = re.sub(r"^\s*(?:first\s+)?(?:published|updated|posted)\s*(?:on|at)?\s*:?\s*", "", line, flags=re.I)
    value = value.replace(" - ", " ").replace("|", " ")
    if not re.search(r"\d{4}", value):
        return None
    iso = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?", value)
    if iso:
        year, month, day, hour, minute = iso.groups()
        try:
            date = dt.date(int(year), int(month), int(day))
        except ValueError:
            return None
        return date, (dt.time(int(hour), int(minute)) if hour else None)
    try:
        parsed = dateparser.parse(value, fuzzy=True, ignoretz=True, dayfirst=not re.match(r"^\s*[A-Za-z]", value))
    except (ValueError, OverflowError):
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", value))
    return parsed.date(), (parsed.time().replace(second=0) if has_time else None)


def weekday_phrases(paragraphs: Iterable[str]) -> list[tuple[int, re.Match[str], str]]:
    """(paragraph number, match, paragraph text) for each weekday phrase in the body."""
    found = []
    for number, text in enumerate(paragraphs, start=1):
        for match in _WEEKDAY_DATE.finditer(text):
            if match.group("weekday")[0].isupper():  # "may" is a verb, "Friday" a day
                found.append((number, match, text))
    return found


def guess_publication(paragraphs: list[str], near_year: int) -> Published | None:
    """With no publication line: the day of the first 'Weekday (Mon D)' phrase.

    The year is the one nearest `near_year` in which that month-day falls on
    that weekday; the article is dated to it (wire copy is usually filed the
    day it reports).
    """
    for _, match, _ in weekday_phrases(paragraphs):
        month = match.group("month") or match.group("month2")
        day = match.group("day") or match.group("day2")
        if not month or not day:
            continue
        weekday = WEEKDAYS.index(match.group("weekday").lower())
        years = sorted(range(near_year - 6, near_year + 7), key=lambda y: (abs(y - near_year), -y))
        for year in years:
            try:
                candidate = dt.date(year, MONTHS[month.lower().rstrip(".")], int(day))
            except ValueError:
                continue
            if candidate.weekday() == weekday:
                return Published(candidate, None, None, "guessed", match.group(0).strip())
    return None


def resolve_weekdays(paragraphs: list[str], published: dt.date) -> list[DateMention]:
    """Every weekday phrase of the body as a calendar day, relative to `published`."""
    mentions = []
    for number, match, text in weekday_phrases(paragraphs):
        weekday = WEEKDAYS.index(match.group("weekday").lower())
        month = match.group("month") or match.group("month2")
        day = match.group("day") or match.group("day2")
        if month and day:
            date = _nearest_with(published, MONTHS[month.lower().rstrip(".")], int(day))
            if date is not None:
                mentions.append(DateMention(match.group(0).strip(), number, date, "stated"))
                continue
        sentence = _sentence_before(text, match.start())
        lead = (match.group("lead") or "").strip().lower()
        future = lead == "next" or (lead != "last" and bool(_FUTURE.search(sentence)))
        offset = (weekday - published.weekday()) % 7 if future else -((published.weekday() - weekday) % 7)
        if offset == 0 and lead in ("last", "next"):
            offset = 7 if lead == "next" else -7
        mentions.append(
            DateMention(match.group(0).strip(), number, published + dt.timedelta(days=offset), "inferred")
        )
    return mentions


def _nearest_with(published: dt.date, month: int, day: int) -> dt.date | None:
    """The date with this month and day nearest to `published`."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs(d - published)) if options else None


def _sentence_before(text: str, position: int) -> str:
    """The part of the sentence around `position`, from its start to the weekday."""
    start = max(text.rfind(". ", 0, position), text.rfind("? ", 0, position), -1) + 1
    return text[start:position]
