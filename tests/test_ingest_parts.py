"""The parts of ingest one by one: dates, actors in context, quotes, structure."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.ingest import detect_language, slugify
from generator.ingest.actors import find_actors, profiles
from generator.ingest.dates import guess_publication, parse_published, resolve_weekdays
from generator.ingest.quotes import find_quotes, quote_spans
from generator.mentions import Matcher, fold, names_of
from generator.model import Actor
from generator.text import parse_article, to_plain

ACTORS = {
    "kim-jong-un": Actor(name="Kim Jong Un", kind="person", aliases=("Kim Jong-un",), short_names=("Kim",),
                         title="Leader of North Korea", affiliation="north-korea"),
    "kim-in-ae": Actor(name="Kim In-ae", kind="person", short_names=("Kim",),
                       title="Deputy spokesperson of the Unification Ministry"),
    "sergei-lavrov": Actor(name="Sergei Lavrov", kind="person", short_names=("Lavrov",),
                           title="Foreign Minister of Russia", affiliation="russia"),
    "north-korea": Actor(name="North Korea", kind="state", short_names=("Pyongyang",)),
    "russia": Actor(name="Russia", kind="state", short_names=("Moscow",)),
    "kcna": Actor(name="KCNA", kind="media", aliases=("Korean Central News Agency",), affiliation="north-korea"),
}


def _linked(paragraphs: list[str]) -> list[tuple[str, str | None, str]]:
    report = find_actors(paragraphs, ACTORS)
    return [(f.surface, f.actor, f.why) for f in report.found]


def _quotes(paragraphs: list[str]):
    report = find_actors(paragraphs, ACTORS)
    per = [[f for f in report.found if f.block == i] for i in range(len(paragraphs))]
    return [(q.text, q.speaker, q.via) for q in find_quotes(paragraphs, per, profiles(ACTORS))]


# --- dates ---------------------------------------------------------------------

FRIDAY = dt.date(2023, 10, 20)


@pytest.mark.parametrize(
    ("sentence", "expected", "certainty"),
    [
        ("Kim met Lavrov on Thursday.", dt.date(2023, 10, 19), "inferred"),
        ("The ministry said Friday it supports talks.", dt.date(2023, 10, 20), "inferred"),
        ("The trip from Wednesday ended.", dt.date(2023, 10, 18), "inferred"),
        ("The drills are likely on Sunday.", dt.date(2023, 10, 22), "inferred"),
        ("The bomber would fly on Monday.", dt.date(2023, 10, 23), "inferred"),
        ("They met last Friday.", dt.date(2023, 10, 13), "inferred"),
        ("Kim said on Thursday (Oct 19) he wants ties.", dt.date(2023, 10, 19), "stated"),
        ("It was signed on Tuesday, Oct. 17 in Seoul.", dt.date(2023, 10, 17), "stated"),
    ],
)
def test_weekdays_resolve_against_the_publication_date(sentence: str, expected: dt.date, certainty: str) -> None:
    [mention] = resolve_weekdays([sentence], FRIDAY)
    assert (mention.date, mention.certainty) == (expected, certainty)


def test_may_the_verb_is_not_a_date() -> None:
    assert resolve_weekdays(["Talks may resume."], FRIDAY) == []


def test_a_missing_publication_date_is_guessed_from_weekday_and_day() -> None:
    guess = guess_publication(["SEOUL: Kim said on Thursday (Oct 19) he wants ties."], near_year=2024)
    assert guess is not None and guess.date == dt.date(2023, 10, 19) and guess.certainty == "guessed"
    assert guess_publication(["Kim spoke on Thursday."], near_year=2023) is None


@pytest.mark.parametrize(
    ("line", "date", "time"),
    [
        ("Published : Oct. 20, 2023 - 16:12", dt.date(2023, 10, 20), dt.time(16, 12)),
        ("Updated: 20 October 2023", dt.date(2023, 10, 20), None),
        ("Published: 2023-11-04", dt.date(2023, 11, 4), None),
        ("Posted 2023-11-04 08:05", dt.date(2023, 11, 4), dt.time(8, 5)),
    ],
)
def test_publication_lines(line: str, date: dt.date, time: dt.time | None) -> None:
    assert parse_published(line) == (date, time)


# --- actors --------------------------------------------------------------------


def test_names_match_across_case_diacritics_hyphens_and_spaces() -> None:
    matcher = Matcher(names_of("kim-jong-un", "Kim Jong Un", (), ()))
    for text in ("KIM JONG-UN spoke", "Kim  Jong\u2010un spoke", "kim jong un spoke", "Kim Jong Ün spoke"):
        assert [m.actors for m in matcher.find(text)] == [("kim-jong-un",)], text
    assert fold("Kim Jong-un")[0] == fold("Kim Jong Un")[0].lower()


def test_a_shared_surname_links_only_when_the_article_settles_it() -> None:
    # only Kim Jong Un is named in full: 'Kim' is him
    assert ("Kim", "kim-jong-un", "short") in _linked(["Kim Jong Un met Lavrov.", "Kim smiled."])
    # both are named in full: a bare 'Kim' stays unlinked ...
    both = _linked(["Kim Jong Un met Lavrov.", "Kim In-ae spoke.", "Kim smiled."])
    assert ("Kim", None, "ambiguous") in both
    # ... unless a title settles it
    titled = _linked(["Kim Jong Un met Lavrov.", "Kim In-ae spoke.", "The North, deputy spokesperson Kim added, must act."])
    assert ("Kim", "kim-in-ae", "title") in titled


def test_a_surname_the_article_uses_for_someone_else_is_not_linked() -> None:
    report = find_actors(["Anna Lavrov, a teacher, said she voted.", "Lavrov left early."], ACTORS)
    assert all(f.actor is None for f in report.found if f.surface == "Lavrov")
    assert ("Anna Lavrov", "person") in report.new


def test_capitals_link_to_the_state_as_actors_not_as_places() -> None:
    found = _linked(["Pyongyang has demanded talks.", "Lavrov arrived in Pyongyang.", "MOSCOW: Lavrov spoke."])
    assert ("Pyongyang", "north-korea", "short") in found
    assert ("Pyongyang", None, "place") in found
    assert ("MOSCOW", None, "place") in found  # a dateline


def test_misspelt_names_are_proposed_with_a_score_and_unknown_people_listed() -> None:
    report = find_actors(["Sergie Lavrov met Foreign Minister Ana Tomas of Chile at the Kremlin Press Office."], ACTORS)
    [(surface, actor, score)] = report.fuzzy
    assert (surface, actor) == ("Sergie Lavrov", "sergei-lavrov") and 85 <= score < 100
    assert ("Ana Tomas", "person") in report.new
    assert ("Kremlin Press Office", "organisation") in report.new


# --- quotes --------------------------------------------------------------------


def test_quote_marks_of_several_kinds() -> None:
    for text in ("a “b c” d", 'a "b c" d', "a «b c» d", "a \u201eb c\u201c d", "a 「b c」 d"):
        [(start, end)] = quote_spans(text)
        assert text[start:end] == "b c", text


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (['"We are worried," Lavrov told journalists.'], ("We are worried", "sergei-lavrov", None)),
        (["“We are worried,” said Sergei Lavrov."], ("We are worried", "sergei-lavrov", None)),
        (["Lavrov said the ties were at a “new level”."], ("new level", "sergei-lavrov", None)),
        (["Kim Jong Un said he wants a “bright future”, the KCNA said."], ("bright future", "kim-jong-un", "kcna")),
        (["Kim Jong Un wants a “bright future”, state media reported."], ("bright future", "kim-jong-un", "kcna")),
        (["“Talks must resume,” according to the Korean Central News Agency."], ("Talks must resume", "kcna", None)),
        (["Sergei Lavrov arrived.", "“It is good,” he added."], ("It is good", "sergei-lavrov", None)),
        (["Sergei Lavrov arrived.", "The Russian envoy said it was a “useful” trip."], ("useful", "sergei-lavrov", None)),
        (["The banner read “peace”."], ("peace", None, None)),
    ],
)
def test_quotes_and_their_speakers(paragraphs: list[str], expected: tuple) -> None:
    assert _quotes(paragraphs)[-1] == expected


# --- structure -------------------------------------------------------------------


def test_markdown_and_html_become_plain_lines() -> None:
    assert to_plain("## Kim **meets** [Lavrov](https://x.org)\n\ntext") == "Kim meets Lavrov\n\ntext"
    plain = to_plain("<html><body><h1>A &amp; B</h1><script>x()</script><p>One</p><p>Two</p></body></html>")
    assert plain.split() == ["A", "&", "B", "One", "Two"]
    assert to_plain("Plain text # not a heading") == "Plain text # not a heading"


def test_clutter_is_separated_from_the_body_without_losing_body_text() -> None:
    raw = (
        "Kim meets Lavrov\n\nBy Jane Roe\n\nPublished : Oct. 20, 2023 - 16:12\n\n• Link copied\n\n"
        "Kim and Lavrov at the talks. (Yonhap) Kim and Lavrov at the talks. (Yonhap)\n\n"
        "Kim Jong Un met Sergei Lavrov in Pyongyang on Thursday to discuss the September summit.\n\n"
        "Share this article\n\nSubscribe to our newsletter\n\nThe two sides agreed to meet again.\n"
    )
    kinds = [(b.kind, b.text[:12]) for b in parse_article(raw).blocks]
    assert kinds == [
        ("headline", "Kim meets La"), ("byline", "By Jane Roe"), ("published", "Published : "),
        ("clutter", "• Link copie"), ("caption", "Kim and Lavr"), ("paragraph", "Kim Jong Un "),
        ("clutter", "Share this a"), ("clutter", "Subscribe to"), ("paragraph", "The two side"),
    ]


def test_language_and_slugs() -> None:
    assert detect_language("김정은 국무위원장은 목요일") == "ko"
    assert detect_language("Лидер КНДР заявил") == "ru"
    assert detect_language("El líder dijo que la relación con Rusia") == "es"
    assert detect_language("The leader said that the ties") == "en"
    assert slugify("North Korea’s Kim wants ‘forward-looking’ ties") == "north-koreas-kim-wants-forward-looking-ties"


# --- any text at all ---------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.ingest import analyse  # noqa: E402
from generator.ingest.draft import render_draft  # noqa: E402

_PIECES = st.sampled_from([
    "Kim", "Kim Jong-un", "Lavrov", "Pyongyang", "in Pyongyang", "“", "”", '"', "«", "»", "said", "he",
    "on Thursday", "(Oct 19)", "Published : Oct. 20, 2023 - 16:12", "By Jane Roe", "Source: CNA",
    "• Link copied", "\n", "\n\n", ", ", ". ", "김정은", "كيم", "Ким", "ñ", "\u200b", "\t", "#", "**",
    "<p>", "</p>", "(Yonhap)", "SEOUL:", "deputy spokesperson", "’s",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40))
def test_any_text_is_read_without_errors_and_the_draft_is_yaml(pieces: list[str]) -> None:
    import yaml

    raw = " ".join(pieces)
    analysis = analyse(raw, ACTORS, {}, {})
    draft = yaml.safe_load(render_draft(analysis, "seeds/x.txt", {}))
    assert draft["status"] == "draft" and draft["text"] == "seeds/x.txt"
    plain = " ".join(to_plain(raw).split())
    for quote in analysis.quotes:
        assert quote.text and quote.text in plain  # quoted words are copied, never rewritten
