"""The languages every face offers."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from kazpolity.errors import InputError

E = TypeVar("E", bound=StrEnum)


class Language(StrEnum):
    """A language of the interface, by its ISO 639-1 code (also its Babel locale)."""

    EN = "en"
    KK = "kk"
    RU = "ru"


def parse_choice(kind: type[E], value: str, field: str, what: str) -> E:
    """``value`` (case and spaces ignored) as a member of ``kind``; anything else is bad input
    naming ``field`` and the choices."""
    try:
        return kind(value.strip().lower())
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise InputError(field, f"unknown {what} {value!r}; choose one of {choices}") from None


def parse_language(value: str, field: str = "lang") -> Language:
    """``value`` as a language; an unknown code is bad input naming the choices."""
    return parse_choice(Language, value, field, "language")
