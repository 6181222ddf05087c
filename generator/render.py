"""Render the linked graph into Markdown pages, one template per kind of page.

One Jinja2 environment owns every template. Templates decide the shape of a
page; this module decides what goes in: which pages exist, their context,
and how untrusted text is escaped so that it can only ever show as text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import json
import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any, Callable, Iterable, TypeVar

import jinja2

from .errors import BriefingsError
from .feed import FEED_FORMATS
from .link import (
    ActorNode, ArticleNode, EventNode, Graph, Network, QuoteNode, Role, activity, coverage, network,
    outlet_profile,
)
from .model import LANGUAGE_PATTERN
from .page import Page, PageJob, forget_sizes, measuring, sized_once
from .paginate import COVERAGE_LIMIT, Period, Size, by_year, fits, parts, periods as _periods, shown_parts
from .pictures.charts import TEMPLATE_GLOBALS as CHARTS
from .pictures.svg import Svg
from .pictures.timeline import PICTURE_BYTES as TIMELINE_PICTURE, TEMPLATE_GLOBALS as TIMELINES
from .paths import (
    BLINDSPOTS, HOME, MAP, NETWORK, QUOTES, TAGS, TIMELINE, coverage_page, href, index_page, letter_page,
    own_folder, tag_page,
)
from .sources import COUNTRIES_SHOWN, COUNTRY_EVENTS, TEMPLATE_GLOBALS as SOURCES, blindspots
from .pictures import map as pictures_map
from .words import MONTHS as _MONTHS, event_date, fuzzy_date, month_name, plain, published

LATEST = 10
"""How many events and actors the home page shows."""
NEIGHBOURS = 12
"""How many co-actors an actor page's diagram draws (the list below it shows more)."""
NETWORK_ACTORS = 25
"""How many actors the network page draws."""
NETWORK_TIES = 60
"""How many ties the network page draws."""
NETWORK_TABLE = 30
"""How many of the drawn ties the network page's table lists (with their first shared event)."""
EVENT_QUOTES = 6
"""How many quotes an event page shows (the articles and speakers' pages show the rest)."""
COMPARED_OUTLETS = 6
"""How many outlets an event's facts table compares side by side."""
OUTLET_TOP = 15
"""How many events and actors an outlet page lists."""

LIST_LIMIT = 10
"""The longest list an actor or outlet page shows in full; longer ones show the
newest entries and link to one page per year (per month in a busy year), so no page
grows with the corpus."""

QUOTE_PAGE_LIMIT = 10
"""The most quotes one page of a month's quotes shows (a quote takes more room than a link)."""

QUOTES_LATEST = 5
"""How many of the newest quotes the quotes index shows when the quotes are split by month."""

LINK_TEXT_LIMIT = 160
"""The longest text a link to a page shows (titles and names longer than this are cut)."""

INDEX_LIMIT = 100
"""An index (actors, events, articles) longer than this is split into one page
per letter or month, with the newest entries on the index page itself."""


class DuplicatePageError(BriefingsError):
    """Two things would write the same page."""


# --- escaping ----------------------------------------------------------------

class Markdown(str):
    """Text that is safe to put in a page as it is: content already escaped, or markup the
    generator wrote. Every other value a template prints is escaped first (see `_finalize`),
    so that no field can reach a page unescaped because a template forgot a filter."""


_SPACES = re.compile(r"\s+")
_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]|])")
_ENTITIES = re.compile(r"[~^=]")
"""Marks that Python-Markdown has no backslash escape for (`\\=` would show its backslash) but
that extensions may read (`~~`, `^^`, `==`): written as character references instead."""
_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])")


_NOT_PLAIN = re.compile(
    "[&<>\\\\`*_{}\\[\\]|~^=\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
"""A markup character or whitespace other than a space (every character `\\s` matches but ' ')."""


def md(value: object) -> Markdown:
    """Plain text made safe inside Markdown: it renders as the same text, never as markup."""
    if isinstance(value, Markdown):
        return value
    text = str(value)
    if not _NOT_PLAIN.search(text) and "  " not in text and not _LINE_START.match(text):
        return Markdown(text)  # most text: skip the substitutions, which change nothing
    text = html.escape(_SPACES.sub(" ", text), quote=False)
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _ENTITIES.sub(lambda m: f"&#{ord(m.group(0))};", text)
    return Markdown(_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text))


def _finalize(value: object) -> Markdown:
    """What a template prints for `{{ value }}`: markup as made, anything else escaped."""
    return value if isinstance(value, Markdown) else md(value)


def _join(items: Iterable[object], separator: str = "") -> Markdown:
    """Jinja's `join`, escaping each item that is not markup already (the separator is the template's)."""
    return Markdown(separator.join(md(item) for item in items))


def _indent(value: object, width: int = 4, first: bool = False) -> Markdown:
    """Jinja's `indent`, keeping markup markup and escaping anything else."""
    return Markdown(jinja2.filters.do_indent(str(md(value)), width, first))


_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def md_name(value: object) -> Markdown:
    """A name, safe inside Markdown, isolated from its neighbours when it is written right to
    left: in 'DPRK, كوريا الشمالية, كوريا الديمقراطية' the comma between two Arabic names would
    otherwise join them into one run and show them in reverse order."""
    text = md(value)
    return Markdown(f"<bdi>{text}</bdi>") if _RIGHT_TO_LEFT.search(text) else text


_SAFE_TARGET = r"(?:https?:|mailto:|#|\.{0,2}/|[\w\-./]+\.md\b)"
"""The start of a link target curated Markdown may have: a web or mail address, an anchor, a page."""
_UNSAFE_LINK = re.compile(rf"\]\(\s*(?:<|&lt;)?\s*(?!{_SAFE_TARGET})[^)]*\)")
_UNSAFE_REFERENCE = re.compile(
    rf"\[[^\[\]\n]*\]:[ \t]*\n?[ \t]*(?!(?:<|&lt;)?{_SAFE_TARGET})(?=\S)")
