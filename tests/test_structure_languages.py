"""The structure of news pages in six languages: headline, date, byline, body and page furniture.

Every page here is made up for the test; none is copied from a real article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.text import ArticleText, Block, check_anchor, parse_article

from .conftest import REPO


def _kinds(raw: str, outlets: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in parse_article(raw, outlets).blocks]


def _headline(raw: str) -> str | None:
    block = parse_article(raw).first("headline")
    return block.text if block else None


# --- one page per language ----------------------------------------------------------


def test_english_page_with_section_agency_and_advert() -> None:
    raw = (
        "World\n\nEnvoys from Moscow and Pyongyang agree on a new rail link\n\nReuters\n\n"
        "March 3, 2024 10:05 am\n\n[Source: Reuters]\n\n"
        "Officials from both capitals signed a short protocol on Monday about freight trains.\n\n"
        "Article continues after advertisement\n\n"
        "The line is expected to open next spring, according to the signatories.\n"
    )
    assert _kinds(raw) == [
        ("clutter", "World"),
        ("headline", "Envoys from Moscow and Pyongyang agree on a new rail link"),
        ("byline", "Reuters"),
        ("date", "March 3, 2024 10:05 am"),
        ("source", "[Source: Reuters]"),
        ("paragraph", "Officials from both capitals signed a short protocol on Monday about freight trains."),
        ("clutter", "Article continues after advertisement"),
        ("paragraph", "The line is expected to open next spring, according to the signatories."),
    ]


def test_french_page_with_breadcrumb_doubled_caption_and_comment_count() -> None:
    raw = (
        "International\nAsie\n\nLe ministre coréen arrive à Moscou pour deux jours\n\n"
        "Une visite très attendue par les deux capitales\n\n"
        "Le ministre salue la foule à sa descente d'avion.\n"
        "Le ministre salue la foule à sa descente d'avion.Keystone\n"
        "12.03.2024, 10:1512.03.2024, 11:02\n\n"
        "Le ministre a été accueilli mardi matin par son homologue sur le tarmac de l'aéroport.\n\n"
        "Lire aussi : Un autre sujet sans rapport avec la visite\n"
        "0 Commentaires\n"
    )
    assert _kinds(raw) == [
        ("clutter", "International"),
        ("clutter", "Asie"),
        ("headline", "Le ministre coréen arrive à Moscou pour deux jours"),
        ("standfirst", "Une visite très attendue par les deux capitales"),
        ("caption", "Le ministre salue la foule à sa descente d'avion."),
        ("caption", "Le ministre salue la foule à sa descente d'avion.Keystone"),
        ("date", "12.03.2024, 10:1512.03.2024, 11:02"),
        ("paragraph", "Le ministre a été accueilli mardi matin par son homologue sur le tarmac de l'aéroport."),
        ("clutter", "Lire aussi : Un autre sujet sans rapport avec la visite"),
        ("clutter", "0 Commentaires"),
    ]


def test_spanish_page_with_skip_links_glued_sections_and_editor_initials() -> None:
    raw = (
        "1. Ir al contenido\n  2. Ir al menú principal\nPolíticaEuropa\n\n"
        "El canciller viaja a Pyongyang para hablar de comercio\n\n3 de marzo de 2024\n\n"
        "El canciller salió el lunes hacia la capital norcoreana con una delegación reducida.\n\n"
        "El canciller en el aeropuerto. (Imagen de archivo: 01.02.2024)\n"
        "El canciller en el aeropuerto. (Imagen de archivo: 01.02.2024)Imagen: Ana Pérez/dpa\n\n"
        "La visita durará tres días, según fuentes oficiales.\n\nab (efe, afp)\n"
    )
    assert _kinds(raw) == [
        ("clutter", "1. Ir al contenido"),
        ("clutter", "2. Ir al menú principal"),
        ("clutter", "PolíticaEuropa"),
        ("headline", "El canciller viaja a Pyongyang para hablar de comercio"),
        ("date", "3 de marzo de 2024"),
        ("paragraph", "El canciller salió el lunes hacia la capital norcoreana con una delegación reducida."),
        ("caption", "El canciller en el aeropuerto. (Imagen de archivo: 01.02.2024)"),
        ("caption", "El canciller en el aeropuerto. (Imagen de archivo: 01.02.2024)Imagen: Ana Pérez/dpa"),
        ("paragraph", "La visita durará tres días, según fuentes oficiales."),
        ("clutter", "ab (efe, afp)"),
    ]


def test_russian_page_with_skip_link_section_counter_caption_and_name_card() -> None:
    raw = (
        "Перейти к основному контенту\nОбщество,\n0\n\nДелегация из Пхеньяна прибыла в Казань\n\n"
        "Гости осмотрели завод и встретились с руководством республики во вторник.\n"
        "Делегация у входа\nДелегация у входа (Фото: пресс-служба)\n\n"
        "Переговоры продлятся до пятницы, сообщили организаторы.\n"
        "Иванов\nПетр Сергеевич\nДиректор завода\n"
    )
    assert _kinds(raw) == [
        ("clutter", "Перейти к основному контенту"),
        ("clutter", "Общество,"),
        ("clutter", "0"),
        ("headline", "Делегация из Пхеньяна прибыла в Казань"),
        ("paragraph", "Гости осмотрели завод и встретились с руководством республики во вторник."),
        ("caption", "Делегация у входа"),
        ("caption", "Делегация у входа (Фото: пресс-служба)"),
        ("paragraph", "Переговоры продлятся до пятницы, сообщили организаторы."),
        ("clutter", "Иванов"),
        ("clutter", "Петр Сергеевич"),
        ("clutter", "Директор завода"),
    ]


def test_arabic_page_with_dateline_and_subheading() -> None:
    raw = (
        "القاهرة (وكالات)\n\n"
        "وصل وفد رسمي إلى العاصمة صباح اليوم لإجراء محادثات حول التجارة والنقل بين البلدين.\n"
        "تفاصيل الزيارة\n"
        "وقال المتحدث إن الجانبين اتفقا على مواصلة الحوار في الأشهر المقبلة.\n"
    )
    assert [kind for kind, _ in _kinds(raw)] == ["dateline", "paragraph", "subheading", "paragraph"]
    assert _headline(raw) is None


def test_arabic_headline_of_three_words_is_a_headline() -> None:
    raw = "وفد كوري يزور موسكو\n\nوصل وفد رسمي إلى العاصمة صباح اليوم لإجراء محادثات حول التجارة.\n"
    assert _headline(raw) == "وفد كوري يزور موسكو"


def test_korean_page_with_share_bullets_section_stamp_and_broadcast_markers() -> None:
    raw = (
        "• 페이스북\n  • 트위터\n  • URL복사\n정치\n\n북한 대표단, 모스크바 도착해 회담 시작\n\n"
        "등록 2024.03.05 10:20 / 수정 2024.03.05 11:02\n\n  • 이메일보내기\n  • 프린터\n"
        "오늘 오후 첫 회의\n\n[앵커]\n"
        "북한 대표단이 오늘 모스크바에 도착해 러시아 측과 회담을 시작했습니다.\n\n"
        "양측은 교통과 무역 문제를 논의할 예정입니다.\n"
    )
    assert _kinds(raw) == [
        ("clutter", "• 페이스북"),
        ("clutter", "• 트위터"),
        ("clutter", "• URL복사"),
        ("clutter", "정치"),
        ("headline", "북한 대표단, 모스크바 도착해 회담 시작"),
        ("date", "등록 2024.03.05 10:20 / 수정 2024.03.05 11:02"),
        ("clutter", "• 이메일보내기"),
        ("clutter", "• 프린터"),
        ("standfirst", "오늘 오후 첫 회의"),
        ("clutter", "[앵커]"),
        ("paragraph", "북한 대표단이 오늘 모스크바에 도착해 러시아 측과 회담을 시작했습니다."),
        ("paragraph", "양측은 교통과 무역 문제를 논의할 예정입니다."),
    ]


def test_korean_caption_printed_twice_in_a_row() -> None:
    raw = (
        "대표단 모스크바 도착\n\n"
        "[모스크바=AP/뉴스] 대표단이 공항에 도착하고 있다. 2024.03.05.\n\n"
        "[모스크바=AP/뉴스] 대표단이 공항에 도착하고 있다. 2024.03.05.\n\n"
        "대표단은 이날 오전 공항에 도착해 곧바로 회담장으로 이동했다.\n"
    )
    assert [kind for kind, _ in _kinds(raw)] == ["headline", "caption", "caption", "paragraph"]


# --- the headline -------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "Skip to main content\nNews\n\nTalks in Vladivostok end without a statement\n\nThe talks ended late.\n",
        "Ir al contenido\n\nTalks in Vladivostok end without a statement\n\nThe talks ended late.\n",
        "go to contents\nWorld\n\nTalks in Vladivostok end without a statement\n\nThe talks ended late.\n",
        "Friday, 8 March 2024\n\nTalks in Vladivostok end without a statement\n\nThe talks ended late.\n",
        "• Share\n• Print\n\nTalks in Vladivostok end without a statement\n\nThe talks ended late.\n",
        "The Daily Ledger\n\nTalks in Vladivostok end without a statement\n\nThe talks ended late.\n",
    ],
    ids=["skip-link", "es-skip-link", "go-to-contents", "masthead-date", "share-bullets", "masthead"],
)
def test_the_headline_is_never_page_chrome(raw: str) -> None:
    parsed = parse_article(raw, ["The Daily Ledger"])
    assert parsed.first("headline").text == "Talks in Vladivostok end without a statement"
    assert [b.text for b in parsed.paragraphs] == ["The talks ended late."]


def test_a_caption_above_the_headline_is_not_the_headline() -> None:
    raw = (
        "El ministro de Defensa, Juan Gómez, en Lisboa\n"
        "El ministro promete más fondos para la marina en su próximo presupuesto\n"
        "El ministro anunció el martes una partida adicional para la flota del Atlántico.\n"
    )
    assert _kinds(raw)[:2] == [
        ("caption", "El ministro de Defensa, Juan Gómez, en Lisboa"),
        ("headline", "El ministro promete más fondos para la marina en su próximo presupuesto"),
    ]


def test_a_headline_printed_twice_wins_over_menu_taglines() -> None:
    raw = (
        "Noticias\n\nTodo sobre el puerto\n\nLo último sobre la costa\n\n"
        "El puerto de Rason recibe su primer ferry en cinco años\n\n2024-05-02\n"
        "El puerto de Rason recibe su primer ferry en cinco años\n\n"
        "El barco llegó el jueves con doscientos pasajeros y carga variada.\n"
    )
    parsed = parse_article(raw)
    assert parsed.first("headline").line == 7
    assert [b.text for b in parsed.paragraphs] == ["El barco llegó el jueves con doscientos pasajeros y carga variada."]


@pytest.mark.parametrize(
    "raw",
    [
        "The delegation reached the capital on Tuesday and was met by the deputy minister.\n\nMore talks follow.\n",
        "Делегация прибыла в столицу во вторник и была встречена заместителем министра.\n\nДалее переговоры.\n",
        "Follow us on Image Source : AP The two ministers at the airport.\n\nThe delegation arrived on Tuesday.\n",
    ],
)
def test_a_page_that_starts_with_its_body_has_no_headline(raw: str) -> None:
    parsed = parse_article(raw)
    assert parsed.first("headline") is None
    assert parsed.paragraphs


# --- clutter by shape ----------------------------------------------------------------


@pytest.mark.parametrize(
    "bullet", ["• SHARE", "• COMPARTIR", "• ПОДЕЛИТЬСЯ", "• PDF", "• 공유", "• مشاركة", "• TELEGRAM NOW"]
)
def test_a_share_bullet_is_never_a_subheading(bullet: str) -> None:
    raw = f"Ports reopen after the storm\n\nThe first ships left on Monday.\n\n{bullet}\n\nMore left on Tuesday.\n"
    assert ("clutter", bullet) in _kinds(raw)
    assert not [b for b in parse_article(raw).blocks if b.kind == "subheading"]


def test_a_capitalised_line_between_paragraphs_is_still_a_subheading() -> None:
    raw = "Ports reopen after the storm\n\nThe first ships left on Monday.\n\nTRADE RESUMES\n\nMore left on Tuesday.\n"
    assert ("subheading", "TRADE RESUMES") in _kinds(raw)


@pytest.mark.parametrize(
    "line",
    [
        "Image Source : Reuters",
        "[Photo : Harbour News]",
        "Press office/TASS",
        "Two ministers at the signing. | Jane Roe/AFP via Getty Images",
        "The minister waves at the crowd in the port. [TASS]",
        "A ferry leaves the harbour. (Reuters/John Doe)",
        "Sergei Ivanov (Фото: пресс-служба)",
        "Video: harbour channel",
    ],
)
def test_photo_credits_and_captions(line: str) -> None:
    raw = f"Ports reopen after the storm\n\nThe first ships left on Monday.\n\n{line}\n\nMore left on Tuesday.\n"
    assert ("caption", line) in _kinds(raw)


def test_a_paragraph_signed_off_with_lowercase_initials_stays_body() -> None:
    raw = "Ports reopen after the storm\n\nThe first ships left on Monday, the agency said. (ats/jch)\n"
    body = [b.text for b in parse_article(raw).paragraphs]
    assert body == ["The first ships left on Monday, the agency said. (ats/jch)"]


@pytest.mark.parametrize(
    "line",
    [
        "jane.roe@ledger.example",
        "Follow us on Telegram",
        "Читайте также: Другая новость",
        "اقرأ أيضا: خبر آخر",
        "관련기사",
        "Suscríbete a nuestro boletín",
        "Partager",
        "12 comments",
        "pic.twitter.com/abc123",
    ],
)
def test_one_line_clutter(line: str) -> None:
    raw = f"Ports reopen after the storm\n\nThe first ships left on Monday.\n\n{line}\n\nMore left on Tuesday.\n"
    assert ("clutter", line) in _kinds(raw)


def test_a_related_list_is_clutter_up_to_the_next_sentence() -> None:
    raw = (
        "Ports reopen after the storm\n\nThe first ships left on Monday.\n\nRelated articles\n\n"
        "Storm closes ports along the coast\n\nFishermen count their losses\n\nMore left on Tuesday.\n"
    )
    body = [b.text for b in parse_article(raw).paragraphs]
    assert body == ["The first ships left on Monday.", "More left on Tuesday."]


def test_a_post_embedded_in_another_language_is_clutter() -> None:
    raw = (
        "El puerto reabre tras la tormenta\n\n"
        "Los primeros barcos salieron el lunes por la mañana desde el muelle principal de la ciudad.\n\n"
        "El alcalde dijo que la carga se retomará en los próximos días con normalidad.\n\n"
        "The port is open again and the ships are leaving for the north, thanks to all of the crews.\n\n"
        "Las autoridades esperan que el tráfico se normalice a lo largo de la semana.\n"
    )
    texts = [b.text for b in parse_article(raw).paragraphs]
    assert len(texts) == 3 and not any(t.startswith("The port") for t in texts)


def test_wire_datelines_and_date_stamps() -> None:
    raw = "BERLIN 4 Mar. (AGENCIA) -\n\nEl ministro llegó ayer a la capital alemana para una visita breve.\n"
    assert _kinds(raw)[0] == ("date", "BERLIN 4 Mar. (AGENCIA) -")
    raw = "LONDRES (AFP)\n\nLe ministre est arrivé hier dans la capitale pour une brève visite.\n"
    assert _kinds(raw)[0] == ("dateline", "LONDRES (AFP)")


# --- anchors ---------------------------------------------------------------------------


def test_paragraphs_know_their_raw_line_and_back() -> None:
    raw = "Ports reopen\n\nFirst ships left.\n\nShare\n\nMore left later.\n"
    parsed = parse_article(raw)
    assert [parsed.line_of(n) for n in (1, 2, 3)] == [3, 7, None]
    assert [parsed.paragraph_at(line) for line in (3, 5, 7)] == [1, None, 2]


def test_a_stored_reference_follows_its_line_when_clutter_detection_improves() -> None:
    raw = "Ports reopen\n\nWatch the video\n\nFirst ships left.\n\nMore left later.\n"
    # as parsed by an older, weaker classifier: the widget line was paragraph 1
    before = ArticleText((
        Block("headline", "Ports reopen", 1), Block("paragraph", "Watch the video", 3),
        Block("paragraph", "First ships left.", 5), Block("paragraph", "More left later.", 7),
    ))
    stored_number, stored_line = 3, before.line_of(3)
    now = parse_article(raw + "")
    now = ArticleText(tuple(Block("clutter", b.text, b.line) if b.line == 3 else b for b in now.blocks))
    anchor = check_anchor(now, stored_number, stored_line)
    assert (anchor.number, anchor.moved_from) == (2, 3)
    assert now.paragraphs[anchor.number - 1].text == "More left later."
    assert check_anchor(now, 1, 3).number is None  # the line is no longer body text: report it
    assert check_anchor(now, 1).number == 1  # an old reference without a line is taken as it is


SEED_PARAGRAPH_LINES = {
    "000_46cb654348181e77.txt": [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14],
    "001_96fd2f50b58f619b.txt": list(range(16, 39, 2)),
}


@pytest.mark.parametrize("name", sorted(SEED_PARAGRAPH_LINES))
def test_the_seed_articles_keep_their_paragraph_numbers(name: str) -> None:
    """Curated facts point at these numbers: paragraph n must stay on the same raw line."""
    raw = (Path(REPO) / "seeds" / name).read_text(encoding="utf-8")
    parsed = parse_article(raw, ["The Korea Herald", "CNA"])
    assert [b.line for b in parsed.paragraphs] == SEED_PARAGRAPH_LINES[name]
