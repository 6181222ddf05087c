"""`briefings ingest` end to end, on copies of the seed project."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import build as pipeline
from generator.cli import cli
from generator.link import link
from generator.load import load_content

from .conftest import REPO

CURATED = sorted((REPO / "content" / "articles").glob("*.yml"))


def _run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["ingest", "--root", str(root), *args], catch_exceptions=False)


def _tree(root: Path) -> dict[str, str]:
    """Hash of every file under content/ and seeds/."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("content", "seeds")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("curated_path", CURATED, ids=lambda p: p.stem)
def test_ingesting_a_seed_reproduces_the_curated_article(seed_project: Path, curated_path: Path) -> None:
    curated = yaml.safe_load(curated_path.read_text(encoding="utf-8"))
    (seed_project / "content" / "articles" / curated_path.name).unlink()

    result = _run(seed_project, curated["text"])

    assert result.exit_code == 0, result.output
    draft_path = seed_project / "content" / "articles" / curated_path.name
    assert draft_path.is_file(), result.output  # same id: outlet, date and headline
    draft = yaml.safe_load(draft_path.read_text(encoding="utf-8"))
    assert draft["status"] == "draft"
    assert draft["text"] == curated["text"]
    assert draft["outlet"] == curated["outlet"]
    assert str(draft["published"]) == str(curated["published"])
    assert draft.get("byline", []) == curated.get("byline", [])
    assert set(draft["actors"]) == set(curated["actors"])
    found = {q["text"]: q for q in draft["quotes"]}
    for quote in curated["quotes"]:
        assert quote["text"] in found, f"quote not found: {quote['text']!r}"
        assert found[quote["text"]]["speaker"] == quote["speaker"], quote["text"]
        assert found[quote["text"]].get("via") == quote.get("via"), quote["text"]
    suggested = set(draft["events"])
    assert len(suggested & set(curated["events"])) >= 0.8 * len(curated["events"])
    # the draft is valid content, and the seed file was left where it was
    pipeline.check(seed_project)
    assert sorted(p.name for p in (seed_project / "seeds").iterdir()) == sorted(
        p.name for p in (REPO / "seeds").iterdir()
    )


def test_reingesting_a_curated_article_changes_nothing(seed_project: Path) -> None:
    before = _tree(seed_project)
    result = _run(seed_project, "seeds")
    assert result.exit_code == 0, result.output
    assert result.output.count(": unchanged: already ingested as") == 2
    assert _tree(seed_project) == before


def test_a_changed_text_is_reported_not_merged(seed_project: Path, tmp_path: Path) -> None:
    original = (seed_project / "seeds" / "001_96fd2f50b58f619b.txt").read_text(encoding="utf-8")
    edited = tmp_path / "herald.txt"
    edited.write_text(original.replace("Lavrov has yet to elaborate", "Lavrov has not yet explained"), encoding="utf-8")
    before = _tree(seed_project)

    result = CliRunner().invoke(cli, ["ingest", "--root", str(seed_project), str(edited)])

    assert result.exit_code == 1
    assert "changed" in result.output and "the-korea-herald-2023-10-20-kim-reaffirms-ties-with-russia-envoy" in result.output
    assert _tree(seed_project) == before


ARTICLE = """\
Lavrov meets Putin in Moscow

By Anna Petrova

Published : Nov. 3, 2023 - 09:30

• Link copied

MOSCOW: Russian Foreign Minister Sergey Lavrov briefed President Vladimir Putin on Thursday about his trip to Pyongyang, the Kremlin said.

"The talks were useful," Lavrov told reporters after the meeting.

Source: CNA
"""


def test_a_new_file_is_copied_into_seeds_and_drafted_once(seed_project: Path, tmp_path: Path) -> None:
    source = tmp_path / "inbox" / "lavrov briefs putin.txt"
    source.parent.mkdir()
    source.write_text(ARTICLE, encoding="utf-8")

    first = _run(seed_project, str(source.parent))

    assert first.exit_code == 0, first.output
    copied = seed_project / "seeds" / "lavrov_briefs_putin.txt"
    assert copied.read_bytes() == source.read_bytes()
    draft_path = seed_project / "content" / "articles" / "cna-2023-11-03-lavrov-meets-putin-in-moscow.yml"
    draft = yaml.safe_load(draft_path.read_text(encoding="utf-8"))
    assert draft["published"].isoformat() == "2023-11-03T09:30:00+08:00"  # CNA is in Singapore
    assert draft["byline"] == ["Anna Petrova"]
    assert set(draft["actors"]) >= {"sergei-lavrov", "vladimir-putin"}
    assert {"speaker": "sergei-lavrov", "text": "The talks were useful"} in draft["quotes"]
    assert "# Date: 'on Thursday' (paragraph 1) = Thursday 2023-11-02, inferred" in draft_path.read_text()
    pipeline.check(seed_project)

    before = _tree(seed_project)
    again = _run(seed_project, str(source))
    assert "unchanged" in again.output
    assert _tree(seed_project) == before


