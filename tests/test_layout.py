"""The generator's layout: modules import one another without cycles, and the incremental
layer is something only the orchestrators know about.

The import graph is read from the source with `ast` (every import, including the ones
inside functions and under TYPE_CHECKING), so a cycle cannot hide in a lazy import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

ORCHESTRATORS = {"generator.build", "generator.hooks", "generator.cli"}
"""The only modules outside the layer that may import generator.incremental."""


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str) -> set[str]:
    """The generator modules that the module `name` (at `path`) imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the generator modules it imports (submodules named in `from x import y` too)."""
    paths = {_module(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {m for m in _imports(path, name) if m in paths and m != name}
            for name, path in paths.items()}


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph`, as the modules along it, or None."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        trail.append(name)
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                return trail[trail.index(other):] + [other]
            if other not in state and (found := visit(other)):
                return found
        trail.pop()
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state and (found := visit(name)):
            return found
    return None


def test_the_reader_of_the_graph_finds_a_cycle() -> None:
    """The check itself: a cycle made of lazy imports is seen."""
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_of_the_generator_imports_itself_back() -> None:
    found = cycle(import_graph())
    assert found is None, "import cycle: " + " -> ".join(found or [])


def test_only_the_orchestrators_know_the_incremental_layer() -> None:
    graph = import_graph()
    users = {name for name, imported in graph.items()
             if any(m == "generator.incremental" or m.startswith("generator.incremental.") for m in imported)
             and not name.startswith("generator.incremental")}
    assert users <= ORCHESTRATORS, sorted(users - ORCHESTRATORS)


@pytest.mark.parametrize("stage", ["load", "validate", "link", "render", "write", "feed"])
def test_the_pipeline_stages_import_no_orchestrator(stage: str) -> None:
    """A stage knows the stages before it, never the build that runs them."""
    imported = import_graph()[f"generator.{stage}"]
    assert not imported & (ORCHESTRATORS | {"generator.incremental"}), sorted(imported)


def test_the_manifest_reader_pulls_in_no_renderer() -> None:
    """Reading briefings/.generated (validate, the skip check, the hook) loads no template code."""
    graph = import_graph()
    reach, todo = set(), ["generator.manifest"]
    while todo:
        for other in graph[todo.pop()] - reach:
            reach.add(other)
            todo.append(other)
    assert "generator.render" not in reach and "generator.write" not in reach


def test_page_paths_are_built_only_in_paths_py() -> None:
    """No module spells out a node's page (`actors/{...}.md`) or a tag's: they ask paths.py."""
    spelled = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "paths.py":
            continue
        text = path.read_text(encoding="utf-8")
        for folder in ("actors", "events", "articles", "outlets", "tags"):
            if f'f"{folder}/{{' in text or f"f'{folder}/{{" in text:
                spelled.append(f"{path.name}: {folder}/")
    assert not spelled
