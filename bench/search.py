"""Full-text search figures of a built corpus: index size and time, re-index after one
changed article, and what the first query costs a reader in Chromium with a cold cache.

    python -m bench.search /tmp/corpus-1000        # after `briefings build` and `mkdocs build`

The corpus' mkdocs.yml has no generator hook (bench/corpus.py), so `mkdocs
build` does not index: `briefings index-search` does, timed on its own.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import build as pipeline
from generator.search import BUNDLE

BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
QUERY = "sanctions"
"""A word of article bodies, titles and event summaries in every synthetic corpus."""


@dataclass
class SearchFigures:
    """What one corpus' search costs; None where not measured."""

    index_s: float | None = None
    """Seconds to index the whole built site (`briefings index-search`)."""
    index_mb: float | None = None
    """Size of site/pagefind/ on disk, MB."""
    partitions: int | None = None
    reindex_s: float | None = None
    """Seconds to re-index after one article changed (`index_site` given the pages its change rewrote)."""
    reindex_pages: int | None = None
    reindex_partitions: int | None = None
    first_query_kb: float | None = None
    """KB downloaded from site/pagefind/ for the first query, cache empty (median of the visits)."""
    answer_s: float | None = None
    """Seconds from typing the query to its results shown, cache empty (median of the visits)."""
    notes: list[str] = field(default_factory=list)


def _timed(command: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def index(project: Path, figures: SearchFigures) -> None:
    """Index the built site whole, timed in a fresh process."""
    figures.index_s, out = _timed([str(BIN / "briefings"), "index-search", "site"], project)
    bundle = project / "site" / BUNDLE
    figures.index_mb = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) / 1e6
    figures.partitions = len([p for p in bundle.iterdir() if p.is_dir()])
    figures.notes.append(out.strip())


def _site_page(markdown: str) -> str:
    """The site path MkDocs writes for a page of briefings/ (directory URLs)."""
    stem = markdown[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")] + "index.html"
    return f"{stem}/index.html"


def reindex_after_one_article(project: Path, figures: SearchFigures) -> None:
    """Change one article's title, let the generator rewrite its pages, and time re-indexing them.

    The site is not rebuilt by MkDocs (minutes at 10,000 articles): the
    article's own page in site/ gets the new title as MkDocs would write it,
    and `index_site` is given every page the generator rewrote, as the
    incremental site build will give it the pages it rebuilt. The others
    (actor, event, outlet pages listing the article) change only in link
    lists, which search ignores: they are left as they are.
    """
    from .run import change_one_article

    article = change_one_article(project)
    written = pipeline.build(project).report.written
    changed = sorted(_site_page(page) for page in written if page.endswith(".md"))
    page = project / "site" / "articles" / article / "index.html"
    html = page.read_text(encoding="utf-8")
    heading = html.index(">", html.index("<h1")) + 1
    page.write_text(html[:heading] + "Updated: " + html[heading:], encoding="utf-8")
    script = ("import sys, time; from pathlib import Path; from generator.search import index_site\n"
              "start = time.perf_counter(); done = index_site(Path('site'), sys.argv[1:])\n"
              "print(time.perf_counter() - start, len(done.reindexed))\n")
    _, out = _timed([sys.executable, "-c", script, *changed], project)
    seconds, partitions = out.split()
    figures.reindex_s, figures.reindex_partitions = float(seconds), int(partitions)
    figures.reindex_pages = len(changed)


_WATCH = """query => new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error("no answer within 60 s")), 60000);
    const box = document.querySelector("input.md-search__input");
    const results = document.querySelector(".md-search-result");
    let typed = null;
    box.addEventListener("input", () => { if (typed === null) typed = performance.now(); });
    new MutationObserver(() => {
        if (results.dataset.answered === query) resolve((performance.now() - typed) / 1000);
    }).observe(results, {attributes: true, attributeFilter: ["data-answered"]});
    box.focus();
    box.value = query;
    box.dispatchEvent(new Event("input", {bubbles: true}));
})"""
"""Types the query in one go and resolves with the seconds until its results are shown,
timed on the page's own clock (the script loads Pagefind when the box is first used)."""


def first_query(project: Path, figures: SearchFigures, runs: int = 5) -> None:
    """Bytes and seconds of the first query of a visit with an empty cache, median of `runs`."""
    if not CHROMIUM.exists():
        figures.notes.append("search: n/a (no /usr/bin/chromium; `make chromium` installs it)")
        return
    from playwright.sync_api import sync_playwright

    from .preview import free_port

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              cwd=project / "site", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds, kilobytes = [], []
    try:
        time.sleep(1.0)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            for _ in range(runs):
                context = browser.new_context()  # nothing cached from the previous visit
                fetched: list = []
                context.on("requestfinished", lambda request: fetched.append(request))
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}/", wait_until="load")
                before = len(fetched)
                seconds.append(page.evaluate(_WATCH, QUERY))
                sizes = [r.sizes() for r in fetched[before:] if f"/{BUNDLE}/" in r.url]
                kilobytes.append(sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes) / 1024)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
    figures.answer_s, figures.first_query_kb = statistics.median(seconds), statistics.median(kilobytes)
    figures.notes.append("search answer: median {:.2f} s, max {:.2f} s over {} cold visits ({}); "
                         "first query {:.0f} KB".format(figures.answer_s, max(seconds), runs,
                                                        ", ".join(f"{s:.2f}" for s in seconds),
                                                        figures.first_query_kb))


def measure(project: Path, runs: int = 5, browser: bool = True) -> SearchFigures:
    """Every search figure of a corpus whose site is built (and not yet indexed)."""
    figures = SearchFigures()
    index(project, figures)
    if browser:
        first_query(project, figures, runs)
    reindex_after_one_article(project, figures)
    figures.notes.append(f"re-index after one article: {figures.reindex_pages} pages rewritten, "
                         f"{figures.reindex_partitions} of {figures.partitions} partitions, "
                         f"{figures.reindex_s:.2f} s")
    return figures


def main(argv: list[str] | None = None) -> SearchFigures:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="A corpus folder whose site/ is built.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reindex-only", action="store_true",
                        help="Only time re-indexing after one changed article (the site is indexed).")
    arguments = parser.parse_args(argv)
    if arguments.reindex_only:
        figures = SearchFigures()
        reindex_after_one_article(arguments.project.resolve(), figures)
    else:
        figures = measure(arguments.project.resolve(), arguments.runs)
    for name, value in vars(figures).items():
        print(f"{name}: {value}")
    return figures


if __name__ == "__main__":
    main()
