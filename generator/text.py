"""Read the structure of a raw news article: headline, byline, body, clutter.

Raw files are the input of record and are never changed; this module only
decides which of their lines are body paragraphs (numbered, and so given
anchors `#p1`, `#p2`, ...) and which are page furniture copied along with
the text: menus, mastheads, share widgets, date stamps, photo captions and
credits, embedded posts, lists of related articles.

Pages come in six languages (en, fr, es, ru, ar, ko). Furniture is told by
its shape first (a run of one-word menu items, a line that is mostly a date,
a caption that ends in a credit, a caption printed twice) and by small word
tables per language second (`_CHROME`, `_RELATED`, ...).

Numbering and anchors. A paragraph's number depends on every block above it
being classified the same way, so it moves whenever clutter detection gets
better. A block's raw line does not: raw files never change. So a stored
reference should carry the raw line of its paragraph (`ArticleText.line_of`),
and be resolved again through it (`ArticleText.paragraph_at`); see
`check_anchor`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Iterable, Literal

import yaml
from rapidfuzz import fuzz

from .yaml_reader import YamlShapeError, read_yaml

BlockKind = Literal[
    "masthead",
    "headline",
    "standfirst",
    "byline",
    "published",
    "date",
    "dateline",
    "caption",
    "clutter",
    "subheading",
    "paragraph",
    "source",
]
"""What a block is. `published` is a labelled publication line ("Published : ...");
`date` a bare date stamp ("4 de junio de 2025", "등록 2023.07.27 21:08");
`dateline` a line naming only where the story was filed and by whom ("MOSCOW (AP) -")."""

_CLUTTER = re.compile(
    r"^(?:link copied|copy link|copied|share|share this( article| story)?|share on \w+"
    r"|print|email|e-mail|whatsapp|facebook|twitter|x|telegram|linkedin"
    r"|subscribe\b.*|sign up\b.*|read more\b.*|related\b.*|advertisement"
    r"|follow us\b.*|click here\b.*|listen to this article\b.*|bookmark"
    r"|\d+ min(ute)? read|read\s*:.*|also read\b.*|copyright\b.*|\u00a9.*|all rights reserved\.?)$",
    re.IGNORECASE,
)
_BULLETS = "•·▪◦●‣⁃-–—*|"
_BYLINE = re.compile(r"^(?:by|from)\s+\S.{0,80}$", re.IGNORECASE)
_PUBLISHED = re.compile(r"^(?:published|updated|posted|first published)\b\s*:?", re.IGNORECASE)
_SOURCE = re.compile(r"^source\s*:\s*\S.{0,60}$", re.IGNORECASE)
_CREDIT = re.compile(  # credits are capitalised: "(ats/jch)" closing a paragraph is an editor's sign-off
    r"[.!?]\s*\((?:(?i:(?:file\s+)?photo)\s*:\s*)?(?:[A-Z][\w.&]*)(?:(?:[-/ ,]+|\s+via\s+)[A-Z][\w.&]*){0,3}\)$",
)

# --- small tables, by language ------------------------------------------------
# Whole lines of page furniture, compared case-folded, without bullets, list
# numbers or a trailing comma or colon. An entry ending in "…" also matches a
# line that goes on after it ("follow us on X").

_CHROME: dict[str, tuple[str, ...]] = {
    "en": ("skip to content", "skip to main content", "skip to…", "go to contents", "go to…", "jump to…",
           "menu", "main menu", "search", "sign in", "log in", "comments", "save", "listen", "print this…",
           "article continues…", "story continues…", "follow us…", "reporting by…",
           "editing by…", "writing by…", "more from…", "read also…", "also read…", "see also…",
           "view this post on instagram", "a post shared by…"),
    "fr": ("aller au contenu…", "passer au contenu…", "aller au menu…", "menu", "rechercher", "se connecter",
           "partager", "imprimer", "envoyer", "copier le lien", "lien copié", "commentaires", "écouter",
           "s'abonner…", "abonnez-vous…", "suivez-nous…", "publicité", "la suite après…", "avec afp",
           "avec agences", "lire aussi…", "à lire aussi…", "voir aussi…"),
    "es": ("ir al contenido…", "ir al menú…", "ir a…", "saltar al contenido…", "menú", "buscar", "iniciar sesión",
           "compartir…", "imprimir", "enviar", "copiar enlace", "enlace copiado", "comentarios", "guardar",
           "escuchar…", "suscríbete…", "síguenos…", "publicidad", "con información de…",
           "ver esta publicación en instagram", "una publicación compartida por…", "lea también…", "lee también…",
           "leer también…", "te puede interesar…"),
    "ru": ("перейти к…", "меню", "поиск", "войти", "поделиться…", "печать", "распечатать", "отправить",
           "скопировать ссылку", "ссылка скопирована", "комментарии", "слушать", "подписаться…",
           "подписывайтесь…", "реклама", "по материалам…", "читайте также…", "смотрите также…"),
    "ar": ("انتقل إلى المحتوى…", "تخطى إلى المحتوى…", "الانتقال إلى المحتوى…", "القائمة", "بحث",
           "تسجيل الدخول", "مشاركة…", "شارك…", "طباعة", "إرسال", "نسخ الرابط", "تم نسخ الرابط", "تعليقات",
           "اشترك…", "تابعونا…", "تابعنا…", "إعلان", "اقرأ أيضا…", "اقرأ أيضاً…", "إقرأ أيضا…"),
    "ko": ("본문 바로가기", "주메뉴 바로가기", "바로가기…", "연결 가능 링크", "전체메뉴", "메뉴", "검색", "로그인",
           "공유", "공유하기", "인쇄", "프린트", "프린터", "이메일", "이메일 보내기", "이메일보내기", "url복사",
           "url 복사", "링크 복사", "pdf", "댓글", "구독", "구독하기", "좋아요", "스크랩", "글자크기…", "기사 듣기",
           "광고", "페이스북", "트위터", "유튜브", "카카오톡", "네이버", "관련기사…"),
}
"""Menus, skip links, share, print and subscribe buttons, advertising and embed labels."""

_RELATED: dict[str, tuple[str, ...]] = {
    "en": ("related articles", "related stories", "related", "read also", "most read", "more stories",
           "latest news", "recommended", "you may also like"),
    "fr": ("lire aussi", "à lire aussi", "voir aussi", "sur le même sujet", "les plus lus", "dernières infos",
           "ceci pourrait également vous intéresser", "vous pourriez aussi aimer"),
    "es": ("lea también", "leer más", "lee también", "te puede interesar", "noticias relacionadas",
           "últimas noticias", "más noticias", "lo más leído", "más leídas"),
    "ru": ("читайте также", "смотрите также", "по теме", "самое читаемое", "последние новости", "новости по теме"),
    "ar": ("اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "إقرأ أيضاً", "اقرأ المزيد", "مواضيع ذات صلة",
           "أخبار ذات صلة", "الأكثر قراءة", "آخر الأخبار"),
    "ko": ("관련기사", "관련 기사", "관련뉴스", "관련 뉴스", "많이 본 뉴스", "주요뉴스", "최신뉴스", "추천 기사"),
}
"""Headers of lists of other articles: the header and the short lines after it are clutter."""

_AGENCIES = (
    "reuters", "ap", "associated press", "afp", "agence france-presse", "yonhap", "yonhap news agency",
    "tass", "ria novosti", "interfax", "efe", "europa press", "xinhua", "kcna", "anadolu", "dpa", "sputnik",
    "ansa", "epa", "getty images", "ap photo", "agencias", "agences", "agencies",
    "тасс", "риа новости", "интерфакс", "регнум", "цтак", "агентства",
    "وكالات", "رويترز", "فرانس برس", "أ ف ب", "سبوتنيك", "وكالة الأنباء",
    "연합뉴스", "뉴시스", "뉴스1", "조선중앙통신",
)
"""News agencies, which stand alone on a byline or in a photo credit."""

_PHOTO_WORDS = (
    r"(?:image source|photo|file photo|foto|imagen|image|crédit|credit|crédito|video|vidéo|vídeo|фото|снимок|видео"
    r"|사진|영상|صورة|الصورة|فيديو)"
)
_PHOTO_LABEL = re.compile(r"(?:^|[\s(\[)\]])" + _PHOTO_WORDS + r"\s*(?:de archivo\s*)?[:=：]", re.IGNORECASE)
_PHOTO_IN_BRACKETS = re.compile(
    r"[(\[][^()\[\]]{0,40}\b(?:photo|foto|imagen|archivo|archive|фото|архив|사진|자료사진|صورة)\b[^()\[\]]{0,60}[)\]]",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(
    r"(?:\bvia\s+getty\s+images|\bgetty\s+images|\|\s*[^|]{2,60}/[^|/]{2,40}|[.!?]\s*\[[^\[\]]{2,40}\]"
    r"|\(\s*(?-i:[A-Z])[^()]{0,40}(?:/|\bhandout\b)[^()]{0,40}\))\s*$",
    re.IGNORECASE,
)
_BYLINES = re.compile(
    r"^(?:by|from|par|por|автор|текст|بقلم|كتب|كتبت|إعداد)\s*:?\s+\S.{0,80}$"
    r"|^[\w\s·]{2,12}\s기자(?:\s+\S+@\S+)?$|^(?:글|사진)\s*[:=]?\s*\S{2,5}$",
    re.IGNORECASE,
)
_PUBLISHED_LABELS = re.compile(
    r"^(?:publicado|actualizado|publié|mis à jour|опубликовано|обновлено|تاريخ النشر|نشر في|آخر تحديث|"
    r"등록|입력|수정|기사입력|업데이트)\b",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^\[?\s*(?:source|fuente|источник|المصدر|출처)\s*:\s*\S.{0,60}?\]?$", re.IGNORECASE)
_EDITORS = re.compile(
    r"^(?:[a-zа-я]{1,4}(?:/[a-zа-я]{1,4})*\s*\((?:[^()]{2,60})\)|\((?:[a-zа-я]{2,10}(?:,\s*|/))+[a-zа-я]{2,10}\))$"
)
_COUNT = re.compile(
    r"^\d+\s+(?:comments?|commentaires?|comentarios?|комментари\w*|تعليق\w*|댓글|shares?|partages?|просмотр\w*)$",
    re.IGNORECASE,
)
_GLUED = re.compile(r"[a-zà-ÿа-яё]{3}[A-ZÀ-ÞА-ЯЁ][a-zà-ÿа-яё]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MARKER = re.compile(r"^(?:\[[^\[\]]{1,12}\]|【[^【】]{1,12}】)$")
_DATELINE_LINE = re.compile(  # "MOSCOW (AP) -", "MADRID 11 Ene. (EUROPA PRESS) -"
    r"^[^\W\d][\w .'\u2019/-]{1,30}?[\s.,]*(?:\d{1,2}[^()]{0,20})?\([^()]{2,30}\)\s*[-\u2013\u2014:]?$"
)
_EMBED = re.compile(r"pic\.twitter\.com/|\(@\w{1,15}\)\s*\w+\s+\d{1,2},\s*\d{4}")
_LOCATIVE_CAPTION = re.compile(r",[^,]{2,60},\s*(?:in|at|en|à|au|dans|в|во|на|في)\s+\S[^,.!?]{0,30}$", re.IGNORECASE)

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    "jun|jul|aug|sep|sept|oct|nov|dec|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    "novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre|ene|abr|ago|dic|январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|"
    "августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]|يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|"
    "أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين"
)
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|lundi|mardi|mercredi|"
    "jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|понедельник|вторник|"
    "среда|четверг|пятница|суббота|воскресенье|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد|"
    "월요일|화요일|수요일|목요일|금요일|토요일|일요일"
)
_DATE_FILLER = (
    "published|updated|posted|last|first|on|at|am|pm|gmt|utc|kst|msk|de|del|le|à|h|publicado|actualizado|"
    "publié|mis|jour|опубликовано|обновлено|г|года|نشر|في|تاريخ|النشر|آخر|تحديث|등록|입력|수정|기사입력|"
    "업데이트|오전|오후|승인|년|월|일"
)
_DATE_WORDS = re.compile(r"^(?:" + _MONTHS + "|" + _WEEKDAYS + "|" + _DATE_FILLER + r")\.?$", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\d{4}[-./]\s?\d{1,2}[-./]\s?\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
_SENTENCE_END = (".", "!", "?", "\u061f", "\u3002", ".\u201d", '."', ".\u00bb", ".'")


def _table(tables: dict[str, tuple[str, ...]]) -> tuple[frozenset[str], tuple[str, ...]]:
    whole = frozenset(e for entries in tables.values() for e in entries if not e.endswith("…"))
    prefixes = tuple(e[:-1] for entries in tables.values() for e in entries if e.endswith("…"))
    return whole, prefixes


_CHROME_WHOLE, _CHROME_PREFIXES = _table(_CHROME)
_RELATED_WHOLE, _ = _table(_RELATED)
_AGENCY_SET = frozenset(_AGENCIES)


@dataclass(frozen=True)
class Block:
    """One line or paragraph of the raw file and what it is."""

    kind: BlockKind
    text: str
    line: int
    """1-based line in the raw file where the block starts (for HTML: in its text, see `to_plain`)."""


@dataclass(frozen=True)
class ArticleText:
    """The raw text cut into classified blocks."""

    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        """Body paragraphs in order; paragraph n has the anchor `#pn`."""
        return tuple(b for b in self.blocks if b.kind == "paragraph")

    def first(self, kind: BlockKind) -> Block | None:
        return next((b for b in self.blocks if b.kind == kind), None)

    @functools.cached_property
    def _plain_paragraphs(self) -> tuple[str, ...]:
        return tuple(normalise(block.text) for block in self.paragraphs)

    def paragraph_of(self, quote: str) -> int | None:
        """1-based number of the paragraph that contains `quote`, or None (`find_paragraph`,
        with the paragraphs normalised once per text, however many quotes are looked up)."""
        return _paragraph_holding(self._plain_paragraphs, quote)

    def body(self) -> tuple[Block, ...]:
        """Paragraphs and subheadings: what an article page shows as its text."""
        return tuple(b for b in self.blocks if b.kind in ("paragraph", "subheading"))

    def line_of(self, number: int) -> int | None:
        """The raw line where body paragraph `number` (1-based) starts: what a stored reference should keep."""
        paragraphs = self.paragraphs
        return paragraphs[number - 1].line if 1 <= number <= len(paragraphs) else None

    def paragraph_at(self, line: int) -> int | None:
        """The number of the body paragraph that starts on raw `line`, or None if no paragraph does now."""
        for number, block in enumerate(self.paragraphs, start=1):
            if block.line == line:
                return number
        return None


@dataclass(frozen=True)
class Anchor:
    """A stored reference to a paragraph, checked against the article as parsed now."""

    number: int | None
    """The paragraph's number now (for `#pN`), or None when the line is no longer body text."""
    moved_from: int | None = None
    """The stored number, when the paragraph now has another one."""


