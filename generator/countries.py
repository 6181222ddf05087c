"""Countries and languages by their codes, with their English names (CLDR, through Babel).

An outlet's `country:` and `state:` are ISO 3166-1 alpha-2 codes (`KR`, `KP`, `RU`);
a curator may write the English name instead (`South Korea`), which is read as its
code. Names come from the Unicode CLDR data Babel ships, the same names the
site shows.
"""

from __future__ import annotations

import functools

from babel import Locale

from .errors import did_you_mean

_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
"""Two-letter CLDR territories that are not countries: unions, regions, test codes."""


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English name ('KR' -> 'South Korea'), by code."""
    names = Locale("en").territories
    return {code: names[code] for code in sorted(names)
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES}


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    return {name.casefold(): code for code, name in countries().items()}


def country_code(value: object) -> str:
    """The code of a country written as its code ('KR', 'kr') or its English name ('South Korea').

    Raises ValueError, in a curator's words, for anything else.
    """
    text = " ".join(str(value).split())
    if text.upper() in countries() and len(text) == 2:
        return text.upper()
    code = _by_name().get(text.casefold())
    if code is not None:
        return code
    hint = did_you_mean(text, countries().values()) if len(text) > 2 else ""
    raise ValueError(
        f"{text!r} is not a country{hint}: write its ISO 3166 code, e.g. KR, or its English "
        "name, e.g. South Korea (outlets that work everywhere: leave the key out)"
    )


def country_name(code: str) -> str:
    """'KR' -> 'South Korea'; an unknown code is shown as it is."""
    return countries().get(code, code)


def language_name(code: str) -> str:
    """'ko' -> 'Korean', 'zh-Hant' -> 'Traditional Chinese'; an unknown code as it is."""
    names = Locale("en").languages
    key = code.replace("-", "_")
    return names.get(key) or names.get(key.split("_")[0]) or code