"""A link reference definition (`[r]: target`, the target maybe on the next line) whose target
is not safe: `[x][r]`, `[x][]` and `[r]` anywhere on the page would link to it. Matched
wherever it stands, not only at a line's start: Markdown reads definitions inside list items,
indented blocks and admonitions too, and an escaped bracket elsewhere shows as typed."""
_ATTR_LIST = re.compile(r"\{\s*:?[^}]*\}")


def md_block(value: str | None) -> Markdown:
    """Curated Markdown with raw HTML, attribute lists and unsafe link targets defused.

    Curators may use emphasis, lists and links to web pages; nothing in a
    YAML value can add an element, an attribute, an image or a script link
    to the site.
    """
    if not value:
        return Markdown("")
    text = html.escape(value.strip(), quote=False)
    text = text.replace("![", "!\\[")  # no images: they would load from anywhere
    text = _ATTR_LIST.sub(lambda m: m.group(0).replace("{", "\\{").replace("}", "\\}"), text)
    text = _UNSAFE_REFERENCE.sub(lambda m: "\\" + m.group(0), text)
    return Markdown(_UNSAFE_LINK.sub(lambda m: m.group(0).replace("](", "]\\("), text))


def _escape_meta(value: Any) -> Any:
    """A front matter value (text or list of texts) made safe in HTML text and attributes."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, (list, tuple)):
        return [_escape_meta(item) for item in value]
    return value


def safe_url(value: str) -> Markdown:
    """An http(s) address percent-encoded so it cannot leave a Markdown link target."""
    if not re.match(r"^https?://", value):
        return Markdown("#")
    return Markdown(urllib.parse.quote(value, safe=":/?#@!$&'*+,;=%~"))


# --- languages -----------------------------------------------------------------

SITE_LANGUAGE = "en"
"""The language of the site's own words: the templates', and the theme's (Material's
`theme.language`, which mkdocs.yml leaves at its default, English)."""

_LANGUAGE = re.compile(LANGUAGE_PATTERN)
_RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ug", "ur", "yi"})
"""Languages written from right to left: Arabic, Aramaic, Sorani Kurdish, Dhivehi, Persian,
Hebrew (also as `iw`), Pashto, Sindhi, Uyghur, Urdu, Yiddish."""
_RTL_SCRIPTS = frozenset({"adlm", "arab", "hebr", "nkoo", "rohg", "syrc", "thaa"})
"""Scripts written from right to left, as the script subtag of a language code (`pa-Arab`)."""


def direction(language: str) -> str:
    """'rtl' for a language written from right to left ('ar', 'he', 'fa', 'ur', 'pa-Arab'), else 'ltr'.

    A script subtag decides when there is one ('ar-Latn' is Arabic in Latin letters).
    """
    primary, *subtags = language.split("-")
    script = next((tag.lower() for tag in subtags if len(tag) == 4 and tag.isalpha()), None)
    if script is not None:
        return "rtl" if script in _RTL_SCRIPTS else "ltr"
    return "rtl" if primary.lower() in _RTL_LANGUAGES else "ltr"


@functools.lru_cache(maxsize=256)
def language_attributes(language: str) -> Markdown:
    """`lang="ar" dir="rtl"`: the HTML attributes of text in `language`, a language code.

    Made only from a code as the model validates it (letters, digits,
    hyphens), never from text: anything else is refused.
    """
    if not _LANGUAGE.fullmatch(language):
        raise ValueError(f"{language!r} is not a language code")
    return Markdown(f'lang="{language}" dir="{direction(language)}"')


def _text_language(article: ArticleNode) -> Markdown:
    """The attributes of an article's own words (title, standfirst, paragraphs) on its page."""
    return language_attributes(article.article.language)


def _quote_language(page_path: str, article: ArticleNode) -> Markdown:
    """The attributes of words quoted from `article` on the page at `page_path`.

    Always on the article's own page; elsewhere only when the article is not
    in the site's language, so that English quotes on English pages stay bare.
    """
    language = article.article.language
    if page_path == article.path or language != SITE_LANGUAGE:
        return language_attributes(language)
    return Markdown("")


@jinja2.pass_context
def _quote_words(context: jinja2.runtime.Context, quote: QuoteNode, text: str | None = None) -> Markdown:
    """A quote's words (or `text`, a part of them) escaped, inline, in a span marking their language where needed."""
    words = md(quote.text if text is None else text)
    attributes = _quote_language(context["page_path"], quote.article)
    return Markdown(f"<span {attributes}>{words}</span>") if attributes else words


# --- dates -------------------------------------------------------------------

def quote_anchor(quote: QuoteNode) -> str:
    """A stable anchor for a quote on the quotes index: its article and place in it."""
    return f"q-{quote.article.id}-{quote.article.quotes.index(quote) + 1}"


# --- diagrams ----------------------------------------------------------------

_MERMAID_UNSAFE = re.compile(r"[^\w .,'’()\-–/]")