def check_anchor(parsed: ArticleText, paragraph: int, line: int | None = None) -> Anchor:
    """Resolve a stored `paragraph: N` (with the raw `line:` it was curated against, when known).

    With a line, the line decides: the reference follows its paragraph
    whatever clutter above it is now recognised, and `moved_from` says it
    moved. Without one, the number is taken as it is (the best an old
    reference allows).
    """
    if line is None:
        return Anchor(paragraph if parsed.line_of(paragraph) is not None else None)
    number = parsed.paragraph_at(line)
    return Anchor(number, paragraph if number is not None and number != paragraph else None)


def parse_article(raw: str, outlet_names: Iterable[str] = ()) -> ArticleText:
    """Classify the blocks of `raw`, given the names of outlets it may carry as a masthead.

    HTML and Markdown are first turned into plain lines (`to_plain`). Each
    block is first judged on its own (`_kind_of`), then against its
    neighbours: captions printed twice or next to a credit, lists of related
    articles, posts embedded in another language, runs of menu-like short
    lines; then the head of the page is read (`_mark_head`).
    """
    raw = to_plain(raw)
    mastheads = {_key(name) for name in outlet_names}
    chunks = list(_chunks(raw))
    texts = [text for _, text in chunks]
    kinds: list[BlockKind | None] = [None] * len(chunks)
    keys = [_key(text) for text in texts]
    seen: set[str] = set()
    for index, text in enumerate(texts):
        kinds[index] = _kind_of(text, keys[index], index, mastheads)
        if kinds[index] is None and keys[index] in seen and keys[index - 1] != keys[index]:
            kinds[index] = "clutter"  # a caption or pull quote printed twice
        seen.add(keys[index])

    _mark_captions(texts, keys, kinds)
    _mark_related(texts, kinds)
    _mark_embeds(texts, kinds)
    _mark_head(texts, keys, kinds)
    _mark_runs(texts, kinds)
    for index, text in enumerate(texts):
        if kinds[index] is None:
            kinds[index] = "subheading" if _is_subheading(texts, kinds, index) else "paragraph"
    return ArticleText(
        tuple(Block(kind, text, line) for (line, text), kind in zip(chunks, kinds))  # type: ignore[arg-type]
    )


