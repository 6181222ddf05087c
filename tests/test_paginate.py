"""Long lists cut into parts: bounded in entries and bytes, and stable when an entry is added."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.paginate import MAX_PAGE_BYTES, PAGE_LIMIT, Period, bounded, by_year


@dataclass(frozen=True)
class Rendered:
    path: str
    text: str
    kept: bool = False


def _render(sizes: dict[str, int]):
    """A page whose text is as long as its entries' sizes (entries are names in `sizes`)."""
    def render(part: Period) -> Rendered:
        return Rendered(part.path, "x" * sum(sizes[item] for item in part.items))
    return render


def _layout(pages: list[tuple[Period, Rendered]]) -> dict[str, list[str]]:
    return {part.path: part.items for part, _ in pages}


def test_a_long_period_is_cut_into_parts_of_at_most_the_limit() -> None:
    items = [f"e{i:03d}" for i in range(PAGE_LIMIT * 2 + 5)]
    pages = bounded(Period("May 2022", "x/2022/05.md", items), _render(dict.fromkeys(items, 10)))
    assert [part.path for part, _ in pages] == ["x/2022/05.md", "x/2022/05-2.md", "x/2022/05-3.md"]
    assert [len(part.items) for part, _ in pages] == [PAGE_LIMIT, PAGE_LIMIT, 5]
    assert [part.label for part, _ in pages] == ["May 2022", "May 2022 (2)", "May 2022 (3)"]
    assert all(part.parts == tuple((n, p.path) for n, (p, _) in enumerate(pages, 1)) for part, _ in pages)


def test_parts_too_long_in_bytes_are_halved_until_every_page_fits() -> None:
    items = [f"e{i:03d}" for i in range(PAGE_LIMIT)]
    sizes = dict.fromkeys(items, 100) | {"e003": MAX_PAGE_BYTES // 2, "e004": MAX_PAGE_BYTES // 2}
    pages = bounded(Period("May 2022", "x/2022/05.md", items), _render(sizes))
    assert all(len(page.text) <= MAX_PAGE_BYTES for _, page in pages)
    assert [item for part, _ in pages for item in part.items] == items  # nothing lost, order kept
    assert [len(part.items) for part, _ in pages] == [4, 4, 7, 15]


def test_one_entry_longer_than_a_page_is_kept_whole() -> None:
    pages = bounded(Period("May", "m.md", ["a", "b"]), _render({"a": MAX_PAGE_BYTES * 2, "b": 1}))
    assert _layout(pages) == {"m.md": ["a"], "m-2.md": ["b"]}


def test_an_entry_added_at_the_end_changes_only_the_last_part() -> None:
    items = [f"e{i:03d}" for i in range(PAGE_LIMIT * 3 + 2)]
    sizes = {item: 200 + 37 * (i % 7) for i, item in enumerate(items + ["new"])}
    before = _layout(bounded(Period("2024", "a/2024.md", items), _render(sizes)))
    after = _layout(bounded(Period("2024", "a/2024.md", items + ["new"]), _render(sizes)))
    changed = [path for path in after if before.get(path) != after[path]]
    assert changed == [list(after)[-1]]


def test_a_kept_page_counts_as_fitting() -> None:
    """The cache keeps a page only when it was written from the same entries: it fitted then."""
    pages = bounded(Period("May", "m.md", ["a"] * 3), lambda part: Rendered(part.path, "", kept=True))
    assert _layout(pages) == {"m.md": ["a"] * 3}


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