def mermaid_label(value: object, limit: int = 48) -> str:
    """Text safe inside a quoted Mermaid label: letters, digits, spaces and plain punctuation.

    Quotes, brackets, `#` (Mermaid's entity escape), `<`, `>`, `&`, backticks
    and line breaks are dropped, so content can neither end the label nor
    the fence, add Mermaid statements or reach the page as HTML.
    """
    text = " ".join(_MERMAID_UNSAFE.sub("", " ".join(str(value).split())).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or "?"


def mermaid_graph(nodes: list[tuple[str, str]], edges: list[tuple[str, str, int]]) -> Markdown:
    """A Mermaid flowchart fence: `nodes` are (key, label), `edges` (key, key, weight).

    Node names in the diagram are generated (`n0`, `n1`, ...); content only
    ever appears as escaped labels.
    """
    names = {key: f"n{index}" for index, (key, _) in enumerate(nodes)}
    lines = ["```mermaid", "graph LR"]
    lines += [f'    {names[key]}["{mermaid_label(text)}"]' for key, text in nodes]
    lines += [f"    {names[a]} ---|{int(weight)}| {names[b]}" for a, b, weight in edges]
    lines.append("```")
    return Markdown("\n".join(lines))


def neighbourhood(actor: ActorNode, limit: int = NEIGHBOURS) -> Markdown:
    """The actor and its strongest co-actors as a diagram."""
    shown = actor.co_actors[:limit]
    nodes = [(actor.id, actor.name)] + [(co.actor.id, co.actor.name) for co in shown]
    edges = [(actor.id, co.actor.id, len(co.events)) for co in shown]
    return mermaid_graph(nodes, edges)


def network_diagram(whole: Network) -> Markdown:
    """The network page's diagram: the kept actors and their strongest ties."""
    nodes = [(actor.id, actor.name) for actor in whole.actors]
    edges = [(tie.first.id, tie.second.id, len(tie.events)) for tie in whole.ties]
    return mermaid_graph(nodes, edges)


def label(value: str) -> str:
    """'military-exercise' -> 'Military exercise'."""
    return value.replace("-", " ").replace("_", " ").capitalize()


# --- pages -------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The one template environment of the process: compiled once, shared by every build.

    It holds no state of a build, so the successive builds of `mkdocs serve`
    reuse the compiled templates instead of compiling them on every save.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: escaped by `_finalize` and the filters below
        finalize=_finalize,
        auto_reload=False,  # templates do not change during a build: no stat per page
    )
    env.filters.update(
        md=md,
        join=_join,
        indent=_indent,
        md_name=md_name,
        md_block=md_block,
        safe_url=safe_url,
        plain=plain,
        fuzzy_date=fuzzy_date,
        event_date=event_date,
        published=published,
        label=label,
        href=_href,
        body_md=_body_md,
        quote_anchor=quote_anchor,
        month_name=month_name,
        newest=_newest,
        kind_counts=_kind_counts,
    )
    env.globals.update(
        activity=activity,
        coverage=coverage,
        most_covering=_most_covering,
        outlet_profile=outlet_profile,
        neighbourhood=neighbourhood,
        mermaid_graph=mermaid_graph,
        by_speaker=_by_speaker,
        by_month=_by_month,
        NEIGHBOURS=NEIGHBOURS,
        OUTLET_TOP=OUTLET_TOP,
        COMPARED_OUTLETS=COMPARED_OUTLETS,
        EVENT_QUOTES=EVENT_QUOTES,
        NETWORK_TABLE=NETWORK_TABLE,
        list_limit=LIST_LIMIT,
        actor_link=_node_link,
        event_link=_node_link,
        article_link=_node_link,
        links=_links,
        planned=_planned,
        paragraph_link=_paragraph_link,
        speaker_credit=_speaker_credit,
        quote_block=_quote_block,
        quote_entry=_quote_entry,
        quote_words=_quote_words,
        text_language=_text_language,
        parts_nav=_parts_nav,
        tag_links=_tag_links,
    )
    env.globals.update(SOURCES)
    env.globals.update({name: _drawn(draw) for name, draw in {**TIMELINES, **CHARTS}.items()})
    env.globals.update(pictures_map.TEMPLATE_GLOBALS, map_figure=_map_figure, locator=_locator,
                       raw_anchor=_raw_anchor)
    return env


def _drawn(draw: Callable[..., Any]) -> Callable[..., Any]:
    """A picture's function for templates: the markup it drew (pictures/svg.py, every value
    escaped) is Markdown as it is; anything else it returns is text, escaped as usual."""
    @functools.wraps(draw)
    def drawn(*args: Any, **kwargs: Any) -> Any:
        result = draw(*args, **kwargs)
        return Markdown(result) if isinstance(result, Svg) else result
    return drawn


