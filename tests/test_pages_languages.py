"""Articles in other languages and scripts: their words carry `lang` and `dir` in the site.

On its own page an article's title, paragraphs and quotes carry the
article's language and direction; elsewhere (actor, event and quote pages)
its quotes carry them when the language is not the site's (English). The
attributes are made from the validated `language:` code, never from text,
and must survive Python-Markdown as MkDocs runs it (see also the same
checks on the Zensical build in test_zensical.py and the browser test in
tests/browser/test_languages.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.render import direction, language_attributes

AR = "articles/daily-2024-03-03-new-port-ar/"
KO = "articles/daily-2024-03-04-new-port-ko/"
EN = "articles/daily-2024-03-02-port-opens/"
AR_QUOTE, KO_QUOTE, EN_QUOTE = "“باب جديد إلى البحر”", "“바다로 가는 새로운 문”", "“A new door to the sea”"


@pytest.mark.parametrize("code, expected", [
    ("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("ar-EG", "rtl"),
    ("pa-Arab", "rtl"), ("ar-Latn", "ltr"),
    ("en", "ltr"), ("ko", "ltr"), ("ru", "ltr"), ("fr", "ltr"), ("es", "ltr"), ("zh-Hant", "ltr"),
])
def test_direction_follows_the_language_and_its_script(code: str, expected: str) -> None:
    assert direction(code) == expected


def test_attributes_are_made_only_from_a_language_code() -> None:
    assert language_attributes("ar") == 'lang="ar" dir="rtl"'
    assert language_attributes("ko-KR") == 'lang="ko-KR" dir="ltr"'
    for text in ['ar" onclick="pwn()', "ar rtl", "", "AR", "ar}", "ar\n{: .x }"]:
        with pytest.raises(ValueError):
            language_attributes(text)


# --- the built site ------------------------------------------------------------


@dataclass(frozen=True)
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str
    """The element's text, its children's included, white space collapsed."""

    @property
    def language(self) -> tuple[str | None, str | None]:
        return self.attrs.get("lang"), self.attrs.get("dir")


class _Elements(HTMLParser):
    """Every element of a page, with its attributes and its whole text."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.found: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append((tag, dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        depth = next((i for i in range(len(self.open) - 1, -1, -1) if self.open[i][0] == tag), None)
        while depth is not None and len(self.open) > depth:
            name, attrs, chunks = self.open.pop()
            text = "".join(chunks)
            self.found.append(Element(name, attrs, " ".join(text.split())))
            if self.open:
                self.open[-1][2].append(text)

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][2].append(data)


def elements(site: Path, page: str) -> list[Element]:
    parser = _Elements()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    parser.close()
    return parser.found


def find(found: list[Element], tag: str, *, text: str = "", id: str = "") -> Element:  # noqa: A002
    """The first `tag` element whose text starts with `text` (or whose id is `id`)."""
    for element in found:
        if element.tag == tag and element.text.startswith(text) and (not id or element.attrs.get("id") == id):
            return element
    raise AssertionError(f"no <{tag}> {text or id!r} among {[e.text[:40] for e in found if e.tag == tag]}")


def assert_article_text_carries_its_language(site: Path) -> None:
    """What each built page must say about languages; for MkDocs and Zensical alike."""
    for page, language in ((AR, ("ar", "rtl")), (KO, ("ko", "ltr")), (EN, ("en", "ltr"))):
        found = elements(site, page)
        assert find(found, "h1").language == language, page
        paragraphs = [e for e in found if e.tag == "p" and (e.attrs.get("id") or "").startswith("p")]
        assert len(paragraphs) in (2, 3) and {p.language for p in paragraphs} == {language}, page
    found = elements(site, AR)
    assert find(found, "p", text=AR_QUOTE).language == ("ar", "rtl")
    assert find(found, "p", text="— Ana Lima").language == (None, None)  # the credit is the site's

    for page in ("actors/ana-lima/", "events/2024-03-01-port-opening/", "quotes/"):
        found = elements(site, page)
        assert find(found, "p", text=AR_QUOTE).language == ("ar", "rtl"), page
        assert find(found, "p", text=KO_QUOTE).language == ("ko", "ltr"), page
        assert find(found, "p", text=EN_QUOTE).language == (None, None), page
    event = elements(site, "events/2024-03-01-port-opening/")
    assert find(event, "span", text=AR_QUOTE.strip("“”")).language == ("ar", "rtl")  # in the coverage list
    quotes = elements(site, "quotes/")
    assert find(quotes, "span", text=KO_QUOTE.strip("“”")).language == ("ko", "ltr")  # in a heading


def test_mkdocs_keeps_the_language_of_article_text(mini_site: Path) -> None:
    assert_article_text_carries_its_language(mini_site)


def test_right_to_left_names_in_a_list_are_isolated_and_still_escaped() -> None:
    from generator.render import md_name

    assert md_name("DPRK") == "DPRK"
    assert md_name("كوريا الشمالية") == "<bdi>كوريا الشمالية</bdi>"
    assert md_name("<b>كوريا</b>") == "<bdi>&lt;b&gt;كوريا&lt;/b&gt;</bdi>"
