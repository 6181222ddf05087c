"""Read content/ into typed models, keeping where every value came from.

Every file is parsed once into a YAML node tree; the tree gives the line and
column of each key and list item, so that problems found later, by the
schema or by cross-file checks, can point at the exact line.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Generic, TypeVar

import yaml
from pydantic import ValidationError

from .errors import Problem, did_you_mean, key_path
from .model import KINDS, Article, Actor, Briefing, Event, Outlet, Strict, is_slug
from .paths import RealPaths, outside_project, slug
from .yaml_reader import Key, YamlShapeError, read_yaml, text_position

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
    failed: frozenset[tuple[str, str]] = frozenset()
    """(folder, id) of the files that exist but could not be loaded: references
    to them are not reported again as unknown."""

    def without_marks(self) -> Content:
        """The same content with no value positions: once checked, nothing points at a line.

        Positions are a dict entry per key and list item of every file, a
        large share of a build's memory at tens of thousands of files.
        """
        def bare(documents: dict[str, Document]) -> dict[str, Document]:
            return {i: dataclasses.replace(d, marks={}) for i, d in documents.items()}

        return dataclasses.replace(
            self, actors=bare(self.actors), events=bare(self.events),
            articles=bare(self.articles), outlets=bare(self.outlets),
        )


Loader = Callable[[Path, Callable[[], object]], object]
"""How a file's value is obtained: given the file and the function that reads it, the value.
`load_content` calls the function itself; a caller may pass another way (the incremental
layer hands back what it stored for a file that did not change)."""


def _read(path: Path, read: Callable[[], object]) -> object:
    return read()


def load_content(root: Path, loader: Loader = _read) -> Content:
    """Load every file under `root`/content, collecting problems instead of raising.

    Every content file and article text is obtained through `loader`.
    """
    root = root.resolve()
    problems: list[Problem] = []
    files = discover(root, problems)
    real = RealPaths()
    loaded: dict[str, dict[str, Document]] = {}
    failed: set[tuple[str, str]] = set()
    for folder, model in KINDS.items():
        loaded[folder] = {}
        for path in files.get(folder, []):
            document = loader(path, lambda: _load_document(root, path, model, problems, real))
            if document is not None:
                loaded[folder][document.id] = document
            else:
                failed.add((folder, path.stem))
    briefing_path = root / "content" / "briefing.yml"
    briefing = None
    if briefing_path.is_file():
        briefing = _load_document(root, briefing_path, Briefing, problems)
    else:
        problems.append(
            Problem("content/briefing.yml", 1, 1, "missing: create it with a title and a summary")
        )
    if (escape := outside_project(root, "seeds")) is not None:  # issue 13: seeds -> /proc/self
        problems.append(Problem("seeds", 1, 1, escape))
    texts = {
        article_id: text
        for article_id, document in loaded["articles"].items()
        if escape is None and (text := _article_text(root, document, problems, loader, real)) is not None
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
        failed=frozenset(failed),
    )


def discover(root: Path, problems: list[Problem]) -> dict[str, list[Path]]:
    """The content files of each kind, sorted; every other file becomes a problem.

    Ids are file names, so an id can only be claimed twice through spellings
    the file system keeps apart: `Foo.yml` next to `foo.yml` (not a slug) or
    `foo.yaml` next to `foo.yml` (wrong extension). Both are errors. Files the
    generator would ignore (notes, a misspelt folder) are warnings, so that
    nothing a curator wrote is silently skipped. Hidden files are never read; a
    hidden .yml file is a warning.
    """
    content = root / "content"
    found: dict[str, list[Path]] = {folder: [] for folder in KINDS}
    if (escape := outside_project(root, "content")) is not None:
        problems.append(Problem("content", 1, 1, escape))
        return found
    if not content.is_dir():
        problems.append(Problem("content", 1, 1, "missing: create content/ with briefing.yml"))
        return found
    for inner in _walk(content):
        path = content.joinpath(*inner)
        shown = shown_path("content/" + "/".join(inner))
        if any(part.startswith(".") for part in inner):
            if inner[-1].endswith(".yml"):
                problems.append(Problem(shown, 1, 1, "ignored: hidden files are not content; "
                                        "remove the leading dot to include it", "warning"))
            continue
        if os.path.islink(path):
            if not path.resolve().is_relative_to(root):
                problems.append(Problem(shown, 1, 1, "links outside the project: replace the "
                                        "link with the file itself"))
                continue
            if path.is_dir():
                continue
        folder = inner[0] if len(inner) == 2 else None
        if inner == ("briefing.yml",):
            continue
        if folder in KINDS and path.suffix == ".yml":
            if not is_slug(path.stem):
                problems.append(Problem(shown, 1, 1, f"file name {path.name!r} is not an id: "
                                        f"rename it to a lowercase slug such as "
                                        f"{(slug(path.stem) or 'my-id') + '.yml'!r}"))
            else:
                found[folder].append(path)
        elif path.suffix == ".yaml":
            problems.append(Problem(shown, 1, 1, f"content files end in .yml: rename it to "
                                    f"{path.with_suffix('.yml').name!r}"))
        else:
            places = ", ".join(f"content/{name}/" for name in KINDS)
            problems.append(Problem(shown, 1, 1, f"ignored: content is read only from "
                                    f"content/briefing.yml and *.yml files in {places}",
                                    "warning"))
    return found


def _walk(folder: Path) -> list[tuple[str, ...]]:
    """Every file and symbolic link under `folder`, as path parts, in sorted order.

    Links to folders are listed, not followed. One `os.walk` instead of
    pathlib's per-file objects: a corpus has tens of thousands of files.
    """
    found = []
    for here, folders, files in os.walk(folder):
        inside = tuple(Path(here).relative_to(folder).parts)
        found += [(*inside, name) for name in files]
        found += [(*inside, name) for name in folders if os.path.islink(os.path.join(here, name))]
    return sorted(found)


def _syntax_problem(shown: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error in the curator's words, at the character that caused it."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.split("\n")
    here = lines[line - 1][column - 1:column] if line <= len(lines) else ""
    if here == "\t":
        return Problem(shown, line, column, "YAML syntax: a tab character: YAML indents with "
                       "spaces only; replace the tab with spaces")
    what = error.problem or error.context or "not valid YAML"
    if error.context and error.context_mark and error.problem:
        start = error.context_mark
        what += f" ({error.context} that starts at {start.line + 1}:{start.column + 1})"
    return Problem(shown, line, column, f"YAML syntax: {what}: check indentation, colons and quotes")


_UNPRINTABLE = re.compile(r"[^\S ]|[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown_path(path: str) -> str:
    """A path as one line of a report: line breaks, tabs and control characters escaped."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), path)


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of the byte at `offset`; the column counts bytes."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def load_file(root: Path, path: Path) -> Document | None:
    """One content file on its own (content/<kind>/<id>.yml or briefing.yml); None if it has a problem."""
    folder = path.parent.name
    model = Briefing if path.name == "briefing.yml" and folder == "content" else KINDS[folder]
    return _load_document(root.resolve(), path, model, [])