class Renderer:
    """Turns a graph into pages through the shared template environment."""

    def __init__(self) -> None:
        self.env = _environment()

    def render(self, graph: Graph) -> list[Page]:
        """Every page, sorted by path; two pages at one path are refused."""
        pages: dict[str, Page] = {}
        for page in self.pages(graph):
            if page.path in pages:
                raise DuplicatePageError(f"two things would write {page.path}: rename one of them")
            pages[page.path] = page
        return [pages[path] for path in sorted(pages)]

    def pages(self, graph: Graph) -> Iterable[Page]:
        """The pages one by one, as they are rendered: a build writes each before the next."""
        return (job.render() for job in self.jobs(graph))

    def jobs(self, graph: Graph) -> Iterable[PageJob]:
        """Every page the graph makes, decided (path, template, context) but not rendered."""
        forget_sizes()
        return self._pages(graph)

    def _pages(self, graph: Graph) -> Iterable[PageJob]:
        months, basis = _event_months(graph)
        yield dataclasses.replace(self._page(HOME, "home.md.j2", graph=graph, timeline_months=months,
                                             **_home(graph)), basis=basis)
        yield from self._index_pages(graph, months, basis)
        yield from self._quote_pages(graph)
        whole = network(graph.actors, max_actors=NETWORK_ACTORS, max_ties=NETWORK_TIES)
        yield self._page(NETWORK, "network.md.j2", graph=graph, network=whole,
                         diagram=network_diagram(whole))
        yield from self._blindspot_pages(graph)
        yield self._page(MAP, "map.md.j2", graph=graph)
        tags = _tags(graph)
        yield self._page(TAGS, "tags_index.md.j2", graph=graph, tags=tags)
        for tag in tags:
            yield from self._split([tag], lambda part: self._page(part.path, "tag.md.j2", period=part),
                                   frame=_names_size(tag.label, 4))
        for path, write in FEED_FORMATS.items():
            yield PageJob(path, functools.partial(write, graph))
        yield self._page(index_page("outlets"), "outlets_index.md.j2", graph=graph)
        for actor in graph.actors:
            years = _actor_years(actor)
            yield self._page(actor.path, "actor.md.j2", actor=actor, node=actor, years=years)
            yield from self._split(years, functools.partial(self._actor_year, actor),
                                   frame=_names_size(actor.name, 6))
        for event in graph.events:
            yield from self._event_pages(event)
        for article in graph.articles:
            yield self._page(article.path, "article.md.j2", article=article, node=article)
        for outlet in graph.outlets:
            years = by_year(own_folder(outlet.path), outlet.articles, _published_day) \
                if len(outlet.articles) > LIST_LIMIT else []
            yield self._page(outlet.path, "outlet.md.j2", outlet=outlet, node=outlet, years=years)
            yield from self._split(years, lambda year: self._page(
                year.path, "outlet_year.md.j2", outlet=outlet, year=year), frame=_names_size(outlet.name, 5))

    def _split(self, periods: list[Period], render: Callable[[Period], PageJob],
               limit: int | None = None, size: Size | None = None, frame: int = 0) -> Iterable[PageJob]:
        """The pages of each period, cut into parts decided before rendering (generator/paginate.py):
        by count, and by `size` (`entry_size` unless given) for the entries, `frame` for the names."""
        for period in periods:
            cut = functools.partial(parts, [period], limit, size or entry_size, frame)
            for part in _measured(cut):
                yield dataclasses.replace(render(part), basis=cut)

    def _blindspot_pages(self, graph: Graph) -> Iterable[PageJob]:
        """The events covered from one side only, in parts; the first part describes each
        country's press too (room kept for it in every part: BLINDSPOT_FRAME)."""
        whole = Period("Blindspots", BLINDSPOTS, blindspots(graph))
        yield from self._split([whole], lambda part: self._page(
            part.path, "blindspots.md.j2", graph=graph, period=part),
            size=_blindspot_size, frame=BLINDSPOT_FRAME)

    def _actor_year(self, actor: ActorNode, year: Period) -> PageJob:
        entries: dict[str, list[Any]] = {"role": [], "quote": [], "reported": [], "article": []}
        for _, kind, item in year.items:
            entries[kind].append(item)
        return self._page(year.path, "actor_year.md.j2", actor=actor, year=year, entries=entries)

    def _event_pages(self, event: EventNode) -> Iterable[PageJob]:
        """An event's page; its coverage on pages of their own when many articles cover it."""
        pages: list[Period] = []
        if len(event.articles) > COVERAGE_LIMIT:
            whole = Period("Coverage", coverage_page(event.path), list(event.articles))
            cut = functools.partial(_coverage_parts, event, whole)
            pages = _measured(cut)
            for part in pages:
                yield dataclasses.replace(self._page(
                    part.path, "event_coverage.md.j2", event=event, node=event, period=part), basis=cut)
        yield dataclasses.replace(self._page(event.path, "event.md.j2", event=event, node=event,
                                             roles=_by_role(event), coverage_parts=pages),
                                  basis=cut if pages else None)

    def _index_pages(self, graph: Graph, months: list[Period],
                     basis: Callable[[], object] | None) -> Iterable[PageJob]:
        """The actor, event and article indexes, split by letter or month when long (the events'
        `months` as `_event_months` decided them)."""
        split = lambda items: len(items) > INDEX_LIMIT  # noqa: E731
        letters = _letters(graph.actors) if split(graph.actors) else []
        yield self._page(index_page("actors"), "actors_index.md.j2", graph=graph, letters=letters,
                         active=_home(graph)["active"] if letters else [])
        yield from self._split(letters, lambda letter: self._page(
            letter.path, "actors_letter.md.j2", period=letter))
        for job in (self._page(index_page("events"), "events_index.md.j2", graph=graph, months=months,
                               latest=graph.events[-LIST_LIMIT:]),
                    self._page(TIMELINE, "timeline.md.j2", graph=graph,
                               months=[] if months else _by_month(graph.events), split=months)):
            yield dataclasses.replace(job, basis=basis)
        yield from self._split(months, lambda month: self._page(
            month.path, "events_month.md.j2", period=month))
        months = _periods("articles", graph.articles, _published_day, "month") \
            if split(graph.articles) else []
        yield self._page(index_page("articles"), "articles_index.md.j2", graph=graph, months=months,
                         latest=graph.articles[-LIST_LIMIT:])
        yield from self._split(months, lambda month: self._page(
            month.path, "articles_month.md.j2", period=month))

    def _quote_pages(self, graph: Graph) -> Iterable[PageJob]:
        """The quotes index; split into one page per month of publication when long."""
        day_of = lambda quote: _published_day(quote.article)  # noqa: E731
        months = _periods("quotes", graph.quotes, day_of, "month") \
            if len(graph.quotes) > INDEX_LIMIT else []
        shown = graph.quotes[-QUOTES_LATEST:] if months else graph.quotes
        yield self._page(QUOTES, "quotes_index.md.j2", years=_by_year(shown), months=months,
                         total=len(graph.quotes))
        yield from self._split(months, lambda month: self._page(
            month.path, "quotes_month.md.j2", period=month, years=_by_year(month.items)),
            QUOTE_PAGE_LIMIT)

    def _page(self, path: str, template: str, **context: Any) -> PageJob:
        """The page at `path`: `template` with `context`, rendered when the job is run."""
        return PageJob(path, functools.partial(self._text, path, template, context))

    def _text(self, path: str, template: str, context: dict[str, Any]) -> str:
        return self.env.get_template(template).render(
            page_path=path, page_dir=posixpath.dirname(path), front=_front_matter, **context
        )


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: Any, anchor: str = "") -> Markdown:
    """Relative link from the page being rendered to a node or a page path."""
    path = target if isinstance(target, str) else target.path
    return Markdown(_target(context["page_dir"], path) + (f"#{anchor}" if anchor else ""))


