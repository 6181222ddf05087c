"""Quotes and speakers in the six languages of the briefings, one failure shape per case.

Every sentence here is made up for the test; none is taken from an article.
"""

from __future__ import annotations

import pytest

from generator.ingest.actors import Found, find_actors, profiles
from generator.ingest.quotes import find_quotes, quote_spans
from generator.model import Actor

ACTORS = {
    "sergei-lavrov": Actor(name="Sergei Lavrov", kind="person", title="Foreign Minister of Russia",
                           aliases=("Сергей Лавров", "سيرغي لافروف", "Sergueï Lavrov", "Serguéi Lavrov"),
                           short_names=("Lavrov", "Лавров", "لافروف", "라브로프"), affiliation="russia"),
    "vladimir-putin": Actor(name="Vladimir Putin", kind="person", title="President of Russia",
                            aliases=("Владимир Путин", "فلاديمير بوتين", "Vladimir Poutine", "블라디미르 푸틴"),
                            short_names=("Putin", "Путин", "بوتين", "Poutine", "푸틴"), affiliation="russia"),
    "kim-jong-un": Actor(name="Kim Jong Un", kind="person", title="Leader of North Korea",
                         aliases=("김정은", "Ким Чен Ын", "كيم جونغ أون"), affiliation="north-korea"),
    "russia": Actor(name="Russia", kind="state", aliases=("Россия", "روسيا", "Russie", "Rusia", "러시아")),
    "north-korea": Actor(name="North Korea", kind="state", aliases=("КНДР", "كوريا الشمالية", "북한")),
    "kcna": Actor(name="KCNA", kind="media", title="North Korea's state news agency",
                  aliases=("ЦТАК", "조선중앙통신"), affiliation="north-korea"),
    "choe-son-hui": Actor(name="Choe Son Hui", kind="person", title="Foreign Minister of North Korea",
                          aliases=("Цой Сон Хи", "최선희", "تشوي سون هوي"), short_names=("Choe",), affiliation="north-korea"),
    "russian-defence-ministry": Actor(name="Russian Defence Ministry", kind="organisation",
                                      aliases=("Минобороны РФ",), affiliation="russia"),
}


def _quotes(paragraphs: list[str]) -> list[tuple[str, str | None]]:
    report = find_actors(paragraphs, ACTORS)
    per = [[f for f in report.found if f.block == i] for i in range(len(paragraphs))]
    return [(q.text, q.speaker) for q in find_quotes(paragraphs, per, profiles(ACTORS))]


# --- quotation marks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a ‘b c’ d", ["b c"]),
        ("Korea’s ‘hostile’ plan", ["hostile"]),  # an apostrophe is no closing mark
        ("он сказал «мы на «Востоке» были» вчера", ["мы на «Востоке» были"]),  # outermost only
        ('он сказал "мы на "Востоке" были", и всё', ['мы на "Востоке" были']),  # straight, nested
        ('قال: "نحن مستعدون”.', ["نحن مستعدون"]),  # a straight opener closed by a curly mark
        ('그는 "준비됐다"고 말했다', ["준비됐다"]),  # a Korean particle right after the closing mark
        ("그는 ‘새 조항’은 없다고 했다", ["새 조항"]),
        ("he said «it is fine» and then «we will", ["it is fine"]),  # cut off: the open one is skipped
    ],
)
def test_quote_marks(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in quote_spans(text)] == expected


