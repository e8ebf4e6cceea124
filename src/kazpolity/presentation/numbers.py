"""Numbers, percentages and dates in each language's own style (CLDR data through Babel).

English: ``3,431,510`` and ``53.90%``; Kazakh and Russian: ``3 431 510`` and ``53,90%`` (a
narrow no-break space groups thousands, a comma marks decimals); negative numbers take a true minus
sign in Kazakh and Russian. Dates: ``19 March 2023``, ``2023 жылғы 19 наурыз``,
``19 марта 2023 г.`` — never ISO inside running text.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from kazpolity.presentation.language import Language

MISSING = "—"

_KK_MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
              "қыркүйек", "қазан", "қараша", "желтоқсан")


def _minus(text: str, lang: Language) -> str:
    """Kazakh and Russian: a true minus sign and a narrow no-break space between groups."""
    if lang is Language.EN:
        return text
    return text.replace("-", "\u2212").replace("\xa0", "\u202f")


def format_int(value: int | None, lang: Language | str = Language.EN) -> str:
    """A whole number with the language's thousands grouping (``—`` when missing)."""
    if value is None:
        return MISSING
    language = Language(lang)
    return _minus(format_decimal(value, format="#,##0", locale=language.value), language)


def format_number(value: float | Fraction | int | None, lang: Language | str = Language.EN,
                  places: int = 2) -> str:
    """A decimal number to ``places`` places in the language's style."""
    if value is None:
        return MISSING
    language = Language(lang)
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    return _minus(format_decimal(float(value), format=pattern, locale=language.value), language)


def format_percent(value: float | Fraction | int | None, lang: Language | str = Language.EN,
                   places: int = 2) -> str:
    """``value`` already in percent (``53.9`` → ``53.90%``) in the language's style."""
    if value is None:
        return MISSING
    return format_number(value, lang, places) + "%"


def format_date(value: date | None, lang: Language | str = Language.EN) -> str:
    """A date for running text: ``19 March 2023``, ``2023 жылғы 19 наурыз``,
    ``19 марта 2023 г.``."""
    if value is None:
        return MISSING
    language = Language(lang)
    if language is Language.KK:
        return f"{value.year} жылғы {value.day} {_KK_MONTHS[value.month - 1]}"
    if language is Language.EN:
        return f"{value.day} {_babel_date(value, format='MMMM y', locale='en')}"
    return _babel_date(value, format="long", locale=language.value)
