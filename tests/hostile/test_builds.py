"""Builds, files and processes under stress: concurrent, killed, refused, out of space.

Each test names the kind of bad input it tries; CATALOGUE.md ("Builds, files
and processes") lists them with what the curator sees.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs import utils as mkdocs_utils
from mkdocs.__main__ import cli as mkdocs_cli

from generator import build as pipeline
from generator import publish, write
from generator.build import CACHE_DIR
from generator.cli import cli
from generator.errors import BriefingsError, ContentError
from generator.lock import LOCK_FILE
from generator.paths import page_stem

from ..conftest import copy_mini_project
from ..test_write import generated_files, snapshot
from .builds_processes import lock_held, run, start


def clean_pages(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a clean build (fresh copy, no cache) writes into briefings/."""
    fresh = tmp_path / "clean"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("briefings", CACHE_DIR, "site"))
    (fresh / "briefings").mkdir()
    pipeline.build(fresh, cached=False)
    return generated_files(fresh / "briefings")


# --- the skip check and the cache never trust a damaged tree -------------------------


def _losing_one_page(apply):  # type: ignore[no-untyped-def]
    """write._apply that loses one staged actor page first, as a concurrent build clearing .staging/ would."""
    def losing_one(docs_dir: Path, journal: dict) -> None:
        victim = next(p for p in journal["replace"] if p.startswith("actors/"))
        os.unlink(docs_dir / write.STAGING / victim)
        apply(docs_dir, journal)
    return losing_one


def test_a_page_lost_while_it_was_written_is_written_by_the_next_build(
        mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kind: a page that vanished between staging and commit (a concurrent build cleared .staging/)."""
    apply = write._apply
    monkeypatch.setattr(write, "_apply", _losing_one_page(apply))
    with pytest.raises(write.BriefingsError) as caught:
        pipeline.build(mini)
    assert "run `briefings build` again" in str(caught.value)
    monkeypatch.setattr(write, "_apply", apply)
    report = pipeline.build(mini).report
    assert report.written
    assert generated_files(mini / "briefings") == clean_pages(mini, tmp_path)


@pytest.mark.parametrize("damage", ["deleted", "emptied", "replaced"])
def test_a_damaged_page_is_rewritten_not_trusted(mini: Path, tmp_path: Path, damage: str) -> None:
    """Kind: a generated page deleted, emptied or replaced by hand after a build."""
    pipeline.build(mini)
    page = mini / "briefings" / "actors" / "ana-lima.md"
    if damage == "deleted":
        page.unlink()
    elif damage == "emptied":
        page.write_bytes(b"")
    else:
        page.unlink()
        page.write_text("hand edit\n", encoding="utf-8")
    report = pipeline.build(mini).report
    assert report.written == ("actors/ana-lima.md",)
    assert generated_files(mini / "briefings") == clean_pages(mini, tmp_path)


def test_a_page_lost_while_written_is_not_trusted_by_the_cache(
        mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kind: the same loss, had the build not noticed it: the cache must not remember a missing page."""
    apply = write._apply
    monkeypatch.setattr(write, "_apply", _losing_one_page(apply))
    monkeypatch.setattr(write, "_verify", lambda docs_dir, written: None)
    pipeline.build(mini)
    monkeypatch.undo()
    assert pipeline.build(mini).report.written
    assert generated_files(mini / "briefings") == clean_pages(mini, tmp_path)


# --- builds exclude each other -------------------------------------------------------


def test_a_build_while_another_holds_the_lock_is_refused_naming_it(mini: Path) -> None:
    """Kind: two builds at once; the second gives up after BRIEFINGS_LOCK_TIMEOUT seconds."""
    before = snapshot(mini / "briefings") if (mini / "briefings").exists() else {}
    with lock_held(mini) as holder:
        done = run(mini, "briefings", "build", BRIEFINGS_LOCK_TIMEOUT="0.3")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert re.search(
        rf"Error: another build is running in this project: pid {holder.pid} \(`-c \S+`, since "
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\); waited 0.3 s. Nothing was written. Run again when it "
        r"has finished \(or stop it\); BRIEFINGS_LOCK_TIMEOUT=SECONDS waits longer", done.stderr), done.stderr
    after = snapshot(mini / "briefings") if (mini / "briefings").exists() else {}
    assert after == before


