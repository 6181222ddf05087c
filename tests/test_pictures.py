"""The pictures drawn at build time (generator/pictures/): geometry, links and escaping.

Pictures are raw HTML in the generated Markdown, which MkDocs passes through as it is:
every text must arrive escaped and every link as the final address of its page.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.paths import url
from generator.pictures import charts, timeline
from generator.paths import href
from generator.pictures.svg import Scale, date_ticks, element, link, picture, shorten, text, year_labels
from generator.render import INDEX_LIMIT

from .conftest import REPO, write_tree
from .test_pages import BRIEFING, pages_of

HOSTILE = "<script>pwn()</script> & \"quoted\" 'single' </title><a href=x>"


class Drawing(HTMLParser):
    """The elements of a picture's markup: tags with attributes, and the text of each <title>."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.titles: list[str] = []
        self.texts: list[str] = []
        self.descriptions: list[str] = []
        self._open: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "title":
            self.titles.append(data)
        elif self._open and self._open[-1] == "text":
            self.texts.append(data)
        elif self._open and self._open[-1] == "desc":
            self.descriptions.append(data)

    def links(self) -> list[str]:
        return [attrs["href"] or "" for tag, attrs in self.tags if tag == "a"]

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def figures(page: str) -> list[str]:
    """The pictures of a generated page, each one line of raw HTML."""
    return re.findall(r'^<figure class="briefings-picture".*</figure>$', page, re.M)


def figure(page: str, name: str) -> Drawing:
    found = [f for f in figures(page) if f'class="bp-svg bp-{name}"' in f]
    assert len(found) == 1, f"{len(found)} pictures {name!r}"
    return Drawing(found[0])


# --- svg.py ----------------------------------------------------------------------------------


def test_text_and_attributes_are_escaped_and_read_back_as_the_same_text() -> None:
    markup = element("text", {"x": 1.25, "class_": HOSTILE, "text_anchor": "end"}, HOSTILE)
    drawing = Drawing(markup)
    assert [tag for tag, _ in drawing.tags] == ["text"]
    assert drawing.tags[0][1] == {"x": "1.2", "class": HOSTILE, "text-anchor": "end"}
    assert drawing.texts == [HOSTILE]
    assert "<script" not in markup and "<a" not in markup


def test_a_link_is_named_by_its_escaped_title() -> None:
    markup = link("../events/x/", HOSTILE, element("circle", {"r": 5}))
    drawing = Drawing(markup)
    assert [tag for tag, _ in drawing.tags] == ["a", "title", "circle"]
    assert drawing.titles == [HOSTILE] and drawing.links() == ["../events/x/"]


def test_a_picture_is_one_line_of_raw_html_labelled_by_its_title() -> None:
    markup = picture("chart", 100, 50, HOSTILE, [text(1, 2, "a")], HOSTILE, "what it shows", links=False)
    assert "\n" not in markup and markup.startswith('<figure class="briefings-picture" data-search-exclude')
    drawing = Drawing(markup)
    svg = drawing.named("svg")[0]
    assert svg["role"] == "img" and svg["aria-labelledby"] == "bp-chart-title bp-chart-desc"
    assert svg["viewbox"] == "0 0 100 50"
    assert drawing.titles == [HOSTILE]
    assert [attrs.get("id") for attrs in drawing.named("title")] == ["bp-chart-title"]
    assert "&lt;script&gt;pwn()&lt;/script&gt; &amp;" in markup.split("<figcaption>")[1]


@pytest.mark.parametrize(("page", "target", "anchor", "expected"), [
    ("index.md", "events/x.md", "", "events/x/"),
    ("timeline.md", "events/x.md", "", "../events/x/"),
    ("actors/a.md", "events/x.md", "", "../../events/x/"),
    ("actors/a.md", "actors/a/2023.md", "", "2023/"),
    ("events/index.md", "events/x.md", "", "x/"),
    ("timeline.md", "events/2023/10.md", "", "../events/2023/10/"),
    ("timeline.md", "timeline.md", "month-2023-10", "./#month-2023-10"),
    ("index.md", "timeline.md", "year-2023", "timeline/#year-2023"),
    ("events/x.md", "index.md", "", "../../"),
])
def test_links_are_the_built_address_relative_to_the_built_page(page: str, target: str, anchor: str,
                                                                 expected: str) -> None:
    assert href(page, target, anchor) == expected
    base = "/" + url(page)
    assert posixpath.normpath(posixpath.join(base, expected.split("#")[0])) + "/" == "/" + url(target) \
        or url(target) == "" and posixpath.normpath(posixpath.join(base, expected)) == "/"