def _kind_of(text: str, key: str, index: int, mastheads: set[str]) -> BlockKind | None:
    """What a block is on its own, or None when only its neighbours can tell."""
    if _is_clutter(text):
        return "clutter"
    if key in mastheads and index < 3:
        return "masthead"
    if _is_doubled(text) or _CREDIT.search(text) or _is_caption(text):
        return "caption"
    if _SOURCE.match(text) or _SOURCE_LINE.match(text):
        return "source"
    if _PUBLISHED.match(text):
        return "published"
    if _BYLINE.match(text) and _words(text) <= 12:
        return "byline"
    if _is_date(text) or (len(text) <= 80 and _PUBLISHED_LABELS.match(text) and re.search(r"\d", text)):
        return "date"
    if (_BYLINES.match(text) and _words(text) <= 12) or _is_agency(text):
        return "byline"
    if _DATELINE_LINE.match(text) and not text.endswith(_SENTENCE_END):
        return "date" if re.search(r"\d", text) else "dateline"
    if "@" in text and _words(text) <= 8 and _EMAIL.search(text):
        return "clutter"
    return None


_LIST_NUMBER = re.compile(r"^\d{1,2}[.)]\s+")


def _bare(text: str) -> str:
    """A line without bullets, list numbers, a trailing comma or colon, case-folded."""
    text = _LIST_NUMBER.sub("", text.strip(_BULLETS + " \t"))
    return " ".join(text.rstrip(",:;").casefold().split())


