"""The draft article as YAML, with comments on everything to confirm.

Only what the tool is fairly sure of becomes YAML values, and every value
refers to an existing id, so a draft passes `briefings check` as written.
What needs a curator's decision (unattributed quotes, fuzzy name matches,
new actors, weekday dates, a draft new event) is written as comments.
"""

from __future__ import annotations

import datetime as dt

import yaml

from ..model import Event
from .analysis import Analysis
from .dates import dates_in

MAX_SUGGESTED_EVENTS = 12


def scalar(value: object) -> str:
    """One YAML scalar, quoted when it needs to be, on one line."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9)
    return text.removesuffix("\n...\n").removesuffix("\n").strip()


def render_draft(analysis: Analysis, text_path: str, events: dict[str, Event]) -> str:
    """The YAML text of the draft article."""
    out: list[str] = [
        f"# Draft written by `briefings ingest` from {text_path}.",
        "# Check each value and comment, then set `status: published`.",
        f"title: {scalar(analysis.headline or text_path)}",
        f"text: {scalar(text_path)}",
        f"outlet: {analysis.outlet}" + (
            f"  # new: content/outlets/{analysis.outlet}.yml was created for "
            f"{scalar(analysis.outlet_name)}; add its country and home page"
            if analysis.outlet_created else ""),
    ]
    if analysis.url:
        out.append(f"url: {scalar(analysis.url)}")
    out.extend(_published_lines(analysis))
    if analysis.byline:
        out.append("byline:")
        out.extend(f"  - {scalar(name)}" for name in analysis.byline)
    out.append(f"language: {analysis.language}")
    out.append("status: draft")
    out.extend(_events_lines(analysis, events))
    out.extend(_actor_lines(analysis))
    out.extend(_quote_lines(analysis))
    out.extend(_date_lines(analysis))
    out.extend(_new_event_lines(analysis))
    return "\n".join(out) + "\n"


def _published_lines(analysis: Analysis) -> list[str]:
    when = analysis.published
    if when is None:
        return [
            "published: 1970-01-01  # UNKNOWN: no publication date in the text; set the real one",
        ]
    value = when.value()
    line = f"published: {value.isoformat()}"
    if when.certainty == "guessed":
        line += f"  # guessed from {when.evidence!r} (the year is not printed): confirm"
    elif when.time is not None and when.zone is None and when.time.tzinfo is None:
        line += f"  # printed time {when.time:%H:%M} has no known time zone: add it as ...T{when.time:%H:%M}:00+HH:MM"
    elif when.time is not None:
        line += f"  # from {when.evidence!r}" + (f", zone {when.zone}" if when.zone else "")
    else:
        line += f"  # from {when.evidence!r}"
    return [line]


def _events_lines(analysis: Analysis, events: dict[str, Event]) -> list[str]:
    reported = [s for s in analysis.events if not s.anticipated][:MAX_SUGGESTED_EVENTS]
    expected = [s for s in analysis.events if s.anticipated][:MAX_SUGGESTED_EVENTS]
    if analysis.published is None and reported:
        # against the placeholder date every event would be 'after the article': keep the draft valid
        lines = ["events: []  # suggested below: set `published` first, then move here the ones it covers"]
        lines += [f"#  - {s.id}  # score {s.score}: {'; '.join(s.reasons)}" for s in reported]
        return lines
    if reported:
        lines = ["events:  # suggested: keep the ones the article covers"]
        lines += [f"  - {s.id}  # score {s.score}: {'; '.join(s.reasons)}" for s in reported]
    else:
        lines = ["events: []  # no known event matched: see the draft new event below"]
    if expected:
        lines.append("anticipates:  # dated after the article: keep the ones it expected")
        lines += [f"  - {s.id}  # score {s.score}: {'; '.join(s.reasons)}" for s in expected]
    return lines


def _actor_lines(analysis: Analysis) -> list[str]:
    report = analysis.actors
    ids = report.actors()
    lines = ["actors:" if ids else "actors: []"]
    for actor in ids:
        found = [f for f in report.linked if f.actor == actor]
        forms = sorted({f.surface for f in found})
        how = " (by title)" if any(f.why == "title" for f in found) else ""
        lines.append(f"  - {actor}  # {len(found)}x: {', '.join(forms)}{how}")
    ambiguous = sorted({f.surface for f in report.found if f.why == "ambiguous"})
    if ambiguous:
        lines.append(f"# Not linked, ambiguous here: {', '.join(ambiguous)}")
    places = sorted({f.surface for f in report.found if f.why == "place"})
    if places:
        lines.append(f"# Not linked, used as a place: {', '.join(places)}")
    for surface, actor, score in report.fuzzy:
        lines.append(f"# Probably {actor} (score {score}): {surface!r}; add it to its aliases if so")
    for name, kind in report.new:
        lines.append(f"# Candidate new actor ({kind}): {name}")
    return lines


def _quote_lines(analysis: Analysis) -> list[str]:
    attributed = [q for q in analysis.quotes if q.speaker]
    lines = ["quotes:" if attributed else "quotes: []"]
    seen = set()
    for quote in attributed:
        if quote.text in seen:
            continue
        seen.add(quote.text)
        lines.append(f"  - speaker: {quote.speaker}  # {_where(quote.paragraph)}: {quote.how}")
        lines.append(f"    text: {scalar(quote.text)}")
        if quote.via:
            lines.append(f"    via: {quote.via}")
    for quote in analysis.quotes:
        if not quote.speaker:
            lines.append(f"# Unattributed quote, {_where(quote.paragraph)}: {scalar(quote.text)}")
    return lines


def _date_lines(analysis: Analysis) -> list[str]:
    return [
        f"# Date: {d.text!r} (paragraph {d.paragraph}) = {d.date:%A} {d.date.isoformat()}, {d.certainty}"
        for d in analysis.dates
    ]


def _new_event_lines(analysis: Analysis) -> list[str]:
    date = _event_date(analysis)
    people = [f.actor for f in analysis.actors.linked if f.block <= 2 and f.actor]
    lines = [
        "# Draft new event, if none above fits: save as content/events/<date>-<slug>.yml",
        f"#   title: {scalar(analysis.headline)}",
        f"#   date: {date.isoformat()}" if date else "#   date: YYYY-MM-DD  # the text gives no date: fill it in",
    ]
    if analysis.dateline:
        lines.append(f"#   location: {scalar(analysis.dateline)}")
    if people:
        lines.append("#   actors:")
        lines.extend(f"#     - actor: {actor}" for actor in dict.fromkeys(people))
    return lines


def _event_date(analysis: Analysis) -> dt.date | None:
    """The day the lead speaks of: a weekday or a full date in the first paragraph, else publication."""
    lead = [d.date for d in analysis.dates if d.paragraph == 1]
    if lead:
        return lead[0]
    for found in dates_in(analysis.paragraphs[0] if analysis.paragraphs else "", analysis.language):
        if found.year is not None:
            try:
                return dt.date(found.year, found.month, found.day)
            except ValueError:
                continue
    return analysis.published.date if analysis.published else None


def _where(paragraph: int) -> str:
    return "headline" if paragraph == 0 else f"paragraph {paragraph}"