def test_a_scale_maps_its_domain_onto_its_range_and_centres_a_single_value() -> None:
    scale = Scale(10, 20, 100, 200)
    assert (scale(10), scale(15), scale(20)) == (100, 150, 200)
    assert Scale(5, 5, 100, 200)(5) == 150


def test_date_ticks_are_days_months_or_years_as_the_span_needs_and_never_too_many() -> None:
    days = date_ticks(dt.date(2023, 10, 18), dt.date(2023, 10, 20), 5)
    assert [t.label for t in days] == ["18 Oct 2023", "19 Oct", "20 Oct"]
    months = date_ticks(dt.date(2023, 1, 1), dt.date(2024, 6, 19), 6)
    assert [t.label for t in months] == ["Jan 2023", "Apr", "July", "Oct", "Jan 2024", "Apr"]
    years = date_ticks(dt.date(2010, 3, 1), dt.date(2024, 6, 1), 5)
    assert all(t.label.isdigit() for t in years) and 1 < len(years) <= 5
    assert [t.value for t in years] == sorted(t.value for t in years)
    for first, last in [(dt.date(2023, 1, 5), dt.date(2023, 3, 30)), (dt.date(2020, 1, 1), dt.date(2021, 12, 1))]:
        ticks = date_ticks(first, last, 5)
        assert 0 < len(ticks) <= 5
        assert all(first.toordinal() <= t.value <= last.toordinal() for t in ticks)


def test_year_labels_stand_under_januaries_and_the_first_month_unless_a_january_is_close() -> None:
    months = [2023 * 12 + m for m in range(10, 30)]  # Nov 2023 .. June 2025
    assert year_labels(months) == [(2, "2024"), (14, "2025")]
    assert year_labels([2023 * 12 + m for m in range(3, 10)]) == [(0, "2023")]


# --- the timeline -------------------------------------------------------------------------


def event_yaml(title: str, date: str, kind: str = "meeting", extra: str = "") -> str:
    quoted = title.replace("'", "''")
    return f"title: '{quoted}'\ndate: '{date}'\nkind: {kind}\nactors:\n  - actor: ann\n{extra}"


def test_few_events_are_drawn_one_by_one_by_kind_each_a_link_hostile_titles_as_text(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        **BRIEFING,
        "content/events/a.yml": event_yaml(HOSTILE, "2023-10-18", "visit"),
        "content/events/b.yml": event_yaml("Drill", "2023-10-20", "military-exercise", "planned: true\n"),
        "content/events/c.yml": event_yaml("Tests", "2023", "weapons-test"),
    })
    pages = pages_of(root)
    for page, prefix in [("index.md", "events/"), ("timeline.md", "../events/")]:
        drawing = figure(pages[page], "timeline")
        assert drawing.links() == [f"{prefix}a/", f"{prefix}b/", f"{prefix}c/"]  # rows in the kinds' order
        assert drawing.texts[:3] == ["Visit", "Military exercise", "Weapons test"]
        assert f"18 Oct 2023: {HOSTILE} (Visit)" in drawing.titles
        assert "20 Oct 2023: Drill (Military exercise, planned)" in drawing.titles
        marks = [a["class"] for a in drawing.named("circle") + drawing.named("rect") if "bp-mark" in (a["class"] or "")]
        assert "bp-mark bp-kind-military-exercise bp-planned" in marks
        assert any(m == "bp-mark bp-kind-weapons-test" for m in marks)  # a year is a bar
        assert "hollow: planned, not confirmed" in drawing.texts
        assert "<script>" not in pages[page]


def test_many_events_are_a_strip_of_months_linked_to_the_months_of_the_timeline(tmp_path: Path) -> None:
    files = {**BRIEFING}
    for n in range(timeline.DRAW_LIMIT + 1):
        files[f"content/events/e{n:02d}.yml"] = event_yaml(f"Event {n}", f"2023-{1 + n % 3:02d}-{1 + n % 28:02d}")
    files["content/events/year.yml"] = event_yaml("Year", "2022")
    pages = pages_of(write_tree(tmp_path, files))
    home = figure(pages["index.md"], "timeline")
    assert home.links() == ["timeline/#year-2022", "timeline/#month-2023-01", "timeline/#month-2023-02",
                            "timeline/#month-2023-03"]
    assert home.titles[1:] == ["Jan 2022: 1 event", "Jan 2023: 11 events", "Feb 2023: 10 events", "Mar 2023: 10 events"]
    page = figure(pages["timeline.md"], "timeline")
    assert page.links() == [link.replace("timeline/", "./") for link in home.links()]
    for anchor in ("year-2022", "month-2023-01", "month-2023-02", "month-2023-03"):
        assert f"{{ #{anchor} }}" in pages["timeline.md"]


