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
from functools import lru_cache
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
    "hong kong sar china": "Asia/Hong_Kong",
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


def resolve_weekdays(paragraphs: list[str], published: dt.date, language: str = "en") -> list[DateMention]:
    """Every weekday phrase of the body as a calendar day, relative to `published`.

    English phrases are read closely (a stated month and day, 'last', 'next', a
    verb of the future); in other languages a weekday's name is taken as the
    latest such day on or before publication ('este sábado', 'в субботу', '토요일').
    """
    if language != "en":
        return _weekdays_named(paragraphs, published, language)
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


def _weekdays_named(paragraphs: list[str], published: dt.date, language: str) -> list[DateMention]:
    _, weekdays, _ = _names(language)
    pattern = "|".join(re.escape(name) for name in sorted(weekdays, key=len, reverse=True))
    if not pattern:
        return []
    mentions = []
    for number, text in enumerate(paragraphs, start=1):
        for match in re.finditer(r"(?<!\w)(?:" + pattern + r")(?!\w)", text, re.IGNORECASE):
            weekday = weekdays[match.group(0).casefold()]
            offset = -((published.weekday() - weekday) % 7)
            mentions.append(DateMention(match.group(0), number, published + dt.timedelta(days=offset), "inferred"))
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


# --- dates in any language ----------------------------------------------------
#
# Month names come from dateparser's locale data (200+ locales), so a new
# language needs no table here; only the Levantine Arabic month names, which
# that data lacks, are added.

_LEVANTINE = (
    ("كانون الثاني",), ("شباط",), ("آذار", "اذار"), ("نيسان",), ("أيار", "ايار"), ("حزيران",),
    ("تموز",), ("آب", "اب"), ("أيلول", "ايلول"), ("تشرين الأول", "تشرين الاول"),
    ("تشرين الثاني",), ("كانون الأول", "كانون الاول"),
)
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LABELS = re.compile(
    r"(?i:published|posted|first published|updated|last updated|publié|mis à jour|publicado|actualizado|"
    r"опубликовано|обновлено|дата публикации)|입력|기사입력|등록|승인|수정|업데이트|송고|"
    r"تاريخ النشر|نشر في|آخر تحديث|نشر"
)
_UPDATED = re.compile(r"(?i:updated|mis à jour|actualizado|обновлено)|수정|업데이트|آخر تحديث")
_TIME = re.compile(r"(?P<pm>오후\s*)?(?<!\d)(?P<hour>\d{1,2})\s*(?:[:h]|ч\.?)\s*(?P<minute>\d{2})(?!\d)(?:\s*(?P<ampm>[ap]\.?m\.?))?", re.I)
_ZONE_WORDS = re.compile(r"(?i:\b(?:gmt|utc|kst|msk|est|edt|cet|cest|bst|jst|hrs?|am|pm|a\.m\.|p\.m\.)\b)|توقيت \w+|오전|오후")


_HANGUL_NAME = re.compile(r"[\uac00-\ud7a3]{3,}")


@dataclass(frozen=True)
class DateFound:
    """A calendar date written in a text: where, and its parts (the year may be missing)."""

    start: int
    end: int
    day: int
    month: int
    year: int | None


@lru_cache(maxsize=16)
def _names(language: str) -> tuple[dict[str, int], dict[str, int], re.Pattern[str]]:
    """Month and weekday names of `language` (and English) and one pattern of the month names."""
    from dateparser.languages.loader import default_loader

    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for code in dict.fromkeys((language, "en")):
        try:
            info = default_loader.get_locale(code).info
        except (KeyError, ValueError):
            continue
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for name in info.get(key, ()):
                if not name.isdigit() and not re.search(r"\d", name):
                    months[name.casefold().rstrip(".")] = number
        for number, key in enumerate(_WEEKDAY_KEYS):
            for name in info.get(key, ()):
                if len(name) > 3 or _HANGUL_NAME.fullmatch(name):  # not 'mar', 'sa'; but '토요일'
                    weekdays[name.casefold()] = number
    if language == "ar":
        for number, names in enumerate(_LEVANTINE, start=1):
            for name in names:
                months[name] = number
    alternation = "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True))
    return months, weekdays, re.compile(alternation, re.IGNORECASE) if alternation else re.compile(r"(?!)")