@functools.lru_cache(maxsize=1 << 14)
def _target(here: str, path: str) -> str:
    """The link from pages in folder `here` to the page at `path`: computed once per pair."""
    folder, name = posixpath.split(path)
    return _relative_folder(here, folder) + name


@functools.lru_cache(maxsize=1 << 14)
def _named_link(here: str, path: str, text: str) -> Markdown:
    """`[text](path)` from pages in folder `here`, the text escaped: once per page folder and target.

    A text longer than LINK_TEXT_LIMIT is cut at a word ('…'): the page linked
    to shows it whole, and a list of links stays as long as its number of links.
    """
    return Markdown(f"[{md(_truncate(text, LINK_TEXT_LIMIT))}]({_target(here, path)})")


def _label_of(node: Any) -> str:
    """What a link to a node reads: an actor's or outlet's name, an event's or article's title."""
    return node.name if hasattr(node, "name") else node.title


@jinja2.pass_context
def _node_link(context: jinja2.runtime.Context, node: Any) -> Markdown:
    """A Markdown link to an actor, event, article or outlet, reading its name or title."""
    return _named_link(context["page_dir"], node.path, _label_of(node))


@jinja2.pass_context
def _links(context: jinja2.runtime.Context, nodes: Iterable[Any]) -> Markdown:
    """Links to several nodes, separated by commas: one call for a whole list."""
    here = context["page_dir"]
    return Markdown(", ".join(_named_link(here, node.path, _label_of(node)) for node in nodes))


def _planned(event: EventNode) -> str:
    return " (planned)" if event.event.planned else ""


def _paragraph_link_in(here: str, article: ArticleNode, paragraph: int | None) -> Markdown:
    """'[Outlet, 18 Oct 2023, ¶3](article#p3)': where a quote or a fact is printed."""
    where = f"{md(article.outlet.name)}, {md(published(article.article.published))}"
    target = _target(here, article.path)
    if paragraph:
        return Markdown(f"[{where}, ¶{int(paragraph)}]({target}#p{int(paragraph)})")
    return Markdown(f"[{where}]({target})")


@jinja2.pass_context
def _paragraph_link(context: jinja2.runtime.Context, article: ArticleNode, paragraph: int | None) -> Markdown:
    return _paragraph_link_in(context["page_dir"], article, paragraph)


def _speaker_credit_in(here: str, quote: QuoteNode) -> Markdown:
    """A person is credited by name; words an organisation, state or agency put out are marked as such."""
    speaker = quote.speaker
    credit = _named_link(here, speaker.path, speaker.name)
    if speaker.actor.kind != "person":
        credit += f" (statement by the {md(label(speaker.actor.kind).lower())}, no person named)"
    return Markdown(credit)


@jinja2.pass_context
def _speaker_credit(context: jinja2.runtime.Context, quote: QuoteNode) -> Markdown:
    return _speaker_credit_in(context["page_dir"], quote)


@jinja2.pass_context
def _quote_block(context: jinja2.runtime.Context, quote: QuoteNode, speaker: bool = True) -> Markdown:
    """A quote as a block quote, credited (unless the page is the speaker's own) and sourced.

    Kept out of the search indexes: each quote is indexed once, on its quotes page.
    """
    here = context["page_dir"]
    via = f"as reported by {_named_link(here, quote.via.path, quote.via.name)}, " if quote.via else ""
    credit = f"{_speaker_credit_in(here, quote)}, {via}" if speaker else via
    event = f" · {_named_link(here, quote.event.path, quote.event.title)}" if quote.event else ""
    source = _paragraph_link_in(here, quote.article, quote.paragraph)
    return Markdown(
        f"{_quoted_paragraph(context['page_path'], quote, indexed=False)}\n>\n"
        f"> — {credit}{source}{event}\n> {{: {_UNINDEXED} }}\n\n"
    )


_UNINDEXED = 'data-search-exclude data-pagefind-ignore="all"'
"""Attributes that keep an element out of both search indexes (Material's and Pagefind's)."""


def _quoted_paragraph(page_path: str, quote: QuoteNode, indexed: bool = True) -> Markdown:
    """`> “words”`: the words as a paragraph of a block quote, marked with their language where needed.

    Unless `indexed`, Pagefind leaves the words out: they are indexed where the
    article prints them and on their quotes page.
    """
    attributes = " ".join(filter(None, [_quote_language(page_path, quote.article),
                                        "" if indexed else 'data-pagefind-ignore="all"']))
    marked = f"\n> {{: {attributes} }}" if attributes else ""
    return Markdown(f"> “{md(quote.text)}”{marked}")