def _is_clutter(text: str) -> bool:
    stripped = text.strip(_BULLETS + " \t")
    if not stripped or _CLUTTER.match(stripped):
        return True
    bare = _bare(text[:80])  # table entries are short; a long line can only start with one
    if (len(text) <= 80 and bare in _CHROME_WHOLE) or bare.startswith(_CHROME_PREFIXES):
        return True
    if (not re.search(r"[^\W\d_]", stripped) and not _is_date(stripped)) or _COUNT.match(stripped):
        return True  # a count, a lone number or symbol
    if text.lstrip()[:1] in _BULLETS and _words(stripped) <= 4 and not stripped.endswith(_SENTENCE_END):
        return True  # a share bullet, never a subheading
    if len(stripped) <= 60 and _words(stripped) <= 4 and _GLUED.search(stripped) \
            and not stripped.endswith(_SENTENCE_END):
        return True  # section names run together: "ConflictosCorea del Norte"
    if ("@" in text or "pic." in text) and _EMBED.search(text):
        return True
    return bool(_EDITORS.match(stripped) or _MARKER.match(stripped))


def _is_caption(text: str) -> bool:
    """A photo caption or credit: labelled ('Photo:', 'Фото:', '사진='), or ending in a credit."""
    if _words(text) > 60:
        return False
    head, tail = text[:40], text[-120:]
    if any(mark in head or mark in tail for mark in ":=：") and (_PHOTO_LABEL.search(head) or _PHOTO_LABEL.search(tail)):
        return True
    if ("(" in text or "[" in text) and _PHOTO_IN_BRACKETS.search(text):
        return True
    if text.endswith((")", "]", "s", "S")) or "|" in tail:
        return bool(_CREDIT_TAIL.search(tail)) or _is_credit(text)
    return _is_credit(text)