def test_a_build_waits_for_the_lock_and_then_runs(mini: Path, tmp_path: Path) -> None:
    """Kind: a build started while another finishes: it waits instead of failing."""
    with lock_held(mini):
        waiting = start(mini, "briefings", "build")
        first: list[str] = []  # its first line, read aside: on a busy machine starting takes a while
        reader = threading.Thread(target=lambda: first.append(waiting.stdout.readline()), daemon=True)  # type: ignore[union-attr]
        reader.start()
        reader.join(timeout=60)
        assert waiting.poll() is None  # still waiting
    output, _ = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, output
    assert first and first[0].startswith("briefings: waiting for the build of pid"), (first, output)
    assert generated_files(mini / "briefings") == clean_pages(mini, tmp_path)


def test_the_mkdocs_hook_takes_the_same_lock(tmp_path: Path) -> None:
    """Kind: `mkdocs build` while `briefings build` runs."""
    project = copy_mini_project(tmp_path / "mini")
    with lock_held(project):
        done = run(project, "mkdocs", "build", "--strict", "--quiet", BRIEFINGS_LOCK_TIMEOUT="0.3")
    output = done.stdout + done.stderr
    assert done.returncode == 1
    assert "Traceback" not in output
    assert "briefings: another build is running in this project: pid " in output
    assert not (project / "site").exists()


def test_a_lock_file_planted_as_a_link_is_not_written_through(mini: Path, tmp_path: Path) -> None:
    """Kind: .briefings.lock replaced by a symbolic link to a file elsewhere."""
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    (mini / LOCK_FILE).symlink_to(target)
    done = run(mini, "briefings", "build")
    assert done.returncode == 1
    assert done.stderr == (
        "Error: .briefings.lock is a symbolic link: remove it (builds recreate it) and run again\n")
    assert target.read_text(encoding="utf-8") == "keep me\n"


# --- site/ is published in one step ----------------------------------------------------


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rename_actor(project: Path) -> None:
    """A content change that touches many pages (an actor's name shows wherever it is linked)."""
    actor = project / "content" / "actors" / "ana-lima.yml"
    actor.write_text(actor.read_text(encoding="utf-8").replace("name: Ana Lima", "name: Ana Lima-Souza"),
                     encoding="utf-8")


