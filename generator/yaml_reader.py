"""YAML with a line and column for every value, bounded so that no file can exhaust the reader.

Content files and the front matter of seed articles are read here: the values
as plain Python data, the position of each key and list item, and every
construct YAML allows but content must not hold (anchors, merge keys, foreign
tags, huge numbers, deep nesting), each reported where it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .model import zone_problem

try:  # libyaml is much faster; the pure-Python loader gives the same nodes.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

Key = tuple[str | int, ...]
"""Where a value is in a document: the keys and list indexes that lead to it."""

def text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of the character at `offset` of `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1




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
