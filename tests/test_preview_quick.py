"""The quick preview rebuild (generator/site/preview.py, hooks._quick_rebuild): when it must not run."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import hooks
from generator.site import preview


class _Config(dict):
    """Just what the hook's `_incremental_begin` reads of a MkDocs configuration."""

    def __init__(self, root: Path, plugins: dict) -> None:
        super().__init__(hooks={})
        self.plugins = plugins
        self.config_file_path = str(root / "mkdocs.yml")


def test_a_configuration_without_the_incremental_build_ends_quick_rebuilds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs.yml edited under serve to add a plugin the incremental build does not know: the
    full rebuild renders every page, and the next content save must not re-render pages with
    the previous configuration, navigation and templates (the preview plugin is gone)."""
    monkeypatch.setattr(hooks, "_command", "serve")
    quick = preview.QuickRebuild()
    quick.built = preview._Built(config=SimpleNamespace(), files=None, nav=None, env=None)
    monkeypatch.setattr(hooks, "_quick", quick)
    hooks._incremental_begin(_Config(tmp_path, {"someone/else": object()}), tmp_path / "site")
    assert quick.built is None
