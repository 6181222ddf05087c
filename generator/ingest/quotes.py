"""Direct quotes in the body and who said them, in English, French, Spanish,
Russian, Arabic and Korean.

Quotation marks
    Curly (“ ” ‘ ’), straight, guillemets (« »), low-high (\u201e “) and corner
    brackets (「 」) are paired on a stack, so a quote inside a quote stays
    inside it and only the outermost span counts ('«… «Восточный» …»'). A
    straight quote opens after a space and closes before one; a ’ between
    letters is an apostrophe; a closing mark may close a straight opener
    ('"…”'). A quote still open where the paragraph ends (a truncated text)
    is skipped, and what it enclosed is read as if it were not there.

Sentences
    A sentence ends at '.', '!' or '?' (or '。') followed by a space and
    anything but a lowercase letter, outside quotes and not after an
    abbreviation ('M.', 'U.S.', 'Mr.'), so scripts without capitals split too.

Cues of attribution
    Verbs of saying and 'according to' words are tables by language
    (`_SAYING`, `_ACCORDING`). A cue's subject is looked for next to it:
    before it ('Lavrov said', 'Лавров заявил', 'Kim, the leader, said'),
    after it ('said Lavrov', '», — заявил Лавров', 'وقال بوتين', 'selon le
    Kremlin', 'сообщили в Минобороны'), or as the topic before the quote in
    Korean ('김 위원장은 “…”라고 말했다'; '에 따르면' follows its noun). The
    side tried first is the one the language and position favour: after the
    cue for Arabic verbs, for prepositions and for a verb right after the
    quote (an inversion), before it otherwise.

    A Korean quotative ending right after a closing mark ('”고', '”라며') is a
    cue whatever verb follows it.

    A subject is a known actor's mention (an ambiguous short form counts when
    one actor of the article carries it in full: 'Choe' after 'Choe Son
    Hui'), a pronoun ('he', 'он', '그는': the last person named as a subject;
    'там': the previous speaker), a description ('the ministry', 'el titular
    de Exteriores ruso', 'министр иностранных дел КНДР') matched against the
    titles of actors of the state it names, named so far, then anywhere in
    the article, then among all known actors (or, for an institution with
    none to fit, that state), or a capitalised name nobody knows (then the
    quote is kept with no speaker). A cue without a subject (', saying',
    'مضيفاً', Spanish ', agregó', Arabic 'وأضاف') falls back to an earlier cue
    of the sentence, then to the actor the sentence opens with, then to the
    last subject: every paragraph notes its subjects (a name or description
    a clause opens with, a Korean topic, the name by a verb of saying, the
    speaker of each quote). A paragraph that is only quotes, with no cue,
    goes on with the speaker of the paragraph before.

Speaker of a quote
    The cue before the quote in its sentence wins; failing that, the first
    cue after it. When both name someone and the second is a news outlet, it
    is recorded as `via`; 'state media reported' gives the speaker's state
    media. A quote whose words are repeated in a quote with a speaker gets
    that speaker.

Not quotes
    Names in quotation marks: a short span right after a word that names a
    kind of thing (treaty, operation, platform, channel, cosmodrome …, per
    language in `_NAMING`), a short span right before a known name (a quoted
    title), and a short span with no cue in its sentence (unless its words
    are repeated in an attributed quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import takewhile

from ..mentions import fold
from .actors import Found, Profile

_CLOSERS = {  # each opening mark and the marks that close it
    "\u201c": "\u201d\"", "\u00ab": "\u00bb", "\u201e": "\u201c\u201d", "\u300c": "\u300d",
    "\u300e": "\u300f", '"': '"\u201d', "\u2018": "\u2019", "\u201a": "\u2018\u2019",
    "\u2033": "\u2033",  # a double prime, which some Korean pages print as quotation marks
}
_OPEN_SPACE = " \t\n([{\u2014\u2013-:/\u00a0" + "".join(_CLOSERS)

# --- tables by language -----------------------------------------------------

_SAYING: dict[str, str] = {
    "en": "said says say told tells added adds stated wrote writes noted asked warned insisted declared "
          "announced explained argued claimed replied continued reported reports commented stressed urged "
          "termed called described wants wanted pledged vowed accused quoted quoting thanked praised "
          "criticised criticized denounced slammed hailed welcomed condemned mocked quipped affirmed "
          "reaffirmed emphasised emphasized underlined recalled complained acknowledged saying adding "
          "noting stressing predicting predicted assured confirmed denied",
    "fr": "dit dit-il déclaré déclare affirmé affirme ajouté ajoute souligné souligne indiqué indique "
          "expliqué explique estimé estime précisé précise assuré assure annoncé annonce rapporté "
          "rapporte écrit insisté noté averti prévenu répondu confié lancé salué qualifié martelé "
          "rappelé rappelle poursuivi déclarant affirmant ajoutant soulignant estimant expliquant",
    "es": "dijo dice afirmó afirma declaró declara señaló señala aseguró asegura indicó indica agregó "
          "agrega añadió añade explicó explica comentó comenta elogió informó informa subrayó subraya "
          "destacó destaca manifestó expresó advirtió advierte sostuvo sostiene apuntó precisó reiteró "
          "enfatizó calificó escribió respondió recordó insistió denunció criticó agradeció anunció "
          "dicho afirmado declarado señalado asegurado indicado agregado añadido explicado comentado "
          "subrayado destacado expresado advertido informado escrito calificado añadiendo afirmando "
          "asegurando señalando subrayando",
    # past tenses are stems: 'заявил' also stands for 'заявила', 'заявило', 'заявили'
    "ru": "сказал заявил отметил подчеркнул добавил сообщил указал передал написал пояснил рассказал "
          "назвал заверил проинформировал констатировал предупредил уточнил признал ответил заметил "
          "говорил высказал призвал напомнил выразил оценил процитировал заявляет сообщает сообщают "
          "передает передаёт пишет говорится говорит указывает отмечает отмечают информирует "
          "подчеркивает подчёркивает считает уточняет добавив отметив подчеркнув заявив назвав указав",
    # 'و' or 'ف' may lead; participles ('مضيفاً') are stems followed by the accusative ending
    "ar": "قال قالت يقول تقول أضاف أضافت يضيف تابع تابعت أكد أكدت يؤكد أشار أشارت يشير أوضح أوضحت "
          "ذكر ذكرت صرح صرحت أعلن أعلنت وصف وصفت شدد شددت لفت لفتت اعتبر اعتبرت أفاد أفادت كتب كتبت "
          "شكر شكرت نقل نقلت أورد أوردت",
    # stems: '말했다', '밝혔다', '강조하며' …; '라며' is 'saying' attached to the quote
    "ko": "말했 말하 밝혔 밝히 강조했 강조하 전했 덧붙였 설명했 보도했 주장했 지적했 언급했 평가했 "
          "촉구했 경고했 발표했 답했 비판했 비난했 했다 했습니다 했으며",
}
_AR_PARTICIPLES = "مضيف مشير مؤكد موضح معتبر مشيد قائل"
_PARTICIPLE = re.compile(r"(?:ing|ant|ando|iendo|ив|нув)$|(?:ا\u064b?|\u064bا)$")
_ACCORDING: dict[str, str] = {
    "en": r"according\s+to|citing",
    "fr": r"selon|d['’]après|citant",
    "es": r"según|de\s+acuerdo\s+con|citando\s+a",
    "ru": r"по\s+словам|по\s+данным|по\s+информации|со\s+ссылкой\s+на|как\s+(?:сообщает|сообщил[аои]?|пишет|передает|передаёт)",
    "ar": r"(?:و)?(?:بحسب|حسب|حسبما|وفقا\s*ل|وفقاً\s*ل|نقلا\s+عن|نقلاً\s+عن)",
    "ko": r"에\s*따르면|에\s*의하면",
}
_AUXILIARY = re.compile(r"\W*(?:(?:a|ont|avait|avaient|ha|han|había|habían|has|had|was)\s+(?:[a-zà-ÿ]+\s+)?)?")
"""What may open a clause before the verb of an inversion ('», a déclaré M. Lavrov'),
an adverb included ('», a également déclaré Vladimir Poutine')."""
_SUBJECT_AFTER = {"ar"}
"""Languages whose verbs of saying come before their subject ('وقال بوتين')."""
_SUBJECT_BEFORE_ONLY = {"ko"}
"""Languages whose subject always comes before the verb (and before the quote)."""

_PRONOUNS: dict[str, tuple[str, ...]] = {
    "person": ("he", "she", "il", "elle", "él", "ella", "он", "она", "هو", "هي", "그는", "그녀는", "그가"),
    "thing": ("it", "they", "ils", "elles", "ellos", "ellas", "оно", "они", "هم"),
    "place": ("there", "là", "allí", "ahí", "там", "здесь", "هناك"),
}
"""Pronouns that can be the subject of a verb of saying: a person, an institution,
or a place standing for whoever spoke last ('Там сообщили')."""

_NAMING: dict[str, str] = {
    "en": "treaty agreement pact accord operation missile missiles rocket satellite cosmodrome spaceport "
          "base platform app channel network newspaper daily magazine program programme project plan "
          "doctrine exercise exercises drill drills party movement company ship vessel submarine war "
          "pandemic account dubbed named codenamed",
    "fr": "traité accord pacte opération missile missiles fusée satellite cosmodrome base plateforme "
          "application chaîne réseau journal quotidien programme projet plan doctrine exercice exercices "
          "parti mouvement navire sous-marin guerre pandémie compte baptisé nommé",
    "es": "tratado acuerdo pacto operación misil misiles cohete satélite cosmódromo base plataforma "
          "aplicación canal cadena red periódico diario programa proyecto plan doctrina ejercicio "
          "ejercicios partido movimiento buque barco submarino guerra pandemia cuenta denominado llamado",
    "ru": "договор договора договоре договором соглашение соглашения соглашении пакт операция операции "
          "операцию ракета ракеты ракету ракет ракетой спутник спутника спутником космодром космодрома "
          "космодроме космодромом база базы базе платформа платформе приложение приложении канал канала "
          "канале телеканал телеканала телеканале газета газеты газете программа программы проект "
          "проекта план доктрина доктрины учения учений партия партии движение корабль корабля "
          "подлодка война войны войне пандемия агентство агентства комплекс комплекса",
    "ar": "معاهدة المعاهدة اتفاقية الاتفاقية اتفاق عملية العملية صاروخ الصاروخ صواريخ قمر القمر "
          "قاعدة منصة المنصة تطبيق قناة القناة شبكة صحيفة برنامج مشروع خطة مناورات حزب حركة سفينة "
          "غواصة حرب جائحة وباء حساب حسابه حسابها وكالة",
    "ko": "조약 협정 작전 미사일 로켓 위성 발사장 기지 플랫폼 채널 신문 프로그램 계획 훈련 정당 함정 잠수함 전쟁",
}
"""Words after which a short quoted span is the name of a thing ('the treaty “…”')."""
_NAMING_FILLER = set(fold(
    "the a an of on in its official de del la le les du des el en al по на в во о об официальном "
    "في على الرسمي الرسمية"
)[0].split())
"""Words that may stand between a naming word and the name ('its official account on “X”')."""

_DESCRIPTIONS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "envoy": ("person", "minister foreign ambassador diplomat envoy"), "diplomat": ("person", "diplomat foreign"),
        "leader": ("person", "leader president chairman"), "president": ("person", "president leader"),
        "minister": ("person", "minister"), "official": ("person", ""),
        "spokesperson": ("person", "spokesperson spokesman spokeswoman"),
        "spokesman": ("person", "spokesperson spokesman"), "spokeswoman": ("person", "spokesperson spokeswoman"),
        "chairman": ("person", "chairman"), "premier": ("person", "premier"),
        "secretary": ("person", "secretary"),
        "ambassador": ("person", "ambassador"),
        "agency": ("media", "agency news"), "media": ("media", "agency news media"),
        "ministry": ("organisation", "ministry"), "diplomats": ("organisation", "foreign ministry"),
        "government": ("state", ""), "report": ("source", ""), "statement": ("source", ""),
        "russian": ("", "russia"), "ukrainian": ("", "ukraine"), "korean": ("", "korea"),
        "north": ("state", "north"),
    },
    "fr": {
        "président": ("person", "president leader"), "dirigeant": ("person", "leader president"),
        "ministre": ("person", "minister"), "chef": ("person", "leader minister"),
        "dirigeante": ("person", "leader president"), "secrétaire": ("person", "secretary"),
        "porte-parole": ("person", "spokesperson spokesman spokeswoman"),
        "agence": ("media", "agency news"), "ministère": ("organisation", "ministry"),
        "diplomatie": ("organisation", "foreign ministry"), "gouvernement": ("state", ""),
        "communiqué": ("source", ""), "russe": ("", "russia"), "ukrainien": ("", "ukraine"),
        "nord-coréen": ("", "north korea"), "coréen": ("", "korea"), "nord": ("state", "north"),
    },
    "es": {
        "mandatario": ("person", "president leader"), "presidente": ("person", "president leader"),
        "líder": ("person", "leader president"), "ministro": ("person", "minister"),
        "ministra": ("person", "minister"), "presidenta": ("person", "president leader"),
        "secretario": ("person", "secretary"),
        "canciller": ("person", "foreign minister"), "portavoz": ("person", "spokesperson spokesman spokeswoman"),
        "titular": ("person", "minister"), "jefe": ("person", "leader minister"),
        "exteriores": ("organisation", "foreign ministry"), "cancillería": ("organisation", "foreign ministry"),
        "agencia": ("media", "agency news"), "ministerio": ("organisation", "ministry"),
        "diplomacia": ("organisation", "foreign ministry"), "gobierno": ("state", ""),
        "comunicado": ("source", ""), "ruso": ("", "russia"), "rusa": ("", "russia"),
        "ucraniano": ("", "ukraine"), "norcoreano": ("", "north korea"), "norcoreana": ("", "north korea"),
    },
    "ru": {
        "президент": ("person", "president leader"), "лидер": ("person", "leader president"),
        "глава": ("person", "leader minister president"), "министр": ("person", "minister"),
        "секретарь": ("person", "secretary"),
        "дипломат": ("person", "diplomat foreign"), "иностранных": ("", "foreign"), "обороны": ("", "defence"),
        "представитель": ("person", "spokesperson spokesman spokeswoman"),
        "агентство": ("media", "agency news"), "министерство": ("organisation", "ministry"),
        "ведомство": ("organisation", "ministry"), "дипломаты": ("organisation", "foreign ministry"),
        "мид": ("organisation", "foreign ministry"), "минобороны": ("organisation", "defence ministry"), "правительство": ("state", ""),
        "сообщение": ("source", ""), "сообщении": ("source", ""), "заявлении": ("source", ""),
        "российский": ("", "russia"), "российского": ("", "russia"), "северокорейский": ("", "north korea"),
        "северокорейского": ("", "north korea"), "украинский": ("", "ukraine"),
    },
    "ar": {
        "الرئيس": ("person", "president leader"), "الزعيم": ("person", "leader president"),
        "الوزير": ("person", "minister"), "وزير": ("person", "minister"), "المتحدث": ("person", "spokesperson spokesman"),
        "الوزيرة": ("person", "minister"), "وزيرة": ("person", "minister"), "الأمين": ("person", "secretary"),
        "المتحدثة": ("person", "spokesperson spokeswoman"), "الوكالة": ("media", "agency news"),
        "وكالة": ("media", "agency news"), "الوزارة": ("organisation", "ministry"),
        "الخارجية": ("organisation", "foreign ministry"), "الحكومة": ("state", ""), "البيان": ("source", ""),
        "الروسي": ("", "russia"), "الروسية": ("", "russia"), "الأوكراني": ("", "ukraine"),
        "الكوري": ("", "korea"), "الشمالي": ("", "north"), "الكورية": ("", "korea"), "الشمالية": ("", "north"),
    },
    "ko": {
        "위원장": ("person", "leader chairman"), "대통령": ("person", "president"), "장관": ("person", "minister"),
        "외무상": ("person", "foreign minister"), "국방상": ("person", "defence minister"),
        "외무장관": ("person", "foreign minister"), "외교장관": ("person", "foreign minister"),
        "국방장관": ("person", "defence minister"),
        "총참모장": ("person", "chief general staff"), "서기": ("person", "secretary"),
        "대변인": ("person", "spokesperson spokesman spokeswoman"), "통신": ("media", "agency news"),
        "정부": ("state", ""), "외무성": ("organisation", "foreign ministry"), "외무부": ("organisation", "foreign ministry"),
        "러시아": ("", "russia"), "북한": ("", "north korea"), "우크라이나": ("", "ukraine"),
    },
}
"""Words of a description ('the Russian envoy'): the kind of actor a head noun
means and the words of titles and affiliations each word stands for."""

_STOP = set(fold(
    "the a an of in its his her their s state run le la les l du de des un une son sa ses el los las "
    "del su sus al ال"
)[0].split())
_INDEFINITE = {"a", "an", "un", "une", "una", "uno", "unos", "unas", "des"}
_AND = {"and", "et", "y", "e", "и", "а", "و"}
"""Words that join two subjects or two clauses: no description runs across one."""
"""Articles that make a description someone not named ('a ministry official')."""
_TITLE_WORDS = set(fold(
    "m mr mrs ms dr st gen sen rep gov lt col no jr sr mme mm sra dra vs etc г гг им ул"
)[0].split())
"""Abbreviations whose full stop ends no sentence."""
_CALENDAR = set(fold(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december"
)[0].split())
"""Capitalised words that are no part of a name ('Choe Tuesday')."""

# --- patterns built from the tables -----------------------------------------------------


def _verb_pattern(language: str) -> str:
    words = _SAYING[language].split()
    if language == "ru":
        words = [w + "(?:а|о|и)?" if w.endswith("л") else w for w in words]
    if language == "ar":
        words = [f"(?:و|ف)?{w}" for w in words]
        words += [f"(?:و|ف)?{w}(?:ا\u064b?|\u064bا)" for w in _AR_PARTICIPLES.split()]
    return "|".join(sorted(words, key=len, reverse=True))


_CLOSING_MARKS = "\u201d\u2019\u00bb\u300d\u300f\"\u2033"


def _cue_pattern() -> re.Pattern[str]:
    """One pattern for every cue; its group names the language ('ru', 'ru_according').
    A Korean quotative ending right after a closing mark ('”고', '”라며', '”면서') is a cue
    whatever the verb that follows ('”고 화답했다', '”고 보고했다')."""
    parts = []
    for language in _SAYING:
        # Korean verbs take endings ('말했다'); Arabic 'وفقا ل' is joined to its noun
        verb_end = "" if language == "ko" else r"(?!\w)"
        according_end = "" if language in ("ko", "ar") else r"(?!\w)"
        parts.append(rf"(?P<{language}>(?<!\w)(?:{_verb_pattern(language)}){verb_end})")
        parts.append(rf"(?P<{language}_according>(?<!\w)(?i:{_ACCORDING[language]}){according_end})")
    parts.append(rf"(?P<ko_quotative>(?<=[{_CLOSING_MARKS}])(?:이)?(?:라고|라며|라면서|면서|며|고)(?!\w))")
    return re.compile("|".join(parts))


_CUE = _cue_pattern()
_NAMING_WORDS = {language: set(fold(words)[0].split()) for language, words in _NAMING.items()}
_PRONOUN_KIND = {word: kind for kind, words in _PRONOUNS.items() for word in words}
_DESCRIPTION = {fold(word)[0]: meaning for table in _DESCRIPTIONS.values() for word, meaning in table.items()}
_UNKNOWN = "?"
"""A subject that is there but is no known actor (or an ambiguous one)."""
_CAPITALISED = r"[A-ZА-ЯЁ][\w\u2019'-]+"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KO_CASE = re.compile(r"(?:의|에|에서|에게|께|과|와|을|를|로|도|만|[,.\u201d\u201c\"\u2033\u2019])$")
"""What ends a Korean word that is no part of the noun phrase after it ('북한과의', '질문에')."""
_MEDIA_KINDS = {"media"}
_SHORT = 4
"""A quoted span of at most this many words may be a name rather than a quote."""


@dataclass(frozen=True)
class FoundQuote:
    """A quote of the body, its paragraph (1-based) and, if settled, its speaker."""

    text: str
    paragraph: int
    speaker: str | None
    via: str | None
    how: str
    """How the speaker was found, for the draft's comments."""


