"""The briefing pages an analyst reads: coverage compared, who said what, time, relationships."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.build import generate, linked
from generator.render import LIST_LIMIT, NEIGHBOURS, mermaid_graph, mermaid_label

from .conftest import REPO, write_tree

LAVROV_VISIT = "2023-10-18-lavrov-visits-pyongyang"


def pages_of(root: Path) -> dict[str, str]:
    pages, _ = generate(root)
    return {page.path: page.text for page in pages}


def section(text: str, heading: str) -> str:
    """The Markdown from `heading` (a whole line, maybe with an `{ #id }`) to the next heading of its level."""
    level = heading.split(" ")[0]
    found = re.search(rf"\n{re.escape(heading)}(?: \{{ (?:#[\w-]+ ?)?(?:data-search-exclude )?\}})?\n", text)
    if found is None:
        raise ValueError(f"no heading {heading!r}")
    start, body = found.start(), found.end()
    end = re.search(rf"\n{level} ", text[body - 1 :])
    return text[start : body - 1 + end.start()] if end else text[start:]


def curated(kind: str, item: str) -> dict:
    return yaml.safe_load((REPO / "content" / kind / f"{item}.yml").read_text(encoding="utf-8"))


# --- coverage compared -------------------------------------------------------


def test_lavrov_visit_compares_both_outlets_with_their_single_source_facts(seed_project: Path) -> None:
    page = pages_of(seed_project)[f"events/{LAVROV_VISIT}.md"]
    coverage = section(page, "## Coverage")
    event = curated("events", LAVROV_VISIT)
    outlet_of = {a: curated("articles", a)["outlet"] for f in event["facts"] for a in [s["article"] for s in f["sources"]]}
    names = {o: curated("outlets", o)["name"] for o in set(outlet_of.values())}
    assert set(names.values()) == {"CNA", "The Korea Herald"}

    table = section(coverage, "### Facts compared")
    header = next(line for line in table.splitlines() if line.startswith("| Fact |"))
    assert [c.strip() for c in header.strip("| ").split("|")][1:] == ["CNA", "The Korea Herald"]

    for fact in event["facts"]:
        row = next(line for line in table.splitlines() if line.startswith("| " + fact["claim"].replace('"', '"')[:20]))
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        outlets = {outlet_of[s["article"]] for s in fact["sources"]}
        assert ("**single source**" in cells[0]) == (len(outlets) == 1), fact["claim"]
        wordings = {s["wording"] for s in fact["sources"] if s.get("wording")}
        assert ("**stated differently**" in cells[0]) == (len(wordings) > 1)
        for outlet_id, cell in zip(["cna", "the-korea-herald"], cells[1:]):
            mine = [s for s in fact["sources"] if outlet_of[s["article"]] == outlet_id]
            if not mine:
                assert cell == "—"
            for source in mine:
                assert f"#p{source['paragraph']})" in cell
                if source.get("wording"):
                    assert source["wording"].replace("'", "'") in cell.replace("\\", "")

    for name in names.values():
        block = section(coverage, f"### {name}")
        only = [f for f in event["facts"] if {outlet_of[s["article"]] for s in f["sources"]} == {k for k, v in names.items() if v == name}]
        assert f"{len(only)} single-source (only here)" in block
        for fact in only:
            assert fact["claim"][:30] in block


def test_coverage_names_participants_and_quotes_per_outlet(seed_project: Path) -> None:
    page = pages_of(seed_project)[f"events/{LAVROV_VISIT}.md"]
    event = curated("events", LAVROV_VISIT)
    participants = {p["actor"] for p in event["actors"]}
    for article_id in ("cna-2023-10-19-kim-wants-forward-looking-ties-with-russia",
                       "the-korea-herald-2023-10-20-kim-reaffirms-ties-with-russia-envoy"):
        article = curated("articles", article_id)
        block = section(section(page, "## Coverage"), f"### {curated('outlets', article['outlet'])['name']}")
        names_line = next(line for line in block.splitlines() if line.startswith("- Names:"))
        named = set(re.findall(r"\(\.\./actors/([a-z0-9-]+)\.md\)", names_line))
        assert named == participants & set(article["actors"])
        quotes = [q for q in article.get("quotes", []) if q.get("event") == LAVROV_VISIT]
        assert f"- Quotes: {len(quotes)}" in block if quotes else "- Quotes: none" in block


def test_outlet_page_shows_its_coverage(seed_project: Path) -> None:
    page = pages_of(seed_project)["outlets/the-korea-herald.md"]
    article = curated("articles", "the-korea-herald-2023-10-20-kim-reaffirms-ties-with-russia-envoy")
    events = section(page, "### Events covered")
    assert len(re.findall(r"\]\(\.\./events/", events)) == len(set(article["events"]))
    actors = section(page, "### Actors most mentioned")
    assert set(re.findall(r"\(\.\./actors/([a-z0-9-]+)\.md\)", actors)) == set(article["actors"])
    assert "| Oct 2023 | 1 |" in section(page, "### Articles over time")


# --- who said what -----------------------------------------------------------


def test_lavrovs_page_lists_his_quotes_in_date_order_with_paragraph_links(seed_project: Path) -> None:
    graph = linked(seed_project)
    lavrov = next(a for a in graph.actors if a.id == "sergei-lavrov")
    page = pages_of(seed_project)["actors/sergei-lavrov.md"]
    quotes = section(page, "## Quotes")
    curated_quotes = [
        (article_id, q["text"])
        for article_id in sorted(p.stem for p in (seed_project / "content" / "articles").glob("*.yml"))
        for q in curated("articles", article_id).get("quotes", [])
        if q["speaker"] == "sergei-lavrov"
    ]
    assert len(curated_quotes) == len(lavrov.quotes) >= 3
    positions = []
    for quote in lavrov.quotes:
        text = seed_project.joinpath(quote.article.article.text).read_text(encoding="utf-8")
        assert quote.text in text
        assert quote.paragraph is not None and quote.text in quote.article.parsed.paragraphs[quote.paragraph - 1].text
        link = f"../articles/{quote.article.id}.md#p{quote.paragraph})"
        where = quotes.index(quote.text[:40])
        assert link in quotes[where : where + len(quote.text) + 400]
        positions.append(where)
    assert positions == sorted(positions)
    dates = [q.article.sort_key for q in lavrov.quotes]
    assert dates == sorted(dates)


def test_event_page_groups_quotes_by_speaker(seed_project: Path) -> None:
    graph = linked(seed_project)
    event = next(e for e in graph.events if e.id == "2023-10-20-kcna-commentary-on-us-deployment")
    page = pages_of(seed_project)[event.path]
    quotes = section(page, "## Quotes")
    speakers = {q.speaker.name for q in event.quotes}
    assert re.findall(r"^### (.+?)(?: \{ #[\w-]+(?: data-search-exclude)? \})?$", quotes, re.M) == sorted(speakers, key=[q.speaker.name for q in event.quotes].index)


def test_organisation_speech_is_not_credited_to_a_person(seed_project: Path) -> None:
    pages = pages_of(seed_project)
    index = pages["quotes.md"]
    kcna_quote = "This is an intended provocation for a nuclear war by the US"
    block = index[index.index(f"> “{kcna_quote}”") :].split("\n### ")[0]
    assert "- Speaker: [KCNA](actors/kcna.md) (statement by the media, no person named)" in block
    person = index[index.index("> “find the right path”") :].split("\n### ")[0]
    assert "[Kim In-ae](actors/kim-in-ae.md)" in person and "no person named" not in person
    event = pages["events/2023-10-20-kcna-commentary-on-us-deployment.md"]
    assert "not credited to a named person" in section(event, "## Quotes")


def test_quotes_index_lists_every_quote_by_year_with_anchor(seed_project: Path) -> None:
    graph = linked(seed_project)
    index = pages_of(seed_project)["quotes.md"]
    anchors = re.findall(r"\{ #(q-[a-z0-9-]+) \}", index)
    assert len(anchors) == len(set(anchors)) == len(graph.quotes)
    assert re.findall(r"^## (\d{4})(?: \{ data-search-exclude \})?$", index, re.M) == sorted({str(q.article.sort_key[0].year) for q in graph.quotes})
    for quote in graph.quotes:
        assert f"> “{quote.text}”" in index.replace("\\", "")


# --- time ----------------------------------------------------------------------

BRIEFING = {
    "content/briefing.yml": "title: T\nsummary: S\n",
    "content/outlets/wire.yml": "name: Wire\n",
    "content/actors/ann.yml": "name: Ann\nkind: person\n",
}


def event_file(title: str, date: str, extra: str = "") -> str:
    return f"title: {title}\ndate: '{date}'\nkind: meeting\nactors:\n  - actor: ann\n{extra}"


def test_dates_show_their_precision_and_planned_events_are_marked(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        **BRIEFING,
        "content/events/a-month.yml": event_file("Month only", "2023-09"),
        "content/events/b-rough.yml": event_file("Roughly", "2023-10-05", "approximate: true\n"),
        "content/events/c-year.yml": event_file("Year only", "2023"),
        "content/events/d-plan.yml": event_file("Planned one", "2024-06-19", "planned: true\n"),
    })
    pages = pages_of(root)
    timeline = pages["timeline.md"]
    assert re.findall(r"^## (.+) \{ #(\S+) \}$", timeline, re.M) == [
        ("2023 (no month given)", "year-2023"), ("Sept 2023", "month-2023-09"), ("Oct 2023", "month-2023-10"),
        ("June 2024", "month-2024-06")]
    assert "- **Sept 2023**: [Month only]" in timeline
    assert "- **c. 5 Oct 2023**: [Roughly]" in timeline
    assert "[Planned one](events/d-plan.md) (planned)" in timeline
    actor = section(pages["actors/ann.md"], "## Timeline")
    assert re.findall(r"^### (.+?)(?: \{ data-search-exclude \})?$", actor, re.M) == ["2023 (no month given)", "Sept 2023", "Oct 2023", "June 2024"]
    assert "[Planned one](../events/d-plan.md) (planned)" in actor


def test_related_events_form_a_navigable_chain(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        **BRIEFING,
        "content/events/trip.yml": event_file("Trip", "2023-10"),
        "content/events/day-one.yml": event_file("Day one", "2023-10-01", "part_of: trip\n"),
        "content/events/talks.yml": event_file("Talks", "2023-10-01", "part_of: day-one\n"),
        "content/events/dinner.yml": event_file("Dinner", "2023-10-02", "part_of: day-one\n"),
        "content/events/lunch.yml": event_file("Lunch", "2023-10-03", "part_of: day-one\nplanned: true\n"),
    })
    pages = pages_of(root)
    dinner = section(pages["events/dinner.md"], "## Related events")
    assert "- Part of: [Trip](trip.md) (Oct 2023) › [Day one](day-one.md) (1 Oct 2023)" in dinner
    assert "- Previous part: [Talks](talks.md)" in dinner
    assert "- Next part: [Lunch](lunch.md) (3 Oct 2023) (planned)" in dinner
    talks = section(pages["events/talks.md"], "## Related events")
    assert "Previous part" not in talks and "- Next part: [Dinner](dinner.md)" in talks


# --- relationships -------------------------------------------------------------


@given(st.text())
def test_mermaid_labels_cannot_leave_their_quotes(value: str) -> None:
    label = mermaid_label(value)
    assert re.fullmatch(r"[\w .,'’()\-–/…?]+", label)
    assert not set(label) & set('"[]{}<>&#;`|\n\r')


def test_neighbourhood_diagram_is_capped_escaped_and_listed(tmp_path: Path) -> None:
    many = NEIGHBOURS + 5
    files = {**BRIEFING}
    hostile = 'Evil"] --> x["<script>alert(1)</script>'
    files["content/actors/evil.yml"] = yaml.safe_dump({"name": hostile, "kind": "group"})
    participants = "".join(f"  - actor: p{i:02d}\n" for i in range(many)) + "  - actor: evil\n"
    for i in range(many):
        files[f"content/actors/p{i:02d}.yml"] = f"name: Person {i:02d}\nkind: person\n"
    files["content/events/big.yml"] = event_file("Big meeting", "2023-01-01", "") + participants
    files["content/events/small.yml"] = event_file("Small meeting", "2023-01-02", "  - actor: p03\n")
    pages = pages_of(write_tree(tmp_path, files))
    ann = section(pages["actors/ann.md"], "## Neighbourhood")
    fence = re.search(r"```mermaid\n(.*?)\n```", ann, re.S).group(1).splitlines()
    assert fence[0] == "graph LR"
    nodes = [line for line in fence[1:] if re.fullmatch(r'    n\d+\["[^"\[\]<>]*"\]', line)]
    edges = [line for line in fence[1:] if re.fullmatch(r"    n0 ---\|\d+\| n\d+", line)]
    assert len(nodes) + len(edges) == len(fence) - 1
    assert len(nodes) == NEIGHBOURS + 1 and len(edges) == NEIGHBOURS
    assert "    n1[\"Person 03\"]" in fence and "    n0 ---|2| n1" in fence  # the closest ranks first
    assert "<script>" not in "\n".join(fence)
    listed = re.findall(r"^- \[", ann, re.M)
    assert len(listed) == LIST_LIMIT  # the closest co-actors in the text list, up to its cap...
    assert f"- … and {many + 1 - LIST_LIMIT} more." in ann  # ...and how many more
    network = pages["network.md"]
    assert "<script>" not in network.split("```mermaid")[1].split("```")[0]


def test_mermaid_graph_uses_generated_names_only() -> None:
    text = mermaid_graph([("a", "A"), ("b", "B ]\n---")], [("a", "b", 3)])
    assert text.splitlines() == ["```mermaid", "graph LR", '    n0["A"]', '    n1["B ---"]', "    n0 ---|3| n1", "```"]


def test_network_page_ranks_and_caps(seed_project: Path) -> None:
    from generator.render import NETWORK_ACTORS

    graph = linked(seed_project)
    page = pages_of(seed_project)["network.md"]
    connected = [a for a in graph.actors if a.co_actors]
    fence = page.split("```mermaid\n")[1].split("\n```")[0].splitlines()
    drawn = [line for line in fence if re.fullmatch(r'    n\d+\[".*"\]', line)]
    assert len(drawn) == min(NETWORK_ACTORS, len(connected))
    table = section(page, "## Strongest ties")
    counts = [int(n) for n in re.findall(r"\| (\d+): ", table)]
    assert counts == sorted(counts, reverse=True) and counts
    best = max(len(co.events) for a in graph.actors for co in a.co_actors)
    assert counts[0] == best


# --- finding things ------------------------------------------------------------


def test_home_links_every_briefing_page(seed_project: Path) -> None:
    pages = pages_of(seed_project)
    home = pages["index.md"]
    for path in ("timeline.md", "network.md", "quotes.md", "tags.md", "feed.xml", "feed.json"):
        assert f"]({path})" in home and path in pages


def test_tags_index_and_page_tags(seed_project: Path) -> None:
    pages = pages_of(seed_project)
    tags = curated("events", LAVROV_VISIT)["tags"]
    event = pages[f"events/{LAVROV_VISIT}.md"]
    row = next(line for line in event.splitlines() if line.startswith("| Tags |"))
    assert row == "| Tags | " + ", ".join(
        f"[{tag}](../tags/{tag.lower()}.md)" for tag in ["Visit", *tags]) + " |"
    for tag in ["visit", *tags]:
        assert f"](tags/{tag}.md)" in pages["tags.md"]
        assert f"](../events/{LAVROV_VISIT}.md)" in pages[f"tags/{tag}.md"]
    assert "| Tags | [Media](../tags/media.md)" in pages["actors/kcna.md"]
    assert "](../actors/kcna.md)" in pages["tags/media.md"]
