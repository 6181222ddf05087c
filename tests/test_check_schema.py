"""The JSON Schema files editors use are the export of the models, and agree with them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli
from generator.schema import FILES, SCHEMA_DIR, editor_settings, render_schemas

from .conftest import REPO


def test_committed_schemas_equal_the_export() -> None:
    committed = {path.name: path.read_text(encoding="utf-8")
                 for path in sorted((REPO / SCHEMA_DIR).glob("*.json"))}
    assert committed == render_schemas(), "run `briefings schema` and commit schemas/"


def test_editor_settings_point_every_content_file_at_its_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == editor_settings()
    for schema, globs in settings["yaml.schemas"].items():
        assert (REPO / schema).is_file()
        assert all(list(REPO.glob(glob)) for glob in globs), globs


def test_schema_command_writes_only_what_differs(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["schema", "--root", str(tmp_path)])
    assert first.exit_code == 0
    assert first.stdout.startswith(f"schemas/: {len(FILES)} schema file(s) written (")
    second = runner.invoke(cli, ["schema", "--root", str(tmp_path)])
    assert second.stdout == "schemas/: 0 schema file(s) written, all up to date.\n"
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / SCHEMA_DIR).iterdir()}
    assert written == render_schemas()


def as_editor_sees_it(value: object) -> object:
    """YAML 1.2 (the language server) reads dates as text, not as timestamps."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_editor_sees_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees_it(item) for item in value]
    return value


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(render_schemas()[f"{name}.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


CONTENT_FILES = [
    (name, path) for name, (_, glob) in sorted(FILES.items()) for path in sorted(REPO.glob(glob))
]


@pytest.mark.parametrize(("name", "path"), CONTENT_FILES,
                         ids=[p.relative_to(REPO).as_posix() for _, p in CONTENT_FILES])
def test_schema_accepts_the_bundled_content(name: str, path: Path) -> None:
    data = as_editor_sees_it(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert [error.message for error in validator(name).iter_errors(data)] == []


def test_schema_flags_what_check_flags() -> None:
    errors = [e.message for e in validator("actor").iter_errors(
        {"name": "Atlantis", "kind": "country", "aliasses": ["ATL"]})]
    assert sorted(errors) == [
        "'country' is not one of ['person', 'state', 'organisation', 'media', 'group', 'place']",
        "Additional properties are not allowed ('aliasses' was unexpected)",
    ]
    event = validator("event")
    assert not event.is_valid({"title": "t", "date": "2024-3-1"})
    assert not event.is_valid({"title": "t", "date": "2024-03", "part_of": "../x"})
    assert event.is_valid({"title": "t", "date": "2024-03"})
