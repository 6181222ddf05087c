"""A `mkdocs build` that renders half its pages in a second process (generator/site/parallel.py)
writes the site a one-process build writes, and fails as it does.

BRIEFINGS_SITE_PROCESSES forces two processes on the seed briefing (fewer
pages than the build would otherwise split) and one for the reference build.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from mkdocs.exceptions import BuildError

from generator.site import parallel

from .conftest import copy_seed_project
from .test_incremental_site import tree

pytestmark = pytest.mark.slow

TWO = "page(s) rendered in two processes"


def build(project: Path, processes: int, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
                   parallel.PROCESSES_VARIABLE: str(processes)}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *arguments],
                          cwd=project, capture_output=True, text=True, env=environment)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_seed_project(tmp_path / "seed")


def test_two_processes_write_what_one_writes(project: Path, tmp_path: Path) -> None:
    one = build(project, 1, "--site-dir", str(tmp_path / "one"))
    assert one.returncode == 0, one.stderr
    assert TWO not in one.stderr
    two = build(project, 2)
    assert two.returncode == 0, two.stderr
    assert TWO in two.stderr
    built, expected = tree(project / "site"), tree(tmp_path / "one")
    assert sorted(built) == sorted(expected)
    assert [name for name in expected if built[name] != expected[name]] == []


def test_an_incremental_build_after_two_processes_reuses_their_pages(project: Path, tmp_path: Path) -> None:
    """The second process's pages carry their manifest records (links looked up, anchors)."""
    assert build(project, 2).returncode == 0
    again = build(project, 1, "--dirty")
    assert again.returncode == 0, again.stderr
    assert " 0 page(s) to render" in again.stderr


def test_a_warning_in_either_process_fails_the_strict_build(project: Path) -> None:
    assert build(project, 1).returncode == 0
    before = tree(project / "site")
    for name in ("zz-notes-1", "zz-notes-2"):  # neighbours: one of them goes to each process
        (project / "briefings" / f"{name}.md").write_text(
            f"# {name}\n\n[Gone](events/{name}-gone.md)\n", encoding="utf-8")
    done = build(project, 2)
    assert done.returncode == 1
    assert TWO in done.stderr
    for name in ("zz-notes-1", "zz-notes-2"):
        assert f"Doc file '{name}.md' contains a link 'events/{name}-gone.md'" in done.stderr
    assert "Aborted with 2 warnings in strict mode" in done.stdout + done.stderr
    assert tree(project / "site") == before


def test_one_process_below_the_threshold_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.PROCESSES_VARIABLE, raising=False)
    monkeypatch.setattr(parallel, "_cores", lambda: 2)
    assert parallel.processes(parallel.MIN_PAGES - 1) == 1
    assert parallel.processes(parallel.MIN_PAGES) == 2
    monkeypatch.setattr(parallel, "_cores", lambda: 1)
    assert parallel.processes(10 * parallel.MIN_PAGES) == 1
    monkeypatch.setenv(parallel.PROCESSES_VARIABLE, "2")
    assert parallel.processes(3) == 2
    monkeypatch.setenv(parallel.PROCESSES_VARIABLE, "1")
    assert parallel.processes(10 * parallel.MIN_PAGES) == 1


@pytest.mark.parametrize("sent, said", [
    (parallel.Rendered(error="ValueError: a page broke"), "ValueError: a page broke"),
    (None, "ended with status"),  # killed before it could say anything
])
def test_a_failure_in_the_second_process_fails_the_build_with_what_it_said(sent: object, said: str) -> None:
    plugin = parallel.ParallelPages()
    plugin.results = tempfile.TemporaryFile()
    if sent is not None:
        pickle.dump(sent, plugin.results)
        plugin.results.flush()
    pid = os.fork()
    if pid == 0:
        os._exit(1)
    plugin.child = pid
    with pytest.raises(BuildError, match=said):
        plugin.finish()
    assert plugin.child is None and plugin.results is None


_INTERRUPTED = r'''
import os, sys, time
import mkdocs.commands.build as mkdocs_build
from mkdocs.config import load_config

parent, real = os.getpid(), mkdocs_build._build_page

def build_page(page, *args, **kwargs):
    if os.getpid() == parent:
        raise KeyboardInterrupt  # Ctrl-C, or SIGINT sent to the build alone
    with open("second.pid", "w") as noted:
        noted.write(str(os.getpid()))
    time.sleep(5)  # the second process, still rendering
    return real(page, *args, **kwargs)

mkdocs_build._build_page = build_page
config = load_config("mkdocs.yml")
config.plugins.on_startup(command="build", dirty=False)
try:
    try:
        mkdocs_build.build(config)
    finally:
        config.plugins.on_shutdown()
except KeyboardInterrupt:
    pass
time.sleep(0.5)
with open("second.pid") as noted:
    second = int(noted.read())
try:
    os.waitpid(second, os.WNOHANG)
except ChildProcessError:
    print("no child left")  # ended and reaped
else:
    print("a child left running")
print("wrapped" if mkdocs_build._build_page is not build_page else "unwrapped")
'''


def test_an_interrupted_build_leaves_no_second_process_running(project: Path) -> None:
    """KeyboardInterrupt is no Exception: MkDocs runs no on_build_error, only on_shutdown,
    after which the hook has abandoned the folder being built and released the project's lock."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", parallel.PROCESSES_VARIABLE: "2"}
    with tempfile.TemporaryFile("w+") as output:  # not a pipe: a process left running would hold it
        process = subprocess.Popen([sys.executable, "-c", _INTERRUPTED], cwd=project, stdout=output,
                                   stderr=subprocess.STDOUT, text=True, env=environment,
                                   start_new_session=True)
        try:
            process.wait(timeout=120)
        finally:
            try:
                os.killpg(process.pid, 9)  # whatever the build left behind in its session
            except ProcessLookupError:
                pass
        output.seek(0)
        said = output.read()
    assert "no child left" in said, said
    assert "unwrapped" in said, said


def test_no_second_process_beside_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve --clean` tells plugins it builds, and rebuilds beside its server's threads."""
    import threading
    from types import SimpleNamespace

    monkeypatch.setenv(parallel.PROCESSES_VARIABLE, "2")
    pages = [SimpleNamespace(src_uri=f"p{n}.md", is_modified=lambda: True) for n in range(4)]
    files = SimpleNamespace(documentation_pages=lambda inclusion=None: pages)
    nav = SimpleNamespace(pages=[])
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    plugin = parallel.ParallelPages()
    try:
        plugin.on_nav(nav, config=SimpleNamespace(), files=files)  # type: ignore[arg-type]
        assert plugin.child is None
    finally:
        plugin.stop()
        stop.set()
        other.join()