def test_drafts_are_built_only_with_the_drafts_flag(seed_project: Path, tmp_path: Path) -> None:
    source = tmp_path / "new.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert _run(seed_project, str(source)).exit_code == 0
    draft_id = "cna-2023-11-03-lavrov-meets-putin-in-moscow"

    content = load_content(seed_project)
    assert draft_id not in {a.id for a in link(content).articles}
    assert draft_id in {a.id for a in link(content, drafts=True).articles}

    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--root", str(seed_project)]).exit_code == 0
    assert not (seed_project / "briefings" / "articles" / f"{draft_id}.md").exists()
    assert runner.invoke(cli, ["build", "--root", str(seed_project), "--drafts"]).exit_code == 0
    assert (seed_project / "briefings" / "articles" / f"{draft_id}.md").exists()


MULTILINGUAL = {
    "ko": ("김정은, 러시아와 미래지향적 관계 원해",
           "서울: 북한 김정은 국무위원장은 목요일 라브로프 장관을 만나 “새로운 시대”를 열자고 말했다."),
    "ar": ("كيم يريد علاقات مستقبلية مع روسيا",
           "سيول: قال الزعيم الكوري الشمالي كيم جونغ أون إنه يريد «علاقة تطلعية» مع روسيا."),
    "ru": ("Ким хочет дальновидных отношений с Россией",
           "СЕУЛ: Лидер КНДР Ким Чен Ын заявил, что хочет «дальновидных» отношений с Россией."),
    "es": ("Kim quiere lazos «con visión de futuro» con Rusia",
           "SEÚL: El líder norcoreano Kim Jong-un dijo que quiere una relación «con visión de futuro» con Rusia, según la agencia KCNA."),
}


@pytest.mark.parametrize("language", sorted(MULTILINGUAL))
def test_articles_in_any_language_and_script_go_through_intact(
    seed_project: Path, tmp_path: Path, language: str
) -> None:
    headline, body = MULTILINGUAL[language]
    source = tmp_path / f"{language}.txt"
    source.write_text(f"{headline}\n\n{body}\n\nSource: CNA\n", encoding="utf-8")

    result = _run(seed_project, str(source), "--published", "2023-10-20")

    assert result.exit_code == 0, result.output
    assert (seed_project / "seeds" / f"{language}.txt").read_bytes() == source.read_bytes()
    drafts = [
        p for p in (seed_project / "content" / "articles").glob("cna-2023-10-20-*.yml")
    ]
    assert len(drafts) == 1
    draft = yaml.safe_load(drafts[0].read_text(encoding="utf-8"))
    assert draft["title"] == headline
    assert draft["language"] == language
    pipeline.check(seed_project)
    if language == "es":
        assert "kim-jong-un" in draft["actors"]
        assert draft["quotes"][0]["text"] == "con visión de futuro"


def test_html_and_markdown_articles(seed_project: Path, tmp_path: Path) -> None:
    html = tmp_path / "page.html"
    html.write_text(
        """<!doctype html><html><head><title>x</title>
        <link rel="canonical" href="https://example.org/lavrov">
        <meta property="article:published_time" content="2023-11-03T09:30:00+09:00">
        <script>var x = "<p>not text</p>";</script></head><body>
        <p class="masthead">The Korea Herald</p>
        <h1>Lavrov &amp; Choe hold talks</h1>
        <p>Sergei Lavrov met Choe Son Hui on Thursday. &lt;b&gt;ok&lt;/b&gt;</p>
        <p>&ldquo;We agreed on everything,&rdquo; Choe said.</p>
        </body></html>""",
        encoding="utf-8",
    )
    result = _run(seed_project, str(html))
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(
        (seed_project / "content" / "articles" / "the-korea-herald-2023-11-03-lavrov-choe-hold-talks.yml").read_text()
    )
    assert draft["url"] == "https://example.org/lavrov"
    assert draft["published"].isoformat() == "2023-11-03T09:30:00+09:00"
    assert {"speaker": "choe-son-hui", "text": "We agreed on everything"} in draft["quotes"]
    assert set(draft["actors"]) == {"sergei-lavrov", "choe-son-hui"}

    markdown = tmp_path / "note.md"
    markdown.write_text(
        "# Putin **thanks** Kim\n\nBy Kim Min-ji\n\nPublished: 2023-11-04\n\n"
        "[Vladimir Putin](https://example.org) thanked Kim Jong Un, state media said.\n\nSource: CNA\n",
        encoding="utf-8",
    )
    result = _run(seed_project, str(markdown))
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(
        (seed_project / "content" / "articles" / "cna-2023-11-04-putin-thanks-kim.yml").read_text()
    )
    assert draft["title"] == "Putin thanks Kim"
    assert draft["byline"] == ["Kim Min-ji"]
    assert set(draft["actors"]) == {"vladimir-putin", "kim-jong-un"}
    pipeline.check(seed_project)


