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
from typing import TYPE_CHECKING, Generic, TypeVar

import yaml
from pydantic import ValidationError

from .errors import Problem, did_you_mean, key_path
from .model import KINDS, Article, Actor, Briefing, Event, Outlet, Strict, is_slug, zone_problem
from .paths import RealPaths, outside_project

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


def load_content(root: Path, cache: BuildCache | None = None) -> Content:
    """Load every file under `root`/content, collecting problems instead of raising.

    With a `cache`, files unchanged since the last build are not parsed again.
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
            if cache is None:
                document = _load_document(root, path, model, problems, real)
            else:
                document = cache.load(
                    path, lambda: _load_document(root, path, model, problems, real))
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
        if escape is None and (text := _article_text(root, document, problems, cache, real)) is not None
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
                                        f"{_slugify(path.stem) + '.yml'!r}"))
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


def text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of the character at `offset` of `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


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


def _slugify(name: str) -> str:
    """A slug close to `name`, to suggest as a file name."""
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in name.lower()).split()
    return "-".join(words) or "my-id"


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
        for item in error.errors():
            problem = _schema_problem(shown, marks, model, data, item)
            if not any(_curator_loc(model, item["loc"], item["type"])[:len(key)] == key for key in spoiled):
                problems.append(problem)
        return None
    if parsed.problems:
        return None
    return Document(shown, document_id, instance, marks)


# --- YAML with positions ---------------------------------------------------


class YamlShapeError(ValueError):
    """YAML that parses but that content files do not allow, with its position."""

    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class _Loader(SafeLoader):  # type: ignore[misc, valid-type]
    """The safe loader, except that a date YAML cannot build stays text.

    YAML reads `2023-02-30` as a date and fails with a bare ValueError; kept as
    text, the model reports it at its key like any other bad date.
    """


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    if len(node.value) > 10 and zone_problem(node.value):  # YAML reads +05:60 as +06:00
        return node.value
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError, AttributeError):
        # AttributeError: PyYAML's own pattern rejects offsets with seconds
        # (-00:16:08) that its resolver accepted.
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

MAX_DEPTH = 20
"""How deep lists and mappings may nest in a content file; the models go 4 deep."""
MAX_VALUES = 200_000
"""How many values (texts, numbers, lists, mappings) one content file may hold."""


@dataclass(frozen=True)
class Parsed:
    """One YAML document as plain values, where each came from, and what it may not hold."""

    value: object
    marks: dict[Key, tuple[int, int]]
    problems: tuple[YamlShapeError, ...] = ()
    """What YAML allows and content does not (anchors, duplicate keys, ...), in file order."""
    spoiled: frozenset[Key] = frozenset()
    """The keys whose value was refused: the schema's complaints about them would only repeat it."""


def parse_yaml(text: str) -> tuple[object, dict[Key, tuple[int, int]]]:
    """Parse one YAML document into plain values and the position of each.

    Positions are 1-based (line, column): for a mapping entry the position of
    its key, for a list item the position of the item. Raises YamlShapeError
    for the first thing YAML allows but content must not have (see `read_yaml`),
    and yaml.YAMLError for text that is not YAML.
    """
    parsed = read_yaml(text)
    if parsed.problems:
        raise parsed.problems[0]
    return parsed.value, parsed.marks


def read_yaml(text: str) -> Parsed:
    """Parse one YAML document, collecting what content files do not allow instead of stopping.

    Refused, each where it is: anchors and aliases (which can nest a value in
    itself or multiply it a billion times), duplicate keys (YAML would keep the
    last silently), merge keys, keys that are lists or mappings, tags other than
    YAML's own scalars, numbers too long to read, nesting deeper than MAX_DEPTH.
    The document is read from the parser's events with a stack, never by
    recursion, so that no depth of nesting can exhaust the interpreter's stack.
    Raises yaml.YAMLError for text that is not YAML and YamlShapeError for a
    file that cannot be read at all (a second document, too many values).
    """
    _check_brackets(text)
    loader = _Loader(text)
    try:
        return _Reader(loader).document()
    finally:
        loader.dispose()


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
MAX_NUMBER = 100
"""The most characters a number may be written with, in any base: longer ones are refused
before Python builds a value it could not print."""
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_ANCHOR = "anchors and aliases (&name, *name) are not supported: write the value out in full"
_DROPPED = object()
"""The value of a key or item that was refused: left out of the document."""


