"""Whatever a curator types, the loader answers with a model or located problems.

Hypothesis feeds arbitrary bytes, YAML-like text and YAML-shaped data to the
loader in place of one file of the mini corpus. The result must be a valid
model or a clean list of problems, never a traceback; and content that
passes the check must go through linking and rendering without an error.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.link import link
from generator.load import load_content
from generator.yaml_reader import parse_yaml
from generator.model import Actor, Article, Event
from generator.render import Renderer, _html_link, _html_text
from generator.validate import validate

from .conftest import FIXTURES

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

TARGETS = {
    "actor": ("content/actors/atlantis.yml", Actor),
    "event": ("content/events/2024-03-01-port-opening.yml", Event),
    "article": ("content/articles/daily-2024-03-02-port-opens.yml", Article),
}


@contextmanager
def mini_with(relative: str, body: bytes) -> Iterator[Path]:
    """A fresh copy of the mini corpus with the file at `relative` replaced by `body`."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        shutil.copytree(FIXTURES / "mini", root)
        (root / relative).write_bytes(body)
        yield root


def check_outcome(root: Path, relative: str, body: bytes) -> list[Problem]:
    """Load and validate; assert the answer is a model or well-formed problems."""
    content = load_content(root)
    problems = validate(content)
    lines = body.count(b"\n") + 1
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.column >= 1
        assert str(problem).startswith(f"{problem.path}:{problem.line}:{problem.column}: ")
        if problem.path == relative:
            assert problem.line <= lines + 1, (problem, lines)
    mine = [p for p in problems if p.path == relative and p.severity == "error"]
    folder, stem = relative.split("/")[1], Path(relative).stem
    loaded = getattr(content, folder)
    if stem not in loaded:
        assert mine, "a file that did not load must have a located problem"
    if not any(p.severity == "error" for p in problems):
        Renderer().render(link(content))  # valid content always renders
    return problems


YAML_TOKENS = [
    "name", "kind", "title", "date", "end", "aliases", "actors", "actor", "role", "published",
    "text", "outlet", "events", "quotes", "speaker", "part_of", "tags", "summary", ":", ": ",
    "-", "- ", "\n", "\n  ", "\n    ", "[", "]", "{", "}", ",", "'", '"', "&a ", "*a", "!!str ",
    "!!python/object:os.system ", "? ", "|\n  ", ">", "#", "~", "null", "true", "2024-02-30",
    "2024-03-01", "2024-03", "2024", "2024-03-02T09:30:00", "+01:00", "atlantis", "ana-lima",
    "../x", "state", "person", "Ü", "\t", "%YAML 1.1\n", "---\n", "...\n", "<<: ", "1e999",
    "0x1F", "-.inf", "=", "\\",
]

yaml_like_text = st.lists(st.sampled_from(YAML_TOKENS), max_size=40).map("".join)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=20), st.sampled_from(["ana-lima", "atlantis", "2024-03-port-season",
                                           "daily-wire-service", "seeds/port.txt", "person"]),
    st.dates(), st.datetimes(timezones=st.none() | st.timezones()),
)


def field_names() -> list[str]:
    names: set[str] = set()
    for _, model in TARGETS.values():
        names.update(model.model_fields)
    return sorted(names | {"actor", "role", "speaker", "claim", "sources", "article"})


keys = st.one_of(st.sampled_from(field_names()), st.text(max_size=8))
yaml_data = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=20,
)
mappings = st.dictionaries(keys, yaml_data, max_size=8)


@SETTINGS
@given(target=st.sampled_from(sorted(TARGETS)), body=st.binary(max_size=200))
def test_arbitrary_bytes_give_problems_not_tracebacks(target: str, body: bytes) -> None:
    relative, _ = TARGETS[target]
    with mini_with(relative, body) as root:
        check_outcome(root, relative, body)


@SETTINGS
@given(target=st.sampled_from(sorted(TARGETS)), text=yaml_like_text)
def test_yaml_like_text_gives_problems_not_tracebacks(target: str, text: str) -> None:
    relative, _ = TARGETS[target]
    body = text.encode("utf-8")
    with mini_with(relative, body) as root:
        check_outcome(root, relative, body)


@SETTINGS
@given(target=st.sampled_from(sorted(TARGETS)), data=mappings)
def test_yaml_shaped_data_gives_a_model_or_located_problems(target: str, data: dict) -> None:
    relative, model = TARGETS[target]
    body = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    with mini_with(relative, body) as root:
        problems = check_outcome(root, relative, body)
    mine = [p for p in problems if p.path == relative and p.severity == "error"]
    if not mine:
        model.model_validate(data)  # what loaded is what the schema accepts


@SETTINGS
@given(text=st.text(max_size=300))
def test_parse_yaml_marks_point_inside_the_text(text: str) -> None:
    try:
        _, marks = parse_yaml(text)
    except (yaml.YAMLError, ValueError):
        return
    lines = text.splitlines() or [""]
    for line, column in marks.values():
        assert 1 <= line <= len(lines) + 1 and column >= 1


def test_dates_that_do_not_exist_become_located_problems() -> None:
    """YAML itself raises a bare ValueError for 2024-02-30; the loader keeps it as text."""
    body = b"title: x\ndate: 2024-02-30\n"
    relative = TARGETS["event"][0]
    with mini_with(relative, body) as root:
        problems = check_outcome(root, relative, body)
    assert f"{relative}:2:1: date: '2024-02-30' is not a date: day is out of range for month" in [
        str(p) for p in problems]


@given(st.text(alphabet=st.sampled_from(list("ab é\u0301\t\n\r\x0b\x0c\x1c\x1f\x85\u2028\u2019\u201c\u2026 ")), max_size=60))
def test_normalising_a_text_line_by_line_in_one_pass_is_normalising_each_line(text: str) -> None:
    from generator.text import normalise, normalise_lines

    assert normalise_lines(text) == "\n".join(normalise(line) for line in text.splitlines())


@given(st.text(alphabet=st.sampled_from(list("ab é\u0301\t\n\r\x0b\x1c\x85\u2028\u2019\u201c ")), max_size=60))
def test_a_text_made_plain_whole_is_its_lines_made_plain_then_joined(text: str) -> None:
    from generator.text import normalise, normalise_lines

    assert " ".join(normalise_lines(text).split()) == normalise(text)



@SETTINGS
@given(text=st.text(max_size=300), name=st.text(max_size=150))
def test_article_words_in_raw_html_stay_words_on_one_line(text: str, name: str) -> None:
    """Article paragraphs are raw HTML blocks (render._body_md): their text and the
    names they link must neither make an element nor end the block with a line break."""
    made = _html_text(text)
    assert "\n" not in made and "<" not in made and ">" not in made
    assert html.unescape(made).split() == text.split()

    link = _html_link("articles/a.md", "actors/b.md", name)
    start, end = '<a href="../../actors/b/">', "</a>"
    assert link.startswith(start) and link.endswith(end) and "\n" not in link
    inner = link[len(start):-len(end)]
    assert "<" not in inner and ">" not in inner
    assert html.unescape(inner).split() == name.split()
