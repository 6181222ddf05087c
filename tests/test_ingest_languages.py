"""`briefings ingest` end to end on articles from outlets in other languages and scripts.

The pages are written for the test, in the shapes met on real articles.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.cli import cli
from generator.load import load_content


def _ingest(root: Path, *args: str):
    return CliRunner().invoke(cli, ["ingest", "--root", str(root), *args], catch_exceptions=False)


def _page(tmp_path: Path, name: str, masthead: str, headline: str, body: str) -> Path:
    path = tmp_path / "inbox" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"{masthead}\n\n{headline}\n\n{body}\n", encoding="utf-8")
    return path


def test_outlets_named_in_other_scripts_get_ids_of_their_own(seed_project: Path, tmp_path: Path) -> None:
    body = "러시아와 북한은 새로운 협력 방안을 논의했다고 밝혔다. 양측은 회담을 이어가기로 했다."
    pages = [
        _page(tmp_path, "a.txt", "Source: 동해일보", "러시아 북한 회담 열려", body),
        _page(tmp_path, "b.txt", "Source: 새바람신문", "북한 러시아와 협력 논의", body + " 추가 회담도 예정됐다."),
        _page(tmp_path, "c.txt", "Source: صحيفة الشرق", "روسيا وكوريا الشمالية تبحثان التعاون",
              "قالت روسيا إنها بحثت مع كوريا الشمالية سبل التعاون. واتفق الطرفان على مواصلة المحادثات."),
    ]
    for page in pages:
        result = _ingest(seed_project, "--published", "2024-11-12", str(page))
        assert result.exit_code == 0, result.output
    outlets = sorted(p.stem for p in (seed_project / "content/outlets").glob("*.yml"))
    assert "unknown-outlet" not in outlets
    assert {"donghaeilbo", "saebalamsinmun", "shyfh-lshrq"} <= set(outlets)
    assert len(outlets) == 3 + 3  # the three seed outlets (KCNA is one) and three new ones
    articles = sorted(p.stem for p in (seed_project / "content/articles").glob("*.yml"))
    assert any(a.startswith("donghaeilbo-2024-11-12-leosia-bughan") for a in articles), articles


def test_a_published_time_with_an_offset_is_kept_as_an_offset(seed_project: Path, tmp_path: Path) -> None:
    page = _page(tmp_path, "d.txt", "Source: Wire", "Talks in Moscow", "Russia and North Korea held talks, Russia said.")
    result = _ingest(seed_project, "--published", "2024-11-12T09:00:00+09:00", str(page))
    assert result.exit_code == 0, result.output
    [draft] = [p for p in (seed_project / "content/articles").glob("wire-*.yml")]
    assert "published: 2024-11-12T09:00:00+09:00" in draft.read_text(encoding="utf-8")
    assert not load_content(seed_project).problems


def test_the_draft_new_event_is_written_even_without_a_date(seed_project: Path, tmp_path: Path) -> None:
    page = _page(tmp_path, "e.txt", "Source: Wire", "Talks somewhere", "Russia and North Korea held talks, Russia said.")
    assert _ingest(seed_project, str(page)).exit_code == 0
    [draft] = [p for p in (seed_project / "content/articles").glob("wire-*.yml")]
    text = draft.read_text(encoding="utf-8")
    assert "# Draft new event, if none above fits" in text
    assert "#   date: YYYY-MM-DD  # the text gives no date: fill it in" in text
    assert yaml.safe_load(text)["status"] == "draft"


def test_a_draft_without_a_date_passes_check_with_its_event_suggestions(seed_project: Path, tmp_path: Path) -> None:
    page = _page(tmp_path, "f.txt", "Source: Wire", "Лавров в Пхеньяне",
                 "Сергей Лавров 19 октября провёл переговоры с Ким Чен Ыном и Чвэ Сон Хи, сообщила Россия.")
    assert _ingest(seed_project, str(page)).exit_code == 0
    [draft] = [p for p in (seed_project / "content/articles").glob("wire-*.yml")]
    text = draft.read_text(encoding="utf-8")
    assert "#  - 2023-10-18-lavrov-visits-pyongyang" in text or "#  - 2023-10-19-" in text, text
    result = CliRunner().invoke(cli, ["check", "--root", str(seed_project)])
    assert result.exit_code == 0, result.output