@jinja2.pass_context
def _quote_entry(context: jinja2.runtime.Context, quote: QuoteNode, indexed: bool = True) -> Markdown:
    """A quote on a quotes page: a heading to link to, the words, who, where.

    Search indexes the heading and the words (the speaker is in the heading)
    where `indexed`: on the quote's month page, the one place each quote is indexed.
    """
    exclude = "" if indexed else f" {_UNINDEXED}"
    here = context["page_dir"]
    short = _quote_words(context, quote, _truncate(quote.text, 60))
    lines = [
        f"### {md(quote.speaker.name)}: “{short}” {{ #{quote_anchor(quote)}{exclude} }}",
        "",
        _quoted_paragraph(context["page_path"], quote, indexed),
        "",
        f"- Speaker: {_speaker_credit_in(here, quote)}"
        + (f", as reported by {_named_link(here, quote.via.path, quote.via.name)}" if quote.via else "")
        + f"\n{{: {_UNINDEXED} }}",
        f"- Source: {_paragraph_link_in(here, quote.article, quote.paragraph)}\n{{: {_UNINDEXED} }}",
    ]
    if quote.event:
        lines.append(f"- Event: {_named_link(here, quote.event.path, quote.event.title)} "
                     f"({md(event_date(quote.event.event))})\n{{: {_UNINDEXED} }}")
    return Markdown("\n".join(lines) + "\n")


def _truncate(text: str, limit: int) -> str:
    """Jinja's `truncate(limit, end='…')`: text up to 5 over the limit whole, else whole words and '…'."""
    return text if len(text) <= limit + 5 else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@jinja2.pass_context
def _parts_nav(context: jinja2.runtime.Context, period: Period) -> Markdown:
    """'Pages: **1** · [2](05-2.md) · [3](05-3.md)': the parts of a split period, this one in bold."""
    here = context["page_dir"]
    if not period.parts:
        return Markdown("")
    links = ("…" if shown is None else f"**{shown[0]}**" if shown[0] == period.part
             else f"[{shown[0]}]({_target(here, shown[1])})" for shown in shown_parts(period))
    return Markdown("Pages: " + " · ".join(links) + "\n\n")


@jinja2.pass_context
def _body_md(context: jinja2.runtime.Context, article: ArticleNode) -> Markdown:
    """An article's body: subheadings, and numbered paragraphs with `#pN` anchors to link to.

    Written in Python, not a template loop: article bodies are most of the
    text a build renders. Each paragraph is a block of raw HTML, the same HTML
    Python-Markdown made of the Markdown paragraph it replaces: MkDocs passes
    it through instead of crawling it with its inline patterns and rewriting
    its links, which was about a tenth of a clean `mkdocs build`. Its text is
    escaped here and its links carry their built URLs (paths.href).
    """
    page = context["page_path"]
    language = article.article.language
    heading_attributes = _text_language(article)
    paragraph_attributes = f'dir="{direction(language)}" id="p{{number}}" lang="{language}"'
    parts = []
    for index, paragraph in enumerate(article.body, start=1):
        if paragraph.kind == "subheading":
            heading = "".join(md(s.text) for s in paragraph.segments)
            parts.append(f"### {heading} {{ #section-{index} data-search-exclude {heading_attributes} }}\n\n")
        else:
            number = int(paragraph.number)
            text = "".join(
                _html_link(page, s.actor.path, s.text) if s.actor else _html_text(s.text)
                for s in paragraph.segments
            ).strip()
            parts.append(f'<p data-search-exclude {paragraph_attributes.format(number=number)}>'
                         f'<a class="paragraph-number" href="#p{number}">{number}</a> {text}</p>\n\n')
    return Markdown("".join(parts))


def _html_text(text: str) -> str:
    """Text made safe inside raw HTML, its runs of whitespace one space (a blank line would end the block)."""
    return html.escape(_SPACES.sub(" ", text), quote=False)


@functools.lru_cache(maxsize=1 << 14)
def _html_link(page: str, path: str, text: str) -> str:
    """`<a href="…">text</a>` from the page `page` to the page at `path`, inside raw HTML."""
    return f'<a href="{html.escape(href(page, path))}">{_html_text(_truncate(text, LINK_TEXT_LIMIT))}</a>'


def _raw_anchor(anchor: str) -> Markdown:
    """An empty element with the id `anchor` (a slug the generator made), to link to a table row."""
    return Markdown(f'<span id="{html.escape(anchor)}"></span>')


def _map_figure(whole: pictures_map.Atlas) -> Markdown:
    """The map page's picture (raw HTML, escaped by generator/pictures/map.py)."""
    return Markdown(pictures_map.map_page_figure(whole))


def _locator(event: EventNode) -> Markdown:
    """An event page's locator map, or nothing when the event has no place."""
    return Markdown(pictures_map.locator_figure(event))


@functools.lru_cache(maxsize=1024)
def _relative_folder(here: str, folder: str) -> str:
    """The link prefix from pages in folder `here` to pages in `folder` ('', '../actors/', ...).

    Pages live in a handful of folders, so this is computed once per pair
    instead of once per link (`posixpath.relpath` is slow for 100,000 links).
    """
    relative = posixpath.relpath(folder or ".", here or ".")
    return "" if relative == "." else relative + "/"


def _front_matter(**fields: Any) -> Markdown:
    """YAML front matter with every text HTML-escaped.

    MkDocs and Material print `title`, `description` and tags into the page
    (the <title>, the header, a <meta> attribute) without escaping them, so
    content text must arrive escaped, quotes included, to stay text.
    """
    lines = ["---"]
    for key, value in fields.items():
        if value not in (None, "", [], ()):
            _yaml_lines(lines, key, _escape_meta(value), "")
    lines.append("---\n")
    return Markdown("\n".join(lines))


def _yaml_lines(lines: list[str], key: str, value: Any, indent: str) -> None:
    """`key: value` in block style: mappings and lists of scalars nested, scalars quoted."""
    if isinstance(value, dict):
        lines.append(f"{indent}{key}:")
        for inner, item in value.items():
            _yaml_lines(lines, inner, item, indent + "  ")
    elif isinstance(value, (list, tuple)):
        lines.append(f"{indent}{key}:")
        lines.extend(f"{indent}- {_yaml_scalar(item)}" for item in value)
    else:
        lines.append(f"{indent}{key}: {_yaml_scalar(value)}")


