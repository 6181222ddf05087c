"""Names in the six languages of the briefing, written as sentences write them.

Every sentence here is made up for the test; each is the shape of a failure
met on real articles (declined Russian names, Arabic prefixes, Korean
particles, honorifics, places that carry a state's name).
"""

from __future__ import annotations

import pytest

from generator.ingest.actors import find_actors
from generator.inflect import forms
from generator.model import Actor

ACTORS = {
    "sergei-lavrov": Actor(
        name="Sergei Lavrov", kind="person",
        aliases=("Сергей Лавров", "سيرغي لافروف", "세르게이 라브로프", "Sergueï Lavrov"),
        short_names=("Lavrov", "Лавров", "لافروف", "라브로프"), affiliation="russia",
        title="Foreign Minister of Russia",
    ),
    "vladimir-putin": Actor(
        name="Vladimir Putin", kind="person", aliases=("Владимир Путин", "فلاديمير بوتين", "Vladimir Poutine"),
        short_names=("Putin", "Путин", "بوتين", "푸틴", "Poutine"), affiliation="russia",
    ),
    "kim-jong-un": Actor(
        name="Kim Jong Un", kind="person", aliases=("Kim Jong-un", "김정은", "Ким Чен Ын", "كيم جونغ أون"),
        short_names=("Kim", "Ким"), affiliation="north-korea",
    ),
    "north-korea": Actor(
        name="North Korea", kind="state",
        aliases=("DPRK", "북한", "Северная Корея", "КНДР", "كوريا الشمالية", "Corée du Nord", "Corea del Norte"),
        short_names=("Pyongyang", "평양", "Пхеньян", "بيونغ يانغ"),
    ),
    "russia": Actor(
        name="Russia", kind="state", aliases=("러시아", "Россия", "روسيا", "Russie", "Rusia"),
        short_names=("Moscow", "Москва", "모스크바", "Moscou", "Moscú"),
    ),
    "south-korea": Actor(name="South Korea", kind="state", aliases=("한국",), short_names=("Seoul", "서울")),
    "japan": Actor(name="Japan", kind="state", aliases=("일본", "Япония", "اليابان", "Japon", "Japón")),
    "kremlin": Actor(name="Kremlin", kind="organisation", aliases=("Кремль", "الكرملين", "크렘린")),
}


def _linked(text: str) -> list[tuple[str, str | None]]:
    return [(f.surface, f.actor) for f in find_actors([text], ACTORS).found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Russian declines names: each case ending still names the actor
        ("Переговоры с Лавровым прошли в среду.", [("Лавровым", "sergei-lavrov")]),
        ("Визит Сергея Лаврова завершился.", [("Сергея Лаврова", "sergei-lavrov")]),
        ("Делегация Северной Кореи прибыла.", [("Северной Кореи", "north-korea")]),
        ("Договор между Россией и КНДР вступил в силу.", [("Россией", "russia"), ("КНДР", "north-korea")]),
        ("Песков сообщил о позиции Кремля.", [("Кремля", "kremlin")]),
        ("Ким Чен Ына поблагодарили.", [("Ким Чен Ына", "kim-jong-un")]),
        # Arabic writes conjunctions and prepositions onto the name; the link leaves them out
        ("التقى وبوتين مع الوفد", [("بوتين", "vladimir-putin")]),
        ("سافر الوفد لروسيا أمس", [("روسيا", "russia")]),
        ("أكد لافروف أن موقف للكرملين ثابت", [("لافروف", "sergei-lavrov"), ("لكرملين", "kremlin")]),
        ("قال كيم جونغ اون إن", [("كيم جونغ اون", "kim-jong-un")]),  # alif without hamza
        # Korean writes particles after the name; the link leaves them out
        ("김정은은 러시아와 협력을 강조했다.", [("김정은", "kim-jong-un"), ("러시아", "russia")]),
        ("푸틴 대통령의 방문", [("푸틴", "vladimir-putin")]),
        ("한국어와 일본어", []),  # a word that starts like a name is not the name
        # French and Spanish honorifics and elisions
        ("M. Lavrov a rencontré le dirigeant de la Corée du Nord.",
         [("Lavrov", "sergei-lavrov"), ("Corée du Nord", "north-korea")]),
        ("La visite de Sergueï Lavrov en Corea del Norte", [("Sergueï Lavrov", "sergei-lavrov"), ("Corea del Norte", "north-korea")]),
        ("Les sanctions contre l'Ukraine et la Russie", [("Russie", "russia")]),
    ],
)
def test_names_are_found_as_each_language_writes_them(sentence: str, expected: list) -> None:
    assert [pair for pair in _linked(sentence) if pair[1]] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "평양에서 회담이 열렸다.",          # particle of place
        "Les deux hommes se sont vus à Pyongyang.",
        "Встреча прошла в Пхеньяне.",
        "وصل الوفد إلى بيونغ يانغ أمس",
        "La reunión fue en Moscú.",
    ],
)
def test_a_capital_as_a_place_is_not_its_state(sentence: str) -> None:
    assert [actor for _, actor in _linked(sentence) if actor] == []


