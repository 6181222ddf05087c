"""Read content/ into typed models, keeping where every value came from.

Every file is parsed once into a YAML node tree; the tree gives the line and
column of each key and list item, so that problems found later, by the
schema or by cross-file checks, can point at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

import yaml
from pydantic import ValidationError

from .errors import Problem, did_you_mean
from .model import KINDS, Article, Actor, Briefing, Event, Outlet, Strict, is_slug

if TYPE_CHECKING:
    from .cache import BuildCache

try:  # libyaml is much faster; the pure-Python loader gives the same nodes.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

Key = tuple[str | int, ...]
M = TypeVar("M", bound=Strict)


@dataclass(frozen=True)
class Document(Generic[M]):
    """One loaded YAML file: its id, its model and the position of its values."""

    path: str
    """Path relative to the project root, as shown in messages."""
    id: str
    model: M
    marks: dict[Key, tuple[int, int]] = field(repr=False, compare=False)

    def at(self, *key: str | int) -> tuple[int, int]:
        """(line, column) of the deepest part of `key` that the file has."""
        while key and key not in self.marks:
            key = key[:-1]
        return self.marks.get(key, (1, 1))

    def problem(self, key: Key, message: str, severity: str = "error") -> Problem:
        line, column = self.at(*key)
        return Problem(self.path, line, column, message, severity)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Content:
    """Everything under content/, loaded and checked file by file."""

    root: Path
    briefing: Document[Briefing] | None
    actors: dict[str, Document[Actor]]
    events: dict[str, Document[Event]]
    articles: dict[str, Document[Article]]
    outlets: dict[str, Document[Outlet]]
    texts: dict[str, str]
    """Raw article text by article id, for the articles whose file could be read."""
    problems: tuple[Problem, ...]


def load_content(root: Path, cache: BuildCache | None = None) -> Content:
    """Load every file under `root`/content, collecting problems instead of raising.

    With a `cache`, files unchanged since the last build are not parsed again.
    """
    root = root.resolve()
    problems: list[Problem] = []
    loaded: dict[str, dict[str, Document]] = {}
    for folder, model in KINDS.items():
        loaded[folder] = {}
        for path in sorted((root / "content" / folder).glob("*.yml")):
            if cache is None:
                document = _load_document(root, path, model, problems)
            else:
                document = cache.load(path, lambda: _load_document(root, path, model, problems))
            if document is not None:
                loaded[folder][document.id] = document
    briefing_path = root / "content" / "briefing.yml"
    briefing = None
    if briefing_path.is_file():
        briefing = _load_document(root, briefing_path, Briefing, problems)
    else:
        problems.append(
            Problem("content/briefing.yml", 0, 0, "missing: create it with a title and a summary")
        )
    texts = {
        article_id: text
        for article_id, document in loaded["articles"].items()
        if (text := _article_text(root, document, problems, cache)) is not None
    }
    return Content(
        root=root,
        briefing=briefing,
        actors=loaded["actors"],
        events=loaded["events"],
        articles=loaded["articles"],
        outlets=loaded["outlets"],
        texts=texts,
        problems=tuple(problems),
    )


def _load_document(
    root: Path, path: Path, model: type[M], problems: list[Problem]
) -> Document[M] | None:
    shown = path.relative_to(root).as_posix()
    document_id = path.stem
    if model is not Briefing and not is_slug(document_id):
        problems.append(
            Problem(shown, 0, 0, f"file name {path.name!r} is not an id: rename it to a "
                    "lowercase slug such as 'kim-jong-un.yml'")
        )
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(shown, 0, 0, f"not UTF-8 text ({error.reason}): save it as UTF-8"))
        return None
    try:
        data, marks = parse_yaml(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problems.append(Problem(shown, line, column, f"YAML syntax: {error.problem}"))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(shown, 0, 0, f"YAML: {error}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, 1, f"expected a mapping of keys to values, "
                                f"found {_type_name(data)}"))
        return None
    try:
        instance = model.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            problems.append(_schema_problem(shown, marks, model, data, item))
        return None
    return Document(shown, document_id, instance, marks)


# --- YAML with positions ---------------------------------------------------


def parse_yaml(text: str) -> tuple[object, dict[Key, tuple[int, int]]]:
    """Parse one YAML document into plain values and the position of each.

    Positions are 1-based (line, column): for a mapping entry the position of
    its key, for a list item the position of the item.
    """
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        marks: dict[Key, tuple[int, int]] = {(): _position(node)}
        _collect_marks(node, (), marks)
        return loader.construct_document(node), marks
    finally:
        loader.dispose()


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _collect_marks(node: yaml.Node, key: Key, marks: dict[Key, tuple[int, int]]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                child = (*key, key_node.value)
                marks.setdefault(child, _position(key_node))
                _collect_marks(value_node, child, marks)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*key, index)
            marks[child] = _position(item)
            _collect_marks(item, child, marks)


# --- schema errors in curator's words --------------------------------------


def _schema_problem(
    shown: str,
    marks: dict[Key, tuple[int, int]],
    model: type[Strict],
    data: dict,
    item: dict,
) -> Problem:
    loc = tuple(part for part in item["loc"] if not _is_union_tag(part))
    key = loc
    while key and key not in marks:
        key = key[:-1]
    line, column = marks.get(key, (1, 1))
    where = _format_key(loc)
    kind = item["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        message = f"unknown key {loc[-1]!r}{did_you_mean(str(loc[-1]), allowed)}"
        parent = _format_key(loc[:-1])
        if parent:
            message = f"{parent}: {message}"
        return Problem(shown, line, column, message)
    if kind == "missing":
        line, column = marks.get(loc[:-1], (1, 1))
        return Problem(shown, line, column, f"missing required key {where!r}")
    message = item["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    elif kind == "literal_error":
        message = f"{_preview(item['input'])} is not allowed: " + message.replace(
            "Input should be", "use"
        )
    elif kind == "string_pattern_mismatch":
        message = f"{_preview(item['input'])} is not valid here"
        if loc and loc[-1] in ("url",):
            message += ": use an address that starts with http:// or https://"
        elif loc and loc[-1] == "wikidata":
            message += ": use a Wikidata item id such as Q56226"
        elif loc and loc[-1] == "language":
            message += ": use a language code such as 'en' or 'ko'"
    elif kind.endswith("_type") or kind in ("tuple_type", "list_type"):
        message = f"expected {_expected(kind)}, found {_type_name(item['input'])}"
    return Problem(shown, line, column, f"{where}: {message}" if where else message)


def _is_union_tag(part: object) -> bool:
    """Pydantic names union branches in error locations ('datetime', 'date')."""
    return isinstance(part, str) and part in ("datetime", "date", "str", "int")


def _format_key(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _allowed_keys(model: type[Strict], loc: tuple) -> list[str]:
    """The keys valid at `loc`, found by walking the model's nested fields."""
    current: type | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field_info = current.model_fields.get(str(part))
        current = _inner_model(field_info.annotation) if field_info else None
    return list(current.model_fields) if current is not None else []