_YAML_ESCAPE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""What a JSON string may hold raw that YAML reads otherwise: control characters, line
separators (U+0085, U+2028, U+2029), surrogates, a byte order mark, non-characters."""


def _yaml_scalar(value: Any) -> str:
    """A scalar as YAML: text double-quoted (JSON's escapes are YAML's), numbers and booleans bare.

    Written directly rather than through yaml.dump: front matter is a few
    known keys, and dumping it was a tenth of a 10,000-article build.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    text = json.dumps(str(value), ensure_ascii=False)
    if _YAML_ESCAPE.search(text):
        text = _YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    return text


def _newest(items: Iterable[Any]) -> list[Any]:
    """The last LIST_LIMIT of a list kept in date order: what a long list shows in full."""
    return list(items)[-LIST_LIMIT:]


def _event_months(graph: Graph) -> tuple[list[Period], Callable[[], object] | None]:
    """The month pages of the events when the timeline is split, and what decided it (a page basis).

    Many events are split by count; fewer, when their list and the timeline's picture do not
    fit one page (the picture keeps TIMELINE_PICTURE bytes), so the timeline links months."""
    by_month = functools.partial(_periods, "events", graph.events, lambda e: e.event.date.start, "month")
    if len(graph.events) > INDEX_LIMIT:
        return by_month(), None
    basis = functools.partial(fits, graph.events, entry_size, TIMELINE_PICTURE)
    return ([] if _measured(basis) else by_month()), basis


def _home(graph: Graph) -> dict[str, Any]:
    latest = sorted(graph.events, key=lambda e: e.sort_key, reverse=True)[:LATEST]
    active = sorted(graph.actors, key=lambda a: (-activity(a), a.name.casefold(), a.id))[:LATEST]
    return {"latest": latest, "active": active}


def _by_month(events: Iterable[EventNode]) -> list[tuple[str, list[EventNode]]]:
    """Events grouped by month; events dated only to a year come first in their year."""
    months: dict[tuple[int, int], list[EventNode]] = {}
    for event in events:
        date = event.event.date
        month = 0 if date.precision == "year" else date.start.month
        months.setdefault((date.start.year, month), []).append(event)
    return [
        (f"{_MONTHS[month - 1]} {year}" if month else f"{year} (no month given)", months[(year, month)])
        for year, month in sorted(months)
    ]


def _by_year(quotes: list[QuoteNode]) -> list[tuple[int, list[QuoteNode]]]:
    """Quotes grouped by the year of their article, oldest first: one section (later, page) per year."""
    years: dict[int, list[QuoteNode]] = {}
    for quote in quotes:
        years.setdefault(quote.article.sort_key[0].year, []).append(quote)
    return sorted(years.items())


def _by_speaker(quotes: list[QuoteNode]) -> list[tuple[ActorNode, list[QuoteNode]]]:
    """Quotes grouped by speaker, speakers in order of their first quote."""
    speakers: dict[str, tuple[ActorNode, list[QuoteNode]]] = {}
    for quote in quotes:
        speakers.setdefault(quote.speaker.id, (quote.speaker, []))[1].append(quote)
    return list(speakers.values())


def _most_covering(outlets: list[Any]) -> list[Any]:
    """An event's coverage by outlet, the outlets with the most articles first."""
    return sorted(outlets, key=lambda c: (-len(c.articles), c.first_published, c.outlet.id))


def _by_role(event: EventNode) -> list[tuple[str, list[ActorNode]]]:
    roles: dict[str, list[ActorNode]] = {}
    for role in event.participants:
        roles.setdefault(role.role, []).append(role.actor)
    return list(roles.items())



# --- long lists, split so that no page grows with the corpus ---------------


def _published_day(article: ArticleNode) -> dt.date:
    return article.day


def _letters(actors: list[ActorNode]) -> list[Period]:
    """Actors grouped by the first letter of their name ('other' for the rest)."""
    groups: dict[str, list[ActorNode]] = {}
    for actor in actors:
        first = actor.name[:1].casefold()
        key = first if "a" <= first <= "z" else "other"
        groups.setdefault(key, []).append(actor)
    return [
        Period(key.upper() if key != "other" else "Other", letter_page(key), groups[key])
        for key in sorted(groups)
    ]


def tags_of(node: ActorNode | EventNode | ArticleNode) -> list[str]:
    """A page's tags: its kind (for actors and events) and its curated topics."""
    if isinstance(node, ArticleNode):
        return list(node.article.tags)
    item = node.actor if isinstance(node, ActorNode) else node.event
    return [label(item.kind), *item.tags]


def _tags(graph: Graph) -> list[Period]:
    """One period per tag (by its page name), its events, actors and articles in that order.

    The site's own tag pages instead of a theme plugin's single index of every
    tagged page, which would grow with the corpus; they read the same in
    Material and Zensical.
    """
    groups: dict[str, tuple[str, list[Any]]] = {}
    for nodes in (graph.events, graph.actors, graph.articles):
        for node in nodes:
            for tag in dict.fromkeys(tags_of(node)):
                groups.setdefault(tag_page(tag), (tag, []))[1].append(node)
    return [Period(groups[path][0], path, groups[path][1]) for path in sorted(groups, key=lambda path: path[:-3])]


def _kind_counts(nodes: Iterable[Any]) -> dict[str, int]:
    """How many of `nodes` are events, actors and articles (keyed by their folder)."""
    counts = {"events": 0, "actors": 0, "articles": 0}
    for node in nodes:
        counts[node.path.split("/", 1)[0]] += 1
    return counts


