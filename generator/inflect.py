"""The forms a name takes in running text, in languages whose words change.

A curator writes a name once, as a dictionary would ("Лавров", "بوتين",
"김정은"); articles write it as the sentence needs it:

- Russian declines it: "Лаврова", "Лаврову", "с Лавровым", "в России",
  "Северной Кореи". Each Cyrillic word of a name gets the endings of its
  declension, from its last letters; acronyms (КНДР, США) and words ending
  in a vowel that Russian does not decline (Шойгу) keep one form.
- Arabic writes conjunctions and prepositions onto the word: "وبوتين" (and
  Putin), "لروسيا" (to Russia), "للكرملين" (to the Kremlin: لِ + الكرملين).
- Korean writes particles after it ("김정은은", "러시아와", "평양에서"), and
  joins some nouns to it ("타스통신", "러시아군", "우크라이나전"), particles
  following those too ("러시아군은").

`forms` lists them with how many characters at each end are not the name
itself, so a link covers "Лаврова" whole but not the "و" of "وبوتين" or the
"은" of "김정은은". Korean particles of place are told apart
(`LOCATIVE_PARTICLES`): "평양에서" is a place, "평양은" the state.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")

# Russian: the last letters of a word and the endings that replace them.
_RUSSIAN = (
    ("ия", ("ия", "ии", "ию", "ией")),                       # Россия, России
    ("ая", ("ая", "ой", "ую", "ою")),                       # Северная, Северной
    ("ый", ("ый", "ого", "ому", "ым", "ом")),               # adjectives
    ("ой", ("ой", "ого", "ому", "ым", "ом")),
    ("ий", ("ий", "ия", "ию", "ием", "ии")),                # Валерий, Дмитрий
    ("ь", ("ь", "я", "ю", "ем", "ём", "е", "и")),            # Кремль
    ("й", ("й", "я", "ю", "ем", "е")),                      # Сергей, Андрей
    ("а", ("а", "ы", "и", "е", "у", "ой", "ою")),           # Москва, Захарова
    ("я", ("я", "и", "е", "ю", "ей", "ею")),                # Корея
)
_RUSSIAN_CONSONANT = ("", "а", "у", "ом", "ым", "е")       # Лавров, Путин, Пхеньян
_RUSSIAN_FIXED = "оуеиэюыё"
"""Foreign names ending in these vowels are not declined: Шойгу, Хи, Чвэ."""

# Arabic: what may be written onto the front of a word.
_ARABIC_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")

# Korean particles, longest first so that "에서" wins over "에".
LOCATIVE_PARTICLES = ("에서부터", "에서의", "에서는", "에서도", "에서", "에는", "에도", "에", "으로", "로", "까지")
PARTICLES = LOCATIVE_PARTICLES + (
    "으로부터", "로부터", "에게서", "에게", "께서", "한테", "과의", "와의", "과는", "와는", "과도",
    "와도", "이라고", "라고", "이며", "이다", "이나", "처럼", "보다", "부터", "측은", "측이",
    "측의", "측", "은", "는", "이", "가", "을", "를", "의", "와", "과", "도", "만", "나",
)

_JOINED_NOUNS = ("통신", "군", "전", "측", "정부", "당국", "외무부", "국방부", "대사관")
"""Nouns Korean writes onto a name: 'agency', 'army', 'war', 'side', 'government'..."""


@dataclass(frozen=True)
class Form:
    """One written form of a name: `text`, whose first `lead` and last `trail` characters are not the name."""

    text: str
    lead: int = 0
    trail: int = 0


def forms(name: str) -> list[Form]:
    """Every form of `name` to look for, the name as written first."""
    if _CYRILLIC.search(name):
        return [Form(text) for text in _russian(name)]
    if _ARABIC.search(name):
        return _arabic(name)
    if _HANGUL.search(name):
        endings = [noun + particle for noun in ("", *_JOINED_NOUNS) for particle in ("", *PARTICLES)][1:]
        return [Form(name)] + [Form(name + ending, 0, len(ending)) for ending in endings]
    return [Form(name)]


def _russian(name: str) -> list[str]:
    words = re.split(r"(\s+|-)", name)
    options = [_declined(word) if _CYRILLIC.search(word) else [word] for word in words]
    combined = ["".join(parts) for parts in itertools.product(*options)]
    return list(dict.fromkeys([name, *combined]))


def _declined(word: str) -> list[str]:
    if word.isupper() or len(word) < 2 or word[-1].lower() in _RUSSIAN_FIXED:
        return [word]
    lower = word.lower()
    for ending, replacements in _RUSSIAN:
        if lower.endswith(ending):
            stem = word[: -len(ending)]
            return [stem + r for r in replacements]
    return [word + ending for ending in _RUSSIAN_CONSONANT]


def _arabic(name: str) -> list[Form]:
    found = [Form(prefix + name, len(prefix)) for prefix in _ARABIC_PREFIXES]
    if name.startswith("ال"):
        # لِ + الـ is written لل: "للكرملين"
        found += [Form(prefix + "ل" + name[1:], len(prefix) + 1) for prefix in ("", "و", "ف")]
    return found


def is_locative(form: Form) -> bool:
    """Whether the particle this form ends in is one of place ("평양에서")."""
    return form.trail > 0 and form.text[-form.trail:] in LOCATIVE_PARTICLES