def _load_document(
    root: Path, path: Path, model: type[M], problems: list[Problem], real: RealPaths | None = None
) -> Document[M] | None:
    shown = path.relative_to(root).as_posix()
    if not Path((real or RealPaths())(path)).is_relative_to(root):
        problems.append(Problem(shown, 0, 0, "is a link to a file outside the project: "
                                "replace the link with the file itself"))
        return None
    document_id = path.stem
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(shown, 1, 1, "UTF-16 text: save the file as UTF-8"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        problems.append(Problem(shown, line, column, f"not UTF-8 text ({error.reason}): "
                                "save the file as UTF-8"))
        return None
    try:
        parsed = read_yaml(text)
    except YamlShapeError as error:
        problems.append(Problem(shown, error.line, error.column, error.message))
        return None
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(shown, text, error))
        return None
    except yaml.reader.ReaderError as error:
        line, column = text_position(text, error.position)
        problems.append(Problem(shown, line, column, f"the control character U+{error.character:04X} "
                                "is not allowed in YAML: delete it (an editor may show it as a "
                                "box, as ^@ or as nothing)"))
        return None
    except yaml.YAMLError as error:  # pragma: no cover - every YAMLError PyYAML raises is one of the above
        problems.append(Problem(shown, 1, 1, f"YAML: {error}"))
        return None
    data, marks = parsed.value, parsed.marks
    for shape in parsed.problems:
        problems.append(Problem(shown, shape.line, shape.column, shape.message))
    if not isinstance(data, dict):
        if not parsed.problems:
            problems.append(Problem(shown, 1, 1, f"expected a mapping of keys to values, "
                                    f"found {_type_name(data)}: write one `key: value` per line"))
        return None
    spoiled = parsed.spoiled
    try:
        instance = model.model_validate(data)
    except ValidationError as error:
        items = error.errors()
        for item in items:
            if item["type"] == "too_short" and any(
                    other["loc"][:len(item["loc"])] == item["loc"] and len(other["loc"]) > len(item["loc"])
                    for other in items):
                continue  # a list whose items are wrong counts them as missing too: say the items' errors only
            problem = _schema_problem(shown, marks, model, data, item)
            if not any(_curator_loc(model, item["loc"], item["type"])[:len(key)] == key for key in spoiled):
                problems.append(problem)
        return None
    if parsed.problems:
        return None
    return Document(shown, document_id, instance, marks)


