"""What each page of a built site was made from, kept inside the site folder.

The manifest `site/.briefings-site.json` is written by every build through
the hook, into the folder being built, so it is published, swapped and
restored (by CI's cache) together with the pages it describes: it can never
describe another site than the one it sits in. It holds

- `environment`: the digest of everything every page depends on (see
  `environment()`): when it differs, no page is reused;
- per Markdown page (`PageRecord`): the digest of its source, its output
  file and size, every link target its links looked up (and whether it
  existed), and its anchors, so that MkDocs' link and anchor checks see a
  reused page as if it had been rendered.

A page whose rendering logged a warning gets no record: it is rendered (and
warns) again in every build, as in a clean one.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable, Mapping, Sequence

from . import parallel, preview, progress

_OUTPUT_NEUTRAL = frozenset({parallel.NAME, preview.NAME, progress.NAME})
"""Plugins of ours that change no page's HTML: a site built with or without them is the same."""
MANIFEST = ".briefings-site.json.gz"
"""In the site folder (a dot file: MkDocs never writes one, the publication never carries it over)."""
FORMAT = 1
"""Bumped when the manifest's meaning changes: an older manifest then reuses nothing."""

PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Pygments", "Jinja2",
            "MarkupSafe", "babel")
"""Distributions whose code turns a page's Markdown into HTML: their versions are in the environment."""
_SITE_CODE = Path(__file__).resolve().parent
"""This package: its code decides which pages are reused, so it is in the environment too."""
_VOLATILE = frozenset({"site_dir", "config_file_path", "dev_addr", "watch", "strict", "plugins",
                       "hooks", "theme", "remote_branch", "remote_name", "validation"})
"""Settings that do not change a page's HTML (or that are digested apart: plugins, hooks, theme)."""


@dataclass(frozen=True)
class PageRecord:
    """How one Markdown page of a built site was made."""

    source: str
    """Digest of the Markdown file's bytes and its inclusion level."""
    output: str
    """The HTML file, relative to the site folder (`actors/kim-jong-un/index.html`)."""
    size: int
    """Its size in bytes: a file changed by hand since is not reused."""
    links: Mapping[str, int]
    """Every path the page's links looked up among the site's files, and whether it existed
    (1 or 0): a link is rewritten (or warned about) differently when its target comes or goes."""
    anchors: Sequence[str]
    """The ids the page's content defines (MkDocs' `present_anchor_ids`)."""
    anchor_links: Mapping[str, Mapping[str, str]]
    """Links to anchors, by target page (MkDocs' `links_to_anchors`), checked at the end of a build."""


@dataclass(frozen=True)
class Manifest:
    environment: str
    pages: Mapping[str, PageRecord]
    """By source path in docs_dir (`actors/kim-jong-un.md`)."""


def read(site: Path) -> Manifest | None:
    """The manifest of the site in `site`; None when it has none or it cannot be read."""
    try:
        with gzip.open(site / MANIFEST, "rt", encoding="utf-8") as stream:
            data = json.load(stream)
        if data.get("format") != FORMAT:
            return None
        pages = {  # taken as JSON gives them: 22,000 pages are read at every incremental build
            source: PageRecord(page["source"], page["output"], page["size"], page["links"],
                               page["anchors"], page["anchor_links"])
            for source, page in data["pages"].items()
        }
        return Manifest(str(data["environment"]), pages)
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(site: Path, manifest: Manifest) -> None:
    """Write the manifest into `site` (deterministic bytes: a clean and an incremental build agree)."""
    body = {
        "format": FORMAT,
        "environment": manifest.environment,
        "pages": {
            source: {
                "source": page.source, "output": page.output, "size": page.size,
                "links": page.links, "anchors": page.anchors, "anchor_links": page.anchor_links,
            }
            for source, page in sorted(manifest.pages.items())
        },
    }
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    temporary = site / (MANIFEST + ".part")
    with open(temporary, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0, filename="") as stream:
            stream.write(data)
    os.replace(temporary, site / MANIFEST)