@pytest.fixture
def mini_site_project(tmp_path: Path) -> Path:
    project = copy_mini_project(tmp_path / "mini")
    done = run(project, "mkdocs", "build", "--strict", "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    return project


@pytest.mark.slow
@pytest.mark.parametrize("after_files", [0, 5, 60])
def test_a_killed_mkdocs_build_leaves_the_previous_site(mini_site_project: Path, after_files: int) -> None:
    """Kind: `mkdocs build` killed (SIGKILL) while it writes the site."""
    project = mini_site_project
    before = files_of(project / "site")
    rename_actor(project)
    building = project / ".site.building"
    process = start(project, "mkdocs", "build", "--strict", "--quiet")
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if building.is_dir() and sum(1 for _ in building.rglob("*")) >= after_files:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the build ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert files_of(project / "site") == before
    again = run(project, "mkdocs", "build", "--strict", "--quiet")
    assert again.returncode == 0, again.stdout + again.stderr
    assert not building.exists() and not (project / ".site.previous").exists()
    assert "Ana Lima-Souza" in (project / "site" / "actors" / "ana-lima" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_failing_or_warning_strict_build_leaves_the_previous_site(mini_site_project: Path) -> None:
    """Kind: a strict build that warns (a broken link in a hand-written page) publishes nothing."""
    project = mini_site_project
    before = files_of(project / "site")
    rename_actor(project)
    (project / "briefings" / "about.md").write_text("# About\n\n[x](missing.md)\n", encoding="utf-8")
    done = run(project, "mkdocs", "build", "--strict")  # --quiet hides warnings from strict mode too
    assert done.returncode == 1
    assert "Aborted with 1 warnings in strict mode!" in done.stdout + done.stderr
    assert files_of(project / "site") == before
    assert not (project / ".site.building").exists()


def test_an_interrupted_swap_is_undone_by_the_next_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kind: killed between the two renames of a system without an atomic swap."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old\n", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref\n", encoding="utf-8")
    publication = publish.Publication(site)
    (publication.begin() / "index.html").write_text("new\n", encoding="utf-8")
    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    replace = os.replace

    def killed_on_second(source: object, target: object) -> None:
        if Path(str(source)) == publication.building:
            raise KeyboardInterrupt  # killed here
        replace(source, target)

    monkeypatch.setattr(publish.os, "replace", killed_on_second)
    with pytest.raises(KeyboardInterrupt):
        publication.commit()
    assert not site.exists()
    monkeypatch.setattr(publish.os, "replace", replace)
    publish.Publication(site).begin()
    assert (site / "index.html").read_text(encoding="utf-8") == "old\n"
    assert not (tmp_path / ".site.previous").exists()


def test_the_swap_keeps_the_hidden_files_of_the_old_site(tmp_path: Path) -> None:
    """Kind: site/ holding a deployment's .git folder (MkDocs never removes hidden files)."""
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref\n", encoding="utf-8")
    (site / "old.html").write_text("old\n", encoding="utf-8")
    publication = publish.Publication(site)
    (publication.begin() / "index.html").write_text("new\n", encoding="utf-8")
    publication.commit()
    assert sorted(files_of(site)) == [".git/HEAD", "index.html"]
    assert not publication.building.exists() and not publication.previous.exists()


def test_a_site_folder_linked_elsewhere_stays_a_link(tmp_path: Path) -> None:
    """Kind: site/ a symlink to a web server's folder: the new site lands in the target."""
    served = tmp_path / "www"
    served.mkdir()
    (served / "old.html").write_text("old\n", encoding="utf-8")
    site = tmp_path / "project" / "site"
    site.parent.mkdir()
    site.symlink_to(served)
    publication = publish.Publication(site)
    (publication.begin() / "index.html").write_text("new\n", encoding="utf-8")
    publication.commit()
    assert site.is_symlink() and site.resolve() == served.resolve()
    assert sorted(files_of(served)) == ["index.html"]


# --- the system refuses: read-only folders, a full disk ----------------------------------


def refuse_writes(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Make every file write.py opens for writing fail as the system would with `code`."""
    real_open = open

    def refusing(path, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(flag in mode for flag in "wax+"):
            raise OSError(code, os.strerror(code), os.fspath(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(write, "open", refusing, raising=False)


SYSTEM_REFUSALS = {
    errno.EROFS: "read-only file system: make it writable (or build in a writable copy of the project)",
    errno.ENOSPC: "no space left on the device: free some space",
}


@pytest.mark.parametrize("code", sorted(SYSTEM_REFUSALS))
def test_briefings_build_on_a_read_only_or_full_disk_says_so_and_changes_nothing(
        mini: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Kinds: read-only briefings/ (Errno 30); a full disk (Errno 28)."""
    pipeline.build(mini)
    rename_actor(mini)
    before = snapshot(mini / "briefings")
    refuse_writes(monkeypatch, code)
    monkeypatch.chdir(mini)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: briefings/.staging/index.md: {SYSTEM_REFUSALS[code]}; briefings/ was not changed\n")
    assert snapshot(mini / "briefings") == before
    monkeypatch.undo()
    assert pipeline.build(mini).report.written


@pytest.mark.parametrize("code", sorted(SYSTEM_REFUSALS))
def test_mkdocs_build_on_a_read_only_or_full_disk_says_so_and_changes_nothing(
        mini_site_project: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Kinds: the same under `mkdocs build`, in briefings/ and then in the site MkDocs writes."""
    project = mini_site_project
    rename_actor(project)
    pages, site = snapshot(project / "briefings"), files_of(project / "site")
    refuse_writes(monkeypatch, code)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(mkdocs_cli, ["build", "--strict", "--quiet"])
    assert result.exit_code == 1
    assert result.output == (
        f"ERROR   -  briefings/.staging/index.md: {SYSTEM_REFUSALS[code]}; briefings/ was not changed\n"
        "\nbriefings: briefings/ was not updated.\n")
    assert snapshot(project / "briefings") == pages and files_of(project / "site") == site
    monkeypatch.undo()

    def refusing(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code), str(project / ".site.building" / "index.html"))

    monkeypatch.setattr(mkdocs_utils, "write_file", refusing)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(mkdocs_cli, ["build", "--strict", "--quiet"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"briefings: .site.building/index.html: {SYSTEM_REFUSALS[code]}; site/ holds the previous site")
    assert files_of(project / "site") == site
    assert not (project / ".site.building").exists()


# --- a lost manifest; an interrupted build under --check ----------------------------------


def test_a_deleted_manifest_says_how_to_fix_it_and_adopt_does(mini: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Kind: briefings/.generated deleted, then the content changed."""
    pipeline.build(mini)
    (mini / "briefings" / write.MANIFEST).unlink()
    rename_actor(mini)
    before = snapshot(mini / "briefings")
    monkeypatch.chdir(mini)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: briefings/actors/ana-lima.md, briefings/actors/atlantis.md, briefings/actors/index.md, "
        "briefings/articles/daily-2024-03-02-port-opens.md, "
        "briefings/articles/daily-2024-03-03-new-port-ar.md, and 7 more exist and were not written by briefings: move or rename them, "
        "or rename what generates these pages. briefings/.generated, the list of the pages briefings "
        "wrote, is missing: if these pages were generated, restore it (`git checkout "
        "briefings/.generated`) or run `briefings build --adopt`, which takes over every file at a "
        "generated page's path\n")
    assert snapshot(mini / "briefings") == before
    adopted = CliRunner().invoke(cli, ["build", "--adopt"])
    assert adopted.exit_code == 0, adopted.output
    assert generated_files(mini / "briefings") == clean_pages(mini, tmp_path)
    assert (mini / "briefings" / write.MANIFEST).is_file()
    assert CliRunner().invoke(cli, ["build", "--check"]).exit_code == 0


def test_build_check_reports_an_interrupted_build_and_writes_nothing(mini: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Kind: a build killed after its commit, then `briefings build --check`."""
    pipeline.build(mini)
    rename_actor(mini)

    def killed(docs_dir: Path, journal: dict) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(write, "_apply", killed)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build(mini)
    monkeypatch.undo()
    before = snapshot(mini / "briefings")
    monkeypatch.chdir(mini)
    result = CliRunner().invoke(cli, ["build", "--check"])
    assert result.exit_code == 1
    assert result.output.startswith(
        "briefings/.journal: a build was interrupted here; the next `briefings build` finishes it\n"
        "briefings/actors/ana-lima.md: out of date\n")
    assert snapshot(mini / "briefings") == before
    assert CliRunner().invoke(cli, ["build"]).exit_code == 0
    assert CliRunner().invoke(cli, ["build", "--check"]).output == "briefings/ is up to date.\n"


# --- project folders that are links out of the project ------------------------------------


@pytest.mark.parametrize("folder, target", [
    ("seeds", "/proc/self"),          # the case: text: seeds/status published the process status
    ("seeds", "OUTSIDE"),             # a copy of the seeds next to the project
    ("content", "OUTSIDE"),
])
def test_a_project_folder_linked_outside_is_refused(mini: Path, tmp_path: Path, folder: str, target: str) -> None:
    """Kinds: seeds/ a symlink to /proc/self; seeds/ or content/ a symlink to a folder outside the project."""
    if target == "OUTSIDE":
        outside = tmp_path / f"outside-{folder}"
        shutil.move(mini / folder, outside)
        target = str(outside)
    else:
        shutil.rmtree(mini / folder)
    (mini / folder).symlink_to(target, target_is_directory=True)
    if folder == "seeds" and target == "/proc/self":
        article = next((mini / "content" / "articles").glob("*.yml"))
        article.write_text(re.sub(r"^text: .*$", "text: seeds/status", article.read_text(encoding="utf-8"),
                                  flags=re.MULTILINE), encoding="utf-8")
    real = os.path.realpath(target)
    with pytest.raises(ContentError) as caught:
        pipeline.build(mini)
    problems = [str(p) for p in caught.value.problems]
    assert problems[0] == (f"{folder}:1:1: {folder}/ is a link to {real}, outside the project: make "
                           f"{folder}/ a folder inside the project (or a link to one) and run again")
    assert problems[1:] == ([] if folder == "seeds" else [  # the one file read outside discovery
        "content/briefing.yml:0:0: is a link to a file outside the project: replace the link with the "
        "file itself"])
    assert not (mini / "briefings").exists() or not any((mini / "briefings").rglob("*.md"))


def test_a_project_folder_linked_inside_the_project_is_fine(mini: Path, tmp_path: Path) -> None:
    """Kind: seeds/ a symlink to another folder of the same project (allowed)."""
    shutil.move(mini / "seeds", mini / "raw")
    (mini / "seeds").symlink_to(mini / "raw", target_is_directory=True)
    pipeline.build(mini)
    assert generated_files(mini / "briefings") == clean_pages(mini, tmp_path)


# --- page paths: reserved, too long, colliding -----------------------------------------------

LONG_TAG = "t" * 300
TAGS = ["index", LONG_TAG, "C++", "C", "北朝鮮", "러시아", "U.S.", "u.s."]


def tag_everything(project: Path, tags: list[str]) -> None:
    """Give the first event `tags` (briefing.yml allows any tag when it lists none)."""
    event = project / "content" / "events" / "2024-03-01-port-opening.yml"
    listed = ", ".join(f'"{tag}"' for tag in tags)
    event.write_text(event.read_text(encoding="utf-8") + f"tags: [{listed}]\n", encoding="utf-8")


def test_tags_get_safe_unique_stable_page_paths(mini: Path) -> None:
    """Kinds: a tag named `index`; a 300-character tag; tags that slug alike (C++ and C; Hangul and Kanji)."""
    tag_everything(mini, TAGS)
    paths = sorted(page.path for page in pipeline.generate(mini)[0] if page.path.startswith("tags/"))
    stems = {tag: page_stem(tag) for tag in TAGS}
    assert stems["index"] == "index-" + stems["index"][-8:] and stems["C"] == "c"
    assert stems["C++"].startswith("c-") and stems["北朝鮮"].startswith("tag-") and stems["러시아"].startswith("tag-")
    assert len(stems[LONG_TAG]) == 120 + 9 and stems["U.S."] == stems["u.s."]
    assert len(set(stems.values())) == len(TAGS) - 1  # U.S. and u.s. are one tag
    assert "tags/index.md" not in paths
    assert {f"tags/{stem}.md" for stem in stems.values()} <= set(paths)
    assert page_stem("Military exercise") == "military-exercise"  # plain tags keep their names


@pytest.mark.parametrize("folder", ["actors", "outlets"])
def test_an_id_named_like_a_list_page_is_refused_by_the_check(mini: Path, folder: str) -> None:
    """Kinds: an actor or an outlet with the id `index` (the list page of its folder)."""
    body = "name: Index\nkind: person\n" if folder == "actors" else "name: Index\n"
    (mini / "content" / folder / "index.yml").write_text(body, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        pipeline.check(mini)
    assert f"content/{folder}/index.yml:1:1: id 'index' would write {folder}/index.md, which is the list " \
           f"of all {folder}: rename the file" in [str(p) for p in caught.value.problems]


@pytest.mark.slow
def test_hostile_tag_names_build_a_strict_site_whose_tags_page_survives(tmp_path: Path) -> None:
    """Kind: the issue's tag `index` (it replaced the Tags page) and a 300-character tag (File name too long)."""
    project = copy_mini_project(tmp_path / "mini")
    tag_everything(project, TAGS)
    done = run(project, "mkdocs", "build", "--strict", "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    tags_page = (project / "site" / "tags" / "index.html").read_text(encoding="utf-8")
    for stem in {page_stem(tag) for tag in TAGS}:
        assert f'href="{stem}/"' in tags_page
        assert (project / "site" / "tags" / stem / "index.html").is_file()


# --- everything at once -----------------------------------------------------------------------


@pytest.mark.slow
def test_builds_and_a_serve_rebuild_at_once_leave_the_same_tree_as_a_clean_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kind: `briefings serve` rebuilding while `make site` (twice) and `briefings build` (twice) run."""
    from bench.preview import serving

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = copy_mini_project(tmp_path / "mini")
    assert run(project, "mkdocs", "build", "--strict", "--quiet").returncode == 0
    with serving(project, tmp_path / "serve.log", startup_timeout=300) as server:
        rename_actor(project)  # the serve rebuild starts as the others do
        processes = [start(project, *command, SOURCE_DATE_EPOCH="1700000000") for command in [
            ("briefings", "build"), ("mkdocs", "build", "--strict", "--quiet"),
            ("briefings", "build"), ("mkdocs", "build", "--strict", "--quiet"),
        ]]
        outputs = [process.communicate(timeout=600)[0] for process in processes]
        assert [process.returncode for process in processes] == [0] * len(processes), outputs
        deadline = time.monotonic() + 120
        while "Ana Lima-Souza" not in fetch(f"{server.url}actors/ana-lima/") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert server.process.poll() is None
    assert "Traceback" not in server.output() and "Traceback" not in "".join(outputs)
    clean = copy_mini_project(tmp_path / "clean")
    rename_actor(clean)
    assert run(clean, "mkdocs", "build", "--strict", "--quiet", SOURCE_DATE_EPOCH="1700000000").returncode == 0
    assert files_of(project / "briefings") == files_of(clean / "briefings")
    assert files_of(project / "site") == files_of(clean / "site")
    deadline = time.monotonic() + 60  # old sites are removed by a background `rm` (generator/publish.py)
    while list(project.glob(".site.discarded-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    kept = {".site.spare"}  # the site before the last, which the next `make site` starts from
    assert {p.name for p in project.iterdir()} - kept == {p.name for p in clean.iterdir()}  # nothing left over
    assert run(project, "briefings", "build", "--check").returncode == 0


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as answer:
        return answer.read().decode("utf-8")


def test_a_reading_lock_goes_on_where_the_lock_file_cannot_be_created(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kind: `build --check` in a checkout the user may read but not write (permission denied)."""
    from generator import lock

    def denied(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(lock.os, "open", denied)
    with lock.ProjectLock(tmp_path, reading=True):
        pass
    with pytest.raises(BriefingsError, match="cannot create the build lock"):
        with lock.ProjectLock(tmp_path):
            pass