# --- schema errors in curator's words --------------------------------------


def _schema_problem(
    shown: str,
    marks: dict[Key, tuple[int, int]],
    model: type[Strict],
    data: dict,
    item: dict,
) -> Problem:
    loc = _curator_loc(model, item["loc"], item["type"])
    key = loc
    while key and key not in marks:
        key = key[:-1]
    line, column = marks.get(key, (1, 1))
    where = key_path(loc)
    kind = item["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        suggestion = did_you_mean(str(loc[-1]), allowed)
        message = f"unknown key {loc[-1]!r}" + (
            suggestion or f": use one of {', '.join(allowed)}")
        parent = key_path(loc[:-1])
        if parent:
            message = f"{parent}: {message}"
        return Problem(shown, line, column, message)
    if kind == "invalid_key":
        allowed = ", ".join(_allowed_keys(model, loc[:-1]))
        return Problem(shown, line, column, f"{loc[-1]!r} is not a key name: "
                       f"use one of {allowed}")
    if kind == "missing":
        line, column = marks.get(loc[:-1], (1, 1))
        return Problem(shown, line, column, f"missing required key {where!r}: add a "
                       f"line `{loc[-1]}: ...`")
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
        if kind in ("tuple_type", "list_type"):
            message += ": write [a, b] or one `- item` per line"
    return Problem(shown, line, column, f"{where}: {message}" if where else message)


def _curator_loc(model: type[Strict], loc: tuple, kind: str) -> tuple:
    """`loc` without the union branch names pydantic adds (`published.datetime`).

    A branch name never starts a location, and the last part of an unknown
    key is the key itself, so those are always kept.
    """
    kept: list = []
    for index, part in enumerate(loc):
        is_key = kind in ("extra_forbidden", "invalid_key") and index == len(loc) - 1
        if (kept and not is_key and isinstance(part, str) and part in _UNION_TAGS
                and part not in _allowed_keys(model, tuple(kept))):
            continue
        kept.append(part)
    return tuple(kept)


_UNION_TAGS = frozenset({"datetime", "date", "str", "int", "function-after", "function-before"})


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
        "float_type": "a number",
        "float_parsing": "a number",
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
    root: Path,
    document: Document[Article],
    problems: list[Problem],
    loader: Loader,
    real: RealPaths,
) -> str | None:
    return loader(root / document.model.text,  # type: ignore[return-value]
                  lambda: read_article_text(root, document, problems, real))


def read_article_text(
    root: Path, document: Document[Article], problems: list[Problem], real: RealPaths | None = None
) -> str | None:
    """The raw text an article points to, if it is a readable UTF-8 file in the project."""
    relative = document.model.text
    real = real or RealPaths()
    seeds = Path(real(root / "seeds"))
    candidate = Path(real(root / relative))
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
    raw = candidate.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = byte_position(raw, error.start)
        problems.append(document.problem(
            ("text",), f"text: {relative!r} is not UTF-8 (line {line}, byte {column} of "
            "that file): convert it to UTF-8"))
        return None
