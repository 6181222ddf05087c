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


def test_a_generator_failure_after_its_commit_makes_the_next_rebuild_a_full_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`write_pages` can fail after its commit (`_unfinished`, `_verify`): the next run finds the
    committed pages current and does not report them written, so a quick rebuild (which renders
    only the pages reported written) would never render them."""
    from generator import build as pipeline
    from generator.errors import BriefingsError

    (tmp_path / "content").mkdir()
    monkeypatch.setattr(hooks, "_command", "serve")
    quick = preview.QuickRebuild()
    quick.built = preview._Built(config=SimpleNamespace(), files=None, nav=None, env=None)
    monkeypatch.setattr(hooks, "_quick", quick)
    monkeypatch.setattr(hooks, "_layer", lambda root, drafts: None)

    def committed_then_failed(*args: object, **kwargs: object) -> None:
        raise BriefingsError("briefings/x.md (and 0 more page(s)) vanished while the build wrote them")

    monkeypatch.setattr(pipeline, "build", committed_then_failed)
    assert hooks._regenerate(_Config(tmp_path, {})) is None
    assert quick.built is None


def test_saves_seen_through_a_symbolic_link_to_the_project_are_content_saves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`briefings serve --root link/`: the hook watches content/ under the resolved root, MkDocs
    watches mkdocs.yml's `watch: [content, seeds]` under the root as given."""
    real = tmp_path / "real"
    (real / "content").mkdir(parents=True)
    (tmp_path / "link").symlink_to(real)
    monkeypatch.setattr(hooks, "_command", "serve")
    quick = preview.QuickRebuild()
    quick.built = preview._Built(config=_Config(tmp_path / "link", {}), files=None, nav=None, env=None)
    monkeypatch.setattr(hooks, "_quick", quick)
    saves = hooks._Saves()
    saves.native = True
    saves.paths = {str(tmp_path / "link" / "content" / "a.yml"), str(real / "content" / "a.yml")}
    monkeypatch.setattr(hooks, "_saves", saves)
    regenerated: list[object] = []
    monkeypatch.setattr(hooks, "_regenerate", lambda config: regenerated.append(config))
    assert hooks._quick_rebuild() is True  # the generator ran (and, here, failed): no full rebuild
    assert len(regenerated) == 1


def test_a_quick_render_checks_the_rendered_pages_links_to_anchors(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a full build does for every page (MkDocs logs a link to a missing `#anchor`)."""
    import logging

    checked: list[tuple[str, int]] = []

    class Page:
        def __init__(self, uri: str) -> None:
            self.file = SimpleNamespace(inclusion=SimpleNamespace(is_excluded=lambda: False),
                                        dest_uri=f"{uri}/index.html")
            self.uri = uri

        def validate_anchor_links(self, *, files: object, log_level: int) -> None:
            checked.append((self.uri, log_level))

    monkeypatch.setattr(preview.mkdocs_build, "_populate_page", lambda *args, **kwargs: None)
    monkeypatch.setattr(preview.mkdocs_build, "_build_page", lambda *args, **kwargs: None)
    quick = preview.QuickRebuild()
    config = SimpleNamespace(validation=SimpleNamespace(links=SimpleNamespace(anchors=logging.WARNING)))
    quick.built = preview._Built(config=config, files=SimpleNamespace(documentation_pages=lambda inclusion: []),
                                 nav=None, env=None)
    assert quick.render([Page("a"), Page("b")]) == ["a/index.html", "b/index.html"]
    assert checked == [("a", logging.WARNING), ("b", logging.WARNING)]
