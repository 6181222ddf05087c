"""Hostile and careless content, markup and ingest input: every kind in CATALOGUE.md.

Each kind is one case below, laid over a copy of the mini corpus; the test
asserts what the curator sees: the exact report of `briefings check`, or the
text a page shows for a hostile value. `test_catalogue_lists_every_case`
keeps CATALOGUE.md and these cases the same.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pytest
from click.testing import CliRunner
from mkdocs.utils.meta import get_data

from generator.build import generate
from generator.cli import cli
from tests.conftest import FIXTURES, write_tree
from tests.test_hostile import Markup, injected

HERE = Path(__file__).resolve().parent
CATALOGUE = HERE / "CATALOGUE.md"


def mini_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """The mini corpus with `files` laid over it (relative path -> text or bytes)."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns("expected"))
    return write_tree(root, files)


def check_report(root: Path) -> tuple[int, list[str]]:
    """Exit status and the lines `briefings check` prints on stderr."""
    result = CliRunner().invoke(cli, ["check", "--root", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr.splitlines()


# --- markup: what a page shows for a hostile value -------------------------------

_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"]


def pages_as_html(root: Path) -> dict[str, str]:
    """Every generated page as HTML, converted with the site's Markdown extensions."""
    pages, _ = generate(root)
    converted = {}
    for page in pages:
        if page.path.endswith(".md"):
            body, _ = get_data(page.text)
            converted[page.path] = markdown.markdown(body, extensions=_EXTENSIONS)
    return converted


def _q(value: str) -> str:
    return json.dumps(value)


ROLE_SCRIPT = "<script>alert(1)</script>"
ROLE_LINK = "[x](javascript:alert(1))"
REFERENCE = "See [the source][r], [r][] and [r].\n\n[r]: javascript:alert(1)\n[s]:\n  javascript:alert(2)"
MARKS = "talks = progress ~~struck~~ ^^raised^^ ==marked== a^b ~c"


def hostile_markup_files() -> dict[str, str]:
    """Every text field of every kind of file carrying markup: roles, references, marks."""
    event = FIXTURES / "mini/content/events/2024-03-01-port-opening.yml"
    article = FIXTURES / "mini/content/articles/daily-2024-03-02-port-opens.yml"
    return {
        "content/events/2024-03-01-port-opening.yml": event.read_text("utf-8").replace(
            "role: host", f"role: {_q(ROLE_SCRIPT)}").replace(
            "role: participant", f"role: {_q(ROLE_LINK)}").replace(
            "summary: The new port opens.", f"summary: {_q(REFERENCE)}").replace(
            "location: Harbour City", f"location: {_q(MARKS)}"),
        "content/articles/daily-2024-03-02-port-opens.yml": article.read_text("utf-8")
        + f"notes: {_q(REFERENCE + chr(10) * 2 + MARKS)}\n",
        "content/actors/bo-lima.yml": f"""
            name: Bo Lima
            kind: person
            short_names: [Lima]
            affiliation: atlantis
            title: {_q(MARKS)}
            summary: {_q(REFERENCE)}
            """,
        "content/outlets/daily-wire-service.yml": f"""
            name: {_q("Daily Wire Service: " + MARKS)}
            country: GB
            url: https://example.org
            summary: {_q(REFERENCE)}
            """,
    }


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = mini_with(tmp_path_factory.mktemp("markup"), hostile_markup_files())
    return pages_as_html(root)


def test_no_page_has_markup_from_a_role_a_reference_or_a_mark(hostile_pages: dict[str, str]) -> None:
    found = {path: problems for path, html in hostile_pages.items()
             if (problems := injected(Markup.of(html)) + _script_links(html))}
    assert found == {}


def _script_links(html: str) -> list[str]:
    return re.findall(r"href=\"\s*(?:javascript|data|vbscript):[^\"]*\"", html, re.IGNORECASE)


@pytest.mark.parametrize(("page", "roles"), [
    ("events/2024-03-01-port-opening.md", [ROLE_SCRIPT, ROLE_LINK]),
    ("actors/ana-lima.md", [ROLE_SCRIPT]),
    ("actors/atlantis.md", [ROLE_LINK]),
])
def test_roles_show_as_typed(hostile_pages: dict[str, str], page: str, roles: list[str]) -> None:
    shown = Markup.of(hostile_pages[page]).visible()
    for role in roles:
        assert role in shown


@pytest.mark.parametrize("page", ["events/2024-03-01-port-opening.md", "articles/daily-2024-03-02-port-opens.md",
                                  "actors/bo-lima.md", "outlets/daily-wire-service.md"])
def test_unsafe_reference_definitions_show_as_text(hostile_pages: dict[str, str], page: str) -> None:
    shown = Markup.of(hostile_pages[page]).visible()
    assert "See [the source][r], [r][] and [r]." in shown
    assert "[r]: javascript:alert(1)" in shown


@pytest.mark.parametrize("page", ["events/2024-03-01-port-opening.md", "articles/daily-2024-03-02-port-opens.md",
                                  "actors/bo-lima.md", "outlets/daily-wire-service.md", "events/index.md",
                                  "timeline.md", "outlets/index.md"])
def test_equals_tilde_and_caret_show_as_typed(hostile_pages: dict[str, str], page: str) -> None:
    shown = Markup.of(hostile_pages[page]).visible()
    assert MARKS in shown
    assert "\\" not in shown


def test_safe_reference_links_still_link(tmp_path: Path) -> None:
    root = mini_with(tmp_path, {"content/actors/bo-lima.yml": """
        name: Bo Lima
        kind: person
        summary: "See [the port][p].\\n\\n[p]: https://port.example/a"
        """})
    html = pages_as_html(root)["actors/bo-lima.md"]
    assert '<a href="https://port.example/a">the port</a>' in html


def test_every_template_value_is_escaped_unless_marked_as_markup() -> None:
    """The mechanism: `{{ value }}` with no filter prints the value escaped, never as markup."""
    from generator.render import Markdown, _environment

    template = _environment().from_string("{{ role }} | {{ made }} | {{ names | join(', ') }}")
    shown = template.render(role="<b>[x](javascript:y)</b> = ~", made=Markdown("**bold**"),
                            names=["a*b", Markdown("[c](c.md)")])
    assert shown == "&lt;b&gt;\\[x\\](javascript:y)&lt;/b&gt; &#61; &#126; | **bold** | a\\*b, [c](c.md)"


# --- the catalogue: what `briefings check` says to each kind of bad input ---------

ARTICLE = "content/articles/daily-2024-03-02-port-opens.yml"
EVENT = "content/events/2024-03-01-port-opening.yml"
ACTOR = "content/actors/bo-lima.yml"


def _article(**replace: str) -> str:
    """The mini corpus's first article with some top-level keys replaced (or added)."""
    lines = (FIXTURES / "mini" / ARTICLE).read_text("utf-8").split("quotes:")[0].splitlines()
    kept = [line for line in lines if line.split(":")[0] not in replace]
    return "\n".join(kept + [f"{key}: {value}" for key, value in replace.items()]) + "\n"


def _event(extra: str = "", **replace: str) -> str:
    lines = (FIXTURES / "mini" / EVENT).read_text("utf-8").splitlines()
    kept = [line for line in lines if line.split(":")[0] not in replace]
    return "\n".join(kept + [f"{key}: {value}" for key, value in replace.items()]) + "\n" + extra


def _quotes(*texts: str) -> str:
    return _article() + "quotes:\n" + "".join(
        f"  - speaker: ana-lima\n    text: {json.dumps(text, ensure_ascii=False)}\n" for text in texts)


BOMB = "".join(
    [f"l0: &l0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 9)]
) + "name: Bo Lima\nkind: person\n"


@dataclass(frozen=True)
class Case:
    """One kind of bad input: the files laid over the mini corpus, and the exact report."""

    kind: str
    group: str
    files: dict[str, str | bytes]
    report: tuple[str, ...]
    """The problem lines `briefings check` prints, in order (the count line follows)."""
    shown_input: str = ""
    """The input as the catalogue shows it, when the files are too long to show."""

    @property
    def failing(self) -> bool:
        return any(": warning: " not in line for line in self.report)


FACT_PAST_THE_END = ("facts:\n  - claim: The port opened.\n    sources:\n"
                     "      - article: daily-2024-03-02-port-opens\n        paragraph: 9\n")
"""A fact citing paragraph 9 of an article of two: the page would link a #p9 that does not exist."""
BIG = "1" * 5000
ACT = "name: Bo Lima\nkind: person\n"
_INPUTS: list[tuple[str, str, dict[str, str | bytes], str]] = [
 ("billion laughs: anchors and aliases nested 9 deep", "YAML", {ACTOR: BOMB}, "l0: &l0 [lol, ...], l1: &l1 [*l0, *l0, ...] ... l8"),
 ("an alias with no anchor", "YAML", {ACTOR: ACT + "title: *nowhere\n"}, "title: *nowhere"),
 ("merge key with an alias", "YAML", {ACTOR: "base: &b {kind: person}\nname: Bo Lima\n<<: *b\n"}, "<<: *b"),
 ("merge key with a mapping", "YAML", {ACTOR: ACT + "<<: {title: Envoy}\n"}, "<<: {title: Envoy}"),
 ("a 5,000-digit number, and another error in the same file", "sizes", {ACTOR: ACT + f"title: {BIG}\nfoo: 1\n"}, "title: 111…(5,000 digits); foo: 1"),
 ("lists nested 1,000 deep", "sizes", {ACTOR: ACT + "links: " + "[" * 1000 + "]" * 1000 + "\n"}, "links: [[[[…]]]] (1,000 levels)"),
 ("a million unclosed `{`", "sizes", {ACTOR: ACT + "title: " + "{" * 1_000_000 + "\n"}, "title: {{{{… (1,000,000)"),
 ("block mappings nested 30 deep by indentation", "sizes", {ACTOR: ACT + "links:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 31))}, "k1:⏎  k2:⏎    k3: … (30 levels)"),
 ("more than 200,000 values", "sizes", {ACTOR: ACT + "aliases:\n" + "- x\n" * 200_001}, "aliases: 200,001 items"),
 ("a NUL byte", "encodings", {ACTOR: ACT.replace("Bo Lima", "Bo\x00Lima")}, "name: Bo␀Lima"),
 ("an escape control character (U+001B)", "encodings", {ACTOR: ACT.replace("Bo Lima", "Bo\x1b[31mLima")}, "name: Bo␛[31mLima"),
 ("a tab indenting a key", "YAML", {ACTOR: "name: Bo Lima\n\tkind: person\n"}, "⇥kind: person"),
 ("a tab before a list item", "YAML", {ACTOR: ACT + "aliases:\n\t- Bo\n"}, "aliases:⏎⇥- Bo"),
 ("a duplicate key, and other errors in the same file", "YAML", {ACTOR: ACT + "name: Bo\nkind: persn\nfoo: 1\n"}, "name twice, kind: persn, foo: 1"),
 ("a list as a key", "YAML", {ACTOR: ACT + "[a, b]: c\n"}, "[a, b]: c"),
 ("a !!set tag", "YAML", {ACTOR: ACT + "aliases: !!set {Bo}\n"}, "aliases: !!set {Bo}"),
 ("a !!python/object tag", "YAML", {ACTOR: ACT + "title: !!python/object/apply:os.system [echo]\n"}, "title: !!python/object/apply:os.system [echo]"),
 ("two YAML documents in one file", "YAML", {ACTOR: ACT + "---\nname: Other\n"}, "…⏎---⏎name: Other"),
 ("an empty file", "YAML", {ACTOR: ""}, "(0 bytes)"),
 ("a list instead of a mapping", "YAML", {ACTOR: "- name: Bo Lima\n"}, "- name: Bo Lima"),
 ("a byte order mark before the first key", "encodings", {ACTOR: "\ufeff" + ACT + "foo: 1\n"}, "BOM, then name: Bo Lima"),
 ("Latin-1 text", "encodings", {ACTOR: ACT.replace("Bo Lima", "Bö Lima").encode("latin-1")}, "name: Bö Lima (Latin-1)"),
 ("UTF-16 text", "encodings", {ACTOR: ACT.encode("utf-16")}, "name: Bo Lima (UTF-16)"),
 ("publication time past year 9999 in UTC", "dates", {ARTICLE: _article(published="9999-12-31T23:00:00-05:00", events="[]")}, "published: 9999-12-31T23:00:00-05:00"),
 ("publication time before year 1 in UTC", "dates", {ARTICLE: _article(published="0001-01-01T00:00:00+05:00", events="[]")}, "published: 0001-01-01T00:00:00+05:00"),
 ("zone +25:00", "dates", {ARTICLE: _article(published="2024-03-02T09:30:00+25:00")}, "published: 2024-03-02T09:30:00+25:00"),
 ("zone +05:60 (YAML reads it as +06:00)", "dates", {ARTICLE: _article(published="2024-03-02T09:30:00+05:60")}, "published: 2024-03-02T09:30:00+05:60"),
 ("year 0", "dates", {EVENT: _event(date="0000-01-01")}, "date: 0000-01-01"),
 ("a file name ending in a newline", "paths", {"content/actors/evil\n.yml": ACT}, "content/actors/evil⏎.yml"),
 ("a file name ending in a space", "paths", {"content/actors/evil .yml": ACT}, "content/actors/evil .yml"),
 ("an empty alias", "names", {ACTOR: ACT + 'aliases: ["", Bo]\n'}, 'aliases: ["", Bo]'),
 ("aliases `the` and `a`", "names", {ACTOR: ACT + "aliases: [the, a]\n"}, "aliases: [the, a]"),
 ("a one-letter alias", "names", {ACTOR: ACT + "aliases: [B]\n"}, "aliases: [B]"),
 ("a common word as a short name, in French", "names", {ACTOR: ACT + "short_names: [Le]\n"}, "short_names: [Le]"),
 ("a short name of punctuation", "names", {ACTOR: ACT + 'short_names: ["-"]\n'}, 'short_names: ["-"]'),
 ("a quote of `\"`", "quotes", {ARTICLE: _quotes('"')}, "text: '\"'"),
 ("a quote of spaces", "quotes", {ARTICLE: _quotes("   ")}, 'text: "   "'),
 ("a one-letter quote", "quotes", {ARTICLE: _quotes("A")}, "text: A"),
 ("a quote running over two paragraphs", "quotes", {ARTICLE: _quotes("on Friday. [click](javascript:alert(1)) “A new door")}, "text: on Friday. [click](javascript:alert(1)) “A new door"),
 ("a fact's paragraph past the end of its article", "facts", {EVENT: _event(FACT_PAST_THE_END)}, "facts: … paragraph: 9 (seeds/port.txt has 2)"),
 ("an event that follows itself", "relations", {EVENT: _event(follows="[2024-03-01-port-opening]")}, "follows: [2024-03-01-port-opening]"),
 ("two events that follow each other", "relations", {EVENT: _event(follows="[2024-03-port-season]"), "content/events/2024-03-port-season.yml": "title: Port season\ndate: 2024-03\nfollows: [2024-03-01-port-opening]\n"}, "a follows b, b follows a"),
 ("an event listed twice in follows", "relations", {"content/events/2024-03-port-season.yml": "title: Port season\ndate: 2024-03\nfollows: [2024-03-01-port-opening, 2024-03-01-port-opening]\n"}, "follows: [x, x]"),
 ("an event that follows a later one", "relations", {EVENT: _event(follows="[2024-04-later]"), "content/events/2024-04-later.yml": "title: Later\ndate: 2024-04-02\n"}, "follows: [2024-04-later]"),
 ("a hand-written page where a new actor's page goes", "paths", {"content/actors/about-us.yml": "name: About Us\nkind: group\n", "briefings/actors/about-us.md": "# Written by hand\n", "briefings/.generated": "index.md\n"}, "content/actors/about-us.yml + briefings/actors/about-us.md"),
 ("a hand-written page where a new tag's page goes", "paths", {"content/actors/about-us.yml": "name: About Us\nkind: group\ntags: [harbour news]\n", "briefings/tags/harbour-news.md": "# Written by hand\n", "briefings/.generated": "index.md\nactors/about-us.md\n"}, "tags: [harbour news] + briefings/tags/harbour-news.md"),
]

REPORTS: dict[str, tuple[str, ...]] = {
    'billion laughs: anchors and aliases nested 9 deep': (
        'content/actors/bo-lima.yml:1:5: anchors and aliases (&name, *name) are not supported: write the value out in full',
        'content/actors/bo-lima.yml:2:5: anchors and aliases (&name, *name) are not supported: write the value out in full',
        'content/actors/bo-lima.yml:3:5: anchors and aliases (&name, *name) are not supported: write the value out in full',
        'content/actors/bo-lima.yml:4:5: anchors and aliases (&name, *name) are not supported: write the value out in full',
        'content/actors/bo-lima.yml:5:5: anchors and aliases (&name, *name) are not supported: write the value out in full',
        'content/actors/bo-lima.yml:6:5: anchors and aliases (&name, *name) are not supported: write the value out in full',
        'content/actors/bo-lima.yml:7:5: anchors and aliases (&name, *name) are not supported: write the value out in full',
        'content/actors/bo-lima.yml:8:5: anchors and aliases (&name, *name) are not supported: write the value out in full',
        'content/actors/bo-lima.yml:9:5: anchors and aliases (&name, *name) are not supported: write the value out in full',
    ),
    'an alias with no anchor': (
        'content/actors/bo-lima.yml:3:8: anchors and aliases (&name, *name) are not supported: write the value out in full',
    ),
    'merge key with an alias': (
        "content/actors/bo-lima.yml:1:1: missing required key 'kind': add a line `kind: ...`",
        'content/actors/bo-lima.yml:1:7: anchors and aliases (&name, *name) are not supported: write the value out in full',
        'content/actors/bo-lima.yml:3:1: merge keys (<<) are not supported: write each key out in full',
    ),
    'merge key with a mapping': (
        'content/actors/bo-lima.yml:3:1: merge keys (<<) are not supported: write each key out in full',
    ),
    'a 5,000-digit number, and another error in the same file': (
        'content/actors/bo-lima.yml:3:8: a number of 5,000 digits is too long to read: shorten it, or put it in quotes to keep it as text',
        "content/actors/bo-lima.yml:4:1: unknown key 'foo': use one of name, kind, aliases, short_names, title, affiliation, summary, wikidata, links, tags",
    ),
    'lists nested 1,000 deep': (
        'content/actors/bo-lima.yml:3:208: more than 200 brackets `[` or `{` open at once: content files never need this; remove the extra brackets',
    ),
    'a million unclosed `{`': (
        'content/actors/bo-lima.yml:3:208: more than 200 brackets `[` or `{` open at once: content files never need this; remove the extra brackets',
    ),
    'block mappings nested 30 deep by indentation': (
        'content/actors/bo-lima.yml:23:41: lists and mappings nested more than 20 deep: content files never need this; remove the extra brackets or indentation',
    ),
    'more than 200,000 values': (
        'content/actors/bo-lima.yml:200000:3: more than 200,000 values in one file: split it, or remove what is repeated',
    ),
    'a NUL byte': (
        'content/actors/bo-lima.yml:1:9: the control character U+0000 is not allowed in YAML: delete it (an editor may show it as a box, as ^@ or as nothing)',
    ),
    'an escape control character (U+001B)': (
        'content/actors/bo-lima.yml:1:9: the control character U+001B is not allowed in YAML: delete it (an editor may show it as a box, as ^@ or as nothing)',
    ),
    'a tab indenting a key': (
        'content/actors/bo-lima.yml:2:1: YAML syntax: a tab character: YAML indents with spaces only; replace the tab with spaces',
    ),
    'a tab before a list item': (
        'content/actors/bo-lima.yml:4:1: YAML syntax: a tab character: YAML indents with spaces only; replace the tab with spaces',
    ),
    'a duplicate key, and other errors in the same file': (
        "content/actors/bo-lima.yml:3:1: duplicate key 'name' (first on line 1): keep only one",
        "content/actors/bo-lima.yml:4:1: duplicate key 'kind' (first on line 2): keep only one",
        "content/actors/bo-lima.yml:5:1: unknown key 'foo': use one of name, kind, aliases, short_names, title, affiliation, summary, wikidata, links, tags",
    ),
    'a list as a key': (
        'content/actors/bo-lima.yml:3:1: a key must be a name, not a list or a mapping: write `name: value`',
    ),
    'a !!set tag': (
        'content/actors/bo-lima.yml:3:10: the YAML tag !!set is not supported: remove it',
    ),
    'a !!python/object tag': (
        'content/actors/bo-lima.yml:3:8: the YAML tag !!python/object/apply:os.system is not supported: remove it',
    ),
    'two YAML documents in one file': (
        'content/actors/bo-lima.yml:3:1: a second YAML document (after `---`): keep one document per file',
    ),
    'an empty file': (
        'content/actors/bo-lima.yml:1:1: expected a mapping of keys to values, found nothing: write one `key: value` per line',
    ),
    'a list instead of a mapping': (
        'content/actors/bo-lima.yml:1:1: expected a mapping of keys to values, found a list: write one `key: value` per line',
    ),
    'a byte order mark before the first key': (
        "content/actors/bo-lima.yml:3:1: unknown key 'foo': use one of name, kind, aliases, short_names, title, affiliation, summary, wikidata, links, tags",
    ),
    'Latin-1 text': (
        'content/actors/bo-lima.yml:1:8: not UTF-8 text (invalid start byte): save the file as UTF-8',
    ),
    'UTF-16 text': (
        'content/actors/bo-lima.yml:1:1: UTF-16 text: save the file as UTF-8',
    ),
    'publication time past year 9999 in UTC': (
        "content/articles/daily-2024-03-02-port-opens.yml:6:1: published: '9999-12-31T23:00:00-05:00' is out of range: in UTC it falls outside the years 1 to 9999; correct the date",
    ),
    'publication time before year 1 in UTC': (
        "content/articles/daily-2024-03-02-port-opens.yml:6:1: published: '0001-01-01T00:00:00+05:00' is out of range: in UTC it falls outside the years 1 to 9999; correct the date",
    ),
    'zone +25:00': (
        "content/articles/daily-2024-03-02-port-opens.yml:7:1: published: '2024-03-02T09:30:00+25:00' is not a publication date: the zone +25:00 is not a time zone: zones run from -23:59 to +23:59, e.g. +09:00",
    ),
    'zone +05:60 (YAML reads it as +06:00)': (
        "content/articles/daily-2024-03-02-port-opens.yml:7:1: published: '2024-03-02T09:30:00+05:60' is not a publication date: the zone +05:60 is not a time zone: zones run from -23:59 to +23:59, e.g. +09:00",
    ),
    'year 0': (
        "content/events/2024-03-01-port-opening.yml:10:1: date: '0000-01-01' is not a date: year 0 is out of range",
    ),
    'a file name ending in a newline': (
        "content/actors/evil\\n.yml:1:1: file name 'evil\\n.yml' is not an id: rename it to a lowercase slug such as 'evil.yml'",
    ),
    'a file name ending in a space': (
        "content/actors/evil .yml:1:1: file name 'evil .yml' is not an id: rename it to a lowercase slug such as 'evil.yml'",
    ),
    'an empty alias': (
        "content/actors/bo-lima.yml:3:11: aliases[0]: '' is empty: remove it, or write the name",
    ),
    'aliases `the` and `a`': (
        "content/actors/bo-lima.yml:3:11: warning: aliases[0]: 'the' is a common word in English: every 'the' in an article would link to 'bo-lima'; remove it, or write a longer name",
        "content/actors/bo-lima.yml:3:16: warning: aliases[1]: 'a' is a common word in English: every 'a' in an article would link to 'bo-lima'; remove it, or write a longer name",
    ),
    'a one-letter alias': (
        "content/actors/bo-lima.yml:3:11: warning: aliases[0]: 'B' is a single letter: it would link every word 'B' in an article to 'bo-lima'; remove it, or write a longer name",
    ),
    'a common word as a short name, in French': (
        "content/actors/bo-lima.yml:3:15: warning: short_names[0]: 'Le' is a common word in French: every 'Le' in an article would link to 'bo-lima'; remove it, or write a longer name",
    ),
    'a short name of punctuation': (
        "content/actors/bo-lima.yml:3:15: short_names[0]: '-' has no letters: remove it, or write the name",
    ),
    'a quote of `"`': (
        'content/articles/daily-2024-03-02-port-opens.yml:10:5: quotes[0].text: \'"\' holds no words, not a quote: copy the words as the article prints them, or remove it',
    ),
    'a quote of spaces': (
        "content/articles/daily-2024-03-02-port-opens.yml:10:5: quotes[0].text: '' holds no words, not a quote: copy the words as the article prints them, or remove it",
    ),
    'a one-letter quote': (
        "content/articles/daily-2024-03-02-port-opens.yml:10:5: quotes[0].text: 'A' is a single letter, not a quote: copy the words as the article prints them, or remove it",
    ),
    'a quote running over two paragraphs': (
        "content/articles/daily-2024-03-02-port-opens.yml:10:5: quotes[0].text: runs over more than one paragraph of seeds/port.txt, so it cannot link to the paragraph that prints it: make one quote of each paragraph's words",
    ),
    "a fact's paragraph past the end of its article": (
        'content/events/2024-03-01-port-opening.yml:15:9: facts[0].sources[0].paragraph: 9 is past the end of seeds/port.txt, which has 2 paragraphs: correct the number',
    ),
    'an event that follows itself': (
        'content/events/2024-03-01-port-opening.yml:11:11: follows[0]: an event cannot follow itself: remove it',
    ),
    'two events that follow each other': (
        'content/events/2024-03-01-port-opening.yml:11:11: follows[0]: events follow each other in a circle (2024-03-01-port-opening -> 2024-03-port-season -> 2024-03-01-port-opening): remove one of these follows',
    ),
    'an event listed twice in follows': (
        "content/events/2024-03-port-season.yml:3:36: warning: follows[1]: '2024-03-01-port-opening' is listed twice: remove one",
    ),
    'an event that follows a later one': (
        "content/events/2024-03-01-port-opening.yml:11:11: warning: follows[0]: '2024-04-later' is dated 2024-04-02, after this event (2024-03-01): `follows` lists earlier events; move the relation to the other event",
    ),
    "a hand-written page where a new actor's page goes": (
        'content/actors/about-us.yml:1:1: would write briefings/actors/about-us.md, which is a hand-written page (not in briefings/.generated): rename this file, or move that page',
    ),
    "a hand-written page where a new tag's page goes": (
        "content/actors/about-us.yml:3:8: tag 'harbour news' would write briefings/tags/harbour-news.md, which is a hand-written page (not in briefings/.generated): rename the tag, or move that page",
    ),
}
CASES = [Case(kind, group, files, REPORTS[kind], shown) for kind, group, files, shown in _INPUTS]


@pytest.mark.parametrize("case", CASES, ids=[case.kind for case in CASES])
def test_check_reports_each_kind_of_bad_content(tmp_path: Path, case: Case) -> None:
    code, lines = check_report(mini_with(tmp_path, case.files))
    problems = [line for line in lines if not line[:1].isdigit()]
    assert problems == list(case.report)
    assert code == (1 if case.failing else 0)
    assert not any("Traceback" in line or "<unicode string>" in line for line in lines)


# --- ingest: files from outside, whatever they hold ----------------------------------

def ingest(root: Path, *paths: Path):
    return CliRunner().invoke(cli, ["ingest", "--root", str(root), *map(str, paths)])


def tree(root: Path) -> dict[str, bytes]:
    """Every file under content/ and seeds/, to prove that nothing changed."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for folder in ("content", "seeds") for p in sorted((root / folder).rglob("*")) if p.is_file()}


def html_article(title: str, outlet: str, paragraphs: list[str], published: str = "2024-03-05T10:00:00+01:00") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html><head><meta property="og:site_name" content="{outlet}">'
            f'<meta property="article:published_time" content="{published}"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1>\n{body}\n</article></body></html>\n")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
     "1:1: not UTF-8 text (byte 0x89): ingest reads text, Markdown and HTML files saved as UTF-8; "
     "convert it, or copy the article's text into a .txt file"),
    ("latin1.txt", "Séoul, le 5 mars\n\nLe port ouvre.\n".encode("latin-1"),
     "1:2: not UTF-8 text (byte 0xe9): ingest reads text, Markdown and HTML files saved as UTF-8; "
     "convert it, or copy the article's text into a .txt file"),
    ("utf16.txt", "Port opens\n".encode("utf-16-le"),
     "1:2: a NUL byte: this is not a text file (UTF-16 text has one in every other byte); save it as "
     "UTF-8, or copy the article's text into a .txt file"),
])
def test_ingest_refuses_a_file_that_is_not_text(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    root = mini_with(tmp_path, {})
    source = tmp_path / name
    source.write_bytes(data)
    before = tree(root)
    result = ingest(root, source)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {source}:{message}\n"
    assert tree(root) == before


def test_ingest_into_a_read_only_content_folder_leaves_nothing_half_done(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing the draft fails after the raw file could be copied: neither is left behind."""
    import generator.ingest as ingest_module

    root = mini_with(tmp_path, {})
    real = ingest_module.tempfile.mkstemp

    def read_only(*args: object, dir: Path, **kwargs: object):  # noqa: A002
        if Path(dir).is_relative_to(root / "content"):
            raise PermissionError(13, "Permission denied", str(Path(dir) / ".ingest-x"))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(ingest_module.tempfile, "mkstemp", read_only)
    source = tmp_path / "new.html"
    source.write_text(html_article("Port grows fast", "Harbour Times", ["Ana Lima-Souza spoke."]), "utf-8")
    before = tree(root)
    result = ingest(root, source)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {source}: cannot write content/outlets/ (Permission denied): make "
                             "content/ and seeds/ writable and run again; nothing was written\n")
    assert tree(root) == before
    assert not [p for p in root.rglob(".ingest-*")]


def test_outlets_named_in_other_scripts_get_an_id_each(tmp_path: Path) -> None:
    root = mini_with(tmp_path, {})
    names = {"조선일보": "joseonilbo", "한겨레": "hangyeole", "الجزيرة": "ljzyrh", "…": "outlet-"}
    for n, name in enumerate(names):
        source = tmp_path / f"a{n}.html"
        source.write_text(html_article(f"Story number {n} about the port", name, ["The port opened."]), "utf-8")
        assert ingest(root, source).exit_code == 0
    outlets = {p.stem: p.read_text("utf-8") for p in (root / "content/outlets").glob("*.yml")}
    for name, outlet_id in names.items():
        found = [i for i, text in outlets.items() if i.startswith(outlet_id) and json.dumps(name, ensure_ascii=False)[1:-1] in text]
        assert len(found) == 1, (name, outlets)
        drafts = [p.read_text("utf-8") for p in (root / "content/articles").glob(f"{found[0]}-*.yml")]
        assert len(drafts) == 1
        assert f"outlet: {found[0]}  # new: content/outlets/{found[0]}.yml was created for " in drafts[0]
    assert check_report(root)[0] == 0


def test_headlines_sharing_their_first_words_get_ids_of_their_own(tmp_path: Path) -> None:
    root = mini_with(tmp_path, {})
    shared = "Ana Lima says the new port of Atlantis will"
    endings = ["open in March", "close in May", "grow this year", "need more ships", "hire 200 workers",
               "open in March again"]
    sources = []
    for n, ending in enumerate(endings):
        source = tmp_path / f"h{n}.html"
        source.write_text(html_article(f"{shared} {ending}", "Daily Wire Service", [f"Report {n}: {ending}."]), "utf-8")
        sources.append(source)
    result = ingest(root, *sources)
    assert result.exit_code == 0, result.output
    ids = re.findall(r"content/articles/(\S+)\.yml", result.stdout)
    assert len(ids) == len(set(ids)) == len(endings)
    assert ids[0] == "daily-wire-service-2024-03-05-ana-lima-says-the-new-port-of-atlantis"
    assert all(re.fullmatch(re.escape(ids[0]) + r"-[0-9a-f]{6}", i) for i in ids[1:])
    again = ingest(root, *sources)  # the same files again: recognised, not refused, nothing new
    assert again.exit_code == 0 and again.stdout.count(": unchanged: ") == len(endings)
    edited = tmp_path / "h1-edited.html"  # the second one with its body edited: a change, not a new draft
    edited.write_text(html_article(f"{shared} {endings[1]}", "Daily Wire Service", ["Report 1, corrected."]), "utf-8")
    changed = ingest(root, edited)
    assert ": changed: " in changed.stdout and ids[1] in changed.stdout
    assert sorted(p.stem for p in (root / "content/articles").glob("daily-wire-service-2024-03-05-*.yml")) == sorted(ids)
    assert check_report(root)[0] == 0


def test_html_quotes_with_markup_and_entities_give_drafts_that_pass_check(tmp_path: Path) -> None:
    root = mini_with(tmp_path, {})
    source = tmp_path / "quotes.html"
    source.write_text(html_article("Port grows fast", "Daily Wire Service", [
        "Minister Ana Lima-Souza spoke on Tuesday at the harbour of Atlantis.",
        "“We will <em>never</em> close the port to ships &amp; boats,” Ana Lima said.",
        "“Trade is &lt;growing&gt; fast,” she added.",
    ]), "utf-8")
    assert ingest(root, source).exit_code == 0
    draft = (root / "content/articles/daily-wire-service-2024-03-05-port-grows-fast.yml").read_text("utf-8")
    assert "text: We will never close the port to ships & boats" in draft
    assert check_report(root) == (0, [])


_WORDS = st.sampled_from(["port", "ships", "never", "Atlantis", "trade", "grows", "we", "will", "boats", "sea"])
_MARKUP = st.sampled_from([
    "<em>{}</em>", "<b>{}</b>", "<i>{}</i>", "<span class=x>{}</span>", '<a href="/x">{}</a>',
    "{} &amp;", "&lt;{}&gt;", "{}&nbsp;", "&quot;{}&quot;", "{} &#38;", "{}&hellip;", "<strong>{}</strong>,",
    "{}<br>", "<sup>{}</sup>", "{} &#x201C;", "'{}'",
])
_PHRASES = st.lists(st.tuples(_MARKUP, _WORDS).map(lambda pair: pair[0].format(pair[1])), min_size=2, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(quotes=st.lists(_PHRASES.map(" ".join), min_size=1, max_size=3),
       opening=st.sampled_from(["“{}”", '"{}"', "«{}»"]))
def test_a_draft_of_any_html_passes_check(tmp_path_factory: pytest.TempPathFactory, quotes: list[str], opening: str) -> None:
    """The README's promise: whatever the HTML, the draft ingest writes passes `briefings check`."""
    folder = tmp_path_factory.mktemp("odd")
    root = mini_with(folder, {})
    paragraphs = ["Minister Ana Lima-Souza spoke on Tuesday at the harbour of Atlantis."] + [
        f"{opening.format(quote)}, Ana Lima said." for quote in quotes]
    source = folder / "odd.html"
    source.write_text(html_article("Port grows fast", "Daily Wire Service", paragraphs), "utf-8")
    assert ingest(root, source).exit_code == 0
    code, lines = check_report(root)
    assert [line for line in lines if ": warning: " not in line and not line[:1].isdigit()] == []
    assert code == 0


def test_catalogue_lists_every_case() -> None:
    """CATALOGUE.md shows each case with its exact report (escaped for a Markdown table)."""
    catalogue = CATALOGUE.read_text(encoding="utf-8")
    for case in CASES:
        row = next((line for line in catalogue.splitlines() if line.startswith(f"| {case.kind.replace('|', chr(92) + '|')} |")), None)
        assert row is not None, case.kind
        for line in case.report:
            assert "`` " + line.replace("|", "\\|").replace("\n", "⏎") + " ``" in row, (case.kind, line)


def test_a_seed_front_matter_bomb_is_not_expanded() -> None:
    """A seed file's front matter goes through the bounded reader: aliases (a billion
    laughs), huge numbers and deep nesting leave the front matter unread, not expanded."""
    from generator.text import front_matter

    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    for header in ("\n".join(levels), "n: " + "9" * 5000, "x: " + "[" * 300 + "]" * 300):
        raw = f"---\n{header}\n---\nThe body.\n"
        meta, body = front_matter(raw)
        assert meta == {} and body == raw
    assert front_matter("---\ntitle: Fine\n---\nThe body.\n")[0] == {"title": "Fine"}


@pytest.mark.parametrize("summary", [
    "- [r]: javascript:alert(1)\\n\\nSee [the record][r].",  # in a list item
    "!!! note\\n    [r]: javascript:alert(1)\\n\\nSee [the record][r].",  # in an admonition
    "- a\\n\\n    [r]: javascript:alert(1)\\n\\nSee [the record][r].",  # indented under an item
    "> [r]: javascript:alert(1)\\n\\nSee [the record][r].",  # in a quotation
])
def test_unsafe_reference_definitions_inside_blocks_show_as_text(tmp_path: Path, summary: str) -> None:
    root = mini_with(tmp_path, {"content/actors/bo-lima.yml": f"""
        name: Bo Lima
        kind: person
        summary: "{summary}"
        """})
    html = pages_as_html(root)["actors/bo-lima.md"]
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # in no attribute, only as text
    assert "javascript:alert(1)" in html


@pytest.mark.parametrize(("text", "message"), [
    ("x: " + "{ #}\n" * 5000 + "}" * 5000, "more than 200 brackets"),  # closers hidden in comments
    ("x: " + '{ "}": ' * 5000 + "1" + "}" * 5000, "more than 200 brackets"),  # closers hidden in quotes
])
def test_brackets_hidden_in_comments_or_quotes_do_not_pass_the_depth_check(text: str, message: str) -> None:
    from generator.yaml_reader import YamlShapeError, read_yaml

    with pytest.raises(YamlShapeError, match=message):
        read_yaml(text)
    assert read_yaml('ok: [1, {a: b}]\n# }}}\ns: "it}s"\nl:\n' + "- [1]\n" * 300).problems == ()


@pytest.mark.parametrize("number", ["0x" + "f" * 4000, "0b" + "1" * 14000, "0" + "7" * 5000, "1" + ":59" * 2000])
def test_long_numbers_in_any_base_are_refused_not_built(number: str) -> None:
    from generator.yaml_reader import read_yaml
    from generator.text import front_matter

    parsed = read_yaml(f"n: {number}\n")
    assert parsed.value == {"n": None}
    assert "too long to read" in str(parsed.problems[0])
    raw = f"---\nauthor: {number}\n---\nThe body.\n"
    assert front_matter(raw) == ({}, raw)
