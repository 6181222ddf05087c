"""Long lists cut into parts before rendering: bounded in entries and estimated bytes, stable
when an entry is appended, and the estimate never short of what the renderer writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from generator import build as pipeline
from generator.link import Graph
from generator.paginate import (
    ENTRY_BUDGET, MAX_PAGE_BYTES, PAGE_LIMIT, PARTS_AROUND, Period, by_year, parts, shown_parts,
)
from generator.render import QUOTE_PAGE_LIMIT, Renderer, _by_year, entry_size

MINI = Path(__file__).parent / "fixtures" / "mini"


def _layout(pages: list[Period]) -> dict[str, list[str]]:
    return {part.path: part.items for part in pages}


def test_a_long_period_is_cut_into_parts_of_at_most_the_limit() -> None:
    items = [f"e{i:03d}" for i in range(PAGE_LIMIT * 2 + 5)]
    pages = parts([Period("May 2022", "x/2022/05.md", items)], size=lambda _: 10)
    assert [part.path for part in pages] == ["x/2022/05.md", "x/2022/05-2.md", "x/2022/05-3.md"]
    assert [len(part.items) for part in pages] == [PAGE_LIMIT, PAGE_LIMIT, 5]
    assert [part.label for part in pages] == ["May 2022", "May 2022 (2)", "May 2022 (3)"]
    assert all(part.parts == tuple((n, p.path) for n, p in enumerate(pages, 1)) for part in pages)


def test_parts_are_filled_up_to_the_budget_from_the_first_entry() -> None:
    items = [f"e{i:03d}" for i in range(PAGE_LIMIT)]
    sizes = dict.fromkeys(items, 100) | {"e003": ENTRY_BUDGET // 2, "e004": ENTRY_BUDGET // 2}
    pages = parts([Period("May 2022", "x/2022/05.md", items)], size=sizes.__getitem__)
    assert [len(part.items) for part in pages] == [4, 26]
    assert [item for part in pages for item in part.items] == items  # nothing lost, order kept


def test_the_names_a_page_repeats_leave_less_room_for_entries() -> None:
    items = ["a", "b", "c"]
    whole = Period("May", "m.md", items)
    assert len(parts([whole], size=lambda _: ENTRY_BUDGET // 3)) == 1
    assert _layout(parts([whole], size=lambda _: ENTRY_BUDGET // 3, frame=1)) == {
        "m.md": ["a", "b"], "m-2.md": ["c"]}


def test_one_entry_longer_than_a_page_is_kept_whole() -> None:
    sizes = {"a": MAX_PAGE_BYTES * 2, "b": 1}
    assert _layout(parts([Period("May", "m.md", ["a", "b"])], size=sizes.__getitem__)) == {
        "m.md": ["a"], "m-2.md": ["b"]}


@given(st.lists(st.integers(0, ENTRY_BUDGET), max_size=120), st.integers(0, ENTRY_BUDGET))
def test_an_entry_appended_changes_only_the_last_part(sizes: list[int], added: int) -> None:
    items = list(range(len(sizes)))
    size = (sizes + [added]).__getitem__
    before = _layout(parts([Period("2024", "a/2024.md", items)], size=size))
    after = _layout(parts([Period("2024", "a/2024.md", items + [len(sizes)])], size=size))
    changed = [path for path in after if before.get(path) != after[path]]
    assert changed == [list(after)[-1]]
    for chunk in after.values():
        assert len(chunk) == 1 or (len(chunk) <= PAGE_LIMIT and sum(map(size, chunk)) <= ENTRY_BUDGET)


def test_busy_years_are_cut_by_month_and_quiet_neighbours_joined() -> None:
    days = ([dt.date(2017, 6, 1)] * 3 + [dt.date(2018, 2, 1)] * 4
            + [dt.date(2019, 3, d) for d in range(1, 21)] + [dt.date(2019, 4, d) for d in range(1, 16)]
            + [dt.date(2020, 1, 1)] * 2)
    pages = by_year("actors/a", days, lambda day: day)
    assert [(p.label, p.path, len(p.items)) for p in pages] == [
        ("2017–2018", "actors/a/2017.md", 7),
        ("Mar 2019", "actors/a/2019/03.md", 20),
        ("Apr 2019", "actors/a/2019/04.md", 15),
        ("2020", "actors/a/2020.md", 2),
    ]


# --- the estimate against the renderer -------------------------------------------------

@pytest.fixture(scope="module")
def graph() -> Graph:
    return pipeline.linked(MINI)


def _swap(node: object, field: str, **changes: str) -> object:
    """A copy of `node` whose model (its field `field`) has `changes`."""
    model = getattr(node, field)
    return dataclasses.replace(node, **{field: model.model_copy(update=changes)})  # type: ignore[call-overload]


def _rendered(template: str, folder: str, items: list, **context: object) -> list[str]:
    """The pages of a list of `items` on `template`, cut into parts by the estimate."""
    renderer = Renderer()
    whole = Period("May 2024", f"{folder}/2024/05.md", items, 2024)
    limit = QUOTE_PAGE_LIMIT if folder == "quotes" else None
    return [renderer._text(part.path, template, {"period": part, **{
        key: value(part) if callable(value) else value for key, value in context.items()}})
        for part in parts([whole], limit, entry_size)]


TEXTS = ["".join(scripts) * repeat for repeat in (1, 3, 30) for scripts in (
    ["Latin words "], ["Кириллица слова ", "北朝鮮の核問題 ", "조선중앙통신 보도 "], ["العربية كلمات ", "emoji 🚀🇰🇵 "],
    ["*_[]|`\\&<>~^= "], ["a" * 40, "  \t "])]
"""Long texts in many scripts, full of what escaping lengthens."""


@pytest.mark.parametrize("count", [1, 7, 80])
def test_long_titles_and_places_fit_the_pages_the_estimate_makes(graph: Graph, count: int) -> None:
    texts = [(TEXTS[i % len(TEXTS)], TEXTS[(i * 7) % len(TEXTS)]) for i in range(count)]
    events = [_swap(graph.events[i % len(graph.events)], "event", title=title, location=place)
              for i, (title, place) in enumerate(texts)]
    articles = [_swap(graph.articles[i % len(graph.articles)], "article", title=title)
                for i, (title, _) in enumerate(texts)]
    pages = (_rendered("events_month.md.j2", "events", events)
             + _rendered("articles_month.md.j2", "articles", articles)
             + _rendered("tag.md.j2", "tags", [*events, *articles]))
    assert all(len(page.encode("utf-8")) <= MAX_PAGE_BYTES for page in pages)


@pytest.mark.parametrize("count", [1, 3, 10, 25])
def test_long_quotes_in_many_scripts_fit_the_pages_the_estimate_makes(graph: Graph, count: int) -> None:
    quotes = []
    for i in range(count):
        quote = _swap(graph.quotes[i % len(graph.quotes)], "quote", text=TEXTS[(i * 5) % len(TEXTS)] * 4)
        quote.article = dataclasses.replace(quote.article, quotes=[quote])  # type: ignore[attr-defined]
        quotes.append(quote)
    pages = _rendered("quotes_month.md.j2", "quotes", quotes, years=lambda part: _by_year(part.items))
    assert sum(page.count("\n### ") for page in pages) == count
    assert all(len(page.encode("utf-8")) <= MAX_PAGE_BYTES or page.count("\n### ") == 1 for page in pages)
    assert len(pages) >= -(-count // QUOTE_PAGE_LIMIT)


def _split(count: int, part: int) -> Period:
    paths = tuple((n, f"tags/x-{n}.md") for n in range(1, count + 1))
    return Period("x", paths[part - 1][1], [], None, part, paths)


def _numbers(period: Period) -> list[int | None]:
    return [None if shown is None else shown[0] for shown in shown_parts(period)]


def test_a_few_parts_all_link_each_other() -> None:
    assert _numbers(_split(7, 4)) == [1, 2, 3, 4, 5, 6, 7]


def test_many_parts_link_the_ends_and_their_neighbours_only() -> None:
    assert _numbers(_split(1000, 500)) == [1, 2, None, 498, 499, 500, 501, 502, None, 999, 1000]
    assert _numbers(_split(1000, 1)) == [1, 2, 3, None, 999, 1000]
    assert _numbers(_split(1000, 4)) == [1, 2, 3, 4, 5, 6, None, 999, 1000]
    assert _numbers(_split(1000, 1000)) == [1, 2, None, 998, 999, 1000]


def test_every_part_is_reached_by_stepping_and_its_links_stay_short() -> None:
    for count in (2, 3, 6, 13, 400):
        for part in range(1, count + 1):
            shown = _numbers(_split(count, part))
            assert part in shown
            assert all(n in shown for n in (part - 1, part + 1) if 1 <= n <= count)
            assert len(shown) <= 4 * PARTS_AROUND + 3
