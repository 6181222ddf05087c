"""Where events are placed: the curator's coordinates, else the offline gazetteer's guess."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.model import Event
from generator.pictures import places
from generator.pictures.places import fold, guess, place_of


from .conftest import FIXTURES


def _where(location: str) -> tuple[str, str | None, str] | None:
    place = guess(location)
    return None if place is None else (place.name, place.country, place.precision)


@pytest.mark.parametrize(("location", "expected"), [
    ("Busan, South Korea", ("Busan", "KR", "city")),
    ("Cheongju, South Korea", ("Cheongju-si", "KR", "city")),
    ("Seoul, South Korea", ("Seoul", "KR", "city")),
    ("Pyongyang, North Korea", ("Pyongyang", "KP", "city")),
    ("Moscow, Russia", ("Moscow", "RU", "city")),
    ("Kursk, Russia", ("Kursk", "RU", "city")),
    ("Vladivostok", ("Vladivostok", "RU", "city")),
    # a country alone, or a place the gazetteer does not know in a named country: the capital
    ("South Korea", ("South Korea", "KR", "country")),
    ("Vostochny Cosmodrome, Amur Oblast, Russia", ("Russia", "RU", "country")),
    # a US state after the place is a region, not the town 'Maryland City'
    ("Camp David, Maryland, United States", ("United States", "US", "country")),
    # other scripts and spellings
    ("Пхеньян, КНДР", ("Pyongyang", "KP", "city")),
    ("평양", ("Pyongyang", "KP", "city")),
    ("Москва, Россия", ("Moscow", "RU", "city")),
    ("東京、日本", ("Tokyo", "JP", "city")),
    ("  wonsan ,  DPRK ", ("Wŏnsan", "KP", "city")),
    # ambiguous names: the country named wins, then the most populous
    ("Moscow, Idaho, United States", ("Moscow", "US", "city")),
    ("Moscow", ("Moscow", "RU", "city")),
    ("Washington", ("Washington", "US", "city")),
])
def test_the_gazetteer_places_real_locations(location: str, expected: tuple) -> None:
    assert _where(location) == expected


@pytest.mark.parametrize("location", [
    "Sea of Japan", "Near the Korean Peninsula", "Harbour City", "", "   ", ",,,",
])
def test_seas_regions_and_unknown_places_are_not_guessed(location: str) -> None:
    assert guess(location) is None


def test_a_city_only_known_in_another_country_than_the_one_named_is_not_taken() -> None:
    # there is a Busan in South Korea only: "Busan, Japan" is placed in Japan, not Korea
    assert _where("Busan, Japan") == ("Japan", "JP", "country")


def test_the_guess_is_deterministic_and_gives_the_geonames_point() -> None:
    first = guess("Pyongyang, North Korea")
    again = places.Gazetteer.guess(places.gazetteer(), "Pyongyang, North Korea")  # not remembered
    assert first == again
    assert (round(first.latitude, 2), round(first.longitude, 2), first.geonameid) == (39.03, 125.75, 1871859)
    assert first.source == "gazetteer"


def test_curated_coordinates_win_over_the_location_text() -> None:
    event = Event.model_validate({
        "title": "Summit", "date": "2023-08-18", "location": "Camp David, Maryland, United States",
        "coordinates": {"latitude": 39.6478, "longitude": -77.4650}, "precision": "exact"})
    place = place_of(event)
    assert (place.latitude, place.longitude, place.name, place.precision, place.source) == (
        39.6478, -77.465, "Camp David, Maryland, United States", "exact", "curated")


def test_curated_coordinates_without_a_location_are_named_by_their_numbers() -> None:
    event = Event.model_validate({"title": "Drill", "date": "2023-10-22",
                                  "coordinates": {"latitude": 38.5, "longitude": 131}, "precision": "region"})
    place = place_of(event)
    assert (place.name, place.precision) == ("38.50, 131.00", "region")


def test_an_event_without_location_or_coordinates_is_not_placed() -> None:
    assert place_of(Event.model_validate({"title": "Talks", "date": "2023"})) is None


def test_fold_ignores_case_accents_and_spaces() -> None:
    assert fold("  Wŏnsan   CITY ") == "wonsan city"


def test_check_lists_guessed_and_unplaced_locations_where_they_are_written() -> None:
    sides = CliRunner().invoke(cli, ["check", "--root", str(FIXTURES / "sides"), "--places"])
    assert (sides.exit_code, sides.stdout) == (0, (
        "Content is valid.\n"
        "content/events/2024-05-01-summit.yml:3:1: location 'Пхеньян, КНДР' placed at Pyongyang, "
        "North Korea (39.03, 125.75), city level, GeoNames 1871859: if that is wrong, add `coordinates:`\n"
        "content/events/2024-05-04-parade.yml:3:1: location 'Pyongyang, North Korea' placed at Pyongyang, "
        "North Korea (39.03, 125.75), city level, GeoNames 1871859: if that is wrong, add `coordinates:`\n"))
    mini = CliRunner().invoke(cli, ["check", "--root", str(FIXTURES / "mini")])
    assert (mini.exit_code, mini.stdout) == (0, (
        "Content is valid.\nPlaces: 0 events placed by the gazetteer, 1 not placed; "
        "`briefings check --places` lists them.\n"))
    listed = CliRunner().invoke(cli, ["check", "--root", str(FIXTURES / "mini"), "--places"])
    assert listed.stdout.endswith(
        "content/events/2024-03-01-port-opening.yml:3:1: location 'Harbour City' is not on the map: the "
        "gazetteer finds no city or country in it; add `coordinates:` (and `precision:`) to place it\n")


def test_answers_kept_by_another_process_are_given_without_loading_the_gazetteer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    answer, capital = guess("Vladivostok, Russia"), places.country_place("KP")
    kept = places.known_answers()
    monkeypatch.setattr(places, "_answers", {})
    monkeypatch.setattr(places, "gazetteer", lambda: pytest.fail("the gazetteer was loaded"))
    places.remember_answers(kept)
    assert guess("Vladivostok, Russia") == answer and places.country_place("KP") == capital


def test_asked_apart_the_gazetteer_gives_the_same_answers_and_this_process_never_loads_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    questions = ["Pyongyang, North Korea", "Moscow, Idaho", "Somewhere off the map"]
    expected = [places.Gazetteer.guess(places.gazetteer(), text) for text in questions]
    capital = places.Gazetteer.country_place(places.gazetteer(), "SG")
    monkeypatch.setattr(places, "_answers", {})
    monkeypatch.setattr(places, "gazetteer", lambda: pytest.fail("the gazetteer was loaded here"))
    places.ask_apart(questions, ["SG"])
    assert [guess(text) for text in questions] == expected and expected[2] is None
    assert places.country_place("SG") == capital
