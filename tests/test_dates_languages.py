"""Publication dates and event suggestions on pages laid out as real outlets lay them out.

Every page here is made up for the test, in the shape of a failure met on
real articles: stamps with the time first or last, dotted and ISO dates
with a Korean label, datelines with abbreviated months and no year, Arabic
and Russian month names, and dates that are not the publication date (a
photo caption, a sentence of the body, a date in brackets).
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.ingest import analyse
from generator.ingest.dates import dates_in, publication_date
from generator.model import Actor, Event, Outlet

CAPTURE = (dt.date(2025, 1, 11), dt.date(2025, 1, 11))


def _published(lines: list[str], language: str, event_days=()) -> tuple[str, str] | None:
    blocks = [("paragraph" if len(line) > 90 else "headline" if i == 0 else "clutter", line) for i, line in enumerate(lines)]
    found = publication_date(blocks, language, event_days=event_days, near_year=2024)
    return (found.value().isoformat(), found.certainty) if found else None


BODY = "The two delegations met for three hours and signed a protocol on the exchange of ratification papers."


@pytest.mark.parametrize(
    ("lines", "language", "expected"),
    [
        (["Headline here", "입력 2024.11.12 09:30", BODY], "ko", ("2024-11-12", "stated")),
        (["Headline here", "기사입력 2024-11-12 오후 3:05 | 수정 2024-11-13", BODY], "ko", ("2024-11-12", "stated")),
        (["Headline here", "09:30 12.11.2024", BODY], "ru", ("2024-11-12", "stated")),
        (["Заголовок", "Опубликовано 12 ноября 2024, 10:15", BODY], "ru", ("2024-11-12", "stated")),
        (["Titre", "Publié le 16 janv. 2024 à 10h15", BODY], "fr", ("2024-01-16", "stated")),
        (["Título", "4 de junio de 2025", BODY], "es", ("2025-06-04", "stated")),
        (["عنوان", "تاريخ النشر: 12 نوفمبر 2024", BODY], "ar", ("2024-11-12", "stated")),
        (["عنوان", "السبت 9 تشرين الثاني , 2024 10:20 توقيت دمشق", BODY], "ar", ("2024-11-09", "stated")),
        (["Headline here", "November 9, 2024 8:02 pm", BODY], "en", ("2024-11-09", "stated")),
        (["Titular", "Noticias2024-01-15", BODY], "es", ("2024-01-15", "stated")),
    ],
)
def test_a_stamp_is_read_in_every_language_and_layout(lines: list[str], language: str, expected: tuple) -> None:
    assert _published(lines, language)[0].startswith(expected[0])
    assert _published(lines, language)[1] == expected[1]


def test_a_time_printed_with_the_stamp_is_kept() -> None:
    assert _published(["Headline here", "기사입력 2024-11-12 오후 3:05", BODY], "ko")[0] == "2024-11-12"
    blocks = [("headline", "Headline"), ("clutter", "기사입력 2024-11-12 오후 3:05")]
    assert publication_date(blocks, "ko", near_year=2024).time == dt.time(15, 5)


@pytest.mark.parametrize(
    ("opening", "language"),
    [
        ("MADRID 11 Ene. (AGENCIA) - El presidente anunció la captura de dos soldados en la región fronteriza del sur.", "es"),
        ("MOSCOU, 11 janv (AFP) - Le président a annoncé la capture de deux soldats dans la région frontalière du sud.", "fr"),
        ("Москва. 11 января. ИНФОРМ - Президент объявил о захвате двух солдат в приграничном районе на юге страны.", "ru"),
    ],
)
def test_a_dateline_without_a_year_takes_it_from_a_known_event_that_day(opening: str, language: str) -> None:
    assert _published(["Headline here", opening], language, [CAPTURE]) == ("2025-01-11", "guessed")


@pytest.mark.parametrize(
    "lines",
    [
        ["Headline here", BODY, "The minister arrives in Seoul. (File photo: 09.05.2024)"],
        ["Headline here", "The treaty signed on 19 June 2024 in the capital came into force after both sides ratified it."],
        ["Headline here", BODY + " The visit was announced on 4 June 2025 by the ministry."],
    ],
)
def test_dates_in_captions_brackets_and_sentences_are_not_the_publication_date(lines: list[str]) -> None:
    assert _published(lines, "en") is None


@pytest.mark.parametrize(
    ("text", "language", "parts"),
    [
        ("2024년 11월 12일", "ko", (12, 11, 2024)),
        ("11월 12일", "ko", (12, 11, None)),
        ("25 июля", "ru", (25, 7, None)),
        ("28 تموز 2023", "ar", (28, 7, 2023)),
        ("le 3 févr. 2024", "fr", (3, 2, 2024)),
        ("Sept. 13, 2023", "en", (13, 9, 2023)),
    ],
)
def test_dates_are_read_with_the_month_names_of_each_language(text: str, language: str, parts: tuple) -> None:
    [found] = dates_in(text, language)
    assert (found.day, found.month, found.year) == parts


# --- events -------------------------------------------------------------------

ACTORS = {
    "sergei-shoigu": Actor(name="Sergei Shoigu", kind="person", aliases=("Сергей Шойгу",), short_names=("Шойгу", "Shoigu")),
    "kim-jong-un": Actor(name="Kim Jong Un", kind="person", aliases=("Ким Чен Ын",)),
    "north-korea": Actor(name="North Korea", kind="state", aliases=("КНДР", "북한"), short_names=("Pyongyang", "Пхеньян")),
    "russia": Actor(name="Russia", kind="state", aliases=("Россия", "러시아")),
    "wonsan": Actor(name="Wonsan", kind="place", aliases=("Вонсан",)),
}


def _visit(day: dt.date, place: str = "Pyongyang, North Korea") -> Event:
    return Event(
        title="Shoigu visits", date=day, location=place, kind="visit",
        actors=[{"actor": "sergei-shoigu", "role": "visitor"}, {"actor": "kim-jong-un", "role": "host"},
                {"actor": "north-korea", "role": "host"}, {"actor": "russia", "role": "visitor"}],
    )


EVENTS = {
    "2023-07-26-shoigu-visits": _visit(dt.date(2023, 7, 26)),
    "2025-06-04-shoigu-visits": _visit(dt.date(2025, 6, 4)),
    "2025-06-17-shoigu-visits": _visit(dt.date(2025, 6, 17), "Wonsan, North Korea"),
    "2024-01-01-new-year": Event(title="New year", date=dt.date(2024, 1, 1), kind="other",
                                 actors=[{"actor": "north-korea", "role": "host"}]),
}
OUTLETS = {"wire": Outlet(name="Wire")}


def _suggested(text: str) -> list[str]:
    return [s.id for s in analyse(text, ACTORS, EVENTS, OUTLETS).events]


def test_the_event_of_a_day_the_body_prints_is_suggested_without_a_publication_date() -> None:
    text = "Шойгу прибыл в КНДР\n\nСекретарь Совбеза Сергей Шойгу 4 июня встретился с Ким Чен Ыном, сообщила Россия.\n"
    assert _suggested(text)[0] == "2025-06-04-shoigu-visits"


def test_a_place_named_in_any_language_tells_visits_apart() -> None:
    text = "Шойгу в Вонсане\n\nСергей Шойгу провёл переговоры с Ким Чен Ыном в Вонсане, сообщила Россия.\n"
    assert _suggested(text)[0] == "2025-06-17-shoigu-visits"


def test_an_event_that_only_shares_a_state_is_not_suggested() -> None:
    assert "2024-01-01-new-year" not in _suggested("Headline\n\nNorth Korea held a parade in the capital today.\n")


def test_curated_keywords_in_any_language_tell_events_of_the_same_people_apart() -> None:
    def ratification(keywords: tuple[str, ...]) -> Event:
        return Event(title="Ratification", date=dt.date(2024, 11, 11), kind="agreement", keywords=keywords,
                     actors=[{"actor": "north-korea", "role": "party"}, {"actor": "russia", "role": "party"}])

    events = {
        "2024-11-11-ratified": ratification(("비준", "ратифи")),
        "2024-11-12-entry": ratification(("발효", "в силу")),
    }
    text = "북한 조약 비준\n\n북한은 러시아와의 조약을 비준했다고 밝혔다.\n"
    assert [s.id for s in analyse(text, ACTORS, events, OUTLETS).events][0] == "2024-11-11-ratified"
    text = "Договор вступил в силу\n\nДоговор между Россия и КНДР вступил в силу.\n"
    assert [s.id for s in analyse(text, ACTORS, events, OUTLETS).events][0] == "2024-11-12-entry"


@pytest.mark.parametrize(
    ("sentence", "language"),
    [("El presidente habló este sábado con la prensa.", "es"), ("Le ministre s'est exprimé samedi.", "fr"),
     ("Министр выступил в субботу.", "ru"), ("장관은 토요일 기자회견을 열었다.", "ko"), ("وقال الوزير يوم السبت إن", "ar")],
)
def test_a_weekday_in_any_language_is_the_latest_such_day_before_publication(sentence: str, language: str) -> None:
    from generator.ingest.dates import resolve_weekdays

    [mention] = resolve_weekdays([sentence], dt.date(2025, 1, 13), language)  # a Monday
    assert mention.date == dt.date(2025, 1, 11) and mention.certainty == "inferred"


def test_datelines_behind_a_source_tag_or_in_brackets_are_read() -> None:
    body = " The minister met the leader in the capital on the second day of his visit to the country."
    tagged = "(WIRE- Gulf News Agency (GNA)) TOKYO, Jan 11 (GNA) --" + body
    assert _published(["Headline here", tagged], "en", [CAPTURE]) == ("2025-01-11", "guessed")
    bracketed = "(Rome, Paris, 11 janv. 2025). Le ministre a rencontré le dirigeant dans la capitale du pays."
    assert _published([bracketed, "Un autre paragraphe du corps de l'article, assez long pour en être un vrai."], "fr") \
        == ("2025-01-11", "stated")


def test_a_stale_masthead_date_above_the_headline_gives_way_to_the_article_stamp() -> None:
    blocks = [("clutter", "Tuesday, 02 January 2024 12:17 GMT"), ("headline", "Talks in the east"),
              ("date", "2025-07-13 04:11:24"), ("paragraph", BODY)]
    assert publication_date(blocks, "en", near_year=2025).date == dt.date(2025, 7, 13)
    alone = [("clutter", "13.07.2025 - 04:11"), ("headline", "Talks in the east"), ("paragraph", BODY)]
    assert publication_date(alone, "ru", near_year=2025).date == dt.date(2025, 7, 13)


def test_an_event_long_before_the_article_is_background_not_the_news() -> None:
    text = ("Шойгу снова в КНДР\n\n18.06.2025\n\nСергей Шойгу встретился с Ким Чен Ыном. Россия напомнила "
            "о визите 26 июля 2023 года.\n")
    assert _suggested(text)[0] == "2025-06-17-shoigu-visits"


LONG = " The minister met the leader in the capital on the second day of his visit to the country, officials said."


@pytest.mark.parametrize(
    ("lines", "language", "day"),
    [
        (["Headline here", "بغداد، 9 مارس (وكالة) —" + LONG], "ar", "03-09"),      # Arabic comma
        (["Headline here", "قسم الأخبار 09-03-2024", BODY], "ar", "03-09"),        # day-month-year with dashes
        (["Headline here", "Lagos, March 9:" + LONG], "en", "03-09"),             # a colon ends the dateline
        (["Titre", "Rome, Italie | AFP | samedi 09/03/2024 -" + LONG], "fr", "03-09"),  # pipes and a weekday
        (["Заголовок", "Минск, 9 марта. /ИНФОРМ/" + LONG], "ru", "03-09"),          # agency between slashes
        (["Заголовок", "9 МАР, 11:37", BODY], "ru", "03-09"),                       # a stamp without a year
        (["제목", "승인 2024.03.09 10:13", BODY], "ko", "03-09"),                   # 'approved' label
    ],
)
def test_more_datelines_and_stamps(lines: list[str], language: str, day: str) -> None:
    found = _published(lines, language)
    assert found is not None and found[0][5:10] == day


def test_a_date_line_low_in_the_page_belongs_to_a_related_article() -> None:
    lines = ["Headline here", BODY, BODY + " More.", BODY + " Even more.", BODY + " Last.", "12-07-2025, 16:07:00"]
    assert _published(lines, "fr") is None
