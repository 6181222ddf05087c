"""Time Briefings on synthetic corpora and print a Markdown table.

    python -m bench.run                       # 1,000 and 10,000 articles, generator to 100,000
    python -m bench.run --sizes 50 --no-mkdocs --no-browser   # the quick run `make test` uses
    python -m bench.run --sizes 1000 --generator-only --preview-runs 9   # with the live preview

Every step runs in a fresh process, so that peak memory (ru_maxrss) is that
step's own: the generator as `briefings build`, the site as `mkdocs build`.
Numbers are what this machine measured; nothing is estimated.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.paginate import MAX_PAGE_BYTES

from . import corpus

BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
PICTURE = re.compile(rb'<figure class="briefings-picture".*?</figure>', re.S)
"""A picture drawn at build time, as a generated page holds it (generator/pictures/svg.py)."""


@dataclass
class Row:
    """The figures measured at one corpus size; None where a step was not run."""

    articles: int
    pages: int = 0
    full_s: float | None = None
    full_mb: float | None = None
    noop_s: float | None = None
    noop_written: int | None = None
    one_s: float | None = None
    one_written: int | None = None
    sentence_s: float | None = None
    """One sentence of one article's text changed, fresh process."""
    summary_s: float | None = None
    """The summary of the actor most articles name changed, fresh process."""
    mkdocs_s: float | None = None
    mkdocs_ms_per_page: float | None = None
    html_kb_mean: float | None = None
    html_kb_max: float | None = None
    index_mb: float | None = None
    """Size of the Pagefind index (site/pagefind/), MB."""
    index_s: float | None = None
    """Seconds to index the whole site for search."""
    reindex_s: float | None = None
    """Seconds to re-index after one article changed (the partitions of the pages it rewrote)."""
    first_query_kb: float | None = None
    """KB the first search of a visit downloads, cache empty."""
    search_s: float | None = None
    """Seconds from typing a word to its results shown, cache empty."""
    preview_s: float | None = None
    """Median seconds from saving a YAML file until the browser shows it under `briefings serve`."""
    preview_max_s: float | None = None
    md_kb_max: float | None = None
    """The longest generated Markdown page (KB)."""
    over_limit: int | None = None
    """Generated pages longer than MAX_PAGE_BYTES: 0 on any corpus."""
    pictures_share: float | None = None
    """The pictures' share of the generated Markdown's bytes (%): what drawing them adds to page weight."""
    picture_kb_max: float | None = None
    """The largest picture (KB of SVG markup)."""
    site_one_s: float | None = None
    """Seconds of `mkdocs build --strict --dirty` (through the hook) after one article changed."""
    site_one_rendered: int | None = None
    preview_start_s: float | None = None
    """Seconds from starting `briefings serve` until it answers, with site/ and the cache present."""
    notes: list[str] = field(default_factory=list)


_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "seconds = time.perf_counter() - start\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(f'BENCH {seconds} {peak}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)
"""Runs a command in a fresh process whose only child is the command, so that
RUSAGE_CHILDREN's peak is that command's own peak resident memory."""


def run(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, output: stdout then stderr) of one command; raises on failure."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd,
                          capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    figures = [line for line in done.stderr.splitlines() if line.startswith("BENCH ")][-1].split()
    return float(figures[1]), int(figures[2]) / 1024, done.stdout + done.stderr


def written(stdout: str) -> int:
    """Pages written, from `briefings build`'s summary line."""
    return int(stdout.split("Built briefings/: ")[1].split(" page")[0])