# --- speakers, language by language ---------------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # English: a name in apposition, a participle whose subject opens the sentence
        (["Sergei Lavrov, the veteran diplomat from Moscow, described the visit as “very warm”."],
         ("very warm", "sergei-lavrov")),
        (["Kim Jong Un lifted a glass to the hosts, predicting a “shared victory” soon."],
         ("shared victory", "kim-jong-un")),
        (["Lavrov spoke first. “We expect more talks,” he said."], ("We expect more talks", "sergei-lavrov")),
        (["North Korea kept quiet.", "“Ties grow stronger every month,” a ministry official said."],
         ("Ties grow stronger every month", None)),
        # French: inversion after an auxiliary, and 'a-t-il'
        (["« Nous parlerons de tout », a déclaré M. Poutine aux journalistes."],
         ("Nous parlerons de tout", "vladimir-putin")),
        (["Vladimir Poutine est arrivé.", "« Le voyage était long », a-t-il ajouté."],
         ("Le voyage était long", "vladimir-putin")),
        # Spanish: verb before subject after the quote, dropped subject, description
        (["«Seguiremos trabajando juntos», subrayó Lavrov en la rueda de prensa."],
         ("Seguiremos trabajando juntos", "sergei-lavrov")),
        (["«La visita fue útil», dijo Putin. «Volveremos pronto», agregó."],
         ("Volveremos pronto", "vladimir-putin")),
        (["Putin llegó el lunes.", "Después, el mandatario ruso aseguró que la cita fue «muy productiva»."],
         ("muy productiva", "vladimir-putin")),
        # Russian: subject before, inverted, institution after a preposition, 'там'
        (["Лавров заявил: «Мы готовы к диалогу»."], ("Мы готовы к диалогу", "sergei-lavrov")),
        (["«Переговоры прошли спокойно», — отметил Путин."], ("Переговоры прошли спокойно", "vladimir-putin")),
        (["«Учения завершены», — сообщили в Минобороны РФ.", "Там подчеркнули, что «всё прошло по плану»."],
         ("всё прошло по плану", "russian-defence-ministry")),
        (["«Делегации обменялись письмами», — передает агентство.", "Об этом пишет ЦТАК."],
         ("Делегации обменялись письмами", "kcna")),
        # Arabic: verb before subject, a participle, a dropped subject, 'according to'
        (["وقال لافروف: «العلاقات تتطور بسرعة»."], ("العلاقات تتطور بسرعة", "sergei-lavrov")),
        (["وأكد بوتين أن اللقاء كان جيدا، مضيفاً أن «الطرفين اتفقا على الكثير»."],
         ("الطرفين اتفقا على الكثير", "vladimir-putin")),
        (["وأضاف بوتين: «سنلتقي مجددا».", "وتابع: «الطريق ما زال طويلا»."], ("الطريق ما زال طويلا", "vladimir-putin")),
        (["«المحادثات كانت مثمرة» بحسب لافروف."], ("المحادثات كانت مثمرة", "sergei-lavrov")),
        # Korean: the topic before the quote, a pronoun topic, a dropped subject
        (["김정은 위원장은 이날 “협력을 넓히겠다”고 말했다."], ("협력을 넓히겠다", "kim-jong-un")),
        (["푸틴 대통령이 도착했다. 그는 “회담이 유익했다”고 밝혔다."], ("회담이 유익했다", "vladimir-putin")),
        (["라브로프 장관은 “대화를 이어가겠다”고 말했다.", "이어 “다음 달에 다시 만난다”고 덧붙였다."],
         ("다음 달에 다시 만난다", "sergei-lavrov")),
        (["조선중앙통신에 따르면 북한은 “새 시대가 열렸다”고 주장했다."], ("새 시대가 열렸다", "north-korea")),
    ],
)
def test_speakers(paragraphs: list[str], expected: tuple[str, str | None]) -> None:
    assert _quotes(paragraphs)[-1] == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a participle has the subject of its sentence, unless a name stands right before it
        (["North Korea answered on Friday, saying the drills were “a rehearsal”."], ("a rehearsal", "north-korea")),
        (["Putin left early, with KCNA saying the talks had gone “very well”."], ("very well", "kcna")),
        # a pronoun means the last person named as a subject, not the last speaker
        (["Putin said the visit was “useful”.", "Lavrov then met the press. He called it “a new stage”."],
         ("a new stage", "sergei-lavrov")),
        (["푸틴 대통령은 “유익했다”고 말했다.", "이어 라브로프 장관이 기자들을 만났다.", "그는 “새 단계”라고 평가했다."],
         ("새 단계", "sergei-lavrov")),
        # a verb with no subject: the last subject, here named by a description
        (["El jefe de la diplomacia rusa visitó el puerto.", "«Hubo mucho que ver», añadió."],
         ("Hubo mucho que ver", "sergei-lavrov")),
        # a Korean quotative ending is a cue whatever the verb; a phrase's person is its speaker
        (["세르게이 라브로프 러시아 외무장관은 “다시 오겠다”고 화답했다."], ("다시 오겠다", "sergei-lavrov")),
        # a paragraph that is only a quote goes on with the speaker of the paragraph before
        (["Lavrov told reporters: “The plan is ready.”", "“We will sign it next week.”"],
         ("We will sign it next week", "sergei-lavrov")),
        # descriptions with a state: the actor of that state whose title fits, else the state
        (["Встреча прошла в Москве.", "Министр иностранных дел КНДР сказала, что «всё впереди»."],
         ("всё впереди", "choe-son-hui")),
        (["Lavrov arrived in North Korea on Monday.", "The North’s foreign ministry said the trip was “timely”."],
         ("timely", "north-korea")),
        (["وصل لافروف إلى المدينة.", "وشدد وزير الخارجية الروسي على «أهمية الحوار»."], ("أهمية الحوار", "sergei-lavrov")),
        # 'a … official' is someone not named
        (["Putin spoke first.", "“Nothing changes,” a defence ministry official told reporters."],
         ("Nothing changes", None)),
    ],
)
def test_speakers_from_context(paragraphs: list[str], expected: tuple[str, str | None]) -> None:
    assert _quotes(paragraphs)[-1] == expected


