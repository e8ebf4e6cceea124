"""The dashboard's languages: English by default, Kazakh and Russian on request.

The language comes from ``?lang=en|kk|ru`` (remembered in a cookie) or the ``lang`` cookie.
Names of regions come from the geo data in all three languages; the interface's own words
come from ``WORDS`` below. Words without a translation fall back to English. Numbers use
thousands separators: ``1,234,567`` in English, ``1 234 567`` (narrow no-break spaces)
in Kazakh and Russian.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from fastapi import Request

LANGS: Final = ("en", "kk", "ru")
LANG_NAMES: Final[Mapping[str, str]] = {"en": "English", "kk": "Қазақша", "ru": "Русский"}
COOKIE: Final = "lang"

WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "Today": {"kk": "Бүгін", "ru": "Сегодня"},
    "Rules": {"kk": "Ережелер", "ru": "Правила"},
    "Elections": {"kk": "Сайлаулар", "ru": "Выборы"},
    "Administration": {"kk": "Сайлауды өткізу", "ru": "Администрирование"},
    "Forensics": {"kk": "Сайлау сараптамасы", "ru": "Электоральная статистика"},
    "Institutions": {"kk": "Институттар", "ru": "Институты"},
    "Date": {"kk": "Күні", "ru": "Дата"},
    "Show": {"kk": "Көрсету", "ru": "Показать"},
    "Bodies that exist": {"kk": "Қолданыстағы органдар", "ru": "Существующие органы"},
    "Office-holders": {"kk": "Лауазым иелері", "ru": "Должностные лица"},
    "Regions": {"kk": "Өңірлер", "ru": "Регионы"},
    "Results": {"kk": "Нәтижелер", "ru": "Результаты"},
    "Seats": {"kk": "Орындар", "ru": "Места"},
    "votes": {"kk": "дауыс", "ru": "голоса"},
    "seats": {"kk": "орын", "ru": "места"},
    "Registered voters": {"kk": "Тіркелген сайлаушылар", "ru": "Зарегистрировано избирателей"},
    "Ballots cast": {"kk": "Бюллетеньдер берілді", "ru": "Выдано бюллетеней"},
    "Turnout": {"kk": "Сайлауға қатысу", "ru": "Явка"},
    "Re-run": {"kk": "Қайта есептеу", "ru": "Пересчитать"},
    "Compare with": {"kk": "Салыстыру", "ru": "Сравнить с"},
    "Eras": {"kk": "Дәуірлер", "ru": "Эпохи"},
    "reported": {"kk": "хабарланды", "ru": "поступило"},
    "of": {"kk": "/", "ru": "из"},
    "Not found": {"kk": "Табылмады", "ru": "Не найдено"},
    "Invalid input": {"kk": "Қате енгізу", "ru": "Неверный ввод"},
    "Bad request": {"kk": "Қате сұрау", "ru": "Неверный запрос"},
    "Error": {"kk": "Қате", "ru": "Ошибка"},
    "Back to today": {"kk": "Бүгінгі бетке", "ru": "К сегодняшнему дню"},
    "Language": {"kk": "Тіл", "ru": "Язык"},
    "Run scenario": {"kk": "Сценарийді іске қосу", "ru": "Запустить сценарий"},
}


def pick_lang(request: Request) -> str:
    """The language asked for by the query, else the cookie, else English."""
    asked = request.query_params.get("lang") or request.cookies.get(COOKIE) or "en"
    return asked if asked in LANGS else "en"


def translate(word: str, lang: str) -> str:
    """``word`` in ``lang`` (English when there is no translation)."""
    if lang == "en":
        return word
    return WORDS.get(word, {}).get(lang, word)


def number(value: int | float | None, lang: str = "en", places: int | None = None) -> str:
    """A number with thousands separators (``—`` for a missing value)."""
    if value is None:
        return "—"
    if places is None:
        text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
    else:
        text = f"{value:,.{places}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u202f").replace(".", ",")