def test_an_article_without_outlet_asks_for_one(seed_project: Path, tmp_path: Path) -> None:
    source = tmp_path / "bare.txt"
    source.write_text("Kim meets Lavrov\n\nKim Jong Un met Sergei Lavrov.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--root", str(seed_project), str(source)])
    assert result.exit_code == 1
    assert "--outlet" in result.output
    assert not (seed_project / "seeds" / "bare.txt").exists()


def test_markdown_front_matter_gives_the_metadata(seed_project: Path, tmp_path: Path) -> None:
    source = tmp_path / "front.md"
    source.write_text(
        "---\ntitle: Choe meets Lavrov again\ndate: 2023-11-20\nurl: https://example.org/choe\n"
        "author: Jane Roe\noutlet: CNA\n---\n\n"
        "Choe Son Hui met Sergei Lavrov on Monday. \"We talked for hours,\" Choe told reporters.\n",
        encoding="utf-8",
    )
    result = _run(seed_project, str(source))
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(
        (seed_project / "content" / "articles" / "cna-2023-11-20-choe-meets-lavrov-again.yml").read_text()
    )
    assert (draft["title"], draft["url"], draft["byline"]) == (
        "Choe meets Lavrov again", "https://example.org/choe", ["Jane Roe"],
    )
    assert draft["quotes"] == [{"speaker": "choe-son-hui", "text": "We talked for hours"}]
    pipeline.check(seed_project)


def test_the_same_url_with_another_text_is_reported(seed_project: Path, tmp_path: Path) -> None:
    page = (
        '<html><head><link rel="canonical" href="https://example.org/a">'
        '<meta property="og:site_name" content="CNA"></head><body>'
        "<h1>{title}</h1><p>Sergei Lavrov met Choe Son Hui on Thursday.</p></body></html>"
    )
    first, second = tmp_path / "first.html", tmp_path / "second.html"
    first.write_text(page.format(title="Lavrov meets Choe"), encoding="utf-8")
    second.write_text(page.format(title="Lavrov and Choe meet (updated)"), encoding="utf-8")
    assert _run(seed_project, str(first), "--published", "2023-11-03").exit_code == 0
    before = _tree(seed_project)

    result = CliRunner().invoke(
        cli, ["ingest", "--root", str(seed_project), str(second), "--published", "2023-11-03"]
    )

    assert result.exit_code == 1
    assert "same URL" in result.output and "cna-2023-11-03-lavrov-meets-choe" in result.output
    assert _tree(seed_project) == before


@pytest.mark.parametrize("given, written", [
    ("2024-11-12T09:00+09:00", "2024-11-12T09:00:00+09:00"),
    ("2024-11-12T09:00:00+09:00", "2024-11-12T09:00:00+09:00"),
    ("2024-11-12T09:00:00-05:30", "2024-11-12T09:00:00-05:30"),
    ("2024-11-12T09:00Z", "2024-11-12T09:00:00+00:00"),
])
def test_published_with_a_fixed_offset_is_kept_as_that_offset(
    seed_project: Path, tmp_path: Path, given: str, written: str
) -> None:
    source = tmp_path / "offset.txt"
    source.write_text("Lavrov meets Choe\n\nSergei Lavrov met Choe Son Hui on Monday.\n\nSource: CNA\n",
                      encoding="utf-8")

    result = _run(seed_project, str(source), "--published", given)

    assert result.exit_code == 0, result.output
    draft_path = seed_project / "content" / "articles" / "cna-2024-11-12-lavrov-meets-choe.yml"
    lines = draft_path.read_text(encoding="utf-8").splitlines()
    assert f"published: {written}  # from '--published'" in lines
    assert yaml.safe_load(draft_path.read_text(encoding="utf-8"))["published"].isoformat() == written
    pipeline.check(seed_project)