def test_a_split_timeline_links_each_month_page_and_a_long_span_is_drawn_by_year(tmp_path: Path) -> None:
    files = {**BRIEFING}
    for n in range(INDEX_LIMIT + 1):
        year, month = 2015 + n // 12, 1 + n % 12
        files[f"content/events/e{n:03d}.yml"] = event_yaml(f"Event {n}", f"{year}-{month:02d}-03")
    pages = pages_of(write_tree(tmp_path, files))
    drawing = figure(pages["timeline.md"], "timeline")
    assert drawing.titles[0].startswith("Timeline: 101 events by year, 2015 to 2023")
    links = drawing.links()
    assert len(links) == 9 and links[0] == "../events/2015/01/"
    for address in links:
        assert posixpath.normpath(posixpath.join("timeline", address)) + ".md" in pages
    assert figure(pages["index.md"], "timeline").links()[0] == "events/2015/01/"


def test_the_month_strip_keeps_its_size_bounded() -> None:
    events = [SimpleNamespace(event=SimpleNamespace(date=SimpleNamespace(start=dt.date(2019 + n // 12, 1 + n % 12, 1),
                                                                         precision="day")))
              for n in range(timeline.STRIP_MONTHS)]
    months = [SimpleNamespace(items=[e], path=f"events/{e.event.date.start:%Y/%m}.md") for e in events]
    strip = timeline.event_timeline("timeline.md", events, months)  # type: ignore[arg-type]
    assert len(Drawing(strip).links()) == timeline.STRIP_MONTHS
    assert len(strip.encode("utf-8")) <= timeline.PICTURE_BYTES


# --- an actor ------------------------------------------------------------------------------


def fixture_pages(root: Path, name: str) -> dict[str, str]:
    """The pages of the fixture corpus tests/fixtures/<name>, generated in `root`."""
    for folder in ("content", "seeds"):
        shutil.copytree(REPO / "tests" / "fixtures" / name / folder, root / folder)
    return pages_of(root)


@pytest.fixture(scope="module")
def mini_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return fixture_pages(tmp_path_factory.mktemp("mini"), "mini")


@pytest.fixture(scope="module")
def sides_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return fixture_pages(tmp_path_factory.mktemp("sides"), "sides")


def test_an_actor_has_a_row_per_role_and_a_row_of_quotes_each_mark_a_link(mini_pages: dict[str, str]) -> None:
    drawing = figure(mini_pages["actors/ana-lima.md"], "actor-timeline")
    assert drawing.texts[:2] == ["Host", "Quotes"]
    assert drawing.links() == ["../../events/2024-03-01-port-opening/", "../../articles/daily-2024-03-02-port-opens/",
                               "../../articles/daily-2024-03-03-new-port-ar/", "../../articles/daily-2024-03-04-new-port-ko/"]
    assert drawing.titles[1] == "1 Mar 2024: Port opening (Host)"
    assert drawing.titles[2] == "2 Mar 2024: quoted in Port opens <b>today</b>, Daily Wire Service"
    assert len(drawing.named("polygon")) == 3  # quotes are diamonds, events circles


def test_a_busy_actor_is_drawn_by_month_linked_to_its_year_pages(tmp_path: Path) -> None:
    files = {**BRIEFING}
    for n in range(timeline.ACTOR_DRAW_LIMIT + 1):
        files[f"content/events/e{n:02d}.yml"] = event_yaml(f"Event {n}", f"{2022 + n // 12}-{1 + n % 12:02d}-05")
    pages = pages_of(write_tree(tmp_path, files))
    drawing = figure(pages["actors/ann.md"], "actor-timeline")
    assert drawing.links() == ["2022/"]  # from actors/ann/ to actors/ann/2022/: quiet years share a page
    assert drawing.titles[1:] == ["2022–2023: events and quotes"]
    assert "actors/ann/2022.md" in pages


# --- coverage charts -----------------------------------------------------------------------


def test_articles_per_month_are_described_in_words_and_capped(mini_pages: dict[str, str]) -> None:
    drawing = figure(mini_pages["outlets/daily-wire-service.md"], "articles-per-month")
    svg = drawing.named("svg")[0]
    assert svg["role"] == "img" and drawing.links() == []
    assert drawing.titles[0] == "Articles of Daily Wire Service per month, Apr 2023 to Mar 2024"
    assert drawing.descriptions == ["3 articles. By month: Mar 2024: 3."]
    articles = [fake_article(dt.date(2015 + n // 12, 1 + n % 12, 1), "o", "O") for n in range(60)]
    capped = Drawing(charts.articles_per_month("outlets/o.md", articles, "of O"))
    assert capped.titles[0] == "Articles of O per month, Jan 2017 to Dec 2019"
    assert capped.descriptions[0].endswith(". Before Jan 2017: 24.")
    assert charts.event_articles("events/x.md", articles[:1]) == ""  # one month: the timing chart says it


def test_the_home_page_counts_articles_by_outlet_country_unknown_last(sides_pages: dict[str, str]) -> None:
    drawing = figure(sides_pages["index.md"], "by-country")
    labels = [t for t in drawing.texts if "(" in t]
    assert labels[-1].startswith("Unknown country (")
    assert labels[0].startswith("South Korea (2)")
    assert all(not t.startswith("Unknown") for t in labels[:-1])


def test_the_home_page_says_in_a_table_what_its_country_chart_draws(sides_pages: dict[str, str]) -> None:
    page = sides_pages["index.md"]
    drawn = [t for t in figure(page, "by-country").texts if "(" in t]
    table = page[page.index("| Outlet country | Articles | Busiest month |"):].split("\n\n")[0]
    rows = [line.strip("| ").split(" | ") for line in table.splitlines()[2:]]
    assert [f"{country} ({total})" for country, total, _ in rows] == drawn
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{4} \(\d+\)", busiest) for _, _, busiest in rows)


def fake_article(day: dt.date, outlet: str, name: str, title: str = "T") -> SimpleNamespace:
    return SimpleNamespace(article=SimpleNamespace(published_day=day), outlet=SimpleNamespace(id=outlet, name=name),
                           sort_key=(dt.datetime.combine(day, dt.time()), title), title=title,
                           path=f"articles/{outlet}-{day}.md")


def test_publication_timing_has_a_row_per_outlet_capped_with_the_rest_in_words() -> None:
    start = dt.date(2024, 5, 1)
    articles = [fake_article(start + dt.timedelta(days=n % 9 - 2), f"o{n % 8}", f"Outlet {n % 8}", HOSTILE)
                for n in range(40)]
    articles.append(fake_article(start + dt.timedelta(days=400), "o0", "Outlet 0"))
    event = SimpleNamespace(articles=articles, event=SimpleNamespace(date=SimpleNamespace(start=start, end=start),
                                                                     end=None))
    markup = charts.publication_timing("events/x.md", event)  # type: ignore[arg-type]
    drawing = Drawing(markup)
    assert len([t for t in drawing.texts if t.startswith("Outlet ")]) == charts.TIMING_OUTLETS
    assert len(drawing.links()) == charts.TIMING_OUTLETS * charts.TIMING_DOTS
    assert all(a.startswith("../../articles/o") for a in drawing.links())
    assert any(t.endswith(f"(2 days before): {shorten(HOSTILE, 40)}") for t in drawing.titles)
    caption = markup.split("<figcaption>")[1]
    assert f"over {charts.TIMING_DAYS} days away sit at the edge" in caption
    assert f"Not drawn: {41 - charts.TIMING_OUTLETS * charts.TIMING_DOTS} articles (2 more outlets)" in caption
    assert f"+{6 - charts.TIMING_DOTS}" in drawing.texts  # Outlet 0 has six articles: the rest are counted
    circles = [float(c["cx"] or 0) for c in drawing.named("circle")]
    assert max(circles) <= charts.WIDTH - charts.RIGHT - 22


def test_every_picture_link_of_a_briefing_reaches_a_page(sides_pages: dict[str, str],
                                                         mini_pages: dict[str, str]) -> None:
    for pages in (sides_pages, mini_pages):
        addresses = {url(path): path for path in pages}
        checked = 0
        for path, text_ in pages.items():
            for found in figures(text_):
                for address in Drawing(found).links():
                    target, _, anchor = address.partition("#")
                    resolved = posixpath.normpath(posixpath.join("/" + url(path), target)).lstrip("/")
                    resolved = "" if resolved in (".", "") else resolved + "/"
                    assert resolved in addresses, (path, address)
                    if anchor:
                        assert f"{{ #{anchor} }}" in pages[addresses[resolved]], (path, address)
                    checked += 1
        assert checked > 5


def test_a_year_label_at_the_right_edge_ends_at_its_tick_instead_of_leaving_the_drawing() -> None:
    from generator.pictures.svg import year_axis

    first = 2023 * 12 + 1  # Feb 2023 .. Jan 2025
    labels = Drawing("".join(year_axis(first, first + 23, 30, 20, 50))).named("text")
    assert [(a["x"], a.get("text-anchor")) for a in labels] == [("32", None), ("252", None), ("488", "end")]


def test_a_briefing_without_events_or_articles_draws_no_picture(tmp_path: Path) -> None:
    pages = pages_of(write_tree(tmp_path, {**BRIEFING}))
    assert all(figures(text_) == [] for text_ in pages.values())
    assert "## Events over time" not in pages["index.md"]
    assert "## Coverage by outlet country" not in pages["index.md"]