def test_an_ambiguous_short_form_means_the_one_actor_named_in_full() -> None:
    paragraphs = ["Choe Son Hui flew in.", "Choe said it was “a good start”."]
    found = [[Found(0, 0, 12, "Choe Son Hui", "choe-son-hui", "name")],
             [Found(1, 0, 4, "Choe", None, "ambiguous")]]
    assert [(q.text, q.speaker) for q in find_quotes(paragraphs, found, profiles(ACTORS))] == [
        ("a good start", "choe-son-hui")]
    found[0].append(Found(0, 20, 35, "Choe Ryong Hae", None, "name"))  # someone else shares it
    other = ["Choe Son Hui flew in with Choe Ryong Hae.", paragraphs[1]]
    assert [q.speaker for q in find_quotes(other, found, profiles(ACTORS))] == [None]


def test_repeated_words_take_the_speaker_of_the_attributed_quote() -> None:
    quotes = _quotes([
        "Lavrov went to the east to discuss “the border question” and more.",
        "He wanted to cover everything, “including the border question”, Lavrov said.",
    ])
    assert quotes[0] == ("the border question", "sergei-lavrov")


# --- names in quotation marks are not quotes --------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "The two signed the treaty “Friendship and Trust” on Monday, Lavrov said.",  # after 'treaty'
        "Putin showed Kim the new “Angara” rocket, KCNA said.",  # capitalised, then 'rocket'
        "Путин показал гостю космодром «Восточный», сообщил Лавров.",
        "وقال لافروف في منشور على حسابه الرسمي في منصة \"تلغرام\" إن الزيارة انتهت.",
        "Le traité « Alliance du Nord » a été signé, a déclaré M. Poutine.",
        "El acuerdo fue llamado «Puente del Este» por la prensa.",
        "양국은 ‘포괄적 동반자 관계 조약’을 비준했다고 말했다.",  # a Korean name ends with 'treaty'
        "The country saw itself as the winner of the “Great Eastern War.”",  # no cue, a capitalised name
        "وأفادت القناة عن \"وزيرة الخارجية\" لافروف أنها وصلت.",  # a quoted title before a name
        "The delegation toured the “Arms fair 2024” in the capital.",  # a title with a year
        "대표단은 ‘해방절’ 행사를 참관했다.",  # one word, in a script without capitals
    ],
)
def test_names_in_quotation_marks_are_not_quotes(paragraph: str) -> None:
    assert _quotes([paragraph]) == []