def change_one_article(project: Path) -> str:
    """Edit the title of one article in the middle of the corpus; returns its id."""
    articles = sorted((project / "content" / "articles").glob("*.yml"))
    target = articles[len(articles) // 2]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("title: \"", "title: \"Updated: ", 1), encoding="utf-8")
    return target.stem


def change_one_sentence(project: Path) -> str:
    """Change one sentence of the text of the article in the middle of the corpus; returns its file."""
    texts = sorted((project / "seeds").glob("*.txt"))
    target = texts[len(texts) // 2]
    text = target.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    last = paragraphs[-1]
    paragraphs[-1] = last.replace(". ", ". Officials declined to comment. ", 1) if ". " in last \
        else last + " Officials declined to comment."
    target.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return target.name


def change_top_actor_summary(project: Path) -> str:
    """Change the summary of the actor the most articles list; returns its id."""
    counts: dict[str, int] = {}
    for article in (project / "content" / "articles").glob("*.yml"):
        for actor in re.findall(r"\bactor-\d+\b", article.read_text(encoding="utf-8")):
            counts[actor] = counts.get(actor, 0) + 1
    top = max(sorted(counts), key=counts.__getitem__)
    path = project / "content" / "actors" / f"{top}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(?m)^summary: "', 'summary: "Revised. ', text, count=1), encoding="utf-8")
    return top


def measure_generator(project: Path, row: Row) -> None:
    build = [str(BIN / "briefings"), "build"]
    row.full_s, row.full_mb, _ = run(build, project)
    seconds, _, out = run(build, project)
    row.noop_s, row.noop_written = seconds, written(out)
    change_one_article(project)
    seconds, _, out = run(build, project)
    row.one_s, row.one_written = seconds, written(out)
    change_one_sentence(project)
    row.sentence_s, _, _ = run(build, project)
    change_top_actor_summary(project)
    row.summary_s, _, _ = run(build, project)
    row.pages = len((project / "briefings" / ".generated").read_text().splitlines())
    largest(project, row)


def largest(project: Path, row: Row) -> None:
    """The longest Markdown page, how many pages pass the limit (generator/paginate.py), and
    the pictures' weight (generator/pictures/)."""
    sizes: dict[Path, int] = {}
    pictures: list[int] = []
    for page in (project / "briefings").rglob("*.md"):
        data = page.read_bytes()
        sizes[page] = len(data)
        pictures += [len(found) for found in PICTURE.findall(data)]
    longest = max(sizes, key=sizes.__getitem__)
    row.md_kb_max = sizes[longest] / 1024
    row.over_limit = sum(size > MAX_PAGE_BYTES for size in sizes.values())
    row.pictures_share = 100 * sum(pictures) / sum(sizes.values())
    row.picture_kb_max = max(pictures, default=0) / 1024
    row.notes.append(f"longest page: {longest.relative_to(project / 'briefings')} ({row.md_kb_max:.1f} KB)")
    row.notes.append(f"pictures: {len(pictures)}, {sum(pictures) / 2**20:.2f} MB of "
                     f"{sum(sizes.values()) / 2**20:.2f} MB of Markdown")


def measure_site(project: Path, row: Row) -> None:
    """A clean `mkdocs build`, through the generator hook (a no-op here: the pages are current),
    so that it leaves the site manifest the incremental build starts from."""
    from .preview import with_hook

    config = str(with_hook(project))
    seconds, _, _ = run([str(BIN / "mkdocs"), "build", "--strict", "--quiet", "-f", config], project)
    sizes = {p: p.stat().st_size for p in (project / "site").rglob("index.html")}
    pages = list(sizes.values())
    row.notes.append(f"longest HTML page: {max(sizes, key=sizes.__getitem__).relative_to(project / 'site')}")
    row.mkdocs_s = seconds
    row.mkdocs_ms_per_page = 1000 * seconds / len(pages)
    row.html_kb_mean = sum(pages) / len(pages) / 1024
    row.html_kb_max = max(pages) / 1024


def measure_site_after_one_change(project: Path, row: Row) -> None:
    """What CI does after one article changed: `briefings build`, then the incremental site build.

    The figure is the site step alone (`mkdocs build --strict --dirty` through
    the hook, whose generator run finds nothing to do); the generator's own
    time for one change is the "One article changed" column.
    """
    from .preview import with_hook

    config = str(with_hook(project))
    change_one_article(project)
    generator_s, _, _ = run([str(BIN / "briefings"), "build"], project)
    seconds, _, out = run([str(BIN / "mkdocs"), "build", "--strict", "--dirty", "-f", config], project)
    row.site_one_s = seconds
    rendered = [line for line in out.splitlines() if "incremental site:" in line and "to render" in line]
    if rendered:
        row.site_one_rendered = int(rendered[-1].split("incremental site: ")[1].split(" page")[0])
    row.notes.append(f"site after one change: {seconds:.2f} s for the site, {generator_s:.2f} s for the "
                     f"generator before it; {row.site_one_rendered} page(s) rendered")


def measure_preview_start(project: Path, row: Row) -> None:
    """Seconds until `briefings serve` answers, starting from the built site/ and the caches."""
    from . import preview

    row.preview_start_s = preview.start_seconds(project, project / "serve-start.log")
    row.notes.append(f"preview start: {row.preview_start_s:.2f} s until the server answered")


def measure_search(project: Path, row: Row, browser: bool) -> None:
    """Index size and time, re-index after one changed article, first query in Chromium (bench/search.py)."""
    from . import search

    figures = search.measure(project, browser=browser)
    row.index_mb, row.index_s, row.reindex_s = figures.index_mb, figures.index_s, figures.reindex_s
    row.first_query_kb, row.search_s = figures.first_query_kb, figures.answer_s
    row.notes.extend(f"search: {note}" for note in figures.notes)


def measure_preview(project: Path, row: Row, runs: int) -> None:
    """Save an actor's summary `runs` times under `briefings serve`; time until Chromium shows it."""
    if not CHROMIUM.exists():
        row.notes.append("preview: n/a (no /usr/bin/chromium; `make chromium` installs it)")
        return
    from . import preview

    seconds = preview.change_visible_seconds(project, project / "serve.log", runs)
    row.preview_s, row.preview_max_s = statistics.median(seconds), max(seconds)
    row.notes.append(f"preview: {preview.summary_line(seconds)}")


def generator_only(articles: int, workdir: Path) -> Row:
    project = workdir / f"corpus-{articles}"
    corpus.generate(project, articles)
    row = Row(articles)
    measure_generator(project, row)
    shutil.rmtree(project)
    return row


def _cell(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def table(rows: list[Row]) -> str:
    header = (
        "| Articles | Pages | Full build (s) | Peak MB | No-change rebuild (s) | Written | "
        "One article changed (s) | Written | One sentence changed (s) | Top actor's summary changed (s) | "
        "mkdocs build (s) | ms/page | HTML KB/page mean | "
        "HTML KB max | Search index MB | Index (s) | Re-index one article (s) | First query KB | "
        "Search answers (s) | Site after one change (s) | Preview start (s) | Preview: change visible (s) | "
        f"Largest page KB | Pages over {MAX_PAGE_BYTES // 1024} KB | Pictures, % of page bytes | "
        "Largest picture KB |"
    )
    lines = [header, "|" + " --- |" * 26]
    for r in rows:
        lines.append(
            f"| {r.articles:,} | {r.pages:,} | {_cell(r.full_s)} | {_cell(r.full_mb, 0)} | "
            f"{_cell(r.noop_s)} | {_cell(r.noop_written)} | {_cell(r.one_s)} | {_cell(r.one_written)} | "
            f"{_cell(r.sentence_s)} | {_cell(r.summary_s)} | "
            f"{_cell(r.mkdocs_s, 1)} | {_cell(r.mkdocs_ms_per_page, 1)} | {_cell(r.html_kb_mean, 1)} | "
            f"{_cell(r.html_kb_max, 1)} | {_cell(r.index_mb)} | {_cell(r.index_s, 1)} | {_cell(r.reindex_s)} | "
            f"{_cell(r.first_query_kb, 0)} | {_cell(r.search_s)} | "
            f"{_cell(r.site_one_s)} | {_cell(r.preview_start_s)} | "
            f"{_preview_cell(r)} | {_cell(r.md_kb_max, 1)} | {_cell(r.over_limit)} | "
            f"{_cell(r.pictures_share, 1)} | {_cell(r.picture_kb_max, 1)} |"
        )
    return "\n".join(lines)


def _preview_cell(row: Row) -> str:
    if row.preview_s is None:
        return "n/a"
    return f"{row.preview_s:.2f} (max {row.preview_max_s:.2f})"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--generator-only", type=int, nargs="*", default=[100000],
                        help="Sizes to time the generator alone at (no mkdocs, no browser).")
    parser.add_argument("--no-mkdocs", action="store_true")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--preview-sizes", type=int, nargs="*", default=[1000],
                        help="Sizes to time the live preview at (needs mkdocs and the browser).")
    parser.add_argument("--preview-start-sizes", type=int, nargs="*", default=[1000, 10000],
                        help="Sizes to time the start of the live preview at (needs mkdocs).")
    parser.add_argument("--preview-runs", type=int, default=5)
    parser.add_argument("--no-preview", action="store_true", help="Do not time the live preview.")
    parser.add_argument("--keep", type=Path, help="Build the corpora in this folder and keep them.")
    parser.add_argument("--json", type=Path, help="Also write the figures as JSON here.")
    arguments = parser.parse_args(argv)
    workdir = arguments.keep or Path(tempfile.mkdtemp(prefix="briefings-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in arguments.sizes:
        project = workdir / f"corpus-{size}"
        corpus.generate(project, size)
        row = Row(size)
        measure_generator(project, row)
        if not arguments.no_mkdocs:
            measure_site(project, row)
            measure_search(project, row, browser=not arguments.no_browser)
            measure_site_after_one_change(project, row)
            if not arguments.no_preview and size in (arguments.preview_start_sizes or []):
                measure_preview_start(project, row)
            if not arguments.no_browser:
                if not arguments.no_preview and size in (arguments.preview_sizes or []):
                    measure_preview(project, row, arguments.preview_runs)
        rows.append(row)
        print(table([row]).splitlines()[-1], flush=True)
    for size in arguments.generator_only or []:
        rows.append(generator_only(size, workdir))
        print(table([rows[-1]]).splitlines()[-1], flush=True)
    print(f"\nMachine: {machine()}\n")
    print(table(rows))
    for row in rows:
        for note in row.notes:
            print(f"- {row.articles:,} articles: {note}")
    if arguments.json:
        arguments.json.write_text(json.dumps([vars(r) for r in rows], indent=2))
    if arguments.keep is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return rows


if __name__ == "__main__":
    main()