MAX_OPEN_BRACKETS = 200
"""How many `[` and `{` may be open at once, counted before parsing, quotes or not. libyaml
takes time that grows with the square of the number of open `{` before it yields the first
of them, so a deep file must be refused before the parser sees it; real files open a few."""


def _check_brackets(text: str) -> None:
    """Refuse text whose brackets nest deeper than MAX_OPEN_BRACKETS, in one linear pass.

    Comments are passed over. Every other `[` and `{` counts as an opening, quoted or
    not; a closing one counts only outside quoted scalars, where it really closes: a `}`
    in a comment or in quotes cannot hide an opening from the count."""
    if text.count("[") + text.count("{") <= MAX_OPEN_BRACKETS:
        return
    depth = 0
    quote = ""
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        previous = text[index - 1] if index else "\n"
        if quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = ""
        elif char == "#" and previous in " \t\n":
            newline = text.find("\n", index)
            index = size if newline < 0 else newline
            continue
        elif char in "'\"" and previous in " \t\n[{,:":
            quote = char
        elif char in "]}":
            depth = max(depth - 1, 0)
        if char in "[{":  # counted even inside quotes: never fewer than there are
            depth += 1
            if depth > MAX_OPEN_BRACKETS:
                line, column = text_position(text, index)
                raise YamlShapeError(line, column, f"more than {MAX_OPEN_BRACKETS} brackets `[` or `{{` "
                                     "open at once: content files never need this; remove the extra brackets")
        index += 1


def _too_deep(event: yaml.Event) -> YamlShapeError:
    """The refusal of a list or mapping opened past MAX_DEPTH, where `event` opens it."""
    return YamlShapeError(*_position(event.start_mark), f"lists and mappings nested more than {MAX_DEPTH} "
                          "deep: content files never need this; remove the extra brackets or indentation")


def _shown_tag(tag: str) -> str:
    """'tag:yaml.org,2002:set' as a curator writes it: '!!set'."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


@dataclass
class _Open:
    """A list or mapping being read: where it is, what it holds so far."""

    key: Key
    value: list | dict
    first: dict[str, int] = field(default_factory=dict)
    """Mapping: the line of each key's first occurrence."""
    pending: tuple[object, Key] | None = None
    """Mapping: the key read last, whose value comes next (its name and its path)."""