def _is_credit(text: str) -> bool:
    """A credit line alone: 'Press service/TASS', 'Name/AFP'."""
    if "/" not in text or _words(text) > 8 or text.endswith(_SENTENCE_END):
        return False
    parts = [p.strip() for p in text.split("/")]
    return any(_key(p) in _AGENCY_SET or (len(p) >= 2 and p.isupper()) for p in parts[1:])


def _is_agency(text: str) -> bool:
    """A line naming only news agencies ('Reuters', 'AFP, Yonhap'): the byline of wire copy."""
    if len(text) > 60:
        return False
    names = [n for n in re.split(r"\s*(?:,|/|&|\band\b|\by\b|\bet\b|\bи\b)\s*", _bare(text).strip("()[]")) if n]
    return bool(names) and all(n in _AGENCY_SET for n in names)


def _is_date(text: str) -> bool:
    """A line that is a date stamp and little else: '4 de junio de 2025', 'Noticias2024-01-15'."""
    if not re.search(r"\d", text) or len(text) > 80:
        return False
    words = re.findall(r"[^\W\d_]+", text)
    rest = [w for w in words if not _DATE_WORDS.match(w)]
    dated = len(words) > len(rest) or _NUMERIC_DATE.search(text)
    return bool(dated) and len(rest) <= 1 and len(words) <= 12


def _mark_captions(texts: list[str], keys: list[str], kinds: list[BlockKind | None]) -> None:
    """Captions told by their neighbours.

    A block printed twice in a row, or printed again with a credit after it,
    is a caption (both copies); so is a short line right next to a credit line.
    """
    for index in range(len(texts) - 1):
        here, after = keys[index], keys[index + 1]
        if _words(here) >= 2 and after.startswith(here) and (
            after == here or _is_caption(texts[index + 1]) or _words(after[len(here):]) <= 6
        ):
            for i in (index, index + 1):
                if kinds[i] in (None, "clutter", "caption"):
                    kinds[i] = "caption"
    for index, text in enumerate(texts):
        if kinds[index] == "caption" and _is_credit(text):
            for near in (index - 1, index + 1):
                if 0 <= near < len(texts) and kinds[near] is None and _is_short_line(texts[near], 20):
                    kinds[near] = "caption"


def _mark_related(texts: list[str], kinds: list[BlockKind | None]) -> None:
    """A 'Read also' header and the article titles listed under it, up to the next sentence."""
    inside = False
    for index, text in enumerate(texts):
        if len(text) <= 60 and _bare(text) in _RELATED_WHOLE:
            kinds[index], inside = "clutter", True
        elif inside and kinds[index] is None and _is_short_line(text, 25):
            kinds[index] = "clutter"
        elif kinds[index] is None:
            inside = False