@jinja2.pass_context
def _tag_links(context: jinja2.runtime.Context, node: ActorNode | EventNode | ArticleNode) -> Markdown:
    """'[Visit](../tags/visit.md), [military](../tags/military.md)': a page's tags, each to its tag page."""
    here = context["page_dir"]
    tags = dict.fromkeys(tags_of(node))
    return Markdown(", ".join(_named_link(here, tag_page(tag), tag) for tag in tags))


def _actor_years(actor: ActorNode) -> list[Period]:
    """One page per year for an actor whose events, quotes or articles overflow a page."""
    lists = (actor.roles, actor.quotes, actor.reported, actor.articles)
    if all(len(items) <= LIST_LIMIT for items in lists):
        return []
    dated: list[tuple[dt.date, str, Any]] = [
        *((role.event.event.date.start, "role", role) for role in actor.roles),
        *((_published_day(q.article), "quote", q) for q in actor.quotes),
        *((_published_day(q.article), "reported", q) for q in actor.reported),
        *((_published_day(a), "article", a) for a in actor.articles),
    ]
    return by_year(own_folder(actor.path), dated, lambda entry: entry[0])


# --- sizes: how long an entry of a list is, known before any page is rendered -----


ENTRY_OVERHEAD = 200
"""Bytes an entry of a list takes besides the texts and links it shows: list or table
marks, dates, counts, the `../` of its links, a quote's credit lines and language marks."""


def _text_size(text: str) -> int:
    """The UTF-8 length of `text` as a page prints it (escaped)."""
    return len(md(text).encode("utf-8"))


@sized_once
def _link_size(node: Any) -> int:
    """The length of a link to `node`: its text, cut at LINK_TEXT_LIMIT, and its path."""
    return _text_size(_truncate(_label_of(node), LINK_TEXT_LIMIT)) + len(node.path)


def _names_size(name: str, times: int) -> int:
    """The bytes of a name that every page of a list repeats `times` (headings, front matter)."""
    return times * (_text_size(name) + 8)


def entry_size(entry: Any) -> int:
    """At least the bytes `entry` takes on a list page (see `_item_size`); an entry of an actor's
    year, (day, kind, item), is as long as its item."""
    return _item_size(entry[-1] if isinstance(entry, tuple) else entry)


@sized_once
def _item_size(entry: Any) -> int:
    """At least the bytes `entry` takes on a list page, estimated from the texts it shows.

    The parts of a list are decided from this before rendering (paginate.parts):
    quotes count whole (a quote is never cut), link texts as cut at LINK_TEXT_LIMIT.
    """
    if isinstance(entry, QuoteNode):
        words = _text_size(entry.text) + _text_size(_truncate(entry.text, 60))
        names = 2 * _link_size(entry.speaker) + (_link_size(entry.via) if entry.via else 0)
        where = _link_size(entry.article) + (_link_size(entry.event) if entry.event else 0)
        return 2 * ENTRY_OVERHEAD + words + names + where
    if isinstance(entry, Role):
        return ENTRY_OVERHEAD + _link_size(entry.event) + _text_size(label(entry.role))
    if isinstance(entry, ArticleNode):
        return ENTRY_OVERHEAD + _link_size(entry) + _link_size(entry.outlet)
    if isinstance(entry, EventNode):
        return ENTRY_OVERHEAD + _link_size(entry) + _text_size(entry.event.location or "")
    if isinstance(entry, ActorNode):
        return ENTRY_OVERHEAD + _link_size(entry) + sum(_text_size(alias) + 2 for alias in entry.actor.aliases)
    return ENTRY_OVERHEAD + _link_size(entry)


BLINDSPOT_FRAME = COUNTRIES_SHOWN * (2 * COUNTRY_EVENTS * (LINK_TEXT_LIMIT + 100) + ENTRY_OVERHEAD)
"""Room the first page of blindspots keeps for its table of each country's press."""


def _blindspot_size(event: EventNode) -> int:
    """An event on the blindspots page: its link, and why its coverage is one-sided."""
    return entry_size(event) + 160


Decided = TypeVar("Decided")


def _measured(decide: Callable[[], Decided]) -> Decided:
    """`decide()`, a cut of a list by the estimated bytes of its entries, its reads left out of
    what the incremental layer records: each page the cut decides makes it again, read, as its
    job's basis (`PageJob.basis`), so a change to an entry renders again only those pages."""
    with measuring():
        return decide()


def _coverage_parts(event: EventNode, whole: Period) -> list[Period]:
    """The pages of `event`'s coverage, with the event's title that they repeat."""
    return parts([whole], COVERAGE_LIMIT, _coverage_size(event), _names_size(event.title, 5))


def _coverage_size(event: EventNode) -> Size:
    """At least the bytes one article takes on a page of `event`'s coverage: its link, and its
    outlet's heading, participants named, quotes and facts counted as if it were alone."""
    facts: dict[int, int] = {}
    for fact in event.facts:
        for source in fact.sources:
            facts[id(source.article)] = facts.get(id(source.article), 0) + _text_size(fact.claim) + 80
    quotes: dict[int, int] = {}
    for quote in event.quotes:
        quotes[id(quote.article)] = quotes.get(id(quote.article), 0) + 120 + \
            _text_size(quote.speaker.name) + _text_size(_truncate(quote.text, 50))
    participants = {id(role.actor) for role in event.participants}

    def size(article: ArticleNode) -> int:
        named = sum(_link_size(actor) + 2 for actor in article.actors if id(actor) in participants)
        return (2 * ENTRY_OVERHEAD + _link_size(article) + _text_size(article.outlet.name)
                + len(article.outlet.id) + named + facts.get(id(article), 0) + quotes.get(id(article), 0))
    return size