class _Reader:
    """Plain values and their positions from a YAML parser's events."""

    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.marks: dict[Key, tuple[int, int]] = {}
        self.problems: list[YamlShapeError] = []
        self.spoiled: set[Key] = set()
        self.stack: list[_Open] = []
        self.count = 0
        self.anchors: set[str] = set()
        self.root: object = None

    def document(self) -> Parsed:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return Parsed(None, {})
        loader.get_event()  # document start
        self.value(loader.get_event(), ())
        while self.stack:
            self.event(loader.get_event())
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            line, column = _position(loader.get_event().start_mark)
            raise YamlShapeError(line, column, "a second YAML document (after `---`): "
                                 "keep one document per file")
        return Parsed(self.root, self.marks, tuple(self.problems), frozenset(self.spoiled))

    def refuse(self, spoiled: Key | None, mark: yaml.Mark, message: str) -> None:
        self.problems.append(YamlShapeError(*_position(mark), message))
        if spoiled is not None:
            self.spoiled.add(spoiled)

    def event(self, event: yaml.Event) -> None:
        """The next event inside the innermost open list or mapping."""
        top = self.stack[-1]
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            self.stack.pop()
            return
        if isinstance(top.value, list):
            key = (*top.key, len(top.value))
            self.marks[key] = _position(event.start_mark)
            self.value(event, key)
        elif top.pending is None:
            self.key(event, top)
        elif top.pending[0] is _DROPPED:  # the value of a refused key
            self.skip(event)
            top.pending = None
        else:
            self.value(event, top.pending[1])

    def key(self, event: yaml.Event, top: _Open) -> None:
        """A mapping's key: a plain scalar, said once."""
        line, column = _position(event.start_mark)
        if not isinstance(event, yaml.ScalarEvent):
            self.refuse(None, event.start_mark, "a key must be a name, not a list or a "
                        "mapping: write `name: value`")
            self.skip(event)
            top.pending = (_DROPPED, top.key)
            return
        tag = self.scalar_tag(event)
        if tag == _MERGE:
            self.refuse(None, event.start_mark, "merge keys (<<) are not supported: "
                        "write each key out in full")
            top.pending = (_DROPPED, top.key)
            return
        if event.value in top.first:
            self.refuse(None, event.start_mark, f"duplicate key {event.value!r} (first on line "
                        f"{top.first[event.value]}): keep only one")
            top.pending = (_DROPPED, top.key)
            return
        top.first[event.value] = line
        key = (*top.key, event.value)
        self.marks[key] = (line, column)
        top.pending = (self.scalar(event, tag, key), key)
        if top.pending[0] is _DROPPED:
            top.pending = (_DROPPED, top.key)

    def value(self, event: yaml.Event, key: Key) -> None:
        """A value at `key`: a scalar placed at once, a list or mapping opened."""
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlShapeError(*_position(event.start_mark), f"more than {MAX_VALUES:,} values "
                                 "in one file: split it, or remove what is repeated")
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:  # else reported at its anchor
                self.refuse(key, event.start_mark, _ANCHOR)
            self.spoiled.add(key)
            self.place(_DROPPED)
            return
        if event.anchor is not None:
            self.anchors.add(event.anchor)
            self.refuse(key, event.start_mark, _ANCHOR)
        if isinstance(event, yaml.ScalarEvent):
            self.place(self.scalar(event, self.scalar_tag(event), key))
            return
        kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
        tag = event.tag if event.tag not in (None, "!") else self.loader.resolve(kind, None, event.implicit)
        if len(self.stack) >= MAX_DEPTH:  # stop: the parser slows down with each level
            raise _too_deep(event)
        if tag not in (_SEQ, _MAP):
            self.refuse(key, event.start_mark, f"the YAML tag {_shown_tag(tag)} is not supported: remove it")
        else:
            container: list | dict = [] if tag == _SEQ else {}
            self.place(container)
            self.stack.append(_Open(key, container))
            return
        self.skip(event)
        self.place(_DROPPED)

    def place(self, value: object) -> None:
        """Put a value read into the list or mapping that holds it (or make it the document)."""
        if not self.stack:
            self.root = None if value is _DROPPED else value
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(None if value is _DROPPED else value)
        else:
            name, _ = top.pending  # type: ignore[misc]
            top.pending = None
            if name is not _DROPPED and value is not _DROPPED:
                top.value[name] = value  # type: ignore[index]
            elif name is not _DROPPED:
                top.value[name] = None  # type: ignore[index]

    def skip(self, event: yaml.Event) -> None:
        """Read past the list or mapping `event` opens, if it opens one."""
        depth = int(isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)))
        while depth:
            inner = self.loader.get_event()
            if isinstance(inner, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if len(self.stack) + depth > MAX_DEPTH:
                    raise _too_deep(inner)
            elif isinstance(inner, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1

    def scalar_tag(self, event: yaml.ScalarEvent) -> str:
        if event.tag not in (None, "!"):
            return event.tag
        return self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)

    def scalar(self, event: yaml.ScalarEvent, tag: str, key: Key) -> object:
        """The value of a scalar; _DROPPED, with a problem, when content cannot hold it."""
        if tag == _STR:
            return event.value
        if tag in (_INT, _FLOAT) and len(event.value) > MAX_NUMBER:  # 0x…, 0b…, 1:59:59…, 1e…
            digits = sum(c.isdigit() for c in event.value)
            size = (f"of {digits:,} digits" if digits == len(event.value)
                    else f"written with {len(event.value):,} characters")
            self.refuse(key, event.start_mark, f"a number {size} is too long to read: shorten it, "
                        "or put it in quotes to keep it as text")
            return _DROPPED
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.construct_object(node)
        except ValueError:  # Python reads at most 4,300 digits
            digits = sum(c.isdigit() for c in event.value)
            self.refuse(key, event.start_mark, f"a number of {digits:,} digits is too long to "
                        "read: shorten it, or put it in quotes to keep it as text")
        except yaml.constructor.ConstructorError:
            self.refuse(key, event.start_mark, f"the YAML tag {_shown_tag(tag)} is not supported: remove it")
        return _DROPPED


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
    cache: BuildCache | None,
    real: RealPaths,
) -> str | None:
    if cache is None:
        return read_article_text(root, document, problems, real)
    return cache.load(root / document.model.text,
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
