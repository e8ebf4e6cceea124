"""Locale formats against the style review's forms (kk/ru: narrow no-break space, decimal comma,
true minus; dates as words, never ISO in running text)."""

from __future__ import annotations

from datetime import date

import pytest

from kazpolity.errors import InputError
from kazpolity.presentation import (
    Language,
    format_date,
    format_int,
    format_percent,
    parse_language,
)


def test_thousands_and_decimals_per_language() -> None:
    assert format_int(3431510, "en") == "3,431,510"
    assert format_int(3431510, "ru") == "3\u202f431\u202f510"
    assert format_int(3431510, "kk") == "3\u202f431\u202f510"
    assert format_percent(53.9, "en") == "53.90%"
    assert format_percent(53.9, "ru", 1) == "53,9%"
    assert format_int(-54, "ru") == "\u221254"
    assert format_int(None, "kk") == "—"


def test_dates_as_words() -> None:
    day = date(2023, 3, 19)
    assert format_date(day, "en") == "19 March 2023"
    assert format_date(day, "kk") == "2023 жылғы 19 наурыз"
    assert format_date(day, "ru") == "19 марта 2023\u202fг."


def test_unknown_language_names_the_field() -> None:
    assert parse_language(" RU ") is Language.RU
    with pytest.raises(InputError, match="lang: unknown language 'de'"):
        parse_language("de")
