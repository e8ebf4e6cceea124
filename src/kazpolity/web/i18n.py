"""The dashboard's languages: English by default, Kazakh and Russian on request.

The language comes from ``?lang=en|kk|ru`` (remembered in a cookie) or the ``lang`` cookie.
Names of regions come from the geo data in all three languages; names of bodies, offices,
parties, candidates, election kinds and eras from the names catalogue (``kazpolity.names``,
with sources); the interface's own words (headings, table headers, captions) come from the
word catalogue (``kazpolity.presentation.words``), which every face shares. Numbers use
thousands separators: ``1,234,567`` in English, ``1 234 567`` (narrow no-break spaces)
in Kazakh and Russian.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from fastapi import Request

from kazpolity.presentation import format_int, format_number
from kazpolity.presentation.words import word

LANGS: Final = ("en", "kk", "ru")
LANG_NAMES: Final[Mapping[str, str]] = {"en": "English", "kk": "Қазақша", "ru": "Русский"}
COOKIE: Final = "lang"


def pick_lang(request: Request) -> str:
    """The language asked for by the query, else the cookie, else English."""
    asked = request.query_params.get("lang") or request.cookies.get(COOKIE) or "en"
    return asked if asked in LANGS else "en"


def translate(key: str, lang: str) -> str:
    """``key`` in ``lang`` from the word catalogue (the key itself when it is not there)."""
    return word(key, lang if lang in LANGS else "en")


def number(value: int | float | None, lang: str = "en", places: int | None = None) -> str:
    """A number with thousands separators (``—`` for a missing value), in ``lang``'s style."""
    if value is None or (places is None and isinstance(value, int)):
        return format_int(value, lang)
    return format_number(value, lang, 2 if places is None else places)