@dataclass(frozen=True)
class _Cue:
    """A verb of saying or an 'according to' word, and the language it is of."""

    start: int
    end: int
    language: str
    according: bool
    participle: bool
    """'saying', 'ajoutant', 'añadiendo', 'добавив', 'مضيفاً': never followed by its subject."""


# --- quotation marks ------------------------------------------------------------------


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks, outermost only."""
    closed: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        role = _role(text, index, stack)
        if role == "open":
            stack.append((char, index))
        elif role == "close":
            depth = next(d for d in range(len(stack) - 1, -1, -1) if char in _CLOSERS[stack[d][0]])
            closed.append((stack[depth][1] + 1, index))
            del stack[depth:]
    outermost = [s for s in closed if not any(o[0] < s[0] and s[1] < o[1] for o in closed)]
    return sorted(outermost)


def _role(text: str, index: int, stack: list[tuple[str, int]]) -> str | None:
    """Whether the character at `index` opens a quote, closes one, or neither."""
    char = text[index]
    if char not in _CLOSERS and not any(char in closers for closers in _CLOSERS.values()):
        return None
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    closes = any(char in _CLOSERS[opener] for opener, _ in stack)
    opens = before in _OPEN_SPACE and not after.isspace()
    if char == "\u2019" and _latin(before) and _latin(after):
        return None  # an apostrophe: don’t, Korea’s
    if char in ('"', "\u2033") and closes and opens:
        return "open"  # a quote inside a quote: '"… "Восточный" …"'
    if char in ('"', "\u2033", "\u2019", "\u2018", "\u201c"):
        if closes and (char != "\u2018" or not opens):
            return "close"
        return "open" if char in _CLOSERS and opens else None
    if char in _CLOSERS:
        return "open"
    return "close" if closes else None


def _latin(char: str) -> bool:
    return char.isalpha() and ord(char) < 0x250


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


# --- the article ---------------------------------------------------------------------


@dataclass
class _Article:
    """What attribution needs to remember across paragraphs."""

    known: dict[str, Profile]
    everyone: list[str]
    """Every actor of the article, in order, for descriptions of actors named later."""
    seen: list[str] = field(default_factory=list)
    """Actors mentioned so far, most recent last."""
    voices: list[str] = field(default_factory=list)
    """Actors seen as the subject of a verb of saying, most recent last."""
    previous: str | None = None
    """Speaker of the previous quote (or `_UNKNOWN`)."""
    subjects: list[str] = field(default_factory=list)
    """Subjects of earlier paragraphs (actors, or `_UNKNOWN`), most recent last."""
    continued: str | None = None
    """Speaker of the last quote of the previous paragraph, which a paragraph that is
    only a quote continues."""


def find_quotes(
    paragraphs: list[str], found: list[list[Found]], known: dict[str, Profile], *, headline: bool = False
) -> list[FoundQuote]:
    """Every quote of `paragraphs`, given the resolved mentions of each paragraph.

    With `headline`, the one paragraph is a headline, where a name right before a
    quote is its speaker even with no verb ('北 "…"', 'КНДР: «…»')."""
    found = _settle_short_forms(paragraphs, found, known)
    article = _Article(known, [f.actor for mentions in found for f in mentions if f.actor])
    quotes: list[FoundQuote] = []
    for number, (text, mentions) in enumerate(zip(paragraphs, found), start=1):
        paragraph = _Paragraph(text, mentions, article, headline)
        for start, end in paragraph.spans:
            words = text[start:end].strip().rstrip(",.;:").strip()
            if not words:
                continue
            speaker, via, how = paragraph.attribute(start, end)
            quotes.append(FoundQuote(words, number, speaker, via, how))
        paragraph.remember()
    return _settle_repeats(quotes)


def _settle_short_forms(
    paragraphs: list[str], found: list[list[Found]], known: dict[str, Profile]
) -> list[list[Found]]:
    """Link an ambiguous short form ('Choe', 'Герасимов') to the one actor of the article
    whose full name contains it, unless the article also gives it to a name nobody
    knows ('Choe Ryong Hae' beside 'Choe Son Hui'): then it stays unlinked."""
    named = {f.actor for mentions in found for f in mentions if f.actor}
    settled = []
    for mentions in found:
        row = []
        for mention in mentions:
            if (mention.actor is None and mention.why == "ambiguous"
                    and not _in_an_unknown_name(mention.surface, paragraphs, found)):
                owners = [a for a in sorted(named) if _is_part_of_name(mention.surface, known[a])]
                if len(owners) == 1:
                    mention = replace(mention, actor=owners[0], why="short")
            row.append(mention)
        settled.append(row)
    return settled


def _in_an_unknown_name(surface: str, paragraphs: list[str], found: list[list[Found]]) -> bool:
    """Whether `surface` stands next to another capitalised word outside every known name
    (not a sentence's first word, a title, a day or a month: 'Ранее Герасимов', 'Minister
    Choe', 'Choe Tuesday')."""
    pattern = rf"(?<![\w.])(?<!^)({_CAPITALISED})[^\S\n]+{re.escape(surface)}(?!\w)|(?<!\w){re.escape(surface)}[^\S\n]+({_CAPITALISED})"
    for text, mentions in zip(paragraphs, found):
        for match in re.finditer(pattern, text):
            neighbour = match.group(1) or match.group(2)
            if fold(neighbour)[0] in _CALENDAR | _TITLE_WORDS or fold(neighbour)[0] in _DESCRIPTION or match.group(1) and re.search(r"[.!?]\s*$", text[:match.start()]):
                continue
            if not any(m.actor and m.start <= match.start() and match.end() <= m.end + 2 for m in mentions):
                return True
    return False


def _is_part_of_name(surface: str, profile: Profile) -> bool:
    """Whether `surface` is a word of one of the actor's names, allowing an inflected ending."""
    word = fold(surface)[0]
    for name in profile.names:
        for part in fold(name)[0].split():
            if len(part) >= 3 and (word == part or word.startswith(part) and len(word) - len(part) <= 2):
                return True
    return False


def _settle_repeats(quotes: list[FoundQuote]) -> list[FoundQuote]:
    """Give an unattributed quote the speaker of a quote that repeats its words; drop
    the short ones that nobody is said to have said."""
    settled = []
    for quote in quotes:
        if quote.speaker is None and quote.how.startswith("no "):
            words = fold(quote.text)[0]
            twin = next((q for q in quotes if q.speaker and q is not quote
                         and (words in fold(q.text)[0] or fold(q.text)[0] in words)), None)
            if twin is not None:
                quote = FoundQuote(quote.text, quote.paragraph, twin.speaker, None,
                                   "the same words are quoted elsewhere with a speaker")
            elif quote.how == "no cue in the sentence" and _looks_like_a_name(quote.text):
                continue
        settled.append(quote)
    return settled


@dataclass
class _Paragraph:
    text: str
    mentions: list[Found]
    article: _Article
    headline: bool = False
    spans: list[tuple[int, int]] = field(init=False)
    cues: list[_Cue] = field(init=False)
    subjects: list[tuple[int, str]] = field(init=False)
    """(position, actor or `_UNKNOWN`) of each subject of this paragraph: what a
    sentence opens with, a Korean topic, the speaker of a quote."""
    last_speaker: str | None = field(init=False, default=None)
    last_end: int = field(init=False, default=0)
    """Where the last attributed quote of this paragraph ends."""

    def __post_init__(self) -> None:
        self.spans = [s for s in quote_spans(self.text) if not self._is_name(*s)]
        self.cues = [c for c in self._all_cues() if not _inside(c.start, self.spans)]
        self.subjects = self._named_subjects()

    def _named_subjects(self) -> list[tuple[int, str]]:
        """Actors named as subjects: Korean topics ('라브로프 장관은'); elsewhere the name a
        clause opens with ('Putin llegó', 'Hier, M. Poutine a', 'وقال بوتين') and the name
        right before a verb of saying, or else right after it ('сообщил … Зеленский')."""
        if _HANGUL.search(self.text):
            return [(end, actor) for particles in ("은는", "이가")
                    for end, actor in self._marked(0, len(self.text), particles)]
        subjects = []
        openings = set()
        for lo in [0, *self._boundaries()]:
            after_comma = re.match(r"(?:[^,.]{1,40},\s*)?", self.text[lo:]).end()  # 'Tras la reunión, …'
            openings |= {lo, lo + after_comma}
        for start in sorted(openings):
            described = self._described(start, self._sentence_end(start), leading=True)
            if described and described != _UNKNOWN:
                subjects.append((start, described))
            named = [m for m in self._outside(start, self._sentence_end(start)) if m.actor]
            if named and all(_is_filler(w) for w in re.findall(r"[\w-]+", fold(self.text[start:named[0].start])[0])):
                subjects.append((named[0].start, named[0].actor))
        for cue in self.cues:
            if cue.participle or cue.according:
                continue
            lo = self._sentence_start(cue.start)
            named = self._adjacent_before(lo, cue.start)
            clause = len(re.split(r"[,;:\u2014\u2013(]", self.text[lo:cue.start])[-1])
            if named is None and not self._outside(cue.start - clause, cue.start) and not self._described(
                    cue.start - clause, cue.start, leading=False):
                gap = len(re.split(r"[,;:.!?\u2014\u2013()]|\s(?:that|que|что|أن|إن|if)\s", self.text[cue.end:])[0])
                named = next((m for m in self._outside(cue.end, cue.end + gap)
                              if len(self.text[cue.end:m.start].split()) <= 4), None)
            if named is not None and named.actor:
                subjects.append((named.start, named.actor))
        return subjects

    def _last_subject(self, position: int, person: bool | None = None) -> str | None:
        """The last subject before `position` (of the kind asked: person or not), across
        paragraphs; None when it is someone the briefing does not know."""
        earlier = [a for _, a in sorted(self.subjects) if _ < position]
        for actor in reversed(self.article.subjects + earlier):
            if actor == _UNKNOWN:
                if person is False:
                    continue
                return None
            if person is None or (self.article.known[actor].kind == "person") == person:
                return actor
        return None

    def _all_cues(self) -> list[_Cue]:
        cues = []
        for match in _CUE.finditer(self.text):
            group = match.lastgroup or ""
            participle = _PARTICIPLE.search(match.group(0)) is not None
            cues.append(_Cue(match.start(), match.end(), group.split("_")[0], group.endswith("according"), participle))
        return cues

    def remember(self) -> None:
        """Note the actors this paragraph named and who it said spoke."""
        self.article.subjects.extend(a for _, a in sorted(self.subjects))
        self.article.continued = self.last_speaker if self.spans else None
        self.article.seen.extend(f.actor for f in self.mentions if f.actor and not _inside(f.start, self.spans))
        for cue in self.cues:
            mention = self._adjacent_before(self._sentence_start(cue.start), cue.start)
            if mention is not None and mention.actor:
                self.article.voices.append(mention.actor)

    # -- names in quotation marks --

    def _is_name(self, start: int, end: int) -> bool:
        words = self.text[start:end].split()
        if not words or re.search(r"[.!?,]\s", self.text[start:end]):
            return False
        if len(words) <= 2 * _SHORT and _is_naming(fold(words[-1].strip(".,;:!?"))[0]):
            return True  # '‘… 동반자 관계 조약’': a Korean name ends with what it names
        if len(words) > _SHORT:
            return False
        before = [w.strip(",;:()") for w in fold(self.text[max(0, start - 80):start - 1])[0].split()]
        while before and before[-1] in _NAMING_FILLER:
            before.pop()
        if before and _is_naming(before[-1]):
            return True
        following = re.match(r"[\s\u00a0]*(\w+)", self.text[end + 1:])
        if following and _is_naming(fold(following.group(1))[0]):
            return True  # 'the “Angara” rocket'
        if not self.text[end - 1].isalnum():
            return False
        follower = re.match(r"[^\S\n]*", self.text[end + 1:])
        lo = end + 1 + (follower.end() if follower else 0)
        return any(f.start == lo and f.actor and self.article.known[f.actor].kind == "person"
                   for f in self.mentions)  # 'the “foreign minister” Choe'


    # -- sentences --

    def _sentence_start(self, position: int) -> int:
        cut = 0
        for boundary in self._boundaries():
            if boundary <= position:
                cut = boundary
        return cut

    def _sentence_end(self, position: int) -> int:
        return next((b for b in self._boundaries() if b > position), len(self.text))

    def _boundaries(self) -> list[int]:
        ends = []
        for match in re.finditer(r"[.!?\u3002]+([\"\u201d\u00bb\u2019\u300d]?)(?=\s+[^\sa-zа-яё]|[A-ZА-ЯЁ][a-zа-яё])", self.text):
            if _inside(match.start(), self.spans) and not match.group(1):
                continue
            word = re.search(r"(\w+)\W*$", self.text[max(0, match.start() - 12):match.start() + 1])
            if word and (fold(word.group(1))[0] in _TITLE_WORDS or len(word.group(1)) == 1 and word.group(1).isupper()):
                continue
            ends.append(match.end())
        return ends

    # -- attribution --

    def attribute(self, start: int, end: int) -> tuple[str | None, str | None, str]:
        lo, hi = self._sentence_start(start), self._sentence_end(end)
        before_cues = [c for c in self.cues if lo <= c.start < start]
        after_cues = [c for c in self.cues if end < c.start < hi]
        if not before_cues and not after_cues:
            named = (self._named_right_before(start) or (self._named_right_after(end) if self.headline else None)
                     or self._described_right_before(lo, start))
            if named:
                return self._said(start, named, None, "named right before or after the quote (a headline's 'X: “…”')")
            if self.article.continued and not self.cues and self._only_quotes():
                return self._said(start, self.article.continued, None, "a paragraph of quotes goes on with the speaker before")
            if self.last_speaker and not [m for m in self._outside(self.last_end, start) if m.actor != self.last_speaker]:
                return self._said(start, self.last_speaker, None, "goes on from the quote before, nobody else named between")
            opening = self._opening_actor(lo, start)
            if opening and self.article.known[opening].kind != "place":
                return self._said(start, opening, None, "the subject of its sentence (no verb of saying)")
            return None, None, "no cue in the sentence"
        before = self._from_cues(list(reversed(before_cues)), lo, start, end)
        after = self._from_cues(after_cues[:1], lo, start, end) if after_cues else None
        if before is None and after and after != _UNKNOWN and self._is_media(after) and not before_cues:
            # 'Kim hailed “…”, KCNA said', 'alabó el “…”, según TASS': the agency reports the subject
            subject = self._sole_subject(lo, start)
            if subject and subject != after and self.article.known[subject].kind != "place":
                return self._said(start, subject, after, "the subject of its sentence; reported by the attribution after it")
        if before is None and after is None:
            korean = any(c.language in _SUBJECT_BEFORE_ONLY for c in before_cues + after_cues)
            before = self._fallback(lo, start, korean)
        return self._said(start, *self._combine(before, after, lo, hi))

    def _said(self, start: int, speaker: str | None, via: str | None, how: str) -> tuple[str | None, str | None, str]:
        """Remember who spoke (or that someone unknown did) and pass the result on."""
        unknown = how.startswith("the subject")
        self.article.previous = speaker if speaker else (_UNKNOWN if unknown else self.article.previous)
        if speaker or unknown:  # the speaker is the subject that counts in its sentence: its last
            self.subjects.append((self._sentence_end(start) - 1, speaker or _UNKNOWN))
        self.last_speaker = speaker
        self.last_end = next(e for s, e in self.spans if s == start)
        return speaker, via, how

    def _only_quotes(self) -> bool:
        """Whether the paragraph is (almost) nothing but quotes."""
        quoted = sum(end - start for start, end in self.spans)
        return quoted >= 0.75 * len(self.text.strip())

    def _named_right_before(self, start: int) -> str | None:
        """The known actor (not a place) whose name ends just before the opening mark, with a
        colon between ('Lavrov: “…”'), or in a headline with nothing between ('北 "…"')."""
        separator = r"\s*[:\-\u2013\u2014]?\s*" if self.headline else r"\s*:\s*"
        for mention in self.mentions:
            if (
                mention.actor
                and mention.end < start
                and self.article.known[mention.actor].kind != "place"
                and re.fullmatch(separator, self.text[mention.end:start - 1])
            ):
                return mention.actor
        return None

    def _described_right_before(self, lo: int, start: int) -> str | None:
        """A description right before the opening mark, with a colon between (or, in a
        headline, a comma): 'Le ministre russe : « … »', '러시아군 총참모장, “…”'."""
        separator = re.search(r"[^\S\n]*[:,\u2013\u2014-]?[^\S\n]*$" if self.headline else r"[^\S\n]*:[^\S\n]*$",
                              self.text[lo:start - 1])
        if separator is None or (not separator.group(0).strip() and not self.headline):
            return None
        described = self._described(lo, lo + separator.start(), leading=False)
        return described if described != _UNKNOWN else None

    def _named_right_after(self, end: int) -> str | None:
        """In a headline, the known actor (not a place) named right after the closing mark,
        maybe with one word of judging ('“…” 국정원 판단', '«…» — Песков')."""
        for mention in self.mentions:
            if (
                mention.actor
                and mention.start > end
                and self.article.known[mention.actor].kind != "place"
                and re.fullmatch(r"[\s,:\u2013\u2014-]*", self.text[end + 1:mention.start])
                and not _inside(mention.start, self.spans)
            ):
                return mention.actor
        return None

    def _combine(self, before: str | None, after: str | None, lo: int, hi: int) -> tuple[str | None, str | None, str]:
        if before == _UNKNOWN:
            via = after if after and after != _UNKNOWN and self._is_media(after) else None
            return None, via, "the subject of the cue before the quote is not a known actor"
        if before and after and after != _UNKNOWN and before != after and self._is_media(after):
            return before, after, "cue before the quote; reported by the attribution after it"
        if before:
            return before, self._state_media(before, lo, hi), "cue before the quote"
        if after == _UNKNOWN:
            return None, None, "the subject of the cue after the quote is not a known actor"
        if after:
            return after, None, "attribution after the quote"
        return None, None, "no speaker found"

    def _from_cues(self, cues: list[_Cue], lo: int, start: int, end: int) -> str | None:
        """The subject of the first of `cues` that has one."""
        for cue in cues:
            found = self._subject(cue, lo, start, end)
            if found:
                return found
        return None

    def _fallback(self, lo: int, start: int, korean: bool) -> str | None:
        """A cue with no subject ('agregó', 'وأضاف', '이어 … 말했다'): the actor the sentence
        opens with (Korean cues have looked for their topic already), else the last subject."""
        opening = None if korean else self._opening_actor(lo, start)
        return opening or self._last_subject(start)

    def _sole_subject(self, lo: int, start: int) -> str | None:
        """The one actor the sentence opens with, as its subject: not a possessive
        ('Putin's visit'), not one of two ('Kim y Shoigu hablaron')."""
        if _HANGUL.search(self.text[lo:start]):
            return self._opening_actor(lo, start, korean=True)
        subject = self._opening_actor(lo, start)
        mention = next((m for m in self._outside(lo, start) if m.actor == subject), None)
        if subject is None or mention is None:
            return subject
        after = fold(self.text[mention.end:mention.end + 30])[0]
        first = re.match(r"[\s,]*([\w']+)", after)
        before = fold(self.text[lo:mention.start])[0].split()
        if (re.match(r"['\u2019]s\b", self.text[mention.end:]) or (first and first.group(1) in _AND)
                or (before and before[-1] in _AND)):
            return None
        return subject

    def _opening_actor(self, lo: int, start: int, *, korean: bool = False) -> str | None:
        """The actor a sentence opens with: its Korean topic ('국정원은', '그는'), or a
        pronoun or a name among its first words."""
        if korean:
            return self._topic(lo, start)
        first_word = re.match(r"\W*(\w+)", self.text[lo:start])
        if first_word and fold(first_word.group(1))[0] in _PRONOUN_KIND:
            return self._pronoun(fold(first_word.group(1))[0], lo)
        mentions = [m for m in self._outside(lo, start) if m.actor]
        if mentions and len(self.text[lo:mentions[0].start].split()) <= 4:
            return mentions[0].actor
        return None

    def _topic(self, lo: int, start: int) -> str | None:
        """The Korean topic (or else subject) before the quote: the first phrase marked
        '은/는' (or '이/가') that names someone, or a pronoun so marked ('그는')."""
        for particles in ("은는", "이가"):
            for _, actor in self._marked(lo, start, particles, pronouns=True):
                return actor
        return None

    def _marked(self, lo: int, hi: int, particles: str, *, pronouns: bool = False) -> list[tuple[int, str]]:
        """Korean phrases marked by one of `particles` that name a known actor, with where they
        end: the person of the phrase if there is one ('세르게이 라브로프 러시아 외무장관은'),
        else its last name; a phrase ends, going back, at a word with a case ending or a comma."""
        found = []
        for word in re.finditer(rf"\S+[{particles}](?=\s|$)", self.text[lo:hi]):
            start, end = lo + word.start(), lo + word.end()
            if word.group(0) in _PRONOUN_KIND:
                if pronouns:
                    found.append((end, self._pronoun(word.group(0), start)))
                continue
            while (previous := re.search(r"(\S+)\s+$", self.text[lo:start])) and not _KO_CASE.search(previous.group(1)):
                start = lo + previous.start(1)
            named = [m.actor for m in self._outside(start, end) if m.actor]
            people = [a for a in named if self.article.known[a].kind == "person"]
            if named:
                found.append((end, (people or named)[-1]))
        return [(end, actor) for end, actor in found if actor]

    def _subject(self, cue: _Cue, lo: int, start: int, end: int) -> str | None:
        floor = lo if cue.start < start else end + 1
        clause = re.split(r"[,;:\u2014\u2013\u00bb\u201d\"]", self.text[floor:cue.start])[-1]
        inverted = _AUXILIARY.fullmatch(clause) is not None and not cue.participle
        hi = start if cue.start < start else self._sentence_end(end)
        after_first = cue.according or cue.language in _SUBJECT_AFTER or inverted
        if cue.participle:  # 'with RIA saying'; else ', saying' has the sentence's subject (the fallback)
            own = next((m for m in self._outside(floor, cue.start) if not self.text[m.end:cue.start].strip()), None)
            return (own.actor or _UNKNOWN) if own else None
        if cue.language in _SUBJECT_BEFORE_ONLY:
            return self._before_cue(cue, lo if cue.start < start else end + 1) or (
                self._opening_actor(lo, start, korean=True) if cue.start > end else None)
        if after_first:
            return self._after_cue(cue, hi) or self._before_cue(cue, floor)
        return self._before_cue(cue, floor)

    def _before_cue(self, cue: _Cue, floor: int) -> str | None:
        """'Lavrov said', 'he added', 'the Russian envoy said', 'Kim, the leader, said'."""
        stretch = self.text[floor:cue.start]
        clause = re.split(r"[,;:\u2014\u2013(]|\s-\s", stretch)[-1]
        mention = self._adjacent_before(floor, cue.start)
        if mention is not None and mention.actor and self.article.known[mention.actor].kind == "state":
            # 'министр иностранных дел КНДР сказала', 'the North's foreign ministry said'
            return self._described(cue.start - len(clause), cue.start, leading=False) or mention.actor
        if mention is not None:
            return mention.actor or _UNKNOWN
        pronoun = next((w for w in reversed(fold(clause)[0].split()[-2:]) if w in _PRONOUN_KIND), None)
        if pronoun is None:
            pronoun = next((w for w in reversed(re.findall(r"\w+", fold(clause)[0])[-2:]) if w in _PRONOUN_KIND), None)
        if pronoun:
            return self._pronoun(pronoun, cue.start)
        described = self._described(cue.start - len(clause), cue.start, leading=False)
        if described:
            return described
        name = re.search(rf"{_CAPITALISED}(?:\s+{_CAPITALISED})*,?\s*(?:\w+ly\s+)?$", stretch)
        if name and not self._opens_sentence(stretch) and not self._outside(floor + name.start(), floor + name.end()):
            return _UNKNOWN
        return None

    def _after_cue(self, cue: _Cue, hi: int) -> str | None:
        """'said Lavrov', '— заявил Лавров', 'сообщили в Минобороны', 'selon le Kremlin'."""
        tail = self.text[cue.end:hi]
        clause = re.split(r"[,;:\u2014(]|\s-\s|\s(?:that|que|что|أن|إن|if)\s", tail)[0]
        reach = cue.end + len(clause)
        mentions = self._outside(cue.end, reach)
        head = re.match(r"\W*([\w-]+)", clause)
        if mentions and head and fold(head.group(1))[0] in _DESCRIPTION and self.text[cue.end:mentions[0].start].strip():
            # 'وقالت الوزيرة خلال لقائها بوتين': the description is the subject, not the name after it
            described = self._described(cue.end, reach, leading=True)
            if described:
                return described
        if not mentions and (apposed := re.match(r",[^\S\n]*", self.text[reach:hi])):
            # 'a déclaré le secrétaire du Conseil de sécurité russe, Sergueï Choïgou'
            named = [m for m in self._outside(reach, reach + apposed.end() + 1) if m.actor]
            if named and self.article.known[named[0].actor].kind == "person" and len(clause.split()) <= 8:
                return named[0].actor
        gap = self.text[cue.end:mentions[0].start] if mentions else ""
        if mentions and len(gap.split()) <= 4:
            if re.match(rf"\s+{_CAPITALISED}\s+{_CAPITALISED}", self.text[mentions[0].end:reach]):
                return _UNKNOWN  # 'Chairman of the Duma Ivan Petrov'
            return mentions[0].actor or _UNKNOWN
        first = re.match(r"\W*(\w[\w-]*)", clause)
        if first and fold(first.group(1))[0] in _PRONOUN_KIND:
            return self._pronoun(fold(first.group(1))[0], cue.start)
        described = self._described(cue.end, reach, leading=True)
        if described:
            return described
        if re.match(rf"\s+(?:\w+\s+){{0,2}}{_CAPITALISED}", clause):
            return _UNKNOWN
        if cue.language == "ar" and re.match(r"\s+(?!ال|ل|ب)\w", clause) and not re.match(r"\s+(?:عن|على|في|من|إلى|إن|أن)\b", clause):
            return _UNKNOWN  # a name the briefing does not know: 'وقال فلان'
        return None

    def _adjacent_before(self, floor: int, position: int) -> Found | None:
        """The mention that ends right before `position`, across an appositive or an adverb."""
        for mention in reversed(self._outside(floor, position)[-3:]):
            gap = re.sub(r"^\s*,[^,]{1,90},", "", self.text[mention.end:position])
            if re.fullmatch(r"[\u2019']?s?\s*(?:[^\W\d][\w-]*\s+){0,2}|\s*[\u2014\u2013-]?\s*", gap):
                return mention
        return None

    def _opens_sentence(self, stretch: str) -> bool:
        """Whether `stretch` is one capitalised word at the start of a sentence ('Там')."""
        return re.fullmatch(rf"\s*{_CAPITALISED}\s*", stretch) is not None and fold(stretch.strip())[0] in _PRONOUN_KIND

    def _outside(self, lo: int, hi: int) -> list[Found]:
        return [f for f in self.mentions if lo <= f.start < hi and not _inside(f.start, self.spans)]

    def _pronoun(self, word: str, position: int) -> str | None:
        """'he' or 'it': the actor its sentence opens with ('Lavrov lashed out at what he
        termed'), else the speaker of the previous quote if of that kind, else an actor
        of that kind named earlier in the paragraph, else (for 'it') the last such actor
        that spoke, else the last such actor of the article; 'there': the previous speaker."""
        kind = _PRONOUN_KIND[word]
        previous = self.article.previous if self.article.previous != _UNKNOWN else None
        if kind == "place":
            return previous
        person = kind == "person"

        def fits(actor: str | None) -> bool:
            return actor is not None and (self.article.known[actor].kind == "person") == person

        lo = self._sentence_start(position)
        opening = next((f.actor for f in self._outside(lo, position)
                        if re.fullmatch(r"\W*(?:\w{1,3}\.?\s+)?", self.text[lo:f.start])), None)
        if fits(opening):
            return opening
        if person:
            return self._last_subject(position, person=True)
        if fits(previous):
            return previous
        here = [f.actor for f in self._outside(0, position) if fits(f.actor)]
        if here:
            return here[-1]
        if not person:
            voice = next((a for a in reversed(self.article.voices) if fits(a)), None)
            if voice:
                return voice
        return next((a for a in reversed(self.article.seen) if fits(a)), None)

    def _described(self, lo: int, hi: int, *, leading: bool) -> str | None:
        """The actor a description means: the phrase that ends at `hi` (or, with `leading`,
        starts at `lo`) from its head word on ('the Russian envoy', 'el titular de Exteriores
        ruso', 'министр иностранных дел КНДР', 'وزير الخارجية الروسي'). The state a phrase
        names is one of its words ('КНДР' is 'north korea'); a ministry or a government of a
        state with no known actor to fit is that state."""
        words = [(lo + m.start(), fold(m.group(0))[0]) for m in re.finditer(r"[\w-]+", self.text[lo:hi])
                 if not _inside(lo + m.start(), self.spans)]
        content = [(at, w) for at, w in words if w not in _STOP]
        heads = [i for i, (_, w) in enumerate(content) if w in _DESCRIPTION and _DESCRIPTION[w][0]]
        if not heads or (heads[0] > 1 if leading else len(content) - heads[0] > 5):
            return None
        head = heads[0]
        while head and content[head - 1][1] in _DESCRIPTION:
            head -= 1  # 'the Ukrainian government': what comes before the head word too
        phrase = content[head:] if not leading else list(takewhile(
            lambda word: word[1] in _DESCRIPTION or self.text[word[0]].isupper(), content[head:heads[0] + 5]))
        if any(w in _AND for _, w in phrase):
            return None
        if any(w in _INDEFINITE for w in [w for at, w in words if at < phrase[0][0]][-2:]):
            return _UNKNOWN  # 'a ministry official': someone not named
        kinds = [_DESCRIPTION[w][0] for _, w in phrase if w in _DESCRIPTION and _DESCRIPTION[w][0]]
        heads = [k for k in kinds if k != "state"] or kinds  # 'the North's ministry': 'North' qualifies
        kind = "person" if "person" in heads else heads[0]
        if kind == "source":
            return next((a for a in reversed(self.article.voices) if self.article.known[a].kind != "person"), None)
        known = self.article.known
        states = [m.actor for m in self._outside(phrase[0][0], phrase[-1][0] + 1)
                  if m.actor and known[m.actor].kind == "state"]
        home = {w for state in states for w in fold(known[state].name)[0].split()}
        wanted: set[str] = set()
        for _, word in phrase:
            meaning = _DESCRIPTION.get(word, ("", word))
            if meaning[0] in ("", "state") and kind != "state" and word in _DESCRIPTION:
                home |= set(meaning[1].split())  # 'ruso', 'الروسي', 'North'
            else:
                wanted |= set(meaning[1].split())
        wanted -= home | {""}
        if not states and home:  # the state the words name, if the article names it
            states = [a for a in dict.fromkeys(self.article.everyone)
                      if known[a].kind == "state" and home <= set(fold(known[a].name)[0].split())]
        recent = list(dict.fromkeys(reversed(self.article.seen)))
        chosen = (self._best(recent, kind, wanted, home, by_recency=True)
                  or self._best(list(dict.fromkeys(self.article.everyone)), kind, wanted, home)
                  or (self._best(sorted(self.article.known), kind, wanted, home) if home else None))
        if chosen is None and kind != "person" and len(set(states)) == 1:
            return states[0]
        return chosen

    def _best(
        self, pool: list[str], kind: str, wanted: set[str], home: set[str] = frozenset(), *, by_recency: bool = False
    ) -> str | None:
        """The actor of `pool` of the state named `home` (if any) whose title and affiliations
        share most words with `wanted`; a tie is settled by `pool`'s order with `by_recency`,
        else leaves none."""
        scored: list[tuple[int, str]] = []
        for actor in pool:
            profile = self.article.known[actor]
            if not _kind_fits(kind, profile.kind):
                continue
            haystack = set(re.findall(r"\w+", fold(" ".join((profile.title, *profile.affiliations)))[0]))
            if not home <= haystack:
                continue
            score = sum(1 for w in wanted if w in haystack or any(h.startswith(w[:5]) and len(w) > 4 for h in haystack))
            if score or not wanted:
                scored.append((score, actor))
        if not scored:
            return None
        scored.sort(key=lambda item: -item[0])
        if len(scored) > 1 and scored[0][0] == scored[1][0] and not by_recency:
            return None
        return scored[0][1]

    def _is_media(self, actor: str) -> bool:
        return self.article.known[actor].kind in _MEDIA_KINDS

    def _state_media(self, speaker: str, lo: int, hi: int) -> str | None:
        """'..., state media reported': the media actor of the speaker's state, if one is known."""
        if not re.search(r"\bstate(?:-run)? media\b", self.text[lo:hi] + " " + self.text[hi:hi + 60], re.I):
            return None
        known = self.article.known
        home = known[speaker].affiliations[1:]
        media = [p.id for p in known.values() if p.kind == "media" and set(p.affiliations[1:]) & set(home)]
        return media[0] if len(media) == 1 else None


def _looks_like_a_name(words: str) -> bool:
    """A few words that read as a name, not as speech: all begin with a capital ('Great
    Homeland Liberation War', 'Восточный'), or a capitalised title with a number in it
    ('Exposition d'armes 2023'); in a script without capitals, one or two words ('전승절')."""
    split = words.split()
    if len(split) > _SHORT:
        return False
    if not any(c.isupper() or c.islower() for c in words):  # Hangul, Arabic: no capitals to go by
        return len(split) <= 2
    if not split[0][0].isupper():
        return False
    return all(w[0].isupper() or len(w) <= 3 for w in split) or any(c.isdigit() for c in words)


def _is_filler(word: str) -> bool:
    """A word that may come before the subject that opens a clause: an article, a title, a
    description, a verb of saying ('El mandatario ruso Putin', 'M. Poutine', 'وقال')."""
    verb = _CUE.fullmatch(word)
    return word in _STOP or word in _TITLE_WORDS or word in _DESCRIPTION or bool(verb and verb.lastgroup in _SUBJECT_AFTER)


def _is_naming(word: str) -> bool:
    return any(word in words for words in _NAMING_WORDS.values())


def _kind_fits(wanted: str, kind: str) -> bool:
    if wanted == "person":
        return kind == "person"
    if wanted == "organisation":
        return kind in ("organisation", "media")
    return kind == wanted