def dates_in(text: str, language: str = "en") -> list[DateFound]:
    """Every calendar date written in `text`, in the article's language or English."""
    months, _, names = _names(language)
    month = r"(?P<name>" + names.pattern + r")\.?"
    patterns = (
        r"(?<!\d)(?P<year>\d{4})\s*년\s*(?P<month>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일",
        r"(?<!\d)(?P<month>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일",
        r"(?<!\d)(?P<year>(?:19|20)\d\d)[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})(?!\d)",
        r"(?<![\d.])(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>(?:19|20)\d\d)(?!\d)",
        r"(?<![\d/])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)\d\d)(?!\d)",
        r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th|er|º|-?го|-?е)?,?\s*(?:de\s+)?" + month
        + r"(?!\w)(?:\s*,?\s*(?:de\s+|del\s+)?(?P<year>(?:19|20)\d\d)(?!\d))?",
        r"(?<!\w)" + month + r"(?!\w)\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:\s*,?\s*(?P<year>(?:19|20)\d\d)(?!\d))?",
    )
    found: list[DateFound] = []
    taken: list[tuple[int, int]] = []
    for pattern in patterns:
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            parts = match.groupdict()
            if parts.get("first"):
                first, second = int(parts["first"]), int(parts["second"])
                day, number = (second, first) if language == "en" and first <= 12 else (first, second)
            else:
                day = int(parts["day"])
                number = months.get(parts["name"].casefold().rstrip(".")) if parts.get("name") else int(parts["month"])
            if not number or not 1 <= number <= 12 or not 1 <= day <= 31:
                continue
            year = int(parts["year"]) if parts.get("year") else None
            found.append(DateFound(match.start(), match.end(), day, number, year))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def weekday_in(text: str, language: str = "en") -> int | None:
    """The weekday (0 = Monday) a text names, if exactly one."""
    _, weekdays, _ = _names(language)
    folded = text.casefold()
    named = {n for name, n in weekdays.items() if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", folded)}
    return named.pop() if len(named) == 1 else None


_DATELINE_HEAD = re.compile(r"\(?[^\W\d][\w .'’/|,،-]{0,58}?[,.،|]?\s*")
"""What may stand before a dateline's date: places, an agency, separators ('Moscou, Russie | AFP |')."""
_DATELINE_TAIL = re.compile(
    r"\s*[.,:]?\s*(?:\(|\)|--|[-\u2013\u2014:]|/?[A-ZА-Я]{3,}|\w+\.\w+\s*[-\u2013\u2014])"
)
"""What may follow it: an agency in brackets or slashes, a dash, a colon ('Shillong, September 13:')."""
_SOURCE_TAG = re.compile(r"^\s*(?:[(\[][^()\[\]]*(?:\([^()]*\)[^()\[\]]*)*[)\]]\s*)+(?=\S)")
"""Bracketed source tags before a dateline: '(MENAFN- Kuwait News Agency (KUNA)) '."""


@dataclass(frozen=True)
class Candidate:
    """A date that may be the publication date, and how much the block it is in looks like a stamp."""

    found: DateFound
    block: int
    text: str
    weight: float


def publication_date(
    blocks: list[tuple[str, str]],
    language: str,
    *,
    event_days: Iterable[tuple[dt.date, dt.date]] = (),
    near_year: int,
) -> Published | None:
    """The publication date a page states, from its (kind, text) blocks in order.

    A date counts only where a page states when it was published: on a line
    labelled so ("Published", "입력", "Опубликовано", "تاريخ النشر"...), in a
    dateline opening the story ("MADRID 11 Ene. (EUROPA PRESS) -"), or on a
    line that is a date stamp and little else. A date in a caption, in
    brackets or inside a sentence of the body never is; an unlabelled date
    above the headline (a masthead's) counts only when nothing below it does. A dateline without
    a year gets it from a weekday on the same line, else from a known event
    on that day, else from the latest year the text names (then the date is
    `guessed`).
    """
    candidates: list[Candidate] = []
    first_body = next((i for i, (kind, _) in enumerate(blocks) if kind == "paragraph"), len(blocks))
    headline = next((i for i, (kind, _) in enumerate(blocks) if kind == "headline"), 0)
    for index, (kind, text) in enumerate(blocks):
        if kind == "caption":
            continue
        for found in dates_in(text, language):
            opened = text.rfind("(", 0, found.start)
            if opened > 0 and ")" not in text[opened:found.start]:
                continue  # inside brackets: "(file photo: 09.05.2024)"; "(Rome, 22 mars 2025)" opening a story is a dateline
            weight = _stamp_weight(text, found, language, index, first_body, kind)
            if weight and index < headline and weight < 3.0:
                weight -= 1.0  # above the headline: maybe the masthead's date (today's, or a stale one)
            if weight:
                candidates.append(Candidate(found, index, text, weight))
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.weight, -c.block, -c.found.start))
    found, certainty = best.found, "stated"
    year = found.year
    if year is None:
        year = _year_for(found, best.text, language, event_days, blocks, near_year)
        certainty = "guessed"
        if year is None:
            return None
    try:
        date = dt.date(year, found.month, found.day)
    except ValueError:
        return None
    return Published(date, _time_after(best.text, found), None, certainty, best.text.strip()[:120])