def _mark_embeds(texts: list[str], kinds: list[BlockKind | None]) -> None:
    """A post embedded from social media, told by being in another language than the body around it."""
    languages = [_language(t) if k is None and _words(t) >= 8 else None for t, k in zip(texts, kinds)]
    body = [lang for lang in languages if lang is not None]
    if len(body) < 3:
        return
    main = max(set(body), key=body.count)
    if main is None or body.count(main) < 2:
        return
    for index, lang in enumerate(languages):
        if kinds[index] is None and lang is not None and lang != main and _words(texts[index]) >= 8:
            kinds[index] = "clutter"


_STOPWORDS = {
    "en": frozenset("the and of to is are was were that with for this have has from".split()),
    "es": frozenset("el la los las del que y en es con por para una se al".split()),
    "fr": frozenset("le la les des du que et est dans pour une sur au aux qui".split()),
}


_SCRIPTS = (("ko", re.compile("[\uac00-\ud7af]")), ("ar", re.compile("[\u0600-\u06ff]")),
            ("ru", re.compile("[\u0400-\u04ff]")))
_OTHER_SCRIPT = re.compile("[\uac00-\ud7af\u0600-\u06ff\u0400-\u04ff]")


def _language(text: str) -> str | None:
    """The script, or for Latin script the language by its commonest words; None when unclear."""
    sample = text[:300]  # enough to tell, and keeps long paragraphs cheap
    if _OTHER_SCRIPT.search(sample):  # most text is Latin: one search decides it
        for name, script in _SCRIPTS:
            if len(script.findall(sample)) > len(sample) / 3:
                return name
    words = set(sample.casefold().split())
    counts = {lang: len(words & table) for lang, table in _STOPWORDS.items()}
    best = max(counts, key=counts.__getitem__)
    others = [c for lang, c in counts.items() if lang != best]
    return best if counts[best] >= 3 and counts[best] >= 3 * max(others) else None


def _mark_runs(texts: list[str], kinds: list[BlockKind | None]) -> None:
    """Two or more one-to-three-word lines in a row in the body: a menu or a name card, not text."""
    index = 0
    while index < len(texts):
        end = index
        while end < len(texts) and kinds[end] is None and _is_short_line(texts[end], 3):
            end += 1
        if end - index >= 2:
            for i in range(index, end):
                kinds[i] = "clutter"
        index = max(end, index + 1)


def _mark_head(texts: list[str], keys: list[str], kinds: list[BlockKind | None]) -> None:
    """Headline, standfirst and the page chrome above them.

    The head of the page is everything before the first block that reads
    like body text. Its headline is the first line there that looks like a
    headline (`_is_headline_like`) and comes before the byline; a headline
    the page prints twice wins, and a three-word line right above another
    candidate is a section name ("Corée du Nord").
    What is still unclassified above the headline is chrome (section names,
    menus) or a caption; date stamps above it are the masthead's. A
    standfirst sits between the headline and a byline or date, or is the
    next line after them when it looks like a headline and the body follows.
    """
    body = next((i for i, k in enumerate(kinds) if k is None and _looks_like_body(texts[i])), len(texts))
    candidates = [i for i in range(body) if kinds[i] is None and _is_headline_like(texts[i])]
    if not candidates:
        for i in range(body):
            if kinds[i] is None and _is_short_line(texts[i], 3):
                kinds[i] = "clutter"  # a section name or menu item over a page without a headline
        return
    signed = next((i for i in range(body) if kinds[i] in ("byline", "published")), body)
    candidates = [i for i in candidates if i < signed] or candidates  # a headline comes before its byline
    printed_twice = [i for i in candidates if keys[i] in keys[i + 1:]]
    section = {i for i in candidates if _words(texts[i]) < 4 and _is_cased(texts[i]) and i + 1 in candidates}
    headline = (printed_twice or [i for i in candidates if i not in section])[0]
    kinds[headline] = "headline"
    for i in range(headline):
        if kinds[i] is None:
            kinds[i] = "caption" if _LOCATIVE_CAPTION.search(texts[i]) else "clutter"
        elif kinds[i] in ("date", "published"):
            kinds[i] = "clutter"  # the date of the page, not of the article
    for j in range(headline + 1, len(texts)):
        if keys[j] == keys[headline] and kinds[j] is None:
            kinds[j] = "clutter"
    for index in range(headline + 1, min(headline + 5, len(texts))):
        if kinds[index] in ("byline", "published", "date"):
            for between in range(headline + 1, index):
                if kinds[between] is None:
                    kinds[between] = "standfirst"
            break
    following = next((i for i in range(headline + 1, body) if kinds[i] is None), None)
    if following is not None and body < len(texts) and _is_headline_like(texts[following]):
        kinds[following] = "standfirst"