@pytest.mark.parametrize(
    "sentence",
    ["A missile fell into the Sea of Japan.", "Des missiles sont tombés en mer du Japon.",
     "The Moscow Times reported the talks."],
)
def test_places_and_papers_named_after_a_state_are_not_the_state(sentence: str) -> None:
    assert [actor for _, actor in _linked(sentence) if actor] == []


def test_a_capital_used_as_subject_is_its_state_in_every_language() -> None:
    assert ("평양은", None) not in _linked("평양은 반발했다.")
    assert _linked("평양은 반발했다.") == [("평양", "north-korea")]
    assert _linked("Москва заявила о поддержке.") == [("Москва", "russia")]


def test_russian_names_that_do_not_decline_keep_one_form() -> None:
    assert [f.text for f in forms("КНДР")] == ["КНДР"]
    assert [f.text for f in forms("Шойгу")] == ["Шойгу"]
    assert "Лаврову" in [f.text for f in forms("Лавров")]
    assert "России" in [f.text for f in forms("Россия")]


@pytest.mark.parametrize(
    "paragraph",
    ["Москва. 12 марта. Делегация прибыла утром.", "[서울=뉴스통신] 러시아와 북한이 합의했다.",
     "Moscú, 3 feb (EFE).- La delegación llegó.", "MOSCOW (Wire) — The delegation arrived."],
)
def test_a_city_opening_a_dateline_is_a_place(paragraph: str) -> None:
    first = find_actors([paragraph], ACTORS).found[0]
    assert (first.actor, first.why) == (None, "place")


def test_another_person_of_the_same_surname_keeps_it_unlinked_in_cyrillic() -> None:
    text = "Заместитель министра КНДР Ким Чон Гю подписал протокол."
    assert [(f.surface, f.actor) for f in find_actors([text], ACTORS).found] == [("КНДР", "north-korea"), ("Ким", None)]


def test_a_state_name_after_an_unknown_town_is_an_address_not_the_state() -> None:
    actors = {**ACTORS, "united-states": Actor(name="United States", kind="state", short_names=("Washington",))}
    found = find_actors(["The submarine is based in Bangor, Washington, on the coast."], actors).found
    assert [(f.surface, f.actor) for f in found] == [("Washington", None)]
    found = find_actors(["Seoul, Washington and Tokyo met."], {**actors, **{"south-korea": ACTORS["south-korea"]}}).found
    assert [f.actor for f in found] == ["south-korea", "united-states"]


def test_korean_nouns_joined_to_a_name_still_name_it_and_stay_out_of_the_link() -> None:
    assert _linked("러시아군은 진격했다.") == [("러시아", "russia")]
    assert _linked("러시아어로 말했다.") == []  # the Russian language is not Russia