def _stamp_weight(text: str, found: DateFound, language: str, index: int, first_body: int, kind: str) -> float:
    """How surely this date is the page's publication date; 0 when it is not one."""
    head = 0.5 if index <= first_body else 0.0
    label = _LABELS.search(text[:found.start])
    if label and found.start - label.end() <= 12:
        return (2.0 if _UPDATED.search(label.group(0)) else 3.0) + head
    rest = _TIME.sub(" ", text[:found.start] + " " + text[found.end:])
    rest = _ZONE_WORDS.sub(" ", rest)
    rest = _LABELS.sub(" ", rest)
    _, weekdays, _ = _names(language)
    words = [w for w in re.findall(r"\w+", rest) if w.casefold() not in weekdays and not w.isdigit()]
    near_top = index <= first_body + 2  # lower down, a date line belongs to a related article
    if near_top and len(words) <= 2 and len(text) <= 80 and (found.year is not None or not words):
        return 2.0 + head  # a stamp: the date, a time, a weekday, a label; '21 ОКТ, 11:37' too
    prefix = _SOURCE_TAG.sub("", text[:found.start])  # "(MENAFN- Agency (AG)) TOKYO, Jan 17 (AG) --"
    prefix = " ".join(w for w in prefix.split() if w.casefold() not in weekdays)  # "..., mercredi 17/06"
    if near_top and _DATELINE_HEAD.fullmatch(prefix) and _DATELINE_TAIL.match(text[found.end:]):
        return 2.5
    return 0.0


def _year_for(
    found: DateFound,
    text: str,
    language: str,
    event_days: Iterable[tuple[dt.date, dt.date]],
    blocks: list[tuple[str, str]],
    near_year: int,
) -> int | None:
    """The year of a day and month printed without one."""
    weekday = weekday_in(text, language)
    if weekday is not None:
        for year in sorted(range(near_year - 6, near_year + 7), key=lambda y: (abs(y - near_year), -y)):
            try:
                if dt.date(year, found.month, found.day).weekday() == weekday:
                    return year
            except ValueError:
                continue
    years = set()
    for start, end in event_days:
        for year in range(start.year, end.year + 1):
            try:
                day = dt.date(year, found.month, found.day)
            except ValueError:
                continue
            if start <= day <= end:
                years.add(year)
    if len(years) == 1:
        return years.pop()
    named = [int(y) for _, block in blocks for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", block)]
    plausible = [y for y in named if abs(y - near_year) <= 6]
    return max(plausible) if plausible else near_year


def _time_after(text: str, found: DateFound) -> dt.time | None:
    """A time of day printed right after the date ('..., 13:51', '오후 3:12', '9:14 am')."""
    match = _TIME.search(text, found.end, found.end + 24)
    if not match:
        return None
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    if (match.group("pm") or ampm == "pm") and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None
