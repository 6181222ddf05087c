"""Render the linked graph into Markdown pages, one template per kind of page.

One Jinja2 environment owns every template. Templates decide the shape of a
page; this module decides what goes in: which pages exist, their context,
and how untrusted text is escaped so that it can only ever show as text.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any, Iterable

import jinja2
import yaml

from .errors import BriefingsError
from .link import ActorNode, EventNode, Graph, activity
from .model import Event, FuzzyDate

LATEST = 10
"""How many events and actors the home page shows."""


@dataclass(frozen=True)
class Page:
    """A page to write: its path under briefings/ and its Markdown."""

    path: str
    text: str


class DuplicatePageError(BriefingsError):
    """Two things would write the same page."""


# --- escaping ----------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]|~^=])")
_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])")


def md(value: object) -> str:
    """Plain text made safe inside Markdown: it renders as the same text, never as markup."""
    text = html.escape(_SPACES.sub(" ", str(value)), quote=False)
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


_UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(?!https?:|mailto:|#|\.{0,2}/|[\w\-./]+\.md\b)[^)]*\)")
_ATTR_LIST = re.compile(r"\{\s*:?[^}]*\}")


def md_block(value: str | None) -> str:
    """Curated Markdown with raw HTML, attribute lists and unsafe link targets defused.

    Curators may use emphasis, lists and links to web pages; nothing in a
    YAML value can add an element, an attribute or a script link to the site.
    """
    if not value:
        return ""
    text = html.escape(value.strip(), quote=False)
    text = _ATTR_LIST.sub(lambda m: m.group(0).replace("{", "\\{").replace("}", "\\}"), text)
    return _UNSAFE_LINK.sub(lambda m: m.group(0).replace("](", "]\\("), text)


def safe_url(value: str) -> str:
    """An http(s) address percent-encoded so it cannot leave a Markdown link target."""
    if not re.match(r"^https?://", value):
        return "#"
    return urllib.parse.quote(value, safe=":/?#@!$&'*+,;=%~")


def plain(value: str | None, limit: int = 160) -> str:
    """A one-line description from Markdown text, for front matter and search results."""
    if not value:
        return ""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", value)
    text = re.sub(r"[*_`#>]", "", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- dates -------------------------------------------------------------------

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]


def fuzzy_date(value: FuzzyDate) -> str:
    """'18 Oct 2023', 'Sept 2023' or '2023', as precise as the curated date."""
    day = value.start
    if value.precision == "year":
        return str(day.year)
    if value.precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def event_date(event: Event) -> str:
    """The event's date or span, marked 'c.' when approximate."""
    text = fuzzy_date(event.date)
    if event.end is not None and event.end != event.date:
        start, end = event.date.start, event.end.start
        if event.date.precision == event.end.precision == "day" and (start.year, start.month) == (end.year, end.month):
            text = f"{start.day}–{fuzzy_date(event.end)}"
        else:
            text = f"{text} – {fuzzy_date(event.end)}"
    return f"c. {text}" if event.approximate else text


def published(value: dt.date | dt.datetime) -> str:
    """Publication date, with the local time and zone where known."""
    if isinstance(value, dt.datetime):
        offset = value.utcoffset() or dt.timedelta()
        hours, rest = divmod(int(offset.total_seconds()) // 60, 60)
        zone = f"UTC{'+' if offset >= dt.timedelta() else '-'}{abs(hours):02d}:{rest:02d}"
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}, {value:%H:%M} ({zone})"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def label(value: str) -> str:
    """'military-exercise' -> 'Military exercise'."""
    return value.replace("-", " ").replace("_", " ").capitalize()


# --- pages -------------------------------------------------------------------


class Renderer:
    """Owns the template environment and turns a graph into pages."""

    def __init__(self) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("generator", "templates"),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,  # Markdown, escaped deliberately through `md`
        )
        self.env.filters.update(
            md=md,
            md_block=md_block,
            safe_url=safe_url,
            plain=plain,
            fuzzy_date=fuzzy_date,
            event_date=event_date,
            published=published,
            label=label,
            href=_href,
        )
        self.env.globals.update(activity=activity)

    def render(self, graph: Graph) -> list[Page]:
        pages: dict[str, Page] = {}
        for page in self._pages(graph):
            if page.path in pages:
                raise DuplicatePageError(f"two things would write {page.path}: rename one of them")
            pages[page.path] = page
        return [pages[path] for path in sorted(pages)]

    def _pages(self, graph: Graph) -> Iterable[Page]:
        yield self._page("index.md", "home.md.j2", graph=graph, **_home(graph))
        yield self._page("actors/index.md", "actors_index.md.j2", graph=graph)
        yield self._page("events/index.md", "events_index.md.j2", graph=graph)
        yield self._page("timeline.md", "timeline.md.j2", months=_by_month(graph.events))
        yield self._page("articles/index.md", "articles_index.md.j2", graph=graph)
        yield self._page("outlets/index.md", "outlets_index.md.j2", graph=graph)
        for actor in graph.actors:
            yield self._page(actor.path, "actor.md.j2", actor=actor, node=actor)
        for event in graph.events:
            yield self._page(event.path, "event.md.j2", event=event, node=event,
                             roles=_by_role(event))
        for article in graph.articles:
            yield self._page(article.path, "article.md.j2", article=article, node=article)
        for outlet in graph.outlets:
            yield self._page(outlet.path, "outlet.md.j2", outlet=outlet, node=outlet)

    def _page(self, path: str, template: str, **context: Any) -> Page:
        text = self.env.get_template(template).render(page_path=path, front=_front_matter, **context)
        return Page(path, text)


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: Any, anchor: str = "") -> str:
    """Relative link from the page being rendered to a node or a page path."""
    path = target if isinstance(target, str) else target.path
    folder, name = posixpath.split(path)
    prefix = _relative_folder(posixpath.dirname(context["page_path"]), folder)
    return prefix + name + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=1024)
def _relative_folder(here: str, folder: str) -> str:
    """The link prefix from pages in folder `here` to pages in `folder` ('', '../actors/', ...).

    Pages live in a handful of folders, so this is computed once per pair
    instead of once per link (`posixpath.relpath` is slow for 100,000 links).
    """
    relative = posixpath.relpath(folder or ".", here or ".")
    return "" if relative == "." else relative + "/"


try:  # libyaml emits the same front matter several times faster
    from yaml import CSafeDumper as _SafeDumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _SafeDumper  # type: ignore[assignment]


def _front_matter(**fields: Any) -> str:
    kept = {k: v for k, v in fields.items() if v not in (None, "", [], ())}
    return "---\n" + yaml.dump(
        kept, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False, width=1000
    ) + "---\n"


def _home(graph: Graph) -> dict[str, Any]:
    latest = sorted(graph.events, key=lambda e: e.sort_key, reverse=True)[:LATEST]
    active = sorted(graph.actors, key=lambda a: (-activity(a), a.name.casefold(), a.id))[:LATEST]
    return {"latest": latest, "active": active}


def _by_month(events: list[EventNode]) -> list[tuple[str, list[EventNode]]]:
    months: dict[tuple[int, int], list[EventNode]] = {}
    for event in events:
        start = event.event.date.start
        months.setdefault((start.year, start.month), []).append(event)
    return [
        (f"{_MONTHS[month - 1]} {year}", months[(year, month)])
        for year, month in sorted(months)
    ]


def _by_role(event: EventNode) -> list[tuple[str, list[ActorNode]]]:
    roles: dict[str, list[ActorNode]] = {}
    for role in event.participants:
        roles.setdefault(role.role, []).append(role.actor)
    return list(roles.items())

