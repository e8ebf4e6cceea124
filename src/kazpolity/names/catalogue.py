"""The names catalogue: one data file (``names.yaml``) with sources, read strictly.

``name_of(kind, key, lang)`` gives the name of a body, office, party, candidate, election
kind or era in English, Kazakh or Russian; a name without a confirmed translation (or not in
the catalogue at all) falls back to English, never to a guess. The loader refuses a
malformed file (a section without sources, an unknown language, an entry without ``en``, an
``unverified`` or ``english_only`` entry without a note) with a ``DataFileError`` naming the
file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import yaml

from kazpolity.datafile import YamlReader

DATA_FILE: Final = Path(__file__).with_name("names.yaml")
LANGS: Final = ("en", "kk", "ru")
KINDS: Final = ("bodies", "offices", "election_kinds", "eras", "parties", "candidates",
                 "people")
"""The catalogue's sections; ``result_name`` looks a result row's name up in ``parties`` and
``candidates``, ``person_name`` an office-holder's in ``people`` (then ``candidates``)."""

_SECTION_KEYS: Final = frozenset({"sources", "names"})
_ENTRY_KEYS: Final = frozenset({*LANGS, "unverified", "english_only", "note", "source"})


@dataclass(frozen=True)
class NameEntry:
    """One name in each language it is known in (``en`` always)."""

    key: str
    names: Mapping[str, str]
    unverified: bool = False
    english_only: bool = False
    note: str | None = None
    source: str | None = None

    def get(self, lang: str) -> str:
        """The name in ``lang``, or the English one."""
        return self.names.get(lang) or self.names["en"]


@dataclass(frozen=True)
class Catalogue:
    """Every section's entries and sources."""

    sections: Mapping[str, Mapping[str, NameEntry]]
    sources: Mapping[str, tuple[str, ...]]

    def entry(self, kind: str, key: str) -> NameEntry | None:
        if kind not in self.sections:
            raise KeyError(f"unknown kind of name {kind!r} (known: {', '.join(KINDS)})")
        return self.sections[kind].get(key)

    def name(self, kind: str, key: str, lang: str, default: str | None = None) -> str:
        """The name of ``key`` in ``lang``; English (``default``, else the catalogue's
        English, else ``key``) when ``lang`` is English or there is no translation."""
        entry = self.entry(kind, key)
        english = default if default is not None else (entry.names["en"] if entry else key)
        if lang == "en" or entry is None:
            return english
        return entry.names.get(lang) or english


def load(path: Path = DATA_FILE) -> Catalogue:
    """Read and check a names file; any defect raises ``DataFileError`` with its line."""
    reader = YamlReader(path)
    root = reader.mapping(reader.compose(), "", frozenset(KINDS), frozenset(KINDS))
    sections: dict[str, dict[str, NameEntry]] = {}
    sources: dict[str, tuple[str, ...]] = {}
    for kind in KINDS:
        _, section_node = root[kind]
        section = reader.mapping(section_node, kind, _SECTION_KEYS, _SECTION_KEYS)
        _, sources_node = section["sources"]
        urls = reader.sequence(sources_node, f"{kind}.sources", non_empty=True)
        sources[kind] = tuple(reader.url(url, f"{kind}.sources") for url in urls)
        _, names_node = section["names"]
        entries: dict[str, NameEntry] = {}
        for key, (_, entry_node) in reader.mapping(names_node, f"{kind}.names").items():
            entries[key] = _entry(reader, f"{kind}.names.{key}", key, entry_node)
        sections[kind] = entries
    return Catalogue(sections, sources)


def _entry(reader: YamlReader, where: str, key: str, node: yaml.Node) -> NameEntry:
    fields = reader.mapping(node, where, _ENTRY_KEYS, frozenset({"en"}))
    names = {lang: reader.text(fields[lang][1], f"{where}.{lang}")
             for lang in LANGS if lang in fields}
    unverified = reader.flag(fields["unverified"][1], f"{where}.unverified") \
        if "unverified" in fields else False
    english_only = reader.flag(fields["english_only"][1], f"{where}.english_only") \
        if "english_only" in fields else False
    note = reader.text(fields["note"][1], f"{where}.note") if "note" in fields else None
    source = reader.url(fields["source"][1], f"{where}.source") if "source" in fields else None
    if (unverified or english_only) and note is None:
        raise reader.fail(node, where, "unverified and english_only need a note saying why")
    if english_only and len(names) > 1:
        raise reader.fail(node, where, "english_only allows no kk or ru name")
    if not english_only and len(names) == 1:
        raise reader.fail(node, where, "needs a kk or ru name, or english_only: true")
    return NameEntry(key, names, unverified, english_only, note, source)


@cache
def catalogue() -> Catalogue:
    """The bundled catalogue (read once)."""
    return load()


def name_of(kind: str, key: str, lang: str, default: str | None = None) -> str:
    """``key``'s name in ``lang`` from the bundled catalogue, English when untranslated."""
    return catalogue().name(kind, key, lang, default)


def result_name(name: str, lang: str) -> str:
    """A result row's name (party, list, option or candidate) in ``lang``."""
    if lang == "en":
        return name
    book = catalogue()
    for kind in ("parties", "candidates"):
        if book.entry(kind, name) is not None:
            return book.name(kind, name, lang)
    return name


_AFFILIATION = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)\s*$")


def person_name(name: str, lang: str) -> str:
    """A person's name in ``lang``: from ``people``, else from a candidate entry of the same
    person, else English.

    ``people`` holds the office-holders who never stood, keyed by their exact English name;
    an entry without ``lang`` (unverified in one language, or english_only) falls through.
    Candidates are keyed "Name (nominating party)"; an office-holder's name is the part
    before the brackets, so the translation is the candidate entry's translation with its
    own bracketed affiliation removed. A person found in neither is shown in English."""
    if lang == "en":
        return name
    book = catalogue()
    person = book.entry("people", name)
    if person is not None and person.names.get(lang):
        return person.names[lang]
    for key, entry in book.sections["candidates"].items():
        if key == name or (key.startswith(name) and _AFFILIATION.fullmatch(key[len(name):])):
            translated = entry.names.get(lang)
            if translated:
                return _AFFILIATION.sub("", translated)
    return name
