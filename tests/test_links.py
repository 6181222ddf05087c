"""Every internal link and anchor of the built site resolves, as LinkChecker sees it.

LinkChecker (a maintained, independent checker) crawls the site over HTTP from
the home page; its AnchorCheck plugin reports `#fragment`s that no element on
the target page has. External links are listed but not fetched (no network).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.website import serve

pytestmark = pytest.mark.slow

CONFIG = """\
[checking]
threads=4
# Our own loopback server: no need to be polite. LinkChecker lifts its
# per-host throttle only for servers that send a `LinkChecker` header, which
# tests.website.serve does.
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


def linkcheck(url: str, workdir: Path) -> list[dict[str, str]]:
    """Run LinkChecker on `url`; return one row per URL it checked."""
    config = workdir / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    completed = subprocess.run(
        [str(Path(sys.executable).with_name("linkchecker")), "--config", str(config),
         "--no-status", "--verbose", "--output", "csv", url],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    assert rows, f"LinkChecker checked nothing:\n{completed.stdout}\n{completed.stderr}"
    return rows


def problems(rows: list[dict[str, str]]) -> list[str]:
    """Rows that are broken (invalid) or carry a warning (e.g. a missing anchor)."""
    return [
        f"{row['parentname']} -> {row['urlname']}: {row['result']} {row['warningstring']}".strip()
        for row in rows
        if row["valid"] != "True" or row["warningstring"]
    ]


def test_built_site_has_no_broken_internal_link_or_anchor(site_url: str, tmp_path: Path) -> None:
    rows = linkcheck(site_url, tmp_path)
    assert problems(rows) == []
    checked = {row["url"] for row in rows}
    # The crawl reached the deep pages, not only the home page.
    assert any("/actors/kim-jong-un/" in url for url in checked)
    assert any("/articles/" in url and "#p" in row["urlname"] for row in rows for url in [row["url"]])


def test_checker_reports_a_broken_page_link_and_a_missing_anchor(built_site: Path, tmp_path: Path) -> None:
    """The same configuration fails on a site with a dead link and a dead anchor."""
    broken = tmp_path / "site"
    shutil.copytree(built_site, broken)
    home = broken / "index.html"
    html = home.read_text(encoding="utf-8")
    marker = "</article>"
    assert marker in html
    html = html.replace(
        marker,
        '<p><a href="actors/no-such-actor/">gone</a> '
        '<a href="actors/kim-jong-un/#no-such-anchor">nowhere</a></p>' + marker,
        1,
    )
    home.write_text(html, encoding="utf-8")
    with serve(broken) as url:
        found = problems(linkcheck(url, tmp_path))
    assert any("no-such-actor" in line for line in found), found
    assert any("no-such-anchor" in line for line in found), found