def test_a_lowercase_phrase_with_no_cue_is_kept_unattributed() -> None:
    assert _quotes(["The banner simply read “hope”."]) == [("hope", None)]


# --- shapes met in real articles of batch b (sentences made up here) -------------------------


def _headline_quotes(headline: str, body: list[str]) -> list[tuple[str, str | None]]:
    paragraphs = [headline, *body]
    report = find_actors(paragraphs, ACTORS)
    per = [[f for f in report.found if f.block == i] for i in range(len(paragraphs))]
    known = profiles(ACTORS)
    body_quotes = find_quotes(body, per[1:], known)
    return [(q.text, q.speaker) for q in find_quotes([headline], per[:1], known, headline=True)] + [
        (q.text, q.speaker) for q in body_quotes]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # an adverb between the auxiliary and the verb of an inversion
        (["Le Kremlin a parlé lundi.", "« Nous resterons proches », a également déclaré Vladimir Poutine."],
         ("Nous resterons proches", "vladimir-putin")),
        # the name in apposition after a description that follows the verb
        (["« Le calendrier est fixé », a déclaré le ministre russe des Affaires étrangères, Sergueï Lavrov."],
         ("Le calendrier est fixé", "sergei-lavrov")),
        # a Korean surname and office stand for the person named in full earlier
        (["최선희 외무상이 모스크바에 도착했다.", "이날 최 외무상은 “협력이 깊어지고 있다”고 했다."],
         ("협력이 깊어지고 있다", "choe-son-hui")),
        # a feminine description after an Arabic verb of saying
        (["وصلت تشوي سون هوي إلى موسكو.", "وقالت الوزيرة خلال اللقاء مع بوتين: «نحن ممتنون»."],
         ("نحن ممتنون", "choe-son-hui")),
        # a second quote with no cue goes on from the quote before, nobody else named between
        (["Lavrov was upbeat. “Ties are close,” he said. “We will go further.”"],
         ("We will go further", "sergei-lavrov")),
        # a verb the rules do not know: the sentence's subject
        (["Kim Jong Un lauded a “new level of partnership” between the two states."],
         ("new level of partnership", "kim-jong-un")),
        # the agency after the quote reports what the sentence's subject said ...
        (["Lavrov praised the “steady partnership” with Pyongyang, KCNA said."],
         ("steady partnership", "sergei-lavrov")),
        # ... but not a possessive, nor two subjects: then the words are the agency's
        (["Putin's trip matters for “deepening the ties”, KCNA said."], ("deepening the ties", "kcna")),
        (["Kim y Putin coincidieron en “asuntos de interés común”, según ЦТАК."],
         ("asuntos de interés común", "kcna")),
    ],
)
def test_speakers_of_real_shapes(paragraphs: list[str], expected: tuple[str, str | None]) -> None:
    assert _quotes(paragraphs)[-1] == expected


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("“북한이 협력에 동의” 조선중앙통신", ("북한이 협력에 동의", "kcna")),  # the speaker after the quote
        ("러시아 외무장관, “북한이 많이 도왔다”", ("북한이 많이 도왔다", "sergei-lavrov")),  # a description before
        ("Лавров: «КНДР помогла»", ("КНДР помогла", "sergei-lavrov")),  # a name inside the quote never counts
    ],
)
def test_speakers_in_headlines(headline: str, expected: tuple[str, str | None]) -> None:
    body = ["세르게이 라브로프 외무장관이 도착했다." if "외무장관" in headline else "Sergei Lavrov arrived."]
    assert _headline_quotes(headline, body)[0] == expected