def _is_headline_like(text: str) -> bool:
    """A line of moderate length that is not a sentence of the body and not furniture."""
    words = text.split()
    if not 3 <= len(words) <= 30 or not 10 <= len(text) <= 180:
        return False
    end = _without_sign_off(text)
    if end.endswith((".", ",", ":", ";")) and not end.endswith(("...", "\u2026")):
        return False
    return not (_LOCATIVE_CAPTION.search(text) or text.lstrip()[:1] in _BULLETS)


def _is_cased(text: str) -> bool:
    """Written mostly in a script with capitals; Korean and Arabic pack more into a word."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() or c.islower() for c in letters) > len(letters) / 2


def _is_short_line(text: str, most_words: int) -> bool:
    return _words(text) <= most_words and not text.endswith(_SENTENCE_END)


def _chunks(raw: str) -> Iterable[tuple[int, str]]:
    """Blocks of text with the line they start on.

    A line is a block of its own, except that a run of short lines with no
    blank line between them and no sentence end inside is one wrapped paragraph.
    """
    lines = raw.splitlines()
    index = 0
    while index < len(lines):
        text = lines[index].strip()
        if not text:
            index += 1
            continue
        start = index
        while (
            index + 1 < len(lines)
            and lines[index + 1].strip()
            and _is_wrapped(lines[index], lines[index + 1])
        ):
            index += 1
            text += " " + lines[index].strip()
        yield start + 1, " ".join(text.split())
        index += 1


def _is_wrapped(line: str, following: str) -> bool:
    """A hard-wrapped line: long enough to be prose, not ending a sentence."""
    line = line.rstrip()
    return 40 <= len(line) <= 100 and not line.endswith((".", "!", "?", ":", "\u201d", '"')) \
        and following.strip()[:1].islower()


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _words(text: str) -> int:
    """How many words a block has (blocks have single spaces, see `_chunks`)."""
    return text.strip().count(" ") + 1 if text.strip() else 0


def _is_doubled(text: str) -> bool:
    """A caption printed twice on one line: 'X. (Credit) X. (Credit)'."""
    half, rest = divmod(len(text), 2)
    for cut in (half, half + rest, half - 1, half + 1):
        left, right = text[:cut].strip(), text[cut:].strip()
        if left and left == right and len(left) > 20:
            return True
    return False


def _is_subheading(texts: list[str], kinds: list[BlockKind | None], index: int) -> bool:
    """A short line between body paragraphs: in capitals, or, in scripts without case, without a sentence end."""
    text = texts[index]
    if len(text) > 60 or text.endswith(_SENTENCE_END):  # checked first: most blocks are long paragraphs
        return False
    if _is_cased(text):
        cased = [c for c in text if c.isupper() or c.islower()]
        return all(not c.islower() for c in cased) and len(cased) >= 3
    if not 0 < index < len(kinds) - 1:
        return False
    neighbours = (kinds[index - 1], kinds[index + 1])
    return _words(text) <= 10 and all(k in (None, "paragraph") for k in neighbours)


def _looks_like_body(text: str) -> bool:
    """A sentence of the body: it ends like one, or is too long for anything else."""
    end = _without_sign_off(text)
    return len(text) > 200 or (end.endswith(_SENTENCE_END) and not end.endswith("...") and _words(text) >= 6)


def _without_sign_off(text: str) -> str:
    """The text without a closing '(ats/jch)' or '[TASS]': what ends the sentence itself."""
    return _SIGN_OFF.sub("", text) if text.endswith((")", "]")) else text


_SIGN_OFF = re.compile(r"\s*[(\[][^()\[\]]{1,30}[)\]]$")


# --- comparing text ---------------------------------------------------------

_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "..."}


def normalise(text: str) -> str:
    """Text with typographic quotes, ellipses and white space made plain, for comparisons."""
    text = unicodedata.normalize("NFC", text)
    for typographic, plain in _QUOTES.items():  # str.replace: far faster than translate
        if typographic in text:
            text = text.replace(typographic, plain)
    return " ".join(text.split())


def normalise_lines(text: str) -> str:
    """Each line of `text` normalised (`normalise`), the lines joined by newlines; the Unicode
    form and the quotes are made plain once for the whole text, not once a line."""
    text = unicodedata.normalize("NFC", text)
    for typographic, plain in _QUOTES.items():
        if typographic in text:
            text = text.replace(typographic, plain)
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def find_paragraph(paragraphs: tuple[Block, ...], quote: str) -> int | None:
    """1-based number of the paragraph that contains `quote`, or None."""
    return _paragraph_holding((normalise(paragraph.text) for paragraph in paragraphs), quote)


def _paragraph_holding(plain: Iterable[str], quote: str) -> int | None:
    """1-based number of the first of the `plain` (normalised) paragraphs holding `quote`."""
    needle = normalise(quote).strip("\"' ,.")
    for number, paragraph in enumerate(plain, start=1):
        if needle and needle in paragraph:
            return number
    return None


NEAR = 60
"""The least rapidfuzz partial ratio (0-100) at which a passage counts as close to a quote;
unrelated text of the same length scores about 35-55."""
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u300c\u300d "


@dataclass(frozen=True)
class Passage:
    """The words of an article most like a quote that it does not print."""

    paragraph: int
    """1-based number of the paragraph they are in (its anchor is `#pN`)."""
    text: str


def nearest_passage(paragraphs: tuple[Block, ...], quote: str) -> Passage | None:
    """The passage of `paragraphs` closest to `quote`, in whole words; None when nothing is close.

    Each paragraph is aligned with the quote (rapidfuzz's partial ratio: the
    best-matching stretch of the paragraph as long as the quote); the best
    stretch is widened to whole words, without the quotation marks around it.
    """
    needle = quote.strip(_QUOTE_MARKS)
    best: tuple[float, int, int, int] | None = None
    for number, paragraph in enumerate(paragraphs, start=1):
        found = fuzz.partial_ratio_alignment(needle, paragraph.text)
        if found is not None and found.score >= NEAR and (best is None or found.score > best[0]):
            best = (found.score, number, found.dest_start, found.dest_end)
    if best is None:
        return None
    _, number, start, end = best
    text = paragraphs[number - 1].text
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return Passage(number, text[start:end].strip(_QUOTE_MARKS + ",.;:!?"))


# --- other formats ------------------------------------------------------------

_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype html|<html\b|<(?:article|body|p|div|h1)\b)", re.IGNORECASE)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/|#)[^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def is_html(raw: str) -> bool:
    """True when `raw` is an HTML page or fragment rather than text."""
    return bool(_HTML_SNIFF.match(raw))


def to_plain(raw: str) -> str:
    """Plain text lines of `raw`: HTML reduced to its text blocks, Markdown marks removed.

    Plain text passes through unchanged apart from Markdown headings, links,
    images and bold marks, which news copy does not otherwise contain.
    """
    if is_html(raw):
        return html_page(raw).text
    fields, raw = front_matter(raw)
    if fields.get("title") and raw.startswith("\n"):
        raw = " ".join(fields["title"].split()) + raw  # the headline, on the front matter's first line
    if not any(mark in raw for mark in ("#", "](", "**", "__")):  # plain text
        return raw
    lines = []
    for line in raw.splitlines():
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _MD_IMAGE.sub(lambda m: m.group(1), line)
        line = _MD_LINK.sub(lambda m: m.group(1), line)
        line = _MD_EMPHASIS.sub(lambda m: m.group(2), line)
        lines.append(line)
    return "\n".join(lines)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)


def front_matter(raw: str) -> tuple[dict[str, str], str]:
    """The YAML front matter of a Markdown file (as strings) and the text after it.

    The front matter is replaced by blank lines, so that line numbers still
    point into the raw file. Anything that is not a mapping is left as text.
    """
    match = _FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    try:
        parsed = read_yaml(match.group(1))
    except (yaml.YAMLError, YamlShapeError):
        return {}, raw
    data = parsed.value
    if parsed.problems or not isinstance(data, dict):  # an alias bomb, a tag, too deep: not read
        return {}, raw
    blank = "\n" * match.group(0).count("\n")
    return {str(k).lower(): str(v) for k, v in data.items() if v is not None}, blank + raw[match.end():]


@dataclass
class HtmlPage:
    """The text blocks of an HTML page and the metadata its head declares."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)


_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "br", "header",
    "footer", "article", "section", "blockquote", "time", "tr", "address", "aside", "figure",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "form", "button", "iframe", "head"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.meta: dict[str, str] = {}
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop")
            if key and values.get("content"):
                self.meta.setdefault(key.lower(), values["content"])
        elif tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.meta.setdefault("canonical", values["href"])
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.lines[-1] += data


def html_page(raw: str) -> HtmlPage:
    """Text blocks of an HTML page, one per line with blank lines between, and its meta tags."""
    parser = _TextParser()
    parser.feed(raw)
    parser.close()
    blocks = [" ".join(line.split()) for line in parser.lines]
    return HtmlPage("\n\n".join(b for b in blocks if b) + "\n", parser.meta)
