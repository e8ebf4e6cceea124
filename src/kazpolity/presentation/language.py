"""The languages every face offers."""

from __future__ import annotations

from enum import StrEnum

from kazpolity.errors import InputError


class Language(StrEnum):
    """A language of the interface, by its ISO 639-1 code (also its Babel locale)."""

    EN = "en"
    KK = "kk"
    RU = "ru"


def parse_language(value: str, field: str = "lang") -> Language:
    """``value`` as a language; an unknown code is bad input naming the choices."""
    try:
        return Language(value.strip().lower())
    except ValueError:
        choices = ", ".join(lang.value for lang in Language)
        raise InputError(field, f"unknown language {value!r}; choose one of {choices}") from None
