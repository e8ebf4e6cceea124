"""The word catalogue: every interface word and sentence in English, Kazakh and Russian.

One file (``words.yaml`` beside this module) serves every face — the dashboard's headings, the
CLI's table headings, the forensic texts, the reasons a method was not run — keyed by the
identifier the code passes (mostly the English text itself). It is read strictly: a duplicate
key, an unknown language, a missing one or empty text is refused with a ``DataFileError``
naming the file and the line, so a word cannot silently fall back to English.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Final

from kazpolity.datafile import YamlReader
from kazpolity.presentation.language import Language

WORDS_FILE: Final = Path(__file__).with_name("words.yaml")
_LANGS: Final = frozenset(language.value for language in Language)


def load_words(path: Path = WORDS_FILE) -> Mapping[str, Mapping[str, str]]:
    """Every entry of a word file: key → language → text (each of en, kk, ru present)."""
    reader = YamlReader(path)
    entries: dict[str, Mapping[str, str]] = {}
    for key, (_, node) in reader.mapping(reader.compose(), "").items():
        fields = reader.mapping(node, key, _LANGS, _LANGS)
        entries[key] = {lang: reader.text(value, f"{key}.{lang}")
                        for lang, (_, value) in fields.items()}
    return entries


@cache
def words() -> Mapping[str, Mapping[str, str]]:
    """The bundled catalogue (read once)."""
    return load_words()


def word(key: str, lang: Language | str, default: str | None = None) -> str:
    """``key`` in ``lang``; a key not in the catalogue reads as ``default`` (else itself)."""
    entry = words().get(key)
    if entry is None:
        return key if default is None else default
    return entry[Language(lang).value]


def has_word(key: str) -> bool:
    return key in words()