def _inner_model(annotation: object) -> type[Strict] | None:
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _expected(kind: str) -> str:
    return {
        "string_type": "text",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "tuple_type": "a list",
        "list_type": "a list",
        "model_type": "a mapping of keys to values",
        "dict_type": "a mapping of keys to values",
    }.get(kind, kind.replace("_", " "))


def _type_name(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _preview(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# --- article text ----------------------------------------------------------


def _article_text(
    root: Path, document: Document[Article], problems: list[Problem], cache: BuildCache | None
) -> str | None:
    if cache is None:
        return read_article_text(root, document, problems)
    return cache.load(root / document.model.text, lambda: read_article_text(root, document, problems))


def read_article_text(root: Path, document: Document[Article], problems: list[Problem]) -> str | None:
    """The raw text an article points to, if it is a readable UTF-8 file in the project."""
    relative = document.model.text
    seeds = (root / "seeds").resolve()
    candidate = (root / relative).resolve()
    if Path(relative).is_absolute() or not candidate.is_relative_to(seeds):
        problems.append(document.problem(
            ("text",), f"text: {relative!r} is outside seeds/: put the article file in "
            "seeds/ and give its path relative to the project, e.g. seeds/article.txt"))
        return None
    if not candidate.is_file():
        problems.append(document.problem(
            ("text",), f"text: {relative!r} does not exist: add the raw article "
            "file to seeds/ or correct the path"))
        return None
    try:
        return candidate.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problems.append(document.problem(
            ("text",), f"text: {relative!r} is not UTF-8 (byte {error.start}): "
            "convert it to UTF-8"))
        return None
