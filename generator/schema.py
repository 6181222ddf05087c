"""JSON Schema for editors, exported from the same models that validate content.

`briefings schema` writes one file per kind of content file into schemas/;
.vscode/settings.json points the YAML language server at them, so an editor
completes keys and flags typos while the curator types. The files are
committed and a test keeps them equal to this export.
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import KINDS, Briefing, Strict

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

FILES: dict[str, tuple[type[Strict], str]] = {
    "briefing": (Briefing, "content/briefing.yml"),
    **{
        folder.removesuffix("s"): (model, f"content/{folder}/*.yml")
        for folder, model in KINDS.items()
    },
}
"""Schema name -> (model, the content files it describes)."""


def json_schema(model: type[Strict]) -> dict:
    """The JSON Schema of one kind of content file."""
    schema = model.model_json_schema(mode="validation")
    return {"$schema": DIALECT, **schema}


def render_schemas() -> dict[str, str]:
    """File name under schemas/ -> its exact text (sorted keys, one trailing newline)."""
    return {
        f"{name}.schema.json": json.dumps(json_schema(model), indent=2, sort_keys=True,
                                          ensure_ascii=False) + "\n"
        for name, (model, _) in sorted(FILES.items())
    }


def write_schemas(root: Path) -> list[str]:
    """Write the schemas that differ into `root`/schemas; return the ones written."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(name)
    return written


def editor_settings() -> dict[str, list[str]]:
    """The `yaml.schemas` value for .vscode/settings.json: schema -> file globs."""
    return {f"./{SCHEMA_DIR}/{name}.schema.json": [glob]
            for name, (_, glob) in sorted(FILES.items())}