def source_digest(path: str, inclusion: str) -> str:
    """Digest of a Markdown page: its bytes, and whether it is included, excluded or not in nav."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(inclusion.encode())
    with open(path, "rb") as stream:
        digest.update(stream.read())
    return digest.hexdigest()


def environment(config: Any, root: Path, untitled_nav: Iterable[str] = ()) -> str:
    """The digest of what every page's HTML depends on besides its own Markdown.

    The resolved configuration (navigation, theme options, Markdown
    extensions, site_url...), the versions of the packages that render pages,
    the theme's folders inside the project (a `custom_dir`), the code of the
    hooks and of this package, and `untitled_nav`: digests of navigation
    pages without a title in mkdocs.yml, whose own heading names them in
    every page's navigation.
    """
    digest = hashlib.blake2b(digest_size=20)
    parts = {
        "format": FORMAT,
        "python": sys.version,
        "packages": _versions(),
        "config": {key: _plain(value, root) for key, value in sorted(config.items())
                   if key not in _VOLATILE},
        # the checks of links change which pages warn (and so are rendered every time); the
        # check of the navigation (serve quietens it) changes no page
        "links": _plain(config.validation.links, root),
        "theme": {"name": config.theme.name, "options": _plain(dict(config.theme), root),
                  "dirs": [_folder(Path(folder), root) for folder in config.theme.dirs]},
        "plugins": sorted(_plugin(name, plugin, root) for name, plugin in config.plugins.items()
                          if name not in _OUTPUT_NEUTRAL),
        "code": _code_digest(tuple(sorted(_hook_files(config))) + (str(_SITE_CODE),)),
        "nav": sorted(untitled_nav),
    }
    digest.update(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


@functools.cache
def _versions() -> tuple[str, ...]:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return tuple(found)


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _plain(value: Any, root: Path) -> Any:
    """`value` as JSON data that is the same in every process (no object addresses, project-relative paths)."""
    if isinstance(value, str):
        prefix = str(root) + os.sep
        return value[len(prefix):] if value.startswith(prefix) else value
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Mapping):
        return {str(key): _plain(item, root) for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(item, root) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(item, root) for item in value), key=repr)
    if isinstance(value, ModuleType):
        return f"module {value.__name__}"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return f"{type(value).__module__}.{type(value).__qualname__}:{_ADDRESS.sub('', repr(value))}"


def _plugin(name: str, plugin: Any, root: Path) -> str:
    options = getattr(plugin, "config", None)
    described = _plain(dict(options), root) if isinstance(options, Mapping) else None
    kind = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__qualname__
    return json.dumps([name, kind, described], sort_keys=True, ensure_ascii=False)


def _hook_files(config: Any) -> Iterable[str]:
    for module in (config.get("hooks") or {}).values():
        path = getattr(module, "__file__", None)
        if path:
            yield str(Path(path).resolve())


def _folder(folder: Path, root: Path) -> str:
    """A theme folder: its content's digest if it is the project's own, else its name (the package's
    version, in the environment, stands for its content)."""
    try:
        relative = folder.resolve().relative_to(root.resolve())
    except ValueError:
        return "/".join(folder.parts[-2:])
    return f"{relative.as_posix()}:{_code_digest((str(folder.resolve()),))}"


def _code_digest(paths: tuple[str, ...]) -> str:
    """Digest of the files at `paths` (files, or folders walked in sorted order).

    Read again only when a file's size or modification time changed: under
    `serve` a theme override or hook edited between rebuilds is noticed.
    """
    files: list[tuple[Path, Path]] = []
    for start in paths:
        base = Path(start)
        found = [base] if base.is_file() else sorted(
            p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        files += [(path, base.parent) for path in found]
    signature = tuple((str(path), path.stat().st_size, path.stat().st_mtime_ns) for path, _ in files)
    return _contents_digest(signature, tuple(files))


@functools.lru_cache(maxsize=32)
def _contents_digest(signature: tuple[tuple[str, int, int], ...], files: tuple[tuple[Path, Path], ...]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for path, base in files:
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
